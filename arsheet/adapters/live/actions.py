"""What a run does to an open workbook, as data first and xlwings calls second.

A write is all or nothing: every action is worked out (and every refusal raised) before the first
one reaches Excel, then :func:`emit` plays them in order. Values go as whole arrays, cut into
chunks of at most :data:`CHUNK_CELLS` cells (Office.js refuses very large requests).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from arsheet.adapters.live.values import excel_values

if TYPE_CHECKING:
    import xlwings as xw

#: The most cells one write sends.
CHUNK_CELLS = 100_000


@dataclass(frozen=True)
class Area:
    """A rectangle of a sheet, 1-based and inclusive."""

    sheet: str
    top: int
    left: int
    bottom: int
    right: int

    def of(self, book: xw.Book) -> xw.Range:
        """Return the area as a range of ``book``."""
        return book.sheets[self.sheet].range((self.top, self.left), (self.bottom, self.right))


@dataclass(frozen=True)
class PutValues:
    """Write rows of cell values (:func:`~arsheet.adapters.live.values.excel_values`) at a cell."""

    sheet: str
    row: int
    col: int
    rows: np.ndarray


@dataclass(frozen=True)
class SetLook:
    """Give an area a number format, a fill (``#rrggbb``; "" for none) and a font, where set."""

    area: Area
    number_format: str | None = None
    fill: str | None = None
    bold: bool | None = None
    font_color: str | None = None
    font_size: float | None = None


@dataclass(frozen=True)
class ClearLook:
    """Clear the formats of an area (an owned sheet before it is written again)."""

    area: Area


@dataclass(frozen=True)
class AddSheet:
    """Add a worksheet called ``name`` right of ``after``, or left of ``before``."""

    name: str
    after: str | None
    before: str | None


@dataclass(frozen=True)
class SetName:
    """Point the workbook name ``name`` at ``refers_to``; ``exists``: the book has it already."""

    name: str
    refers_to: str
    exists: bool


@dataclass(frozen=True)
class ResizeTable:
    """Make the Table ``table`` of ``sheet`` reach down to row ``last_row``."""

    sheet: str
    table: str
    last_row: int


@dataclass(frozen=True)
class Highlight:
    """Give the cells of ``ref`` whose ``formula`` (relative to its top-left) is true a look."""

    sheet: str
    ref: str
    formula: str
    fill: str | None = None
    font_color: str | None = None
    bold: bool | None = None


@dataclass(frozen=True)
class Arrange:
    """Fit a new sheet's columns to what they hold and freeze its ``frozen`` cells, if any."""

    sheet: str
    frozen: str | None


Action = PutValues | SetLook | ClearLook | AddSheet | SetName | ResizeTable | Highlight | Arrange


def column_values(sheet: str, row: int, col: int, values: Sequence[object]) -> list[PutValues]:
    """Return the writes of one column of values as Excel takes them, from ``row`` down, chunked."""
    column = np.empty((len(values), 1), dtype=object)
    column[:, 0] = values
    return [
        PutValues(sheet, row + start, col, column[start : start + CHUNK_CELLS])
        for start in range(0, len(values), CHUNK_CELLS)
    ]


def grid_values(
    sheet: str, rows: Sequence[Sequence[object]], size: tuple[int, int], date1904: bool
) -> list[PutValues]:
    """Return the writes of rows of values from A1 over ``size`` (rows, columns), None beyond."""
    height, width = size
    if not height or not width:
        return []
    grid = np.full((height, width), None, dtype=object)
    for row, cells in enumerate(rows):
        grid[row, : len(cells)] = cells
    grid.ravel()[:] = excel_values(grid.ravel(), date1904)
    step = max(1, CHUNK_CELLS // width)
    return [
        PutValues(sheet, 1 + start, 1, grid[start : start + step])
        for start in range(0, len(grid), step)
    ]


def emit(book: xw.Book, actions: Sequence[Action]) -> None:
    """Play ``actions`` on ``book``, in order.

    Values go as they are (``raw_value``): they are numbers and text already, and xlwings'
    conversion would read the remote engine's whole sheet again for every range written. An
    empty cell is None to Excel's COM, and ``""`` to Office.js (where null leaves a cell as it
    was).
    """
    blank = "" if book.app.engine.name == "remote" else None
    if not _has_conditional_formats(book):
        actions = [a for a in actions if not isinstance(a, Highlight)]
    for action in actions:
        if isinstance(action, PutValues):
            rows = action.rows
            if blank is not None:
                rows = np.where(pd.isna(rows), blank, rows)
            height, width = rows.shape
            book.sheets[action.sheet].range(
                (action.row, action.col), (action.row + height - 1, action.col + width - 1)
            ).raw_value = rows.tolist()
        elif isinstance(action, SetLook):
            _set_look(action.area.of(book), action)
        elif isinstance(action, ClearLook):
            action.area.of(book).clear_formats()
        elif isinstance(action, AddSheet):
            sheets = book.sheets
            after = sheets[action.after] if action.after else None
            before = sheets[action.before] if action.before and not after else None
            sheets.add(action.name, before=before, after=after)
        elif isinstance(action, SetName):
            _set_name(book, action)
        elif isinstance(action, ResizeTable):
            _resize(book, action)
        elif isinstance(action, Highlight):
            book.sheets[action.sheet].range(action.ref).conditional_formats.add_custom(
                "=" + action.formula,
                fill_color=action.fill,
                font_color=action.font_color,
                font_bold=action.bold,
            )
        else:
            _arrange(book, action)


def _set_look(target: xw.Range, look: SetLook) -> None:
    if look.number_format is not None:
        target.number_format = look.number_format
    if look.fill is not None:
        target.color = look.fill or None
    if look.bold is not None:
        target.font.bold = look.bold
    if look.font_color is not None:
        target.font.color = look.font_color
    if look.font_size is not None:
        target.font.size = look.font_size


def _resize(book: xw.Book, action: ResizeTable) -> None:
    sheet = book.sheets[action.sheet]
    table = sheet.tables[action.table]
    whole = table.range
    right = whole.column + whole.shape[1] - 1
    table.resize(sheet.range((whole.row, whole.column), (action.last_row, right)))


def _has_conditional_formats(book: xw.Book) -> bool:
    """Whether this xlwings can add conditional formats (recent ones only).

    They are a look: an older xlwings goes without them rather than fail half-way through a write.
    """
    return hasattr(book.sheets[0].range("A1"), "conditional_formats")


def _arrange(book: xw.Book, action: Arrange) -> None:
    sheet = book.sheets[action.sheet]
    sheet.autofit("columns")
    if action.frozen:
        sheet.freeze_panes.freeze_at(action.frozen)


def _set_name(book: xw.Book, action: SetName) -> None:
    # Excel's Office.js refuses to add a name that exists: an existing one is pointed anew.
    if action.exists:
        book.names[action.name].refers_to = action.refers_to
    else:
        book.names.add(action.name, action.refers_to)
