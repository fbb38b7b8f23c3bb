"""``arsheet plan``: propose an even payment plan, print it, and append it to the book.

Example output::

    P0004 for C001, INV-0012: 1,000.00 in 3 monthly instalments
        1  2025-01-31        333.33
        2  2025-02-28        333.33
        3  2025-03-31        333.34
    appended to debt_tracker.xlsx (Payment plans); previous version kept as debt_tracker.xlsx.bak
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.api import Planned, plan
from arsheet.app.display import user_language
from arsheet.errors import ArsheetError

EXIT_OK, EXIT_FAILED = 0, 2


def run_plan(
    path: Path,
    *,
    customer: str,
    document: str | None,
    count: int,
    every: str,
    start: str | None,
    amount: str | None,
    plan_id: str | None,
    dry_run: bool,
    backup: bool,
    out: TextIO | None = None,
) -> int:
    """Propose a plan for the book at ``path``, print it and append it unless ``dry_run``.

    Args:
        path: the workbook.
        customer, document, count, every, start, amount, plan_id, dry_run: as for
            :func:`arsheet.api.plan`; ``start`` as YYYY-MM-DD, ``amount`` as typed.
        backup: keep the previous version as BOOK.xlsx.bak.
        out: where the plan goes (default: standard output); refusals go to standard error.

    Returns:
        0 when the plan was proposed (and appended), 2 when the book refuses it, cannot be
        read or written, or an argument is wrong (one sentence, never a traceback).
    """
    out = out or sys.stdout
    try:
        done = plan(
            path,
            customer=customer,
            document=document,
            count=count,
            every=every,
            start=start,
            amount=amount,
            plan_id=plan_id,
            dry_run=dry_run,
            backup=backup,
        )
    except ArsheetError as failure:
        print(failure.message(user_language()), file=sys.stderr)
        return EXIT_FAILED
    except ValueError as wrong:
        print(f"arsheet plan: {wrong}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as failure:
        # A bug must not greet the user with a traceback; the book was not changed.
        what = f"{type(failure).__name__}: {failure}"
        print(
            f"{path.name}：制定付款计划时发生意外错误（{what}），文件未改动"
            if user_language() == "zh"
            else f"{path.name}: the plan failed with an unexpected error ({what}); "
            "the book is unchanged",
            file=sys.stderr,
        )
        return EXIT_FAILED
    kept = XlsxBook.backup_path(path) if backup else None
    print(_text(done, path, kept), file=out)
    return EXIT_OK


def _text(done: Planned, path: Path, backup: Path | None) -> str:
    """Return the plan and what became of it, in the book's language."""
    zh = done.lang == "zh"
    count = len(done.instalments)
    often = {"week": "每周", "month": "每月"} if zh else {"week": "weekly", "month": "monthly"}
    whose = f"{done.customer_id}, {done.document_no}" if done.document_no else done.customer_id
    head = (
        f"{done.plan_id}（{whose}）：{done.amount:,.2f}，分 {count} 期{often[done.every]}付款"
        if zh
        else f"{done.plan_id} for {whose}: {done.amount:,.2f} in {count} {often[done.every]} "
        f"instalment{'s' if count > 1 else ''}"
    )
    lines = [head] + [f"  {n:>3}  {due}  {money:>12,.2f}" for n, due, money in done.instalments]
    if not done.written:
        lines.append("试运行：未写入任何内容" if zh else "dry run: nothing was written")
    elif zh:
        lines.append(
            f"已添加到 {path.name}（付款计划）"
            + (f"；原版本已保存为 {backup.name}" if backup else "")
        )
    else:
        lines.append(
            f"appended to {path.name} (Payment plans)"
            + (f"; previous version kept as {backup.name}" if backup else "")
        )
    return "\n".join(lines)
