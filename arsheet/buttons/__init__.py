"""The Excel buttons: one library function per button, run on an open workbook through xlwings.

Each takes any xlwings Book (Excel on Windows or macOS, xlwings Lite, the remote engine),
runs one function of :mod:`arsheet.api` on it through the live adapter, never saves it, and
ends with an alert in the book's language. :mod:`arsheet.excel` has the same buttons as
zero-argument entry points for VBA's ``RunPython``. Importing this package imports neither
xlwings nor a file engine.
"""

from __future__ import annotations

from arsheet.buttons.customer import letters, new_plan, statement
from arsheet.buttons.figures import check, recalculate
from arsheet.buttons.panel import pressed_in_panel
from arsheet.buttons.press import Pressed

__all__ = [
    "Pressed",
    "check",
    "letters",
    "new_plan",
    "pressed_in_panel",
    "recalculate",
    "statement",
]
