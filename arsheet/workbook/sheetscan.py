"""Find the rows and cells of a stretch of sheet XML with numpy, a few vector passes over its bytes.

Excel, XlsxWriter, openpyxl and LibreOffice all start ``<row`` and ``<c`` tags with their ``r``
address. For such XML the row numbers and every cell's column come out of byte comparisons over
the whole stretch at once, several times faster than a regular expression stepping from match to
match; anything else (an address elsewhere or missing, a prefixed namespace) is left to the
caller's slower, general reading.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_LT, _SLASH, _QUOTE, _SPACE, _EQUALS = (ord(c) for c in '</" =')
_C, _R, _O, _W = (ord(c) for c in "crow")
_ZERO, _A, _Z = ord("0"), ord("A"), ord("Z")
# Lookahead past a tag's start: '<row r="' and seven digits, or '<c r="' and three letters.
_AHEAD = 16
_MAX_ROW_DIGITS = 7


@dataclass(frozen=True)
class Scan:
    """The rows and cells of a stretch of sheet XML, in document order.

    Attributes:
        rows: the ``r`` number of every ``<row>`` start tag.
        columns: the 1-based column of every ``<c>`` start tag.
    """

    rows: np.ndarray
    columns: np.ndarray


def scan(xml: bytes) -> Scan | None:
    """Return the row numbers and cell columns of ``xml``, or None if it is not laid out simply.

    Simple means every row tag reads ``<row r="N"`` and every cell tag ``<c r="XN"``, with up to
    seven digits and three capital letters.

    >>> found = scan(b'<row r="7"><c r="B7"><v>1</v></c><c r="AA7"/></row>')
    >>> found.rows.tolist(), found.columns.tolist()
    ([7], [2, 27])
    >>> scan(b'<row r="7"><c s="1" r="B7"/></row>') is None
    True
    """
    size = len(xml)
    if size < 2:
        return Scan(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    data = np.frombuffer(xml + b"\0" * _AHEAD, dtype=np.uint8)
    opens = data[: size - 1] == _LT
    rows = _rows(data, np.flatnonzero(opens & (data[1:size] == _R)))
    columns = _columns(data, np.flatnonzero(opens & (data[1:size] == _C)))
    if rows is None or columns is None:
        return None
    return Scan(rows, columns)


def _rows(data: np.ndarray, starts: np.ndarray) -> np.ndarray | None:
    """Return the numbers of the rows among tags starting ``<r`` (rich-text runs are skipped)."""
    named_row = (data[starts + 2] == _O) & (data[starts + 3] == _W)
    starts = starts[named_row & ~_is_name_char(data[starts + 4])]
    if not _follows(data, starts + 4, b' r="'):
        return None
    digits = data[(starts + 8)[:, None] + np.arange(_MAX_ROW_DIGITS + 1)].astype(np.int64) - _ZERO
    is_digit = (digits >= 0) & (digits <= 9)
    width = np.argmin(is_digit, axis=1)
    if not ((width > 0) & (data[starts + 8 + width] == _QUOTE)).all():
        return None
    numbers = np.zeros(len(starts), dtype=np.int64)
    for place in range(_MAX_ROW_DIGITS):
        inside = place < width
        numbers = np.where(inside, numbers * 10 + digits[:, place], numbers)
    return numbers


def _columns(data: np.ndarray, starts: np.ndarray) -> np.ndarray | None:
    """Return the columns of the cells among tags starting ``<c`` (``<col>`` and such skipped)."""
    starts = starts[~_is_name_char(data[starts + 2])]
    if not _follows(data, starts + 2, b' r="'):
        return None
    letters = data[(starts + 6)[:, None] + np.arange(3)].astype(np.int64) - (_A - 1)
    is_letter = (letters >= 1) & (letters <= 26)
    if not is_letter[:, 0].all():
        return None
    second = is_letter[:, 1]
    third = second & is_letter[:, 2]
    columns = letters[:, 0]
    columns = np.where(second, columns * 26 + letters[:, 1], columns)
    return np.where(third, columns * 26 + letters[:, 2], columns)


def _follows(data: np.ndarray, at: np.ndarray, text: bytes) -> bool:
    """Return whether ``text`` is found at every position of ``at``."""
    return all((data[at + i] == byte).all() for i, byte in enumerate(text))


def _is_name_char(byte: np.ndarray) -> np.ndarray:
    """Return where a byte continues an element name (so ``<c`` was ``<col``, ``<cfRule``…)."""
    return ~np.isin(byte, np.frombuffer(b" \t\r\n/>", dtype=np.uint8))
