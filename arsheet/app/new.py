"""``arsheet new``: a fresh workbook from the template, empty or the demo book recalculated."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from arsheet import api
from arsheet.app.display import user_language
from arsheet.errors import ArsheetError


def run_new(
    path: Path,
    *,
    lang: str = "en",
    demo: bool = False,
    force: bool = False,
    today: date | None = None,
) -> int:
    """Create a workbook at ``path``; refuse to overwrite an existing file without ``force``.

    The file appears whole or not at all: it is built beside ``path`` and renamed into place,
    with the permissions the user's umask gives new files.

    Returns:
        0 on success, 2 when the file exists or cannot be written, or is open in another
        program or read-only when ``force`` would replace it.
    """
    zh = user_language() == "zh"
    day = today or date.today()
    try:
        api.new(path, lang=lang, demo=demo, force=force, today=day)
    except ArsheetError as failure:
        print(failure.message("zh" if zh else "en"), file=sys.stderr)
        return 2
    except FileExistsError:
        print(
            f"{path} 已存在；如需覆盖请加 --force"
            if zh
            else f"{path} already exists; add --force to replace it",
            file=sys.stderr,
        )
        return 2
    except ValueError:
        print(
            f"{path}：请使用 .xlsx 或 .xlsm 扩展名"
            if zh
            else f"{path}: the name must end in .xlsx or .xlsm",
            file=sys.stderr,
        )
        return 2
    except OSError as failure:
        reason = failure.strerror or str(failure)
        print(
            f"无法创建 {path}：{reason}" if zh else f"cannot create {path}: {reason}",
            file=sys.stderr,
        )
        return 2
    # The VBA route (issue 12): the buttons run the Python file written beside the book.
    module = path.with_suffix(".py").name if path.suffix.lower() == ".xlsm" else ""
    if lang == "zh":
        print(
            f"已创建 {path}"
            + (f"，已重新计算（截至 {day}）" if demo else "")
            + (f"，按钮运行旁边的 {module}" if module else "")
        )
    else:
        print(
            f"created {path}"
            + (f", recalculated as of {day}" if demo else "")
            + (f", its buttons running {module} beside it" if module else "")
        )
    return 0
