"""``arsheet excel-setup``: how to get arsheet's buttons into Excel for one workbook.

It looks at the book (.xlsx or .xlsm, its language, a VBA project and whether it is arsheet's,
its name as the Python module its macro imports) and at this Python (xlwings and its version),
and prints the steps of each route (:mod:`arsheet.app.excel_steps`) with the exact commands.
It changes no book: the one command that writes a macro-enabled book, ``arsheet buttons``, is
named for the user to run. ``--lite DIR`` writes xlwings Lite's main.py and requirements.txt
for the book (:mod:`arsheet.app.lite_files`) into DIR, beside nothing the user made.

Example output::

    debt_tracker.xlsx: an arsheet workbook in English, without buttons yet.
    1. A macro-enabled copy with the buttons (Excel on Windows or a Mac, with Python)
       arsheet buttons debt_tracker.xlsx
    ...
"""

from __future__ import annotations

import importlib.util
import keyword
import re
import sys
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TextIO

from arsheet.app.display import user_language
from arsheet.app.excel_steps import steps
from arsheet.app.lite_files import REQUIREMENTS, main_py
from arsheet.book.contract import CUSTOMERS, HOW_TO, TRANSACTIONS
from arsheet.book.marks import ACTION_NAME
from arsheet.errors import ArsheetError, NotABook

EXIT_OK, EXIT_NEEDS_YOU, EXIT_FAILED = 0, 1, 2
_VBA_PART, _WORKBOOK_PART = "xl/vbaProject.bin", "xl/workbook.xml"
# Modules a book's module must not be named like: SampleCall would import these instead.
_TAKEN = frozenset({"arsheet", "xlwings", *sys.stdlib_module_names})


@dataclass(frozen=True)
class Workbook:
    """What the setup depends on in one workbook and in this Python.

    Attributes:
        path: the workbook.
        lang: its language (its sheets' names), else the user's.
        ours: it has arsheet's record sheets.
        macro_enabled: it is an .xlsm.
        vba: it holds a VBA project.
        buttons: that project is arsheet's (the button panel's name is there).
        module: the Python module its macro imports (the file name without .xlsm), when usable.
        suggestion: a file name stem that is usable, when ``module`` is not.
        module_file: ``<module>.py`` beside the book; ``module_state`` says what it holds:
            ``"missing"``, ``"arsheet"`` (runs arsheet.excel) or ``"other"``.
        xlwings: the xlwings version installed in this Python, or None.
        python: this Python, the one Excel must run.
        desktop: this computer can run Excel itself (Windows or macOS).
    """

    path: Path
    lang: str
    ours: bool
    macro_enabled: bool
    vba: bool
    buttons: bool
    module: str | None
    suggestion: str
    module_file: Path
    module_state: str
    xlwings: str | None
    python: str
    desktop: bool

    @property
    def needs_you(self) -> bool:
        """Something blocks the desktop routes until the user acts on it."""
        return (
            not self.ours
            or self.module is None
            or self.xlwings is None
            or (self.vba and not self.buttons)
            or self.module_state == "other"
        )


def inspect(path: Path) -> Workbook:
    """Return what the setup of the workbook at ``path`` depends on.

    Raises:
        NotABook: the file is missing, is no .xlsx or .xlsm, or cannot be opened as one.
    """
    from arsheet.adapters.xlsx.book import XlsxBook

    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise NotABook(
            path, "buttons need an .xlsx or .xlsm workbook.", "按钮需要 .xlsx 或 .xlsm 工作簿。"
        )
    if not path.is_file():
        raise NotABook(path, "there is no such file.", "文件不存在。")
    sheets = {name.casefold() for name in XlsxBook(path).sheet_names}
    # The file opened as a workbook: the VBA project and the panel's name are plain zip members.
    with zipfile.ZipFile(path) as package:
        members = set(package.namelist())
        vba = _VBA_PART in members
        names = package.read(_WORKBOOK_PART) if _WORKBOOK_PART in members else b""
    lang = _language(sheets)
    stem = path.stem
    ours = any(n.casefold() in sheets for s in (CUSTOMERS, TRANSACTIONS) for n in s.names())
    module = stem if _usable(stem, path.parent) else None
    module_file = path.with_suffix(".py")
    return Workbook(
        path=path,
        lang=lang or user_language(),
        ours=ours,
        macro_enabled=path.suffix.lower() == ".xlsm",
        vba=vba,
        # The panel's action cell is named only in a book arsheet gave its buttons.
        buttons=vba and ACTION_NAME.encode() in names,
        module=module,
        suggestion=stem if module else _suggested(stem, path.parent),
        module_file=module_file,
        module_state=_module_state(module_file),
        xlwings=_version("xlwings"),
        python=sys.executable,
        desktop=sys.platform in ("win32", "darwin"),
    )


