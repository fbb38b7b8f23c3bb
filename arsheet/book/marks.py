"""The marks by which arsheet knows its own columns and sheets: hidden defined names.

Every owned column carries a workbook-level name ``_arsheet.col.<sheet>.<column>`` pointing at its
header cell, and every owned sheet a name ``_arsheet.sheet.<sheet>`` pointing at its A1. Excel
moves such names with their cells when columns are inserted or deleted and when a sheet is
renamed, so they keep naming what arsheet put there; a deleted column turns its name into
``#REF!`` and is then simply not found. LibreOffice keeps the names (unhidden, sheet names
unquoted), which reads the same. A macro-enabled book made by arsheet also names its buttons'
panel cells and says its VBA project is arsheet's (:data:`BUTTONS_MARK`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from arsheet.book.address import column_letter, column_number

PREFIX = "_arsheet."
_COLUMN = PREFIX + "col."
_SHEET = PREFIX + "sheet."
# 'Sheet name'!$M$1 (quotes doubled inside) or SheetName!$M$1; Excel and LibreOffice write both.
_CELL_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)$")


@dataclass(frozen=True)
class Cell:
    """A cell a mark points at: tab name, 1-based column and row."""

    sheet: str
    col: int
    row: int


@dataclass(frozen=True)
class Marks:
    """The marks found in a workbook.

    Attributes:
        present: the book has at least one arsheet mark (even a broken one), so marks, not
            positions, say what arsheet owns.
        columns: (record sheet key, column key) -> the header cell of that owned column.
        sheets: owned sheet key -> the tab name of that sheet.
    """

    present: bool = False
    columns: dict[tuple[str, str], Cell] = field(default_factory=dict)
    sheets: dict[str, str] = field(default_factory=dict)


def column_mark(sheet_key: str, column_key: str) -> str:
    """Return the defined name marking an owned column, e.g. ``_arsheet.col.payments.applied``."""
    return f"{_COLUMN}{sheet_key}.{column_key}"


#: The name that tells a macro-enabled book's VBA project is arsheet's; it holds where it came from.
BUTTONS_MARK = PREFIX + "buttons"
#: The How to use panel's action cell and customer cell, which the book's one macro reads.
ACTION_NAME = PREFIX + "button.action"
CUSTOMER_NAME = PREFIX + "button.customer"


def sheet_mark(sheet_key: str) -> str:
    """Return the defined name marking an owned sheet, e.g. ``_arsheet.sheet.summary``."""
    return f"{_SHEET}{sheet_key}"


def cell_ref(sheet: str, col: int, row: int) -> str:
    """Return the absolute reference of a cell as a defined name holds it, sheet name quoted.

    >>> cell_ref("It's", 13, 1)
    "'It''s'!$M$1"
    """
    return "'" + sheet.replace("'", "''") + f"'!${column_letter(col)}${row}"


def parse_cell_ref(text: str) -> Cell | None:
    """Return the cell of a one-cell reference such as ``'Summary'!$A$1``, or None (``#REF!``)."""
    found = _CELL_REF.match(text.strip())
    if found is None:
        return None
    quoted, plain, letters, row = found.groups()
    sheet = quoted.replace("''", "'") if quoted is not None else plain
    return Cell(sheet, column_number(letters), int(row))


def marks_from_names(names: Mapping[str, str]) -> Marks:
    """Return the arsheet marks among a book's workbook-level defined names (name -> reference).

    Names are compared without regard to case, as Excel does; of a name given twice the first
    counts, the one the writer keeps.
    """
    found: dict[str, str] = {}
    for name, text in names.items():
        key = name.lower()
        if key.startswith(PREFIX):
            found.setdefault(key, text)
    marks = Marks(present=bool(found))
    for key, text in found.items():
        cell = parse_cell_ref(text)
        if cell is None:
            continue
        if key.startswith(_COLUMN) and key.count(".") == 3:
            sheet_key, column_key = key[len(_COLUMN) :].split(".")
            marks.columns[(sheet_key, column_key)] = cell
        elif key.startswith(_SHEET):
            marks.sheets[key[len(_SHEET) :]] = cell.sheet
    return marks
