"""How the command line shows figures and picks a language before a book has said its own."""

from __future__ import annotations

import os


def format_money(minor: int, *, grouping: bool = True) -> str:
    """Return minor units as a decimal amount, exactly.

    >>> format_money(-123456789)
    '-1,234,567.89'
    >>> format_money(5, grouping=False)
    '0.05'
    """
    sign = "-" if minor < 0 else ""
    units, cents = divmod(abs(minor), 100)
    whole = f"{units:,}" if grouping else str(units)
    return f"{sign}{whole}.{cents:02d}"


def user_language() -> str:
    """Return "zh" when the environment asks for Chinese (ARSHEET_LANG, LC_ALL, LANG), else "en".

    Used for messages about files that could not be read, so no book language is known.
    """
    for name in ("ARSHEET_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
