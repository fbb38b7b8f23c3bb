"""An .xlsx/.xlsm file as a book of the port: read through the Rust engines, written losslessly.

Example::

    book = XlsxBook(Path("debt_tracker.xlsx"), backup=Path("debt_tracker.xlsx.bak"))
    read = read_book(book)          # arsheet.book.reader
    book.write(columns, sheets, read.lang)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path

from arsheet.adapters.xlsx import tables
from arsheet.adapters.xlsx.append import append_records
from arsheet.adapters.xlsx.marks import book_marks
from arsheet.adapters.xlsx.rawbook import RawBook, open_book
from arsheet.adapters.xlsx.save import check_not_locked, check_writable
from arsheet.adapters.xlsx.writer import write_book
from arsheet.book.content import SheetContent
from arsheet.book.layout import OwnedColumns
from arsheet.book.marks import Marks
from arsheet.book.port import SheetCells, TableRegion


class XlsxBook:
    """The workbook file at ``path``, read on demand; writes replace it atomically.

    Args:
        path: the .xlsx/.xlsm file.
        backup: where a write keeps the previous version, or None for no backup.

    Raises (on first read):
        NotABook: the file cannot be opened as a workbook.
    """

    def __init__(self, path: Path, *, backup: Path | None = None) -> None:
        self._path = path
        self._backup = backup

    @classmethod
    def for_update(cls, path: Path, *, backup: Path | None = None) -> XlsxBook:
        """Open ``path`` to be read and written back, refusing it before anything is read.

        Raises:
            BookLocked: another program has the book open.
            BookReadOnly: the book is marked read-only.
            BookNotWritable: this user may not write it.
        """
        check_not_locked(path)
        check_writable(path)
        return cls(path, backup=backup)

    @property
    def path(self) -> Path:
        """The file."""
        return self._path

    @cached_property
    def _raw(self) -> RawBook:
        return open_book(self._path)

    @property
    def sheet_names(self) -> tuple[str, ...]:
        """The tab names, in tab order."""
        return self._raw.sheet_names

    @property
    def date1904(self) -> bool:
        """Whether the workbook counts dates from 1904."""
        return self._raw.date1904

    def marks(self) -> Marks:
        """Return the marks in workbook.xml's defined names."""
        # Opening checks the file first, so that a damaged or encrypted one is told as such.
        return book_marks(self._raw.path)

    def tables(self, sheet: str) -> tuple[TableRegion, ...]:
        """Return the Tables on tab ``sheet``."""
        return tables.sheet_tables(self._path, sheet)

    def formula_rows(self, sheet: str, col: int) -> set[int]:
        """Return the rows whose cell in column ``col`` of tab ``sheet`` holds a formula."""
        return tables.formula_rows(self._path, sheet, col)

    def cells(self, sheet: str, today: bool = False) -> SheetCells:
        """Return the cells of tab ``sheet`` as text columns."""
        return self._raw.cells(sheet, today)

    def write(
        self, columns: Sequence[OwnedColumns], sheets: Sequence[SheetContent], lang: str
    ) -> None:
        """Write owned columns and owned sheets into the file, atomically, keeping the backup."""
        write_book(self._path, columns, sheets, lang=lang, backup=self._backup)

    def append(self, sheet: str, rows: Sequence[Mapping[str, object]]) -> None:
        """Append ``rows`` to record sheet ``sheet``, growing its Table; atomic like every save.

        See :func:`arsheet.adapters.xlsx.append.append_records`; the book is read afresh after.
        """
        append_records(self, sheet, rows, backup=self._backup)
        self.__dict__.pop("_raw", None)
