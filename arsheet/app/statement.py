"""``arsheet statement BOOK (--customer ID | --all)``: statements of account to sign and return.

Example output::

    C002 深圳市恒信电子科技有限公司: 10,068.30 (zh) out/C002-statement.html, out/C002-statement.txt
    1 statement, 2026-12-01 to 2026-12-31

Exit 0 when the statements were written, 2 when the book cannot be read, the customer is
unknown, a template fails or an argument is wrong (one sentence, nothing written).
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from arsheet.api import Stated, statement
from arsheet.app.display import format_money, user_language
from arsheet.errors import ArsheetError

EXIT_OK, EXIT_FAILED = 0, 2


def run_statement(
    path: Path,
    *,
    customer: str | None,
    start: str | None,
    end: str | None,
    out_dir: Path,
    formats: list[str],
    out: TextIO,
    err: TextIO,
) -> int:
    """Write the statements asked for and name each file on ``out``.

    Args:
        path: the workbook.
        customer: the Customer ID; ``None`` for every customer with a balance or a movement.
        start, end: the period as YYYY-MM-DD; default the as-of date's month up to it.
        out_dir: the folder the files go to.
        formats: some of :data:`arsheet.api.STATEMENT_FORMATS`.
        out: where the files are named.
        err: where a failure's one sentence goes.

    Returns:
        0 when written, 2 when nothing could be (never a traceback).
    """
    zh = user_language() == "zh"
    try:
        done = statement(path, customer, start=start, end=end, out=out_dir, formats=formats)
    except ArsheetError as failure:
        print(failure.message(user_language()), file=err)
        return EXIT_FAILED
    except ValueError as wrong:
        print(f"arsheet statement: {wrong}", file=err)
        return EXIT_FAILED
    except OSError as failure:
        print(
            f"无法写入 {out_dir}（{failure.strerror or failure}）"
            if zh
            else f"cannot write to {out_dir} ({failure.strerror or failure})",
            file=err,
        )
        return EXIT_FAILED
    for line in _lines(done, done.lang == "zh"):
        print(line, file=out)
    return EXIT_OK


def _lines(done: Stated, zh: bool) -> list[str]:
    """Return one line per statement, then how many there are and for which period."""
    lines = [
        f"{one.customer_id} {done.names[one.customer_id]}: {format_money(one.closing)} "
        f"({done.languages[one.customer_id]}) "
        + ", ".join(str(file) for file in done.files[one.customer_id])
        for one in done.statements
    ]
    count = len(done.statements)
    if zh:
        lines.append(f"{count} 份对账单，{done.start} 至 {done.end}")
    else:
        plural = "" if count == 1 else "s"
        lines.append(f"{count} statement{plural}, {done.start} to {done.end}")
    return lines
