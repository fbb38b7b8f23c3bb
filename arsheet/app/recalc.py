"""``arsheet recalc``: recalculate one book or a batch, one summary line per book.

Example output::

    demo.xlsx: recalculated as of 2024-12-31 — 36 customers, open 948,151.34 CNY, overdue
    428,813.22 (45.2%), 0 errors, 1 warning (see the Check sheet), 0.4s; previous version kept
    as demo.xlsx.bak
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.api import FIRST_AS_OF, LAST_AS_OF
from arsheet.api import recalc as recalculate
from arsheet.app.display import format_money, user_language
from arsheet.app.progress import PhaseBar, wants_bar
from arsheet.errors import ArsheetError
from arsheet.pipeline import Recalculated
from arsheet.reports.labels import counted

EXIT_OK, EXIT_DATA_ERRORS, EXIT_FAILED = 0, 1, 2
#: What a shell reports for a program stopped by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130


def run_recalc(
    paths: Sequence[Path],
    *,
    as_of: str | None = None,
    backup: bool = True,
    backup_suffix: str = XlsxBook.DEFAULT_BACKUP_SUFFIX,
    as_json: bool = False,
    out: TextIO | None = None,
) -> int:
    """Recalculate every book in ``paths`` and print one line (or JSON object) per book.

    A failing book does not stop the batch; arsheet's own backups among ``paths`` (what
    ``books/*.xlsx`` matched, in the old ``BOOK.bak.xlsx`` naming) are skipped with a line.
    Ctrl-C stops the run: the book being written is left as it was, and no temporary file stays.

    Args:
        paths: the books.
        as_of: the reporting date as YYYY-MM-DD; default each book's Settings, else today.
        backup: keep the previous version of each book beside it.
        backup_suffix: what is appended to a book's name to name its backup.
        as_json: print JSON objects instead of sentences.
        out: where the lines go (default: standard output).

    Returns:
        0 when every book was recalculated cleanly, 1 when some had data errors (they were
        still recalculated, the errors listed on their Check sheet), 2 when any book failed or
        the arguments are wrong, 130 when interrupted.
    """
    out = out or sys.stdout
    zh = user_language() == "zh"
    try:
        when = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        print(
            f"--as-of {as_of!r} 不是 2024-12-31 这样的日期"
            if zh
            else f"--as-of {as_of!r} is not a date like 2024-12-31",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if when and not FIRST_AS_OF <= when <= LAST_AS_OF:
        print(
            f"--as-of {when} 超出 arsheet 支持的日期范围（{FIRST_AS_OF} 至 {LAST_AS_OF}）"
            if zh
            else f"--as-of {when} is outside the dates arsheet handles "
            f"({FIRST_AS_OF} to {LAST_AS_OF})",
            file=sys.stderr,
        )
        return EXIT_FAILED
    status = EXIT_OK
    for path in paths:
        book = XlsxBook.backed_up_book(path, backup_suffix)
        if book is not None:
            _report_skip(out, path, book, as_json)
            continue
        try:
            target = XlsxBook.backup_path(path, backup_suffix) if backup else None
            status = max(status, _recalc_one(path, when, target, as_json, out))
        except KeyboardInterrupt:
            print(
                f"已中断：{path.name} 保持原样"
                if zh
                else f"interrupted: {path.name} was left as it was",
                file=sys.stderr,
            )
            return EXIT_INTERRUPTED
    return status


def _recalc_one(
    path: Path, as_of: date | None, backup: Path | None, as_json: bool, out: TextIO
) -> int:
    """Recalculate one book, print its line, and return its exit status."""
    started = time.perf_counter()
    bar = PhaseBar(path.name) if path.is_file() and wants_bar(path.stat().st_size) else None
    try:
        # The book is opened here: the command line names its backup (--backup-suffix).
        done = recalculate(XlsxBook.for_update(path, backup=backup), as_of=as_of, progress=bar)
    except ArsheetError as failure:
        _report_failure(out, path, failure.message("en"), failure.message("zh"), as_json)
        return EXIT_FAILED
    except Exception as failure:
        # A bug met in one book must not stop the batch, nor greet the user with a traceback.
        what = f"{type(failure).__name__}: {failure}"
        _report_failure(
            out,
            path,
            f"{path.name}: failed with an unexpected error ({what}); no half-written file was left",
            f"{path.name}：发生意外错误（{what}），未留下写了一半的文件",
            as_json,
        )
        return EXIT_FAILED
    finally:
        if bar:
            bar.close()
    seconds = time.perf_counter() - started
    line = _json_line(done, seconds, backup) if as_json else _text_line(done, seconds, backup)
    print(line, file=out)
    return EXIT_DATA_ERRORS if done.errors else EXIT_OK


def _text_line(done: Recalculated, seconds: float, backup: Path | None) -> str:
    pct = f"{done.overdue_amount / done.open_amount:.1%}" if done.open_amount else "0.0%"
    open_, overdue = format_money(done.open_amount), format_money(done.overdue_amount)
    left = done.left_out
    documents, payments = format_money(left.document_amount), format_money(left.payment_amount)
    if done.lang == "zh":
        return (
            f"{done.path.name}：已重新计算（截至 {done.as_of}）— {done.customers} 个客户，"
            f"未收 {open_} {done.currency}，逾期 {overdue}（{pct}），"
            f"{done.errors} 个错误，{done.warnings} 个警告"
            + ("（见“数据检查”表）" if done.errors or done.warnings else "")
            + (
                f"，{left.rows} 行未计入统计（单据 {left.documents} 张 {documents}，"
                f"收款 {left.payments} 笔 {payments}）"
                if left.rows
                else ""
            )
            + f"，用时 {seconds:.1f} 秒"
            + (f"；原版本已保存为 {backup.name}" if backup else "")
        )
    return (
        f"{done.path.name}: recalculated as of {done.as_of} — "
        f"{counted(done.customers, 'customer')}, "
        f"open {open_} {done.currency}, overdue {overdue} ({pct}), "
        f"{counted(done.errors, 'error')}, {counted(done.warnings, 'warning')}"
        + (" (see the Check sheet)" if done.errors or done.warnings else "")
        + (
            f", left out of the figures: {counted(left.rows, 'row')} "
            f"(documents: {left.documents}, "
            f"{documents}; payments: {left.payments}, {payments})"
            if left.rows
            else ""
        )
        + f", {seconds:.1f}s"
        + (f"; previous version kept as {backup.name}" if backup else "")
    )


def _json_line(done: Recalculated, seconds: float, backup: Path | None) -> str:
    return json.dumps(
        {
            "book": str(done.path),
            "status": "errors" if done.errors else "ok",
            "as_of": done.as_of.isoformat(),
            "currency": done.currency,
            "customers": done.customers,
            "documents": done.documents,
            "payments": done.payments,
            "open_amount": format_money(done.open_amount, grouping=False),
            "overdue_amount": format_money(done.overdue_amount, grouping=False),
            "unapplied_credit": format_money(done.unapplied_credit, grouping=False),
            "errors": done.errors,
            "warnings": done.warnings,
            "left_out": {
                "rows": done.left_out.rows,
                "customers": done.left_out.customers,
                "documents": done.left_out.documents,
                "document_amount": format_money(done.left_out.document_amount, grouping=False),
                "payments": done.left_out.payments,
                "payment_amount": format_money(done.left_out.payment_amount, grouping=False),
            },
            "seconds": round(seconds, 3),
            "backup": str(backup) if backup else None,
        },
        ensure_ascii=False,
    )


def _report_failure(out: TextIO, path: Path, en: str, zh: str, as_json: bool) -> None:
    if as_json:
        line = {"book": str(path), "status": "failed", "message": en}
        print(json.dumps(line, ensure_ascii=False), file=out)
    else:
        print(zh if user_language() == "zh" else en, file=out)


def _report_skip(out: TextIO, path: Path, book: Path, as_json: bool) -> None:
    en = f"{path.name}: skipped, it is arsheet's backup of {book.name}"
    if as_json:
        print(
            json.dumps({"book": str(path), "status": "skipped", "message": en}, ensure_ascii=False),
            file=out,
        )
    elif user_language() == "zh":
        print(f"{path.name}：已跳过，这是 arsheet 为 {book.name} 保留的备份", file=out)
    else:
        print(en, file=out)
