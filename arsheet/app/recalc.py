"""``arsheet recalc``: recalculate one book or a batch, one summary line per book."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from arsheet.app.display import format_money, user_language
from arsheet.app.progress import PhaseBar, wants_bar
from arsheet.errors import ArsheetError
from arsheet.pipeline import Recalculated, recalculate

EXIT_OK, EXIT_DATA_ERRORS, EXIT_FAILED = 0, 1, 2


def backup_path(path: Path, suffix: str) -> Path:
    """Return where the previous version of ``path`` is kept: ``BOOK.bak.xlsx`` by default."""
    return path.with_name(f"{path.stem}{suffix}{path.suffix}")


def run_recalc(
    paths: Sequence[Path],
    *,
    as_of: str | None = None,
    backup_suffix: str | None = ".bak",
    as_json: bool = False,
    out: TextIO | None = None,
) -> int:
    """Recalculate every book in ``paths`` and print one line (or JSON object) per book.

    Returns:
        0 when every book was recalculated cleanly, 1 when some had data errors (they were
        still recalculated, the errors listed on their Check sheet), 2 when any book failed.
    """
    out = out or sys.stdout
    try:
        when = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        print(f"--as-of {as_of!r} is not a date like 2024-12-31", file=sys.stderr)
        return EXIT_FAILED
    status = EXIT_OK
    for path in paths:
        started = time.perf_counter()
        bar = PhaseBar(path.name) if path.is_file() and wants_bar(path.stat().st_size) else None
        try:
            done = recalculate(
                path,
                as_of=when,
                backup=backup_path(path, backup_suffix) if backup_suffix else None,
                progress=bar,
            )
        except ArsheetError as failure:
            if bar:
                bar.close()
            status = EXIT_FAILED
            _report_failure(out, path, failure, as_json)
            continue
        if bar:
            bar.close()
        if done.errors:
            status = max(status, EXIT_DATA_ERRORS)
        seconds = time.perf_counter() - started
        print(_json_line(done, seconds) if as_json else _text_line(done, seconds), file=out)
    return status


def _text_line(done: Recalculated, seconds: float) -> str:
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
        )
    return (
        f"{done.path.name}: recalculated as of {done.as_of} — {done.customers} customers, "
        f"open {open_} {done.currency}, overdue {overdue} ({pct}), "
        f"{done.errors} errors, {done.warnings} warnings"
        + (" (see the Check sheet)" if done.errors or done.warnings else "")
        + (
            f", left out of the figures: {left.rows} rows (documents: {left.documents}, "
            f"{documents}; payments: {left.payments}, {payments})"
            if left.rows
            else ""
        )
        + f", {seconds:.1f}s"
    )


def _json_line(done: Recalculated, seconds: float) -> str:
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
        },
        ensure_ascii=False,
    )


def _report_failure(out: TextIO, path: Path, failure: ArsheetError, as_json: bool) -> None:
    if as_json:
        line = {"book": str(path), "status": "failed", "message": failure.message("en")}
        print(json.dumps(line, ensure_ascii=False), file=out)
    else:
        print(failure.message(user_language()), file=out)
