"""The core is pure: importing it loads no spreadsheet, Excel or template library."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("openpyxl", "xlwings", "python_calamine", "jinja2")


def test_importing_the_core_loads_no_spreadsheet_library() -> None:
    code = (
        "import sys, pkgutil, importlib, arsheet.core\n"
        "for m in pkgutil.iter_modules(arsheet.core.__path__):\n"
        "    importlib.import_module('arsheet.core.' + m.name)\n"
        f"print([n for n in {FORBIDDEN!r} if n in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
