"""Where a button writes letters and statements: beside the book, else under the user's home.

Excel on the desktop names the book by its path (``C:\\Users\\li\\ar\\book.xlsx``): the files
go to ``letters/<as-of date>/`` beside it, where ``arsheet letters`` puts them too. A book
without a folder on this machine (Excel on the web, xlwings' remote engine, a book on
OneDrive) gets ``~/arsheet/<book name>/letters/<as-of date>/``. xlwings Lite runs in the
browser, whose files the user never sees: there the buttons write none (:func:`has_disk`).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path, PureWindowsPath

from arsheet.letters.environment import OVERRIDE_FOLDER
from arsheet.letters.filenames import safe_name


def has_disk() -> bool:
    """Return whether files written here reach the user: not in xlwings Lite (Pyodide)."""
    return sys.platform != "emscripten"


def beside(fullname: str) -> Path | None:
    """Return the folder of a book named by its full path, None when it has none here."""
    path = Path(fullname)
    if path.is_absolute() and path.parent.is_dir():
        return path.parent
    return None


def output_folder(fullname: str, name: str, as_of: date) -> Path:
    """Return the folder for a day's letters and statements of the book open as ``fullname``.

    Args:
        fullname: the book's full name as Excel gives it (a path on the desktop).
        name: its name (``book.xlsx``).
        as_of: the day of the letters.

    >>> output_folder("book.xlsx", "book.xlsx", date(2026, 12, 2)).parts[-3:]
    ('book', 'letters', '2026-12-02')
    """
    folder = beside(fullname)
    if folder is not None:
        return folder / OVERRIDE_FOLDER / as_of.isoformat()
    stem = PureWindowsPath(name).stem or name
    return Path.home() / "arsheet" / safe_name(stem) / OVERRIDE_FOLDER / as_of.isoformat()
