"""A notice as a ready-to-send e-mail: a MIME message with a text and an HTML part.

What ``arsheet letters --format eml`` writes and ``arsheet send`` sends are the same bytes: the
plain-text letter and the HTML letter as alternatives of one message, and any attachments (the
statement of account) after them. Non-ASCII names and subjects are encoded as RFC 2047 and
the parts as UTF-8, so Chinese text arrives intact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid


@dataclass(frozen=True)
class Attachment:
    """A file attached to a message.

    Attributes:
        filename: the name the customer sees, e.g. ``statement-C001.html``.
        data: its bytes (UTF-8 for a ``text/*`` type).
        mime_type: e.g. ``"text/html"`` or ``"application/pdf"``.
    """

    filename: str
    data: bytes
    mime_type: str


def message(
    *,
    sender: str,
    to: Sequence[str],
    subject: str,
    text: str,
    html: str,
    day: date,
    attachments: Sequence[Attachment] = (),
    sender_name: str = "",
    message_id: str = "",
) -> EmailMessage:
    """Return the e-mail of one notice.

    Args:
        sender: the address it is sent from (the Settings' company e-mail).
        to: the customer's addresses.
        subject: the subject line.
        text: the plain-text letter.
        html: the HTML letter.
        day: the notice's date, the message's Date (at noon, local time).
        attachments: files to attach, in order.
        sender_name: the display name of the sender (the company's name).
        message_id: the Message-ID, e.g. ``<notice.C001.2026-12-02.1@acme.cn>``; one made
            from the sender's domain and a random part when blank. A notice's own ID lets the
            receiving side see a resent notice as the same message.
    """
    mail = EmailMessage(policy=SMTP)
    mail["From"] = Address(sender_name, addr_spec=sender) if sender_name else sender
    mail["To"] = ", ".join(to)
    mail["Subject"] = subject
    mail["Date"] = format_datetime(datetime.combine(day, time(12)).astimezone())
    mail["Message-ID"] = message_id or make_msgid(domain=sender.rpartition("@")[2] or None)
    mail.set_content(text, charset="utf-8")
    mail.add_alternative(html, subtype="html", charset="utf-8")
    for attachment in attachments:
        maintype, _, subtype = attachment.mime_type.partition("/")
        if maintype == "text":
            # As text with its charset, so a mail reader shows Chinese as it was written.
            mail.add_attachment(
                attachment.data.decode("utf-8"),
                subtype=subtype,
                charset="utf-8",
                filename=attachment.filename,
            )
        else:
            mail.add_attachment(
                attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename
            )
    return mail
