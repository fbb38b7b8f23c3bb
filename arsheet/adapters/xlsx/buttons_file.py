"""Give a workbook file arsheet's buttons: a macro-enabled copy or the book itself, saved safely.

An .xlsx gets a new .xlsm beside it (Excel refuses an .xlsx holding macros) and stays as it was;
an .xlsm without macros is replaced atomically, its previous version kept as the backup. A book
whose VBA project is the user's own is refused, and one that has arsheet's buttons already is
left alone. The Python file the buttons import (:mod:`.book_module`) is written beside it.
"""

from __future__ import annotations

import errno
import io
from dataclasses import dataclass
from pathlib import Path

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.adapters.xlsx.book_module import check_module, module_path, write_module
from arsheet.adapters.xlsx.macro_book import (
    ButtonBook,
    has_arsheet_buttons,
    has_vba_project,
    write_macro_book,
)
from arsheet.adapters.xlsx.package import Package
from arsheet.adapters.xlsx.rawbook import open_book
from arsheet.adapters.xlsx.save import check_writable, create_whole, replace_atomically
from arsheet.adapters.xlsx.vba import xlwings_project
from arsheet.book.address import column_letter
from arsheet.book.contract import CUSTOMERS
from arsheet.book.reader import read_book
from arsheet.errors import CannotWrite, ForeignMacros

_LAST_ROW = 1048576


@dataclass(frozen=True)
class ButtonsAdded:
    """A book given its buttons.

    Attributes:
        book: the macro-enabled book.
        module: the Python file its buttons import.
        added: whether they were added now (False: the book had them already).
    """

    book: Path
    module: Path
    added: bool


def macro_book_path(path: Path) -> Path:
    """Return the macro-enabled book for ``path``: the .xlsm of an .xlsx, an .xlsm itself.

    Raises:
        ValueError: the name ends in neither .xlsx nor .xlsm.
    """
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm"):
        raise ValueError(f"{path}: the name must end in .xlsx or .xlsm")
    return path.with_suffix(".xlsm") if suffix == ".xlsx" else path


def add_buttons(path: Path, *, backup: Path | None) -> ButtonsAdded:
    """Give the book at ``path`` arsheet's VBA project and buttons, losslessly.

    Args:
        path: an .xlsx (a new .xlsm is made beside it) or an .xlsm (replaced atomically).
        backup: where replacing an .xlsm keeps its previous version, or None for none.

    Raises:
        NotAModuleName: the .xlsm's name is not a Python module name.
        FileExistsError: the .xlsm to make from an .xlsx exists and is not arsheet's.
        ForeignMacros: the book holds a VBA project of its own.
        ModuleFileExists: the Python file beside it exists with other contents.
        NoXlwings: xlwings is not installed.
        NotABook, BookLocked, BookReadOnly, BookNotWritable, CannotWrite: as for recalc.
    """
    target = macro_book_path(path)
    module = module_path(target)
    if target != path and target.exists():
        if _has_buttons(target):
            write_module(module)
            return ButtonsAdded(target, module, added=False)
        raise FileExistsError(errno.EEXIST, "the macro-enabled book exists", str(target))
    package = open_book(path).package
    try:
        if has_vba_project(package):
            if not has_arsheet_buttons(package):
                raise ForeignMacros(path)
            write_module(module)
            return ButtonsAdded(target, module, added=False)
        book = button_book(path)
        project = xlwings_project()
        check_module(module)
        try:
            if target == path:
                check_writable(path)
                replace_atomically(
                    path, lambda stream: write_macro_book(package, book, project, stream), backup
                )
            else:
                data = io.BytesIO()
                write_macro_book(package, book, project, data)
                create_whole(target, data.getvalue())
            write_module(module)
        except OSError as exc:
            raise CannotWrite(target, exc.strerror or str(exc)) from exc
    finally:
        package.close()
    return ButtonsAdded(target, module, added=True)


def macro_package(path: Path) -> bytes:
    """Return the macro-enabled package of the .xlsx at ``path`` (for a new book).

    Raises:
        NoXlwings: xlwings is not installed.
    """
    project = xlwings_project()
    book = button_book(path)
    package = Package(path)
    try:
        data = io.BytesIO()
        write_macro_book(package, book, project, data)
        return data.getvalue()
    finally:
        package.close()


def button_book(path: Path) -> ButtonBook:
    """Return what the buttons of the book at ``path`` need: its language, its customer list."""
    read = read_book(XlsxBook(path))
    layout = read.layouts.get(CUSTOMERS.key)
    customers = None
    if layout is not None and "customer_id" in layout.columns:
        sheet = "'" + layout.name.replace("'", "''") + "'"
        col = column_letter(layout.columns["customer_id"])
        first = f"{sheet}!${col}${layout.header_row + 1}"
        # As many rows as the column has IDs: the list grows as customers are added.
        customers = f"OFFSET({first},0,0,MAX(1,COUNTA({first}:${col}${_LAST_ROW})),1)"
    return ButtonBook(read.lang, customers)


def _has_buttons(path: Path) -> bool:
    package = open_book(path).package
    try:
        return has_arsheet_buttons(package)
    finally:
        package.close()
