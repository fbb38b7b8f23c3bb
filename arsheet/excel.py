"""The buttons as zero-argument entry points, for VBA's ``RunPython`` and xlwings' ``SampleCall``.

Each runs the button of the same name (:mod:`arsheet.buttons`) on the book that called Python::

    RunPython "import arsheet.excel; arsheet.excel.recalculate()"

A macro-enabled book made by ``arsheet new book.xlsm`` calls :func:`main` instead, from the
module named like the book. This is the one module of arsheet that imports xlwings on import.
"""

from __future__ import annotations

import xlwings as xw

import arsheet.buttons
from arsheet.buttons import Pressed


def recalculate() -> Pressed:
    """Recalculate the calling book (:func:`arsheet.buttons.recalculate`)."""
    return arsheet.buttons.recalculate(xw.Book.caller())


def check() -> Pressed:
    """Check the calling book and select the first problem (:func:`arsheet.buttons.check`)."""
    return arsheet.buttons.check(xw.Book.caller())


def letters() -> Pressed:
    """Write the selected customer's letter (:func:`arsheet.buttons.letters`)."""
    return arsheet.buttons.letters(xw.Book.caller())


def statement() -> Pressed:
    """Write the selected customer's statement (:func:`arsheet.buttons.statement`)."""
    return arsheet.buttons.statement(xw.Book.caller())


def new_plan() -> Pressed:
    """Append a payment plan for the selected customer (:func:`arsheet.buttons.new_plan`)."""
    return arsheet.buttons.new_plan(xw.Book.caller())


def main() -> Pressed:
    """Run the button the How to use sheet's panel chose, else recalculate.

    What a macro-enabled book's ``SampleCall`` runs (:mod:`arsheet.buttons.panel`).
    """
    return arsheet.buttons.pressed_in_panel(xw.Book.caller())
