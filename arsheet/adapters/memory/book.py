"""A book held as Python values: tabs of rows, workbook names and Tables, read and written in place.

The shape an open workbook hands over too (xlwings gives a sheet's values as a 2-D array and
takes 2-D arrays back): values in, values out, formatting as the port's :class:`Style` vocabulary.
Tests and notebooks build one from records; a recalculation writes owned columns into the rows
and owned sheets as grids, and marks both with workbook names as the file adapter does, so a
second run finds what the first one wrote.

Example::

    book = MemoryBook.from_records({
        "customers": [{"customer_id": "C1", "customer_name": "Acme"}],
        "transactions": [{"document_no": "INV-1", "customer_id": "C1", "type": "invoice",
                          "date": date(2024, 9, 1), "amount": Decimal("100.00")}],
    })
    arsheet.recalc(book, as_of=date(2024, 12, 31))
    book.sheet("Transactions")[1]      # ['INV-1', 'C1', 'Invoice', ..., Decimal('100.00'), ...]
    book.sheet("Summary")              # the owned sheet, rows of values
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from arsheet.adapters.memory.cells import Formula, grid_cells
from arsheet.adapters.memory.content import Cell, Grid, put_cell, python_values, sheet_grid
from arsheet.adapters.memory.records import header_row, record_rows
from arsheet.book.content import SheetContent, Style, owned_style
from arsheet.book.contract import RECORD_SHEETS, SETTINGS, SETTINGS_SHEET
from arsheet.book.layout import OwnedColumns
from arsheet.book.marks import Marks, cell_ref, column_mark, marks_from_names, sheet_mark
from arsheet.book.next_rows import appended_sheet, checked_rows, given_rows, place_rows
from arsheet.book.ownership import place_owned_columns, place_owned_sheets
from arsheet.book.port import SheetCells, TableRegion
from arsheet.errors import CannotWrite

Rows = list[list[object]]


class MemoryBook:
    """A workbook as Python values (see the module docstring).

    Args:
        sheets: tab name -> rows of cell values from A1, in tab order; a cell may be a
            :class:`~arsheet.adapters.memory.cells.Formula` or a
            :class:`~arsheet.adapters.memory.cells.CellError`.
        names: workbook-level defined names -> references (``'Summary'!$A$1``); arsheet's marks
            are among them.
        tables: tab name -> the Excel Tables on it.
        date1904: the book counts dates from 1904.
        name: what messages call the book.
    """

    def __init__(
        self,
        sheets: Mapping[str, Sequence[Sequence[object]] | pd.DataFrame],
        *,
        names: Mapping[str, str] | None = None,
        tables: Mapping[str, Sequence[TableRegion]] | None = None,
        date1904: bool = False,
        name: str = "memory book",
    ) -> None:
        self._sheets: dict[str, Rows] = {tab: _rows(given) for tab, given in sheets.items()}
        self.names: dict[str, str] = dict(names or {})
        self._tables = {tab: tuple(found) for tab, found in (tables or {}).items()}
        self._date1904 = date1904
        self._path = Path(name)
        self._styles: dict[str, dict[Cell, Style]] = {}
        self._links: dict[str, dict[Cell, str]] = {}

    @classmethod
    def from_records(
        cls,
        records: Mapping[str, object],
        *,
        lang: str = "en",
        settings: Mapping[str, object] | None = None,
        name: str = "memory book",
    ) -> MemoryBook:
        """Return a book with one tab per record sheet, the contract's headers in ``lang``.

        Args:
            records: record sheet key (``customers``, ``transactions``, ``payments``,
                ``plans``, ``collection_log``) -> its records, each a mapping of contract
                column key -> value (see :mod:`arsheet.adapters.memory.records`), or a
                pandas DataFrame with those column names.
            lang: ``"en"`` or ``"zh"``: tab names, headers and the labels of choices.
            settings: setting key (``as_of``, ``currency``, ...) -> value, for a Settings tab.
            name: what messages call the book.

        Raises:
            RowsRefused: a record does not fit its sheet, each value that does not located
                at its cell, as an append would be refused.

        Example:
            >>> book = MemoryBook.from_records(
            ...     {"customers": [{"customer_id": "C1", "customer_name": "Acme"}]}, lang="zh"
            ... )
            >>> book.sheet("客户")[0][:2], book.sheet("客户")[1][:2]
            (['客户编号', '客户名称'], ['C1', 'Acme'])
        """
        path = Path(name)
        tabs: dict[str, Rows] = {}
        for sheet in RECORD_SHEETS:
            given = records.get(sheet.key, [])
            rows = given.to_dict("records") if isinstance(given, pd.DataFrame) else given
            tabs[sheet.name(lang)] = [
                header_row(sheet, lang),
                *record_rows(path, sheet, rows, lang),  # type: ignore[arg-type]
            ]
        if settings:
            labels = {s.key: s.label(lang) for s in SETTINGS}
            tabs[SETTINGS_SHEET.name(lang)] = [
                [c.header(lang) for c in SETTINGS_SHEET.columns],
                *([labels[key], value] for key, value in settings.items()),
            ]
        return cls(tabs, name=name)

    def sheet(self, name: str) -> Rows:
        """Return the rows of tab ``name`` (the book's own lists: edits change the book)."""
        return self._sheets[name]

    @property
    def styles(self) -> Mapping[str, Mapping[Cell, Style]]:
        """Tab name -> (row, column) -> the style of each cell arsheet wrote there."""
        return MappingProxyType(self._styles)

    @property
    def links(self) -> Mapping[str, Mapping[Cell, str]]:
        """Tab name -> (row, column) -> where each link arsheet wrote there points."""
        return MappingProxyType(self._links)

    # -- BookSource ------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        """What messages call the book."""
        return self._path

    @property
    def sheet_names(self) -> tuple[str, ...]:
        """The tab names, in tab order."""
        return tuple(self._sheets)

    @property
    def date1904(self) -> bool:
        """Whether the book counts dates from 1904."""
        return self._date1904

    def marks(self) -> Marks:
        """Return the marks among the book's names."""
        return marks_from_names(self.names)

    def tables(self, sheet: str) -> tuple[TableRegion, ...]:
        """Return the Tables on tab ``sheet``."""
        return self._tables.get(sheet, ())

    def formula_rows(self, sheet: str, col: int) -> set[int]:
        """Return the rows whose cell in column ``col`` of tab ``sheet`` holds a formula."""
        rows = self._sheets.get(sheet, [])
        return {
            number
            for number, cells in enumerate(rows, start=1)
            if len(cells) >= col and isinstance(cells[col - 1], Formula)
        }

    def cells(self, sheet: str, today: bool = False) -> SheetCells:
        """Return the cells of tab ``sheet`` as the port's text columns."""
        return grid_cells(self._sheets[sheet], today)

    # -- BookSink --------------------------------------------------------------------------

    def write(
        self, columns: Sequence[OwnedColumns], sheets: Sequence[SheetContent], lang: str
    ) -> None:
        """Write owned columns into their tabs and owned sheets as grids, and mark both."""
        tabs = {tab: [list(r) for r in rows] for tab, rows in self._sheets.items()}
        styles = {tab: dict(found) for tab, found in self._styles.items()}
        links = {tab: dict(found) for tab, found in self._links.items()}
        marks: list[tuple[str, str]] = []
        for owned in columns:
            layout = owned.layout
            if layout.name not in tabs:
                raise CannotWrite(
                    self._path,
                    f"the sheet {layout.name!r} is missing",
                    f"缺少工作表“{layout.name}”",
                )
            places = _write_owned(
                owned, tabs[layout.name], styles.setdefault(layout.name, {}), lang
            )
            marks += [
                (column_mark(layout.key, key), cell_ref(layout.name, col, layout.header_row))
                for key, col in places.items()
            ]
        for content, grid in self._placed(sheets):
            tabs[content.name] = grid.rows
            styles[content.name] = grid.styles
            links[content.name] = grid.links
            marks.append((sheet_mark(content.key), cell_ref(content.name, 1, 1)))
        self._sheets, self._styles, self._links = tabs, styles, links
        for mark, ref in marks:
            self._name(mark, ref)

    def append(self, sheet: str, rows: Sequence[Mapping[str, object]]) -> None:
        """Append ``rows`` (contract column key -> value) after the last record of ``sheet``.

        The rules of :meth:`arsheet.book.port.BookSink.append`, as a file follows them
        (:mod:`arsheet.book.next_rows`, :mod:`arsheet.book.new_records`): choices and flags are
        written as their label in the sheet's header language, money as a ``Decimal``; in a
        Table the rows fill its empty body rows first, then the Table grows below.

        Raises:
            ValueError: ``sheet`` is not the key of a record sheet.
            RowsRefused: a value does not fit its column, a cell is in the way, or the sheet
                cannot take rows; nothing was written.
        """
        contract = appended_sheet(sheet)
        rows = given_rows(rows)
        if not rows:
            return
        place = place_rows(self, contract)
        checked = checked_rows(self, place, contract, rows)
        layout, table = place.layout, place.table
        tab = self._sheets[layout.name]
        for number, cells in enumerate(checked.cells, start=place.first_row):
            for key, value in cells.items():
                put_cell(tab, number, layout.columns[key], value)
        last = place.first_row + len(rows) - 1
        if table is not None and last > table.last_row:
            grown = dataclasses.replace(table, last_body_row=last, last_row=last)
            self._tables[layout.name] = tuple(
                grown if t is table else t for t in self._tables[layout.name]
            )

    def _placed(self, sheets: Sequence[SheetContent]) -> list[tuple[SheetContent, Grid]]:
        """Return each owned sheet under the tab it goes to, as a grid, links following renames.

        See :func:`arsheet.book.ownership.place_owned_sheets`.
        """
        tabs = list(self._sheets)
        placed = place_owned_sheets(sheets, tabs, tabs, self.marks(), self._title)
        return [(content, sheet_grid(content)) for content, _ in placed]

    def _title(self, tab: str) -> str:
        head = self.cells(tab).head(1)
        return head[0][0] if head and head[0] else ""

    def _name(self, name: str, ref: str) -> None:
        """Set a workbook name; a name differing only in case is the same name, as in Excel."""
        for old in [n for n in self.names if n.casefold() == name.casefold()]:
            del self.names[old]
        self.names[name] = ref


def _write_owned(
    owned: OwnedColumns, tab: Rows, styles: dict[Cell, Style], lang: str
) -> dict[str, int]:
    """Write one record sheet's owned columns into its rows; return column key -> column.

    An owned column the layout lacks is added right of every used column, with its header.
    Owned cells of rows that are no records are cleared, down to the Table's last row when a
    Table bounds the data (:class:`arsheet.book.layout.OwnedColumns`).
    """
    layout = owned.layout
    values = owned.values[owned.values.index > layout.header_row].sort_index()
    records = values.index.to_list()
    last = layout.last_row or max([len(tab), *records])
    places: dict[str, int] = {}
    for place in place_owned_columns(layout):
        column, col = place.column, place.col
        if place.added:
            put_cell(tab, layout.header_row, col, column.header(lang))
            styles[(layout.header_row, col)] = Style.HEADER
        places[column.key] = col
        for row in range(layout.header_row + 1, last + 1):
            if row <= len(tab) and len(tab[row - 1]) >= col:
                tab[row - 1][col - 1] = None
            styles.pop((row, col), None)
        if column.key not in values.columns:
            continue
        style = owned_style(column.kind)
        for row, value in zip(records, python_values(values[column.key], style), strict=True):
            put_cell(tab, row, col, value)
            styles[(row, col)] = style
    return places


def _rows(given: Sequence[Sequence[object]] | pd.DataFrame) -> Rows:
    """Return a tab's rows from A1: lists of values, or a frame as its header and its rows."""
    if isinstance(given, pd.DataFrame):
        return [list(given.columns), *(list(row) for row in given.itertuples(index=False))]
    return [list(row) for row in given]
