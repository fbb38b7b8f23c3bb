"""The book port: what any kind of book hands the reader, and what it takes back from a run.

A :class:`BookSource` gives each sheet's cells as text columns with their sheet rows (the form
both the file engines and a live Excel's 2-D arrays reduce to cheaply), the book's date system,
its marks and its Tables. A :class:`BookSink` takes the owned columns of record sheets and the
content of owned sheets, both in the port's vocabulary (:mod:`arsheet.book.content`,
:mod:`arsheet.book.layout`), and rows appended to record sheets. Adapters (:mod:`arsheet.adapters`)
implement both for a file, a book in memory and, later, an open workbook; nothing above them sees
XML or a file format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pandas as pd
import pyarrow as pa

from arsheet.book.cells import text_series
from arsheet.book.content import SheetContent
from arsheet.book.layout import OwnedColumns
from arsheet.book.marks import Marks

#: Codes of the cells a source cannot give a value for, as problem codes.
NO_VALUE = "formula_without_value"
ERROR_VALUE = "error_value"


@dataclass(frozen=True)
class UnreadCell:
    """A cell the engines read as empty although it is not.

    Attributes:
        row: the 1-based sheet row.
        column: the 1-based column.
        code: :data:`NO_VALUE` or :data:`ERROR_VALUE`.
        value: the error as Excel shows it (``#N/A``); empty for a formula without a value.
    """

    row: int
    column: int
    code: str
    value: str = ""


@dataclass(frozen=True)
class SheetCells:
    """One sheet's cells as text, by column, from row 1 down to its last used row.

    Attributes:
        columns: 1-based column number -> the column's cell text (null when empty), element 0
            being row 1; columns with no cell at all may be absent.
        height: the number of rows, up to the last used one (or the last one of the data, when
            a Table bounds them: columns may then be longer).
        unread: 1-based column number -> sheet row -> each cell whose text is null although it
            is not empty (a formula without a computed value, an error value).
        today: ``(row, column)`` of the cells holding ``=TODAY()`` or ``=NOW()``, when asked for.
    """

    columns: Mapping[int, pa.ChunkedArray]
    height: int
    unread: Mapping[int, Mapping[int, UnreadCell]] = field(default_factory=dict)
    today: frozenset[tuple[int, int]] = frozenset()

    def head(self, rows: int) -> list[list[str]]:
        """Return the first ``rows`` rows as lists of text from column A (``""`` when empty)."""
        width = max(self.columns, default=0)
        grid = [[""] * width for _ in range(min(rows, self.height))]
        for number, column in self.columns.items():
            for row, value in enumerate(column.slice(0, len(grid)).to_pylist()):
                if value is not None:
                    grid[row][number - 1] = value
        return grid

    def unread_in(self, number: int) -> Mapping[int, UnreadCell]:
        """Return sheet row -> unread cell of column ``number``."""
        return self.unread.get(number, {})

    def column(self, number: int, first_row: int) -> pd.Series:
        """Return the cells of column ``number`` from sheet row ``first_row`` down, by row."""
        index = pd.RangeIndex(first_row, self.height + 1)
        column = self.columns.get(number)
        if column is None:
            return text_series(pa.chunked_array([pa.nulls(len(index), pa.string())]), index)
        return text_series(column.slice(first_row - 1, len(index)), index)


@dataclass(frozen=True)
class TableRegion:
    """Where one Table lies on its sheet (1-based rows and columns).

    Attributes:
        name: the Table's name as Excel shows it (``displayName``).
        header_row: the row of its header, or None for a Table without one.
        first_col: its leftmost column.
        last_col: its rightmost column.
        last_body_row: the last row of its body (above the totals row, if any).
        last_row: its last row, the totals row included.
    """

    name: str
    header_row: int | None
    first_col: int
    last_col: int
    last_body_row: int
    last_row: int


class BookSource(Protocol):
    """A book to read: its tabs, date system, marks, Tables and each sheet's cells."""

    @property
    def path(self) -> Path:
        """Where the book is, or what to call it in messages (a book in memory has a name)."""
        ...

    @property
    def sheet_names(self) -> tuple[str, ...]:
        """The tab names, in tab order."""
        ...

    @property
    def date1904(self) -> bool:
        """Whether the book counts dates from 1904 (Excel for Mac's old default)."""
        ...

    def marks(self) -> Marks:
        """Return the marks of what arsheet owns (:mod:`arsheet.book.marks`)."""
        ...

    def tables(self, sheet: str) -> tuple[TableRegion, ...]:
        """Return the Tables on tab ``sheet``."""
        ...

    def formula_rows(self, sheet: str, col: int) -> set[int]:
        """Return the rows whose cell in column ``col`` of tab ``sheet`` holds a formula."""
        ...

    def cells(self, sheet: str, today: bool = False) -> SheetCells:
        """Return the cells of tab ``sheet``; with ``today``, where ``=TODAY()`` is too."""
        ...


class BookSink(Protocol):
    """A book to write: owned columns and owned sheets in one go, and rows appended."""

    def write(
        self, columns: Sequence[OwnedColumns], sheets: Sequence[SheetContent], lang: str
    ) -> None:
        """Write the owned columns and owned sheets (missing ones are added), all or nothing."""
        ...

    def append(self, sheet: str, rows: Sequence[Mapping[str, object]]) -> None:
        """Append ``rows`` (contract column key -> value) to record sheet ``sheet`` (its key).

        Every value is checked as the reader would read it back (:mod:`arsheet.book.new_records`);
        one that does not fit refuses the whole append, located at its new cell, and nothing is
        written. Values, by the column's kind:

        - any column: ``None`` or blank text leaves the cell empty; ``str`` is read as a typed
          cell's text is (``"1,234.50"``, ``"2024-09-30"``, ``"Bank transfer"``, ``"银行转账"``);
        - money: ``Decimal`` or ``int``, in the currency's major unit (``Decimal("1234.50")``,
          ``1234``); at most two decimals, never ``float`` (not exact);
        - dates: ``datetime.date`` (a ``datetime`` only at midnight);
        - whole numbers (terms days, installment): ``int``; IDs: ``str`` or ``int``;
        - choices (type, method, channel, language): the code (``"bank_transfer"``) or any label
          or alias, written as the label in the sheet's header language;
        - flags (disputed, hold dunning): ``bool``, or a Y/N label, written as the label;
        - computed columns cannot be given; a key that is no column of the sheet is refused.

        Rows go after the sheet's last record: into the first empty body rows of its Table,
        then below it, the Table growing; the new rows take the row above's styles, validation
        and formulas.

        Raises:
            ValueError: ``sheet`` is not the key of a record sheet.
            RowsRefused: a value does not fit its column, a cell is in the way, or the sheet
                cannot take rows.
        """
        ...


class BookPort(BookSource, BookSink, Protocol):
    """A book arsheet reads and writes back, as a recalculation does."""
