"""Notices as files: each letter as HTML, plain text, a ready-to-send e-mail, Word or PDF.

A notice's files are named ``<customer ID>-<letter template>.<format>``
(``C001-first_notice.html``), the customer ID made safe as a file name on every system. Each
file is written whole or not at all (to a temporary name, then renamed), so an interrupted run
never leaves half a letter.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from arsheet.letters.compose import Composed
from arsheet.letters.filenames import safe_name
from arsheet.letters.mail import Attachment, message

#: Every format a notice can be written in, in the order they are made.
FORMATS = ("html", "txt", "eml", "docx", "pdf")
#: What ``arsheet letters`` writes unless told otherwise.
DEFAULT_FORMATS = ("html", "txt")

#: The files to attach to a notice's e-mail (the statement of account), by notice.
Attach = Callable[[Composed], Sequence[Attachment]]


@dataclass(frozen=True)
class Sender:
    """Who notices are e-mailed from: the Settings' company e-mail and name."""

    address: str
    name: str = ""


def file_name(composed: Composed, fmt: str) -> str:
    """Return the name of a notice's file in format ``fmt``: ``C001-first_notice.html``."""
    notice = composed.notice
    return f"{safe_name(notice.customer_id)}-{safe_name(notice.template)}.{fmt}"


def message_id_part(customer_id: str) -> str:
    """Return a customer ID as a part of a Message-ID, one ID to one part.

    An ID of letters, digits, dots and hyphens is kept; any other is its UTF-8 in hex after a
    ``=`` (a character such IDs never hold), so 客户一 and 客户二 stay two messages.

    >>> message_id_part("C-001"), message_id_part("客户一"), message_id_part("C_1")
    ('C-001', '=e5aea2e688b7e4b880', '=435f31')
    """
    if re.fullmatch(r"[A-Za-z0-9.-]+", customer_id):
        return customer_id
    return "=" + customer_id.encode("utf-8").hex()


def notice_message(
    composed: Composed, sender: Sender, attachments: Sequence[Attachment] = ()
) -> EmailMessage:
    """Return a notice as the e-mail ``arsheet send`` sends: text and HTML, then attachments.

    Its Message-ID is the notice's own (customer, day and level at the sender's domain), so
    the same notice written twice is the same message to the receiving side.
    """
    notice = composed.notice
    domain = sender.address.rpartition("@")[2] or "arsheet.invalid"
    customer = message_id_part(notice.customer_id)
    return message(
        sender=sender.address,
        to=composed.to,
        subject=composed.subject,
        text=composed.text,
        html=composed.html,
        day=notice.day,
        attachments=attachments,
        sender_name=sender.name,
        message_id=f"<notice.{customer}.{notice.day.isoformat()}.{notice.level}@{domain}>",
    )


def write_notice(
    composed: Composed,
    formats: Sequence[str],
    out: Path,
    *,
    sender: Sender | None = None,
    attachments: Sequence[Attachment] = (),
) -> list[Path]:
    """Write a notice's files in ``formats`` (PDF aside: see :func:`write_pdfs`) into ``out``.

    Args:
        composed: the notice written out.
        formats: any of ``html``, ``txt``, ``eml``, ``docx``; others are skipped.
        out: the folder, made when missing.
        sender: who the e-mail is from; needed for ``eml``.
        attachments: files the e-mail carries.

    Returns:
        The files written, in the order of ``formats``.
    """
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fmt in formats:
        data = _content(composed, fmt, sender, attachments)
        if data is not None:
            written.append(_write(out / file_name(composed, fmt), data))
    return written


def write_pdfs(html_files: Sequence[Path], out: Path) -> list[Path]:
    """Print the notices' HTML files as PDF beside them, in one LibreOffice run.

    Raises:
        PdfNeedsLibreOffice: LibreOffice is not installed.
        PdfFailed: LibreOffice did not print them all.
    """
    from arsheet.letters.pdf import convert_to_pdf

    return convert_to_pdf(html_files, out)


def _content(
    composed: Composed, fmt: str, sender: Sender | None, attachments: Sequence[Attachment]
) -> bytes | None:
    if fmt == "html":
        return composed.html.encode("utf-8")
    if fmt == "txt":
        return composed.text.encode("utf-8")
    if fmt == "eml":
        if sender is None:
            raise ValueError("an .eml needs the address it is sent from")
        return bytes(notice_message(composed, sender, attachments))
    if fmt == "docx":
        from arsheet.letters.docx import html_to_docx

        return html_to_docx(composed.html, day=composed.notice.day)
    return None


def _write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole: a hidden file beside it, then renamed over it.

    The hidden file is opened as any file is, so the letter gets the user's usual permissions.
    """
    partial = path.with_name(f".{path.name}.part")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path
