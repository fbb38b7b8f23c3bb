"""Where a record sheet's header, columns and data are: found one way for reading and appending.

The header is the best-matching row near the top (:mod:`arsheet.book.headers`), the owned
columns only those that are arsheet's (:mod:`arsheet.book.ownership`), and the data end where
the Table the header heads ends, if there is one (:mod:`arsheet.book.tables`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from arsheet.book.contract import Sheet
from arsheet.book.headers import HEADER_SEARCH_ROWS, find_header, missing_required
from arsheet.book.layout import SheetLayout
from arsheet.book.marks import Marks
from arsheet.book.ownership import claim_columns
from arsheet.book.port import BookSource, SheetCells
from arsheet.book.records import missing_column_problems
from arsheet.book.tables import fit_to_table
from arsheet.core.problems import Problem


@dataclass(frozen=True)
class LocatedSheet:
    """A record sheet as found on its tab.

    Attributes:
        layout: its columns, and ``last_row`` when a Table bounds the data.
        cells: every cell of the tab.
        data: the cells down to the last data row (all of them without a Table).
        lookalikes: warnings for user columns titled like an owned column.
        missing: one error per required column the header lacks; the rows cannot be read.
        below: warnings for record-looking rows left below the Table.
    """

    layout: SheetLayout
    cells: SheetCells
    data: SheetCells
    lookalikes: tuple[Problem, ...]
    missing: tuple[Problem, ...]
    below: tuple[Problem, ...]


def locate_sheet(source: BookSource, sheet: Sheet, name: str, marks: Marks) -> LocatedSheet | None:
    """Return where record sheet ``sheet`` lies on tab ``name``, or None if it has no header.

    Args:
        source: the book.
        sheet: the contract record sheet.
        name: the tab found for it.
        marks: the book's marks.
    """
    found = source.cells(name)
    head = found.head(HEADER_SEARCH_ROWS)
    layout = find_header(sheet, name, head)
    if layout is None:
        return None
    layout, lookalikes = claim_columns(sheet, layout, head[layout.header_row - 1], marks)
    # An owned column the writer adds goes right of every user cell, titled or not.
    last = max(layout.last_column, _rightmost_used(found, layout.header_row))
    layout = dataclasses.replace(layout, last_column=last)
    missing = missing_column_problems(sheet, layout, missing_required(sheet, layout))
    layout, data, below = fit_to_table(source, sheet, layout, found)
    return LocatedSheet(layout, found, data, tuple(lookalikes), tuple(missing), tuple(below))


def _rightmost_used(found: SheetCells, first_row: int) -> int:
    """Return the rightmost column holding a cell in row ``first_row`` or below (0: none)."""
    skip = first_row - 1
    used = [
        number
        for number, column in found.columns.items()
        if column.slice(skip).null_count < len(column) - skip
    ]
    used += [number for number, rows in found.unread.items() if max(rows) >= first_row]
    return max(used, default=0)
