"""How the command line shows figures and picks a language before a book has said its own."""

from __future__ import annotations

import os

from arsheet.core.money import format_money

__all__ = ["format_money", "user_language"]


def user_language() -> str:
    """Return "zh" when the environment asks for Chinese (ARSHEET_LANG, LC_ALL, LANG), else "en".

    Used for messages about files that could not be read, so no book language is known.
    """
    for name in ("ARSHEET_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
