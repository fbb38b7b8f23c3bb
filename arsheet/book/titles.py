"""The A1 titles of the sheets arsheet owns, as a new book has them and as a recalculation writes.

A book made before arsheet marked its sheets is recognised by these titles: a tab called "Check"
is arsheet's only when its A1 says so.
"""

from __future__ import annotations

import re

from arsheet.book.contract import DASHBOARD, LANGUAGES, OwnedSheet
from arsheet.reports.labels import LABELS, label

_NEW_BOOK = {
    "en": {"dashboard": "Receivables dashboard", "filled": "filled in by arsheet recalc"},
    "zh": {"dashboard": "应收账款仪表盘", "filled": "由 arsheet recalc 填写"},
}
_DATE = r"\d{4}-\d{2}-\d{2}"


def template_title(sheet: OwnedSheet, lang: str) -> str:
    """Return the A1 title of ``sheet`` in a new book, before any recalculation.

    >>> template_title(DASHBOARD, "en")
    'Receivables dashboard'
    """
    text = _NEW_BOOK[lang]
    if sheet.key == DASHBOARD.key:
        return text["dashboard"]
    return f"{sheet.name(lang)} — {text['filled']}"


def is_arsheet_title(sheet: OwnedSheet, text: str) -> bool:
    """Return whether ``text`` is a title arsheet writes in A1 of ``sheet``, in either language.

    >>> is_arsheet_title(DASHBOARD, "Receivables dashboard as of 2024-09-30")
    True
    >>> is_arsheet_title(DASHBOARD, "My dashboard")
    False
    """
    text = text.strip()
    key = f"{sheet.key}_title"
    for lang in LANGUAGES:
        if text == template_title(sheet, lang):
            return True
        if key in LABELS:
            before, after = label(key, lang, as_of="\0").split("\0")
            if re.fullmatch(re.escape(before) + _DATE + re.escape(after), text):
                return True
    return False
