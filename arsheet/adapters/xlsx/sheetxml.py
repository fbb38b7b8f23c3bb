"""What the byte-level editors of a sheet's XML share: its row and data patterns, and a refusal.

The patcher of owned cells (:mod:`.patch`) and the appender of rows (:mod:`.append_sheet`,
:mod:`.append_rows`) edit the XML as bytes, never parsing a whole sheet; both find rows the same
way and both refuse XML written with namespace prefixes, which byte patterns cannot follow.
"""

from __future__ import annotations

import re
from pathlib import Path

from arsheet.errors import CannotWrite

#: A row's start tag: its attributes, and "/" when it is empty.
ROW_TAG = re.compile(rb"<row\b([^>]*?)(/?)>")
#: A whole row element, empty or not.
ROW_ELEMENT = re.compile(rb"<row\b[^>]*?(?:/>|>.*?</row>)", re.DOTALL)
#: The ``r`` attribute of a row: its number.
ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
#: The start of the sheet's data, "/" when it holds no row.
SHEET_DATA = re.compile(rb"<sheetData\s*(/?)>")
_PREFIXED = re.compile(rb"<(\w+):(worksheet|sheetData|row)\b")


def refuse_prefixes(head: bytes, path: Path, name: str) -> None:
    """Refuse a sheet whose XML, of which ``head`` is the start, uses namespace prefixes.

    Raises:
        CannotWrite: it does; the user is told how to make Excel write it plainly.
    """
    prefixed = _PREFIXED.search(head)
    if prefixed:
        tag = b":".join(prefixed.groups()).decode()
        raise CannotWrite(
            path,
            f"the XML of sheet {name!r} uses namespace prefixes (<{tag}>), which arsheet does "
            "not edit; open the book in Excel, save it, and run arsheet again",
            f"工作表“{name}”的 XML 使用了命名空间前缀（<{tag}>），arsheet 不修改这种 XML；"
            "请在 Excel 中打开并保存该工作簿，再运行 arsheet",
        )
