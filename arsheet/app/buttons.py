"""``arsheet buttons``: give an existing workbook arsheet's buttons, through xlwings' VBA project.

Example output::

    buttons added: debt_tracker.xlsm (from debt_tracker.xlsx, which is unchanged), with
    debt_tracker.py beside it; open it in Excel, enable macros, and click Recalculate
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from arsheet.api import buttons
from arsheet.app.display import user_language
from arsheet.errors import ArsheetError

EXIT_OK, EXIT_FAILED = 0, 2


def run_buttons(path: Path, *, backup: bool, out: TextIO | None = None) -> int:
    """Give the book at ``path`` its buttons and say what was done, in the user's language.

    Returns:
        0 when the book has its buttons (now or already), 2 when it is refused, cannot be read
        or written, or the name is wrong (one sentence on standard error, never a traceback).
    """
    out = out or sys.stdout
    zh = user_language() == "zh"
    try:
        done = buttons(path, backup=backup)
    except ArsheetError as failure:
        print(failure.message("zh" if zh else "en"), file=sys.stderr)
        return EXIT_FAILED
    except FileExistsError as exists:
        name = Path(exists.filename).name
        print(
            f"{name} 已存在且不是 arsheet 的带按钮工作簿；请将其移走后重试，未作任何改动"
            if zh
            else f"{name} exists already and is not a book with arsheet's buttons; move it "
            "away and try again; nothing was changed",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except ValueError as wrong:
        print(f"arsheet buttons: {wrong}", file=sys.stderr)
        return EXIT_FAILED
    book, module = done.book.name, done.module.name
    if not done.added:
        print(
            f"{book} 已有 arsheet 的按钮，未作任何改动"
            if zh
            else f"{book} has arsheet's buttons already; nothing was changed",
            file=out,
        )
        return EXIT_OK
    source = (
        ""
        if done.book == path
        else (f"（由 {path.name} 生成，原文件未改动）" if zh else f" (from {path.name}, unchanged)")
    )
    print(
        f"已添加按钮：{book}{source}，并在旁边写入 {module}；请在 Excel 中打开，启用宏，"
        "然后点击“重新计算”"
        if zh
        else f"buttons added: {book}{source}, with {module} beside it; open it in Excel, "
        "enable macros, and click Recalculate",
        file=out,
    )
    return EXIT_OK
