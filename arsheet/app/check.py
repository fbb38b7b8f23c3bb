"""``arsheet check BOOK``: read and validate a workbook, print every problem at its cell.

Example output::

    Transactions!E14: error: due date "2024-13-01" is not a date
    Payments!E3: error: applied to "INV-9" is not a valid document on the Transactions sheet
    2 errors, 0 warnings.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from arsheet.api import check
from arsheet.app.display import user_language
from arsheet.book.messages import severity_label
from arsheet.errors import NotABook
from arsheet.reports.labels import counted

EXIT_CLEAN = 0
EXIT_DATA_ERRORS = 1
EXIT_CANNOT_READ = 2


def run_check(path: Path, out: TextIO) -> int:
    """Check the workbook at ``path`` and print its problems to ``out``.

    Args:
        path: the workbook.
        out: where the report goes.

    Returns:
        0 when there are no errors (warnings allowed), 1 with data errors, 2 when the file
        cannot be read as an arsheet workbook or the check failed (one sentence is printed,
        never a traceback).
    """
    try:
        checked = check(path)
    except NotABook as exc:
        print(exc.message(user_language()), file=out)
        return EXIT_CANNOT_READ
    except Exception as failure:
        # A bug must not pass for data errors (exit 1), nor greet the user with a traceback.
        what = f"{type(failure).__name__}: {failure}"
        print(
            f"{path.name}：检查时发生意外错误（{what}）"
            if user_language() == "zh"
            else f"{path.name}: the check failed with an unexpected error ({what})",
            file=out,
        )
        return EXIT_CANNOT_READ
    sep = "：" if checked.lang == "zh" else ": "
    for item in checked.located:
        label = severity_label(item.severity, checked.lang)
        print(f"{item.place}{sep}{label}{sep}{item.message}", file=out)
    print(_count_line(checked.errors, checked.warnings, checked.lang), file=out)
    return EXIT_DATA_ERRORS if checked.errors else EXIT_CLEAN


def _count_line(errors: int, warnings: int, lang: str) -> str:
    if lang == "zh":
        return f"错误 {errors} 个，警告 {warnings} 个。"
    return f"{counted(errors, 'error')}, {counted(warnings, 'warning')}."
