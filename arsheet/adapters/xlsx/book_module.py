"""The Python file beside a macro-enabled book, which its buttons run: ``<book stem>.py``.

xlwings' ``SampleCall`` runs ``import <stem>; <stem>.main()``, so the book's name must be a
module name Python can import, and one that does not hide a module arsheet itself imports
(a book called ``json.xlsm`` would). The file only hands over to :func:`arsheet.excel.main`.
"""

from __future__ import annotations

import keyword
import re
import sys
from pathlib import Path

from arsheet.adapters.xlsx.save import create_whole
from arsheet.errors import ModuleFileExists, NotAModuleName

_TAKEN = frozenset(sys.stdlib_module_names) | {"arsheet", "xlwings", "numpy", "pandas", "lxml"}

MODULE_TEXT = '''"""The buttons of the workbook of this name: xlwings runs main() at a click.

Written by arsheet (arsheet new / arsheet buttons); see arsheet's macros/README.md.
"""


def main():
    """Run the button clicked: the How to use panel's action, else Recalculate."""
    import arsheet.excel

    arsheet.excel.main()
'''


def module_path(book: Path) -> Path:
    """Return the Python file the buttons of ``book`` import: its stem with ``.py``.

    Raises:
        NotAModuleName: the stem is not a name Python can import, or hides a module arsheet
            needs; the message suggests one that works.
    """
    stem = book.stem
    if not stem.isidentifier() or keyword.iskeyword(stem) or stem in _TAKEN:
        raise NotAModuleName(book, _suggested(stem) + book.suffix)
    return book.with_name(stem + ".py")


def _suggested(stem: str) -> str:
    """Return a module name like ``stem``: other characters made ``_``, a safe start.

    >>> _suggested("debt tracker-2024")
    'debt_tracker_2024'
    >>> _suggested("2024 账本")
    'book_2024_账本'
    """
    name = re.sub(r"\W", "_", stem).strip("_") or "book"
    if not name.isidentifier() or keyword.iskeyword(name) or name in _TAKEN:
        name = "book_" + name
    return name


def check_module(path: Path) -> None:
    """Refuse when ``path`` exists with other contents than arsheet's module.

    Raises:
        ModuleFileExists: it does.
    """
    if path.exists() and (not path.is_file() or path.read_bytes() != MODULE_TEXT.encode()):
        raise ModuleFileExists(path)


def write_module(path: Path) -> None:
    """Write arsheet's module at ``path`` (whole or not at all), unless it is there already.

    Raises:
        ModuleFileExists: a different file is there.
        OSError: it cannot be written.
    """
    check_module(path)
    if not path.exists():
        create_whole(path, MODULE_TEXT.encode())
