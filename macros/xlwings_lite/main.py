"""arsheet's buttons in xlwings Lite: paste this file over the add-in's main.py.

Each script runs one of arsheet's buttons on the open workbook, through the same pipeline as
``arsheet recalc``, and ends with a message in the book's language. arsheet never saves the
workbook: you save it, as after any edit. requirements.txt beside this file installs arsheet;
arsheet's macros/README.md has the steps.

Recalculate and Check can also be sheet buttons: on the How to use sheet (``HOW_TO`` below:
使用说明 in a Chinese book), draw a shape over the cell each script's ``button`` names, give the
shape the name in brackets (in the name box) and link it to that cell (Link > Place in This
Document). Letters, Statement and New payment plan work on the customer of the selected row,
and clicking a sheet button moves the selection: run them with the add-in's Run button.
"""

import xlwings as xw
from xlwings import script

import arsheet.buttons

HOW_TO = "How to use"


@script(button=f"[arsheet_recalculate]{HOW_TO}!D4")
def recalculate(book: xw.Book):
    """Recalculate the grey columns and arsheet's sheets from the sheets as they are."""
    arsheet.buttons.recalculate(book)


@script(button=f"[arsheet_check]{HOW_TO}!D7")
def check(book: xw.Book):
    """Check the data: select the first problem's cell and say how many there are."""
    arsheet.buttons.check(book)


@script
def letters(book: xw.Book):
    """Write the dunning notice of the selected row's customer, and log it."""
    arsheet.buttons.letters(book)


@script
def statement(book: xw.Book):
    """Write the statement of account of the selected row's customer."""
    arsheet.buttons.statement(book)


@script
def new_plan(book: xw.Book):
    """Split the selected invoice (or customer's balance) in three monthly instalments."""
    arsheet.buttons.new_plan(book)
