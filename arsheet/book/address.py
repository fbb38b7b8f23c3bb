"""Excel cell addresses: the column letters of A1-style references, both ways."""

from __future__ import annotations


def column_letter(column: int) -> str:
    """Return the letters of a 1-based column number.

    >>> column_letter(1), column_letter(28), column_letter(16384)
    ('A', 'AB', 'XFD')
    """
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """Return the 1-based column number of column letters.

    >>> column_number("AB")
    28
    """
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number
