"""The book port over an open workbook: any xlwings Book, read once and written as whole arrays.

:class:`LiveBook` reads every sheet's used range once, as one 2-D array each
(:mod:`arsheet.adapters.live.read`), and keeps what it read as a
:class:`~arsheet.adapters.memory.MemoryBook`, which answers the port exactly as a book in memory
does (the same text for the same values, the same ownership and append rules). A write or an
append changes that book first, refusing before anything reaches Excel, and then the same
change is sent to Excel as whole arrays (:mod:`arsheet.adapters.live.writes`). xlwings' remote
engine never updates what it was sent, so the book in memory is also the run's view: rows
appended and then read in the same run (a plan appended, then a recalculation) are there.

What each engine allows:

- dates: the remote engine and xlwings Lite send a date-formatted cell as a date, and do not say
  whether the book counts from 1904 (read as 1900); Excel through COM says (``Date1904``);
- formulas: the remote engine sends computed values only, so a formula below a Table reads as
  a typed value there; COM reads a column's formulas as one array;
- ``=TODAY()`` in the Settings' As-of date arrives as the day Excel computed on the user's
  machine, which is then the As-of date: the ``today`` a run is given does not replace it.

The book is never saved: the user saves it, or not.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from arsheet.adapters.live.actions import (
    Action,
    Area,
    ResizeTable,
    SetLook,
    column_values,
    emit,
)
from arsheet.adapters.live.looks import record_format
from arsheet.adapters.live.read import is_date1904, sheet_rows, sheet_tables, workbook_names
from arsheet.adapters.live.values import excel_values
from arsheet.adapters.live.writes import (
    extent,
    mark_actions,
    new_sheet,
    owned_column_actions,
    owned_sheet_actions,
)
from arsheet.adapters.memory import MemoryBook
from arsheet.book.content import SheetContent, owned_style
from arsheet.book.layout import OwnedColumns
from arsheet.book.marks import Marks
from arsheet.book.next_rows import appended_sheet, given_rows, place_rows
from arsheet.book.port import SheetCells, TableRegion

if TYPE_CHECKING:
    import xlwings as xw


class LiveBook:
    """An open workbook as a book of the port (see the module docstring).

    Args:
        book: any xlwings Book (``xw.Book.caller()``, ``xw.books.active``, a remote engine's).
        name: what messages call the book; default its name in Excel.

    Example::

        book = LiveBook(xw.Book.caller())
        arsheet.recalc(book)
        book.added_sheets      # tabs this run added (they have no charts)
    """

    def __init__(self, book: xw.Book, name: str | None = None) -> None:
        self._book = book
        sheets = list(book.sheets)
        self._tabs = [sheet.name for sheet in sheets]
        self._date1904 = is_date1904(book)
        self._memory = MemoryBook(
            {sheet.name: sheet_rows(sheet) for sheet in sheets},
            names=workbook_names(book),
            tables={sheet.name: sheet_tables(sheet) for sheet in sheets},
            date1904=self._date1904,
            name=name or str(book.name),
        )
        self._added: list[str] = []

    @property
    def added_sheets(self) -> tuple[str, ...]:
        """The tabs arsheet added to the book (a sheet added this way has no charts)."""
        return tuple(self._added)

    # -- BookSource ------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        """What messages call the book."""
        return self._memory.path

    @property
    def sheet_names(self) -> tuple[str, ...]:
        """The tab names, in tab order."""
        return tuple(self._tabs)

    @property
    def date1904(self) -> bool:
        """Whether the book counts dates from 1904, where the engine tells."""
        return self._date1904

    def marks(self) -> Marks:
        """Return the marks among the book's names."""
        return self._memory.marks()

    def tables(self, sheet: str) -> tuple[TableRegion, ...]:
        """Return the Tables on tab ``sheet``."""
        return self._memory.tables(sheet)

    def formula_rows(self, sheet: str, col: int) -> set[int]:
        """Return the rows whose cell in column ``col`` holds a formula, where the engine tells.

        The remote engine sends no formulas: there the answer is always empty.
        """
        height = len(self._memory.sheet(sheet))
        if not height:
            return set()
        try:
            found = self._book.sheets[sheet].range((1, col), (height, col)).formula
        except NotImplementedError:
            return set()
        # COM gives one cell's formula as text, a column's as rows of one text each.
        column = [found] if isinstance(found, str) else [cells[0] for cells in found]
        return {row for row, text in enumerate(column, start=1) if str(text).startswith("=")}

    def cells(self, sheet: str, today: bool = False) -> SheetCells:
        """Return the cells of tab ``sheet`` (no ``=TODAY()`` is seen: Excel sends its value)."""
        return self._memory.cells(sheet, today)

    # -- BookSink --------------------------------------------------------------------------

    def write(
        self, columns: Sequence[OwnedColumns], sheets: Sequence[SheetContent], lang: str
    ) -> None:
        """Write owned columns and owned sheets (missing ones added), and mark both; all or nothing.

        Raises:
            CannotWrite: a record sheet is missing; nothing was written.
        """
        memory = self._memory
        before = {tab: extent(memory.sheet(tab)) for tab in self._tabs}
        names = dict(memory.names)
        memory.write(columns, sheets, lang)
        marks = memory.marks()
        tabs = list(self._tabs)
        actions: list[Action] = []
        for owned in columns:
            height = before[owned.layout.name][0]
            actions += owned_column_actions(owned, height, lang, self._date1904)
        added = []
        for content in sheets:
            tab = marks.sheets[content.key]
            if tab not in before:
                where = new_sheet(content.key, tab, tabs, marks)
                tabs.insert(tabs.index(where.after) + 1 if where.after else 0, tab)
                actions.append(where)
                added.append(tab)
            styles = memory.styles.get(tab, {})
            placed = dataclasses.replace(content, name=tab)
            actions += owned_sheet_actions(
                placed, memory.sheet(tab), styles, before.get(tab), self._date1904
            )
        actions += mark_actions(names, memory.names)
        emit(self._book, actions)
        self._tabs = tabs
        self._added += added

    def append(self, sheet: str, rows: Sequence[Mapping[str, object]]) -> None:
        """Append ``rows`` (contract column key -> value) after the last record of ``sheet``.

        The rules of :meth:`arsheet.book.port.BookSink.append`; the values go as Excel takes
        them (:mod:`arsheet.adapters.live.values`), dates and amounts in the record formats,
        and a Table the rows run past grows over them.

        Raises:
            ValueError: ``sheet`` is not the key of a record sheet.
            RowsRefused: a value does not fit its column, a cell is in the way, or the sheet
                cannot take rows; nothing was written.
        """
        contract = appended_sheet(sheet)
        given = given_rows(rows)
        if not given:
            return
        place = place_rows(self._memory, contract)
        self._memory.append(sheet, given)
        layout, table = place.layout, place.table
        first, last = place.first_row, place.first_row + len(given) - 1
        tab = self._memory.sheet(layout.name)
        kinds = {c.key: c.kind for c in contract.inputs}
        actions: list[Action] = []
        for key, col in layout.columns.items():
            if key not in kinds or not any(key in row for row in given):
                continue
            cells = [r[col - 1] if len(r) >= col else None for r in tab[first - 1 : last]]
            actions += column_values(layout.name, first, col, excel_values(cells, self._date1904))
            fmt = record_format(owned_style(kinds[key]))
            if fmt is not None:
                actions.append(SetLook(Area(layout.name, first, col, last, col), number_format=fmt))
        if table is not None and last > table.last_row:
            actions.append(ResizeTable(layout.name, table.name, last))
        emit(self._book, actions)
