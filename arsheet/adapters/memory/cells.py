"""A tab of Python values as the port's :class:`SheetCells`: the same text the file engines give.

A cell is a plain value (``str``, ``int``, ``float``, ``Decimal``, ``date``/``datetime``, ``bool``,
None or NaN for empty), a :class:`Formula` (its computed value, if any, is what the cell shows) or
a :class:`CellError` (``#N/A``, ``#REF!``, ...), the two kinds of cell the file engines read as
empty although they are not. Values become text through :func:`arsheet.book.cells.as_text`, the
converter the file adapter's python-calamine path uses, so a book in memory and the same book in
a file read alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from arsheet.book.cells import arrow_text, as_text
from arsheet.book.port import ERROR_VALUE, NO_VALUE, SheetCells, UnreadCell

_TODAY = re.compile(r"^=?\s*(?:TODAY|NOW)\(\s*\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class CellError:
    """An error value as Excel shows it, e.g. ``CellError("#N/A")``."""

    text: str


@dataclass(frozen=True)
class Formula:
    """A formula cell: its text (``"=TODAY()"``) and its computed value, None when it has none.

    A book written by a script (openpyxl) holds formulas without a computed value; the reader
    reports them at their cell rather than read them as blank.
    """

    text: str
    value: object = None

    @property
    def is_today(self) -> bool:
        """Whether the formula is just ``TODAY()`` or ``NOW()``."""
        return bool(_TODAY.match(self.text))


def grid_cells(rows: Sequence[Sequence[object]], today: bool = False) -> SheetCells:
    """Return the cells of a tab given as rows of values from A1 (see the module docstring).

    Args:
        rows: the tab's rows, row 1 first; rows may differ in length.
        today: find the cells holding ``=TODAY()`` or ``=NOW()`` too.
    """
    width = max(map(len, rows), default=0)
    padded = [[*cells, *[None] * (width - len(cells))] for cells in rows]
    frame = pd.DataFrame(padded, columns=range(1, width + 1), dtype=object)
    frame.index = pd.RangeIndex(1, len(rows) + 1)
    unread: dict[int, dict[int, UnreadCell]] = {}
    found_today: set[tuple[int, int]] = set()
    columns: dict[int, pd.Series] = {}
    for number in frame.columns:
        column = frame[number]
        formulas = column.map(lambda v: isinstance(v, Formula)).to_numpy(dtype=bool)
        if formulas.any():
            cells = column[formulas]
            if today:
                found_today |= {(int(r), number) for r, f in cells.items() if f.is_today}
            column = column.copy()
            column[formulas] = [f.value for f in cells]
            for row in cells.index[cells.map(lambda f: f.value is None).to_numpy(dtype=bool)]:
                unread.setdefault(number, {})[int(row)] = UnreadCell(int(row), number, NO_VALUE)
        errors = column.map(lambda v: isinstance(v, CellError)).to_numpy(dtype=bool)
        for row, error in column[errors].items():
            unread.setdefault(number, {})[int(row)] = UnreadCell(
                int(row), number, ERROR_VALUE, error.text
            )
        # Errors and formulas without a value are empty to the engines, as is NaN or NaT.
        empty = errors | column.isna().to_numpy(dtype=bool)
        if not empty.all():
            values = column.to_numpy(dtype=object, copy=True)
            values[empty] = None
            columns[number] = pd.Series(values, index=column.index, dtype=object)
    used = [int(c.index[c.notna().to_numpy(dtype=bool)].max()) for c in columns.values()]
    used += [max(rows_) for rows_ in unread.values()]
    height = max(used, default=0)
    return SheetCells(
        {number: arrow_text(as_text(c.iloc[:height])) for number, c in columns.items()},
        height,
        unread,
        frozenset(found_today),
    )