def _language(sheets: set[str]) -> str | None:
    """Return the language of arsheet's sheets among ``sheets`` (casefolded), or None."""
    for lang in ("zh", "en"):
        if any(s.name(lang).casefold() in sheets for s in (CUSTOMERS, TRANSACTIONS, HOW_TO)):
            return lang
    return None


def _usable(stem: str, folder: Path) -> bool:
    """Say whether ``import <stem>`` run beside the book imports the book's own module."""
    if not stem.isidentifier() or keyword.iskeyword(stem) or stem in _TAKEN:
        return False
    found = importlib.util.find_spec(stem)
    return found is None or (found.origin is not None and Path(found.origin).parent == folder)


def _suggested(stem: str, folder: Path) -> str:
    """Return a file name stem like ``stem`` that is usable as the book's module name."""
    name = re.sub(r"\W+", "_", stem).strip("_") or "book"
    if not name[0].isidentifier():
        name = f"book_{name}"
    return name if _usable(name, folder) else f"{name}_book"


def _module_state(module_file: Path) -> str:
    """Return what the book's Python module holds: missing, arsheet's dispatch, or other."""
    if not module_file.is_file():
        return "missing"
    text = module_file.read_text(encoding="utf-8", errors="replace")
    return "arsheet" if "arsheet.excel" in text else "other"


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def write_lite_files(folder: Path, lang: str) -> list[Path]:
    """Write xlwings Lite's main.py and requirements.txt for a book in ``lang`` into ``folder``.

    Files already there with the same text are left as they are.

    Returns:
        The two files.

    Raises:
        ValueError: ``folder`` is a file, or holds a main.py or requirements.txt with other
            text (nothing is written then).
    """
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} is a file, not a folder for main.py and requirements.txt")
    wanted = {folder / "main.py": main_py(lang), folder / "requirements.txt": REQUIREMENTS}
    for file, text in wanted.items():
        if file.exists() and file.read_text(encoding="utf-8") != text:
            raise ValueError(
                f"{file} exists with other text; move it away or choose another folder"
            )
    folder.mkdir(parents=True, exist_ok=True)
    for file, text in wanted.items():
        if not file.exists():
            file.write_text(text, encoding="utf-8")
    return list(wanted)


def run_excel_setup(
    path: Path, *, lite: Path | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Print the steps that give the workbook at ``path`` arsheet's buttons.

    Args:
        path: the workbook (.xlsx or .xlsm).
        lite: a folder to write xlwings Lite's main.py and requirements.txt into.
        out: where the steps go (default: standard output).
        err: where a refusal goes (default: standard error).

    Returns:
        0 when every route can be followed as printed, 1 when something needs the user first
        (xlwings missing, a book name Python cannot import, another VBA project, not an
        arsheet book), 2 when the book cannot be read or the Lite files cannot be written.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        book = inspect(path)
    except ArsheetError as failure:
        print(failure.message(user_language()), file=err)
        return EXIT_FAILED
    written: list[Path] = []
    if lite is not None:
        try:
            written = write_lite_files(lite, book.lang)
        except (ValueError, OSError) as refused:
            print(f"arsheet excel-setup: {refused}", file=err)
            return EXIT_FAILED
    print(steps(book, written), file=out)
    return EXIT_NEEDS_YOU if book.needs_you else EXIT_OK
