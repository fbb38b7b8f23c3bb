"""Open an .xlsx package and hand out its sheets as columns of cell text, or say why it cannot.

Two engines read the sheets, both over the calamine parser. fastexcel loads a whole sheet as text
columns in native code (numbers as plain decimals, typed dates as ``"2024-09-01 00:00:00"``, empty
cells as null), the fast path. It converts typed dates in the 1900 date system even in 1904
workbooks, so those are read with python-calamine, whose ``to_python`` gives Python values (typed
dates already in the workbook's own date system) that :func:`cells.as_text` turns into the same
text. Numbers typed into date columns are serials the reader converts itself, so the 1904 flag is
taken from the package (:mod:`.package`), opened once here and kept for the scans and the
writer. Both engines read formulas without a computed value and error cells as empty;
:mod:`arsheet.adapters.xlsx.formula_cells` finds them in the sheet XML.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import fastexcel
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import python_calamine as calamine
from lxml import etree

from arsheet.adapters.xlsx.formula_cells import FormulaCells, scan_sheet
from arsheet.adapters.xlsx.package import Package, damaged
from arsheet.adapters.xlsx.wellformed import WellFormed
from arsheet.book.cells import arrow_text, as_text
from arsheet.book.port import SheetCells, UnreadCell
from arsheet.errors import NotABook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class RawBook:
    """An opened workbook: its package, its tab names, its date system and its sheets' cells."""

    package: Package
    sheet_names: tuple[str, ...]
    date1904: bool
    workbook: calamine.CalamineWorkbook

    @property
    def path(self) -> Path:
        """The file."""
        return self.package.path

    def title(self, name: str) -> str:
        """Return the text of cell A1 of sheet ``name`` (``""`` when empty)."""
        head = self.cells(name).head(1)
        return head[0][0] if head and head[0] else ""

    def rows(self, name: str) -> list[list[object]]:
        """Return every row of sheet ``name`` from A1 as Python values, padded to its width.

        Raises:
            NotABook: the sheet's XML cannot be read.
        """
        try:
            return self.workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except calamine.CalamineError as exc:
            raise damaged(self.path, f"sheet {name!r}: {exc}") from exc

    def cells(self, name: str, today: bool = False) -> SheetCells:
        """Return the cells of sheet ``name`` as text (see :mod:`arsheet.book.cells`).

        Meanwhile, on the other core, one pass over the sheet's XML finds the cells the engines
        read as empty (:mod:`.formula_cells`) and checks that it parses (:mod:`.wellformed`).

        Args:
            name: the tab name.
            today: find the cells holding ``=TODAY()`` or ``=NOW()`` too.

        Raises:
            NotABook: the sheet's XML cannot be read or does not parse.
        """
        with ThreadPoolExecutor(1) as scanner:
            scanned = scanner.submit(self._scan_xml, name, today)
            columns, height = self._text_columns(name)
            found, damage = scanned.result()
        if damage is not None:
            raise damaged(self.path, f"sheet {name!r}: {damage}")
        unread: dict[int, dict[int, UnreadCell]] = {}
        for cell in found.unread:
            unread.setdefault(cell.column, {})[cell.row] = cell
        # A last row holding nothing but such cells is not counted by the engines.
        height = max([height, *(cell.row for cell in found.unread)])
        return SheetCells(_padded(columns, height), height, unread, found.today)

    def _text_columns(self, name: str) -> tuple[dict[int, pa.ChunkedArray], int]:
        if not self.date1904:
            try:
                fast = self._fast_cells(name)
            except fastexcel.FastExcelError:
                fast = None  # python-calamine reads the sheet, or says in one sentence why not
            if fast is not None:
                return fast
        rows = self.rows(name)
        width = max(map(len, rows), default=0)
        grid = pd.DataFrame(rows, columns=range(1, width + 1), dtype=object).fillna("")
        return {number: arrow_text(as_text(grid[number])) for number in grid.columns}, len(rows)

    def _scan_xml(self, name: str, today: bool) -> tuple[FormulaCells, str | None]:
        """Return the sheet's unread cells and why its XML does not parse (None if it does)."""
        package = self.package
        try:
            sheet = package.sheets.get(name)
            if sheet is None:
                return FormulaCells(), None
            check = WellFormed()
            passes = 0

            def read() -> Iterator[bytes]:
                nonlocal passes
                passes += 1
                chunks = package.stream(sheet.part)
                return check.passing(chunks) if passes == 1 else chunks

            found = scan_sheet(read, today)
            # When the scan stopped early for a full parse instead, that parse checked it all.
            return found, check.damage if check.complete else None
        except etree.XMLSyntaxError as exc:  # the full parse, on a sheet without cell addresses
            return FormulaCells(), str(exc).split(" (<string>")[0]

    @cached_property
    def _fastexcel(self) -> fastexcel.ExcelReader:
        return fastexcel.read_excel(self.path)

    def _fast_cells(self, name: str) -> tuple[dict[int, pa.ChunkedArray], int] | None:
        """Return the sheet's text columns, or None when its text could hide a cell's type.

        fastexcel writes TRUE as ``"true"`` and a time of day as a date-time on 1899-12-31, the
        same as a cell where the user typed that text: a customer called "false" must stay
        "false". Such a sheet, rare, is read by python-calamine, which keeps the cell types.
        """
        # Every column as text, so type inference loses no cell; rows from row 1, not from the
        # first used one, so that row numbers are the sheet's.
        sheet = self._fastexcel.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
        batch = sheet.to_arrow()
        columns = {}
        for i, info in enumerate(sheet.selected_columns):
            text = pa.chunked_array([batch.column(i)], type=pa.string())
            if _typed_or_typed_as_text(text):
                return None
            columns[info.absolute_index + 1] = text
        return columns, batch.num_rows


