"""An .xlsx/.xlsm file as a book of the port: read through the Rust engines, written losslessly.

The file is opened once: the package (:mod:`.package`) and the sheet engines (:mod:`.rawbook`)
are kept from the first read to the write, so the date system, the marks, the Tables and the
owned sheets' titles are all read from what was opened then. When the file is replaced in the
meantime (another book object or another run appended to it or recalculated it), a read opens
it again, and a write of figures computed from the old file is refused, so that neither the
other's rows nor its figures are lost.

Example::

    book = XlsxBook(Path("debt_tracker.xlsx"), backup=Path("debt_tracker.xlsx.bak"))
    read = read_book(book)          # arsheet.book.reader
    book.write(columns, sheets, read.lang)
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import ClassVar

from arsheet.adapters.xlsx import filenames, tables
from arsheet.adapters.xlsx.append import append_records
from arsheet.adapters.xlsx.marks import read_marks
from arsheet.adapters.xlsx.rawbook import RawBook, open_book
from arsheet.adapters.xlsx.save import check_writable, create_whole
from arsheet.adapters.xlsx.writer import write_package
from arsheet.book.content import SheetContent
from arsheet.book.layout import OwnedColumns
from arsheet.book.marks import Marks
from arsheet.book.next_rows import given_rows
from arsheet.book.port import SheetCells, TableRegion
from arsheet.errors import BookChanged

#: What tells one version of a file from another: a save replaces it (a new inode) or rewrites
#: it (a new size or modification time).
_Stamp = tuple[int, int, int, int] | None


class XlsxBook:
    """The workbook file at ``path``, read on demand; writes replace it atomically.

    Args:
        path: the .xlsx/.xlsm file.
        backup: where a write keeps the previous version, or None for no backup.

    Raises (on first read):
        NotABook: the file cannot be opened as a workbook.
    """

    #: How a backup is named by default: ``BOOK.xlsx.bak``.
    DEFAULT_BACKUP_SUFFIX: ClassVar[str] = filenames.DEFAULT_BACKUP_SUFFIX

    def __init__(self, path: Path, *, backup: Path | None = None) -> None:
        self._path = path
        self._backup = backup
        self._opened: tuple[_Stamp, RawBook] | None = None

    @classmethod
    def for_update(cls, path: Path, *, backup: Path | None = None) -> XlsxBook:
        """Open ``path`` to be read and written back, refusing it before anything is read.

        Whether another program has the book open is asked once, at the save
        (:func:`.save.replace_atomically`), not here: the book may be opened while it is read,
        and only the check just before the rename keeps that program's work from being lost.

        Raises:
            BookReadOnly: the book is marked read-only.
            BookNotWritable: this user may not write it.
        """
        check_writable(path)
        return cls(path, backup=backup)

    @classmethod
    def create(cls, path: Path, package: bytes) -> XlsxBook:
        """Create the workbook file ``path`` holding ``package``, whole or not at all.

        It gets the permissions the user's umask gives new files; a link is followed.

        Raises:
            OSError: the file could not be written; nothing is left behind.
        """
        create_whole(path, package)
        return cls(path)

    @staticmethod
    def backup_path(path: Path, suffix: str = DEFAULT_BACKUP_SUFFIX) -> Path:
        """Return where a write keeps the previous version of ``path`` (:mod:`.filenames`)."""
        return filenames.backup_path(path, suffix)

    @staticmethod
    def backed_up_book(path: Path, suffix: str = DEFAULT_BACKUP_SUFFIX) -> Path | None:
        """Return the book that ``path`` is a backup of, or None when it is no backup."""
        return filenames.backed_up_book(path, suffix)

    @property
    def path(self) -> Path:
        """The file."""
        return self._path

    @property
    def _raw(self) -> RawBook:
        """The file as opened, opened again if it was replaced since."""
        if self._opened is None or self._opened[0] != self._stamp():
            # Stamped before opening: a save in between makes the next use open it again.
            stamp = self._stamp()
            self._opened = (stamp, open_book(self._path))
        return self._opened[1]

    def _stamp(self) -> _Stamp:
        try:
            found = os.stat(self._path)
        except OSError:
            return None
        return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns

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
        package = self._raw.package
        return read_marks(package.read(package.workbook_part))

    def tables(self, sheet: str) -> tuple[TableRegion, ...]:
        """Return the Tables on tab ``sheet``."""
        return tables.sheet_tables(self._raw.package, sheet)

    def formula_rows(self, sheet: str, col: int) -> set[int]:
        """Return the rows whose cell in column ``col`` of tab ``sheet`` holds a formula."""
        return tables.formula_rows(self._raw.package, sheet, col)

    def cells(self, sheet: str, today: bool = False) -> SheetCells:
        """Return the cells of tab ``sheet`` as text columns."""
        return self._raw.cells(sheet, today)

    def write(
        self, columns: Sequence[OwnedColumns], sheets: Sequence[SheetContent], lang: str
    ) -> None:
        """Write owned columns and owned sheets into the file, atomically, keeping the backup.

        Raises:
            BookChanged: the file was replaced since it was read; nothing was written.
        """
        self._as_read()
        raw = self._raw
        write_package(raw.package, columns, sheets, lang=lang, backup=self._backup, title=raw.title)
        # The file was replaced: a later read opens the new one.
        self._opened = None

    def append(self, sheet: str, rows: Sequence[Mapping[str, object]]) -> None:
        """Append ``rows`` to record sheet ``sheet``, growing its Table; atomic like every save.

        See :func:`arsheet.adapters.xlsx.append.append_records`; the book is read afresh after.

        Raises:
            TypeError: ``rows`` is not a list of mappings (one row given alone, say).
            BookChanged: another program or run saved the file while the rows were being
                written; nothing was written.
        """
        given = given_rows(rows)
        try:
            append_records(self, sheet, given, backup=self._backup, still_as_read=self._as_read)
        finally:
            self._opened = None

    def _as_read(self) -> None:
        """Refuse to go on when the file is no longer the one read."""
        if self._opened is not None and self._opened[0] != self._stamp():
            raise BookChanged(self._path)
