"""What a run does to an open workbook, as data first and xlwings calls second.

A write is all or nothing: every action is worked out (and every refusal raised) before the first
one reaches Excel, then :func:`emit` plays them in order. Values go as whole arrays, cut into
chunks of at most :data:`CHUNK_CELLS` cells (Office.js refuses very large requests).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
    rows: Sequence[Sequence[object]]


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


Action = PutValues | SetLook | ClearLook | AddSheet | SetName | ResizeTable


def column_values(sheet: str, row: int, col: int, values: Sequence[object]) -> list[PutValues]:
    """Return the writes of one column of values as Excel takes them, from ``row`` down, chunked."""
    return [
        PutValues(sheet, row + start, col, [[v] for v in values[start : start + CHUNK_CELLS]])
        for start in range(0, len(values), CHUNK_CELLS)
    ]


def grid_values(
    sheet: str, rows: Sequence[Sequence[object]], size: tuple[int, int], date1904: bool
) -> list[PutValues]:
    """Return the writes of rows of values from A1 over ``size`` (rows, columns), None beyond."""
    height, width = size
    if not height or not width:
        return []
    padded = [*rows, *[[]] * (height - len(rows))]
    flat = [cell for cells in padded for cell in (*cells, *[None] * (width - len(cells)))]
    written = excel_values(flat, date1904)
    grid = [written[i : i + width] for i in range(0, len(written), width)]
    step = max(1, CHUNK_CELLS // width)
    return [
        PutValues(sheet, 1 + start, 1, grid[start : start + step])
        for start in range(0, len(grid), step)
    ]


def emit(book: xw.Book, actions: Sequence[Action]) -> None:
    """Play ``actions`` on ``book``, in order."""
    for action in actions:
        if isinstance(action, PutValues):
            rows = action.rows
            book.sheets[action.sheet].range(
                (action.row, action.col),
                (action.row + len(rows) - 1, action.col + len(rows[0]) - 1),
            ).value = [list(r) for r in rows]
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
        else:
            _resize(book, action)


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


def _set_name(book: xw.Book, action: SetName) -> None:
    # Excel's Office.js refuses to add a name that exists: an existing one is pointed anew.
    if action.exists:
        book.names[action.name].refers_to = action.refers_to
    else:
        book.names.add(action.name, action.refers_to)
