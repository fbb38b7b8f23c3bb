"""``arsheet send``: e-mail the dunning notices due, print what became of each, record them.

Example output::

    sent       C001  ACME Industries  ap@acme.example  First notice  110.41
    refused    C002  Beta Ltd  ap@beta.example  First notice  550 5.7.1 mailbox full
    no e-mail  C003  Gamma Co  First notice
    1 notice sent and added to debt_tracker.xlsx (Collection log); previous version kept as
    debt_tracker.xlsx.bak
    2 notices not sent: run again once the server takes them or the customers have an address

The password is read from the environment variable ``--password-env`` names, never from the
command line, where other users of the machine and the shell's history would see it.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TextIO

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.api import Sent, send
from arsheet.app.display import format_money, user_language
from arsheet.errors import ArsheetError
from arsheet.letters.outbox import Mailed

EXIT_OK, EXIT_NOT_SENT, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 2, 130

#: How each outcome is shown, by language.
_STATUS = {
    "en": {
        "delivered": "sent",
        "refused": "refused",
        "unsent": "not sent",
        "no_address": "no e-mail",
        "dry_run": "would send",
    },
    "zh": {
        "delivered": "已发送",
        "refused": "被拒收",
        "unsent": "未发送",
        "no_address": "无邮箱",
        "dry_run": "将发送",
    },
}


#: The width of the outcome's column: the longest label (a Chinese one is all of three).
_WIDTH = {"en": 10, "zh": 3}


def run_send(
    path: Path,
    *,
    smtp: str | None,
    security: str,
    user: str | None,
    password_env: str | None,
    dry_run: bool,
    as_of: str | None,
    backup: bool,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Send the e-mail notices of the book at ``path`` and print what became of each.

    Args:
        path: the workbook.
        smtp: the server, ``HOST:PORT``; not needed for a dry run.
        security: ``"none"``, ``"starttls"`` or ``"ssl"``.
        user: the login name, or None for no login.
        password_env: the environment variable holding the login's password.
        dry_run: print who would get which notice; send and record nothing.
        as_of: the notices' date as YYYY-MM-DD, or None.
        backup: keep the previous version as BOOK.xlsx.bak.
        out: where the notices go (default: standard output).
        err: where failures are told (default: standard error).

    Returns:
        0 when every notice due went (or none was due), 1 when one was refused or not sent or
        a customer has no e-mail address, 2 when the book, the server or an argument cannot be
        used (one sentence, never a traceback), 130 when interrupted.
    """
    out, err = out or sys.stdout, err or sys.stderr
    try:
        password = _password(user, password_env)
        if not dry_run and not smtp:
            raise ValueError("--smtp HOST:PORT names the mail server (or use --dry-run)")
        with _terminate_as_interrupt():
            done = send(
                path,
                smtp=smtp,
                security=security,
                user=user or "",
                password=password,
                dry_run=dry_run,
                as_of=as_of,
                backup=backup,
            )
    except ArsheetError as failure:
        print(failure.message(user_language()), file=err)
        return EXIT_FAILED
    except ValueError as wrong:
        print(f"arsheet send: {wrong}", file=err)
        return EXIT_FAILED
    except KeyboardInterrupt:
        zh = user_language() == "zh"
        print(
            "已中断；中断前已发出的催收邮件均已记入催收记录"
            if zh
            else "interrupted; the notices sent before were added to the Collection log",
            file=err,
        )
        return EXIT_INTERRUPTED
    kept = XlsxBook.backup_path(path) if backup and done.delivered else None
    print(_text(done, path, kept), file=out)
    if done.failed:
        print(_failed(done), file=err)
        return EXIT_NOT_SENT
    return EXIT_OK


def _password(user: str | None, variable: str | None) -> str:
    """Return the password from the environment variable named, checking the pair is whole.

    Raises:
        ValueError: a user without a variable, a variable without a user, or a variable
            that is not set.
    """
    if bool(user) != bool(variable):
        raise ValueError("--user and --password-env go together")
    if not variable:
        return ""
    password = os.environ.get(variable)
    if password is None:
        raise ValueError(f"the environment variable {variable} (--password-env) is not set")
    return password


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Treat a termination signal as Ctrl-C, so the notices already delivered are recorded."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _text(done: Sent, path: Path, backup: Path | None) -> str:
    """Return each notice and what became of it, and the sum, in the book's language."""
    zh = done.lang == "zh"
    lines = [_line(m, done.lang) for m in done.notices]
    count = len(done.delivered)
    if not done.notices:
        lines.append(
            f"{done.as_of} 没有到期的催收邮件"
            if zh
            else f"no notice is due by e-mail on {done.as_of}"
        )
    elif done.dry_run:
        lines.append(
            "试运行：未发送也未记录任何内容" if zh else "dry run: nothing was sent or recorded"
        )
    elif count and zh:
        lines.append(
            f"已发送 {count} 封催收邮件，并记入 {path.name}（催收记录）"
            + (f"；原版本已保存为 {backup.name}" if backup else "")
        )
    elif count:
        lines.append(
            f"{count} notice{'s' if count > 1 else ''} sent and added to {path.name} "
            "(Collection log)" + (f"; previous version kept as {backup.name}" if backup else "")
        )
    return "\n".join(lines)


def _line(mailed: Mailed, lang: str) -> str:
    """Return one notice: what became of it, the customer, the addresses, level and amount."""
    to = ", ".join(mailed.to)
    what = (
        mailed.reason
        if mailed.status in ("refused", "unsent")
        else ("" if mailed.status == "no_address" else format_money(mailed.total))
    )
    parts = [
        f"{_STATUS[lang][mailed.status]:<{_WIDTH[lang]}}",
        mailed.customer_id,
        mailed.customer_name,
        to if mailed.status != "no_address" else (f'"{to}"' if to else ""),
        mailed.level_name,
        what,
    ]
    return "  ".join(part for part in parts if part)


def _failed(done: Sent) -> str:
    """Return one sentence on the notices that did not go, in the book's language."""
    failed = done.failed
    no_address = [m.customer_id for m in failed if m.status == "no_address"]
    other = len(failed) - len(no_address)
    if done.lang == "zh":
        parts = [f"{other} 封催收邮件未能发出，可稍后重新运行"] if other else []
        if no_address:
            parts.append(f"客户 {', '.join(no_address)} 没有可用的邮箱，请在客户表中填写")
        return "；".join(parts)
    parts = (
        [f"{other} notice{'s' if other > 1 else ''} not sent: run again to send them"]
        if other
        else []
    )
    if no_address:
        parts.append(
            f"no usable e-mail address for {', '.join(no_address)}: fill it in on Customers"
        )
    return "; ".join(parts)
