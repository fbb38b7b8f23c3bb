"""``arsheet letters``: write the dunning notices due as letters, and say where they went.

Example output::

    2 notices as of 2026-12-02, written to letters/2026-12-02 (html, txt):
      C001  First notice       1,104.10
      C007  Final notice      12,030.00
    1 notice going other than by e-mail recorded in the Collection log of debt_tracker.xlsx;
    previous version kept as debt_tracker.xlsx.bak
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.api import Lettered, letters
from arsheet.app.display import user_language
from arsheet.core.money import format_money
from arsheet.errors import ArsheetError
from arsheet.letters.environment import display_width
from arsheet.reports.labels import label

EXIT_OK, EXIT_NEEDS_USER, EXIT_FAILED = 0, 1, 2


def run_letters(
    path: Path,
    *,
    out: Path | None,
    customers: Sequence[str] | None,
    level: int | None,
    formats: str,
    as_of: str | None,
    dry_run: bool,
    backup: bool,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Write the notices of the book at ``path`` and print where they went.

    Args:
        path: the workbook.
        out, customers, level, as_of, dry_run: as for :func:`arsheet.api.letters`.
        formats: the formats as typed, comma-separated (``html,txt,eml``).
        backup: keep the previous version as BOOK.xlsx.bak when the log is appended to.
        stdout: where the summary goes (default: standard output).
        stderr: where refusals and warnings go (default: standard error).

    Returns:
        0 when every letter asked for was written, 1 when something needs the user (a customer
        without an e-mail address, no Company e-mail to send from), 2 when the book cannot be
        read or written, a template fails or an argument is wrong (one sentence, never a
        traceback).
    """
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    lang = user_language()
    try:
        done = letters(
            path,
            out=out,
            customers=customers,
            level=level,
            formats=[f for f in formats.split(",") if f.strip()],
            as_of=as_of,
            dry_run=dry_run,
            backup=backup,
        )
    except ArsheetError as failure:
        print(failure.message(lang), file=stderr)
        return failure.exit_code
    except ValueError as wrong:
        print(f"arsheet letters: {wrong}", file=stderr)
        return EXIT_FAILED
    except OSError as failure:
        # Letters are written before anything is recorded: the book is as it was.
        where = failure.filename or out or path.parent
        why = failure.strerror or failure
        print(
            f"无法写入 {where}（{why}），工作簿未改动"
            if lang == "zh"
            else f"cannot write {where} ({why}); the book is unchanged",
            file=stderr,
        )
        return EXIT_FAILED
    except Exception as failure:
        # A bug must not greet the user with a traceback; the book was not changed.
        what = f"{type(failure).__name__}: {failure}"
        print(
            f"{path.name}：生成催收函时发生意外错误（{what}），工作簿未改动"
            if lang == "zh"
            else f"{path.name}: the letters failed with an unexpected error ({what}); "
            "the book is unchanged",
            file=stderr,
        )
        return EXIT_FAILED
    kept = XlsxBook.backup_path(path) if backup and done.recorded else None
    print(summary(done, path, kept), file=stdout)
    if dry_run and done.notices:
        print(
            "试运行：未在工作簿中登记"
            if done.lang == "zh"
            else "dry run: nothing was recorded in the book",
            file=stdout,
        )
    if done.no_email:
        print(no_email(done), file=stderr)
        return EXIT_NEEDS_USER
    return EXIT_OK


def summary(done: Lettered, path: Path, backup: Path | None) -> str:
    """Return what was written where, and what was recorded, in the book's language."""
    zh = done.lang == "zh"
    day = done.as_of.isoformat()
    held = [
        f"  {customer}  "
        + (label(f"not_dunned_{why}", done.lang) if why else label("nothing_dunnable", done.lang))
        for customer, why in done.held.items()
    ]
    if not done.notices:
        return "\n".join(
            [
                f"{day} 没有到期的催收通知，未生成任何信函"
                if zh
                else f"no notice is due as of {day}; nothing was written",
                *held,
            ]
        )
    kinds = ", ".join(dict.fromkeys(f.suffix.lstrip(".") for f in done.files))
    where = _shown(done.out)
    count = len(done.notices)
    lines = [
        f"{day} 的催收通知 {count} 份，已写入 {where}（{kinds}）："
        if zh
        else f"{count} notice{'s' if count > 1 else ''} as of {day}, written to {where} ({kinds}):"
    ]
    ids = max(display_width(n.customer_id) for n in done.notices)
    names = max(display_width(n.level_name) for n in done.notices)
    lines += [
        f"  {_padded(n.customer_id, ids)}  {_padded(n.level_name, names)}"
        f"  {format_money(n.total):>14}"
        for n in done.notices
    ]
    if done.recorded:
        lines.append(_recorded(done.recorded, path, backup, zh))
    return "\n".join(lines + held)


def no_email(done: Lettered) -> str:
    """Return who got no e-mail for want of an address, in the book's language."""
    who = ", ".join(done.no_email)
    if done.lang == "zh":
        return f"以下客户没有邮箱地址，未生成邮件（.eml）：{who}；请在“客户”表中填写“邮箱”。"
    return (
        f"no e-mail address for {who}: no .eml was written for them; "
        "add one in the Customers sheet's Email column"
    )


def _recorded(count: int, path: Path, backup: Path | None, zh: bool) -> str:
    if zh:
        return f"已在 {path.name} 的催收记录中登记 {count} 份非邮件通知" + (
            f"；原版本已保存为 {backup.name}" if backup else ""
        )
    notices = f"{count} notice{'s' if count > 1 else ''}"
    return f"{notices} going other than by e-mail recorded in the Collection log of {path.name}" + (
        f"; previous version kept as {backup.name}" if backup else ""
    )


def _padded(text: str, width: int) -> str:
    """Return ``text`` followed by the spaces that make it ``width`` columns wide."""
    return text + " " * (width - display_width(text))


def _shown(folder: Path) -> str:
    """Return ``folder`` relative to where the user is, when it is below it."""
    try:
        return str(folder.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return os.fspath(folder)
