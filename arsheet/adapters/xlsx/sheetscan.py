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
from numpy.lib.stride_tricks import sliding_window_view

_LT, _QUOTE = ord("<"), ord('"')
_C, _R, _O, _W = (ord(c) for c in "crow")
_ZERO, _A = ord("0"), ord("A")
# Lookahead past a tag's start: '<row r="' and seven digits, or '<c r="' and three letters.
_AHEAD = 16
_MAX_ROW_DIGITS = 7
# The bytes that end an element's name: whitespace, "/" and ">". After "<c" any other byte means
# another element ("<col", "<cfRule"…).
_NAME_ENDS = np.zeros(256, dtype=bool)
_NAME_ENDS[list(b" \t\r\n/>")] = True
_ROW_START = np.frombuffer(b'<row r="', dtype="<u8")[0]
_CELL_START = np.frombuffer(b' r="', dtype="<u4")[0]


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
    following = data[1:size]
    # Each tag's first bytes as 64-bit words, gathered with one index per tag.
    words = sliding_window_view(data, _AHEAD)
    rows = _rows(words[np.flatnonzero(opens & (following == _R))])
    columns = _columns(words[np.flatnonzero(opens & (following == _C)) + 2, :8])
    if rows is None or columns is None:
        return None
    return Scan(rows, columns)


def _rows(tags: np.ndarray) -> np.ndarray | None:
    """Return the numbers of the rows among tags starting ``<r`` (rich-text runs are skipped)."""
    tags = tags[(tags[:, 2] == _O) & (tags[:, 3] == _W) & _NAME_ENDS[tags[:, 4]]]
    head, digits = _word(tags[:, :8]), tags[:, 8:].astype(np.int64) - _ZERO
    if not (head == _ROW_START).all():
        return None
    is_digit = (digits >= 0) & (digits <= 9)
    width = np.argmin(is_digit, axis=1)
    if not ((width > 0) & (tags[np.arange(len(tags)), 8 + width] == _QUOTE)).all():
        return None
    numbers = np.zeros(len(tags), dtype=np.int64)
    for place in range(_MAX_ROW_DIGITS):
        numbers = np.where(place < width, numbers * 10 + digits[:, place], numbers)
    return numbers


def _columns(tags: np.ndarray) -> np.ndarray | None:
    """Return the columns of the cells among the bytes after each ``<c`` (``<col>``… skipped)."""
    word = _word(tags)
    word = word[_NAME_ENDS[word & 0xFF]]
    if not ((word & 0xFFFFFFFF) == _CELL_START).all():
        return None
    letters = [((word >> shift) & 0xFF).astype(np.int64) - (_A - 1) for shift in (32, 40, 48)]
    if not ((letters[0] >= 1) & (letters[0] <= 26)).all():
        return None
    second = (letters[1] >= 1) & (letters[1] <= 26)
    third = second & (letters[2] >= 1) & (letters[2] <= 26)
    columns = letters[0]
    columns = np.where(second, columns * 26 + letters[1], columns)
    return np.where(third, columns * 26 + letters[2], columns)


def _word(tags: np.ndarray) -> np.ndarray:
    """Return each row of a (tags × 8) byte array as one little-endian 64-bit word."""
    return np.ascontiguousarray(tags).view("<u8")[:, 0]