def _padded(columns: dict[int, pa.ChunkedArray], height: int) -> dict[int, pa.ChunkedArray]:
    """Return the columns with null cells added at the bottom, to ``height`` rows each."""
    return {
        number: column
        if len(column) >= height
        else pa.chunked_array([*column.chunks, pa.nulls(height - len(column), pa.string())])
        for number, column in columns.items()
    }


def _typed_or_typed_as_text(text: pa.ChunkedArray) -> bool:
    """Return whether fastexcel's text of a column holds a boolean or a time of day."""
    ambiguous = pc.or_(
        pc.is_in(text, pa.array(["true", "false"])), pc.starts_with(text, "1899-12-31 ")
    )
    return bool(pc.any(ambiguous).as_py())


def open_book(path: Path) -> RawBook:
    """Open ``path`` as an .xlsx/.xlsm package.

    Args:
        path: the workbook file.

    Returns:
        The opened book; sheets are read on demand with :meth:`RawBook.rows`.

    Raises:
        NotABook: the path is missing, a folder, empty, not a zip package (.xls, .csv, text),
            encrypted, damaged, or a zip without a workbook in it.
    """
    if not path.exists():
        raise NotABook(path, "the file does not exist.", "文件不存在。")
    if path.is_dir():
        raise NotABook(path, "it is a folder, not a file.", "这是一个文件夹，不是文件。")
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise NotABook(
            path,
            f"the file cannot be opened ({exc.strerror}).",
            f"无法打开文件（{exc.strerror}）。",
        ) from exc
    if not head:
        raise NotABook(path, "the file is empty.", "文件是空的。")
    if head.startswith(OLE_MAGIC):
        if _ENCRYPTED_STREAM in path.read_bytes():
            raise _encrypted(path)
        raise NotABook(
            path,
            "it is an old-format .xls file; open it in Excel and save it as .xlsx.",
            "这是旧版 .xls 文件，请用 Excel 打开并另存为 .xlsx。",
        )
    if not head.startswith(ZIP_MAGICS):
        raise NotABook(
            path,
            "it is not an Excel .xlsx file (it looks like text, CSV or another format).",
            "这不是 Excel .xlsx 文件（看起来是文本、CSV 或其他格式）。",
        )
    package = Package(path)
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
        names = tuple(workbook.sheet_names)
    except calamine.PasswordError as exc:
        package.close()
        raise _encrypted(path) from exc
    except calamine.CalamineError as exc:
        package.close()
        raise damaged(path, str(exc)) from exc
    return RawBook(package, names, package.date1904, workbook)


def _encrypted(path: Path) -> NotABook:
    return NotABook(
        path,
        "it is password-protected; remove the password in Excel and try again.",
        "文件设有密码保护，请在 Excel 中取消密码后重试。",
    )
