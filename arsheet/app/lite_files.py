"""The two files xlwings Lite needs for arsheet's buttons: main.py and requirements.txt.

Made from :data:`arsheet.buttons.actions.ACTIONS`, one script per button, so that
``arsheet excel-setup BOOK --lite DIR`` writes them for a book in its own language (the How to
use sheet the sheet buttons sit on is named in it) from an installed arsheet, which has no
``macros/`` folder. ``macros/xlwings_lite/`` holds them as made for an English book.
"""

from __future__ import annotations

from arsheet.book.contract import HOW_TO
from arsheet.buttons.actions import ACTIONS
from arsheet.template.howto_buttons import LITE_BUTTONS

#: Each script's docstring, which xlwings Lite shows beside its name.
_DOCS = {
    "recalculate": "Recalculate the grey columns and arsheet's sheets from the sheets as they are.",
    "check": "Check the data: select the first problem's cell and say how many there are.",
    "letters": "Write the dunning notice of the selected row's customer, and log it.",
    "statement": "Write the statement of account of the selected row's customer.",
    "new_plan": "Split the selected invoice (or customer's balance) in three monthly instalments.",
}

_HEAD = '''"""arsheet's buttons in xlwings Lite: paste this file over the add-in's main.py.

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

HOW_TO = "{how_to}"
'''

_SCRIPT = '''

@script{button}
def {name}(book: xw.Book):
    """{doc}"""
    arsheet.buttons.{name}(book)
'''

REQUIREMENTS = """\
# xlwings Lite's requirements.txt for arsheet's buttons (arsheet's macros/README.md).
#
# xlwings: keep the line the add-in wrote here if there is one (it matches the add-in), as long
# as it allows 0.33 or later; else this one. pandas, numpy, pyarrow, lxml and Jinja2 come with
# Pyodide at the versions the add-in's Pyodide has: do not pin them.
xlwings>=0.33,<1
# arsheet, from PyPI; or replace the name by the address of its wheel (build it with
# `pip wheel --no-deps .` in arsheet's source, then put the .whl where the add-in can fetch it,
# e.g. a GitHub release). It installs without its .xlsx file readers here: Lite reads the open
# workbook through xlwings.
arsheet
"""


def main_py(lang: str) -> str:
    """Return main.py for a book in ``lang``: one ``@script`` per button, in ACTIONS' order.

    Example:
        >>> 'HOW_TO = "使用说明"' in main_py("zh")
        True
    """
    scripts = []
    for action in ACTIONS:
        place = LITE_BUTTONS.get(action.name)
        button = f'(button=f"[{place[0]}]{{HOW_TO}}!{place[1]}")' if place else ""
        scripts.append(_SCRIPT.format(button=button, name=action.name, doc=_DOCS[action.name]))
    return _HEAD.format(how_to=HOW_TO.name(lang)) + "".join(scripts)
