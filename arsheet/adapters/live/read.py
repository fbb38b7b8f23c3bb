"""What an open workbook holds, read once through xlwings: each sheet's values, names and Tables.

A sheet is read as one 2-D array from A1 to the last cell of its used range, through xlwings'
own conversion (``ndim=2``: always rows of cells; ``empty=None``; ``err_to_str``: an error value
as its text, ``#N/A``). A date-formatted cell arrives as a ``datetime``, a number as a float
(``60.0``), text as text; an error value becomes a
:class:`~arsheet.adapters.memory.cells.CellError`, which the reader reports at its cell. A text
cell holding exactly an error's text (typed with an apostrophe) cannot be told from the error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from arsheet.adapters.memory.cells import CellError
from arsheet.book.port import TableRegion

if TYPE_CHECKING:
    import xlwings as xw

#: The error values Excel shows in a cell, as xlwings gives them with ``err_to_str``.
ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#UNKNOWN!",
        "#BUSY!",
        "#DATA!",
    }
)


def sheet_rows(sheet: xw.Sheet) -> list[list[object]]:
    """Return the values of ``sheet`` from A1 to the last cell of its used range, as rows."""
    used = sheet.used_range
    rows, cols = used.shape
    last_row, last_col = used.row + rows - 1, used.column + cols - 1
    values = (
        sheet.range((1, 1), (last_row, last_col)).options(ndim=2, empty=None, err_to_str=True).value
    )
    # ndim=2 makes xlwings hand over fresh rows of cells, which are ours to change.
    grid: list[list[object]] = values or []
    return _with_errors(grid)


def _with_errors(grid: list[list[object]]) -> list[list[object]]:
    """Return ``grid`` with each error text as a :class:`CellError` (found column by column)."""
    if not grid or not grid[0]:
        return grid
    frame = pd.DataFrame(grid, dtype=object)
    found = np.argwhere(frame.isin(ERRORS).to_numpy())
    for row, col in found:
        grid[row][col] = CellError(str(grid[row][col]))
    return grid


def workbook_names(book: xw.Book) -> dict[str, str]:
    """Return the book's names -> references without the ``=`` (``'Summary'!$A$1``).

    A name that refers to no range (a constant, a formula, a broken reference) keeps whatever
    xlwings gives, which no mark parses.
    """
    found = {}
    for name in book.names:
        refers_to = name.refers_to
        if isinstance(refers_to, str):
            found[name.name] = refers_to.removeprefix("=")
    return found


def sheet_tables(sheet: xw.Sheet) -> tuple[TableRegion, ...]:
    """Return where each Excel Table of ``sheet`` lies."""
    return tuple(_region(table) for table in sheet.tables)


def _region(table: Any) -> TableRegion:
    whole = table.range
    rows, cols = whole.shape
    last_row = whole.row + rows - 1
    header = table.header_row_range
    totals = table.totals_row_range
    return TableRegion(
        name=table.name,
        header_row=header.row if header is not None else None,
        first_col=whole.column,
        last_col=whole.column + cols - 1,
        last_body_row=last_row - 1 if totals is not None else last_row,
        last_row=last_row,
    )


def is_date1904(book: xw.Book) -> bool:
    """Return whether the book counts dates from 1904, where the engine tells (Excel's COM).

    The remote engine and xlwings Lite send dates already converted and do not tell; a serial
    number typed into a date column is then read in the 1900 system.
    """
    return bool(getattr(book.api, "Date1904", False))
