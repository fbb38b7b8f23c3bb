"""The macro-enabled book's one macro: the How to use sheet's panel chooses the button.

A book made by ``arsheet new book.xlsm`` has one VBA macro (xlwings' ``SampleCall``), which runs
``main()`` of the Python module named like the book, which calls :func:`pressed_in_panel`. On
the How to use sheet its panel chose the button: the cell named :data:`ACTION_NAME` holds a
button's label (either language) and the cell named :data:`CUSTOMER_NAME` optionally a
Customer ID. Anywhere else the macro recalculates (the Dashboard's button).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from arsheet.book.contract import HOW_TO
from arsheet.book.marks import ACTION_NAME, CUSTOMER_NAME
from arsheet.buttons.actions import ACTIONS, Action, action_named
from arsheet.buttons.press import Pressed, press


def pressed_in_panel(book: Any, *, today: date | None = None) -> Pressed:
    """Run the button the panel chose on the How to use sheet, else recalculate.

    Args:
        book: the xlwings Book whose macro was run.
        today: what "today" is (default: the system date).

    Returns:
        What the button did; an action label the panel does not know is told in an alert.
    """
    import arsheet.buttons

    if book.sheets.active.name not in HOW_TO.names():
        return arsheet.buttons.recalculate(book, today=today)
    label = _named_text(book, ACTION_NAME)
    action = _action(label) if label else action_named("recalculate")
    if action is None:
        return press(book, "recalculate", lambda told: (_unknown(label, told.lang), None))
    button = getattr(arsheet.buttons, action.name)
    if action.name in ("recalculate", "check"):
        return button(book, today=today)  # type: ignore[no-any-return]
    customer = _named_text(book, CUSTOMER_NAME) or None
    return button(book, customer=customer, today=today)  # type: ignore[no-any-return]


def _action(label: str) -> Action | None:
    """Return the button whose label (either language) or name is ``label``."""
    wanted = label.casefold()
    return next(
        (a for a in ACTIONS if wanted in (a.en.casefold(), a.zh.casefold(), a.name.casefold())),
        None,
    )


def _named_text(book: Any, name: str) -> str:
    """Return the text of the cell named ``name`` ("" when the book has no such name)."""
    import pandas as pd

    from arsheet.book.cells import as_text

    if not book.names.contains(name):
        return ""
    value = book.names[name].refers_to_range.value
    if value is None:
        return ""
    return str(as_text(pd.Series([value], dtype=object)).iloc[0] or "").strip()


def _unknown(label: str, lang: str) -> str:
    """Return that the panel names no button arsheet has, and the ones it has."""
    known = ", ".join(a.label(lang) for a in ACTIONS)
    if lang == "zh":
        return f"面板中的操作“{label}”不存在，请选择：{known}。"
    return f"The panel's action \"{label}\" is not one of arsheet's: {known}."
