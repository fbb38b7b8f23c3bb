"""The port's content as Python values: what a book in memory holds after a recalculation.

Values are what a pandas user (or xlwings) expects in cells: money as exact ``Decimal`` in major
units (``Decimal("1234.50")``), dates as ``date``, whole numbers as ``int``, days and ratios as
``float``, text as ``str``; an empty cell is None. Styles stay the port's vocabulary
(:class:`arsheet.book.content.Style`), never a number format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from arsheet.book.content import SheetContent, Style, value_style

#: A cell address on a tab: 1-based (row, column).
Cell = tuple[int, int]

_CONVERT: dict[Style, Callable[[object], object]] = {
    Style.MONEY: lambda cents: major_units(int(cents)),  # type: ignore[call-overload]
    Style.DATE: lambda stamp: pd.Timestamp(stamp).date(),  # type: ignore[arg-type]
    Style.INT: lambda number: int(number),  # type: ignore[call-overload]
    Style.NUMBER: lambda number: float(number),  # type: ignore[arg-type]
    Style.PERCENT: lambda number: float(number),  # type: ignore[arg-type]
}


def major_units(cents: int) -> Decimal:
    """Return an amount in integer minor units as an exact decimal of major units.

    >>> major_units(123450), major_units(-5)
    (Decimal('1234.50'), Decimal('-0.05'))
    """
    return Decimal(cents).scaleb(-2)


def python_values(values: pd.Series, style: Style) -> list[object]:
    """Return a column of the port's values (:class:`Style` says which) as cell values.

    >>> python_values(pd.Series([123456, None], dtype="Int64"), Style.MONEY)
    [Decimal('1234.56'), None]
    """
    convert = _CONVERT.get(value_style(style), str)
    empty = values.isna().to_numpy(dtype=bool)
    return [None if gap else convert(value) for value, gap in zip(values, empty, strict=True)]


@dataclass
class Grid:
    """One owned sheet as rows of values, with each written cell's style and link."""

    rows: list[list[object]] = field(default_factory=list)
    styles: dict[Cell, Style] = field(default_factory=dict)
    links: dict[Cell, str] = field(default_factory=dict)

    def put(self, row: int, col: int, value: object, style: Style) -> None:
        """Set the cell at ``row``, ``col`` (1-based) and its style."""
        put_cell(self.rows, row, col, value)
        self.styles[(row, col)] = style


def put_cell(rows: list[list[object]], row: int, col: int, value: object) -> None:
    """Set the cell at ``row``, ``col`` (1-based) of ``rows``, growing them as needed."""
    while len(rows) < row:
        rows.append([])
    cells = rows[row - 1]
    cells.extend([None] * (col - len(cells)))
    cells[col - 1] = value


def sheet_grid(content: SheetContent) -> Grid:
    """Return an owned sheet's blocks laid out as a :class:`Grid`; a later block wins overlaps."""
    grid = Grid()
    for block in content.blocks:
        first = block.row
        if block.headers is not None:
            for i, text in enumerate(block.headers):
                grid.put(first, block.col + i, text, Style.HEADER)
            first += 1
        for i, style in enumerate(block.styles):
            column = python_values(block.frame.iloc[:, i], style)
            for row, value in enumerate(column, start=first):
                grid.put(row, block.col + i, value, style)
        if block.links is not None:
            for row, link in enumerate(block.links, start=first):
                if isinstance(link, str):
                    grid.links[(row, block.col)] = link
    width = max(map(len, grid.rows), default=0)
    for cells in grid.rows:
        cells.extend([None] * (width - len(cells)))
    return grid
