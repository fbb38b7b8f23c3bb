"""The VBA project a macro-enabled arsheet book carries: xlwings' own, read from xlwings.

No maintained library builds a VBA project from ``.bas`` sources (PyPI's ``ms_ovba`` and
``vbaProject`` are 0.0.1 placeholders), and a hand-written one is a binary nobody can review. So
the project is the one xlwings itself ships in ``quickstart_standalone.xlsm`` (BSD licensed):
its standalone ``xlwings`` module (``RunPython`` without the add-in) and ``Module1.SampleCall``,
which runs ``import <book stem>; <book stem>.main()``. It is read from the xlwings installed
here, so the VBA and the Python side of xlwings are the same version.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from importlib import metadata, resources

from arsheet.errors import NoXlwings

#: The Sub every arsheet button runs (``Module1.SampleCall``).
BUTTON_MACRO = "SampleCall"
#: The module holding it, as LibreOffice names the macro (``Module1.SampleCall``).
BUTTON_MODULE = "Module1"
#: The code names the project's document modules have: the workbook's and its two sheets'.
WORKBOOK_CODE_NAME = "ThisWorkbook"
SHEET_CODE_NAMES = ("Sheet1", "Sheet2")

VBA_PART = "xl/vbaProject.bin"
VBA_CONTENT = "application/vnd.ms-office.vbaProject"
VBA_REL_TYPE = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
MACRO_WORKBOOK_CONTENT = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
_QUICKSTART = "quickstart_standalone.xlsm"


@dataclass(frozen=True)
class VbaProject:
    """A VBA project to put in a book.

    Attributes:
        data: the ``vbaProject.bin`` bytes.
        source: where it came from, kept in the book (``xlwings 0.37.8 quickstart_standalone``).
    """

    data: bytes
    source: str


def xlwings_project() -> VbaProject:
    """Return the VBA project of the installed xlwings' ``quickstart_standalone.xlsm``.

    Raises:
        NoXlwings: xlwings is not installed (``pip install "arsheet[excel]"``), or its
            quickstart book is missing or damaged.
    """
    try:
        version = metadata.version("xlwings")
        book = resources.files("xlwings").joinpath(_QUICKSTART)
        with book.open("rb") as stream, zipfile.ZipFile(stream) as package:
            data = package.read(VBA_PART)
    except (ModuleNotFoundError, metadata.PackageNotFoundError) as exc:
        raise NoXlwings(None) from exc
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise NoXlwings(str(exc)) from exc
    return VbaProject(data, f"xlwings {version} {_QUICKSTART}")
