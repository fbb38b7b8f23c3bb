"""How wide a table's text is, and how its columns share the page as a browser shares them.

A Word table made from HTML needs column widths, which HTML leaves to the browser. They are
worked out here much as a browser lays out a full-width table: each column gets at least its
longest word, so that no word is broken, then what must not break (an amount), then its
longest line, as far as the page allows; when every line fits, the columns stretch alike.

Text is measured without the font: by the widths of a wide sans-serif font (DejaVu Sans,
which LibreOffice may put in for Calibri), a little over, so that a measured word fits
wherever the letter is opened.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Chinese, Japanese and Korean characters, and full-width forms: an em wide each.
WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK = re.compile(f"[{WIDE}]")
#: What a line is not broken inside: a Latin word, or a few Chinese characters (a column
#: heading such as 逾期天数 reads badly broken, a sentence may break anywhere).
_WORDS = re.compile(f"[{WIDE}]{{1,4}}|[^ \\t\\n\\r\\f{WIDE}]+")
#: Widths in ems of Latin characters: narrow ones, broad ones, capitals, the rest (the digits
#: among them, all as wide).
_NARROW, _BROAD = frozenset(" .,:;'!|()[]/-ilfjtI"), frozenset("mwMW@%")
_NARROW_WIDTH, _BROAD_WIDTH, _CAPITAL_WIDTH, _LETTER_WIDTH = 0.36, 0.95, 0.72, 0.65
#: A cell's margins and some air, in ems; bold text is wider by a tenth.
PADDING, BOLDER = 1.2, 1.1


def extent(pieces: Iterable[tuple[str, float] | None]) -> tuple[float, float]:
    """Return the widths in points of the longest word and of the longest line of a text.

    Args:
        pieces: the text in order as (text, em), ``em`` the size in points of its letters
            (bold text's a tenth more), and None where a line ends.

    >>> extent([("Balance brought", 10.0), None, ("forward", 10.0)])
    (45.6, 89.5)
    """
    least = most = line = 0.0
    for piece in pieces:
        if piece is None:
            line = 0.0
            continue
        text, em = piece
        for word in _WORDS.findall(text):
            width = sum(map(_width, word)) * em
            least = max(least, width)
            line += width if not line else width + _NARROW_WIDTH * em
            most = max(most, line)
    return round(least, 2), round(most, 2)


def column_widths(
    columns: int, cells: Iterable[tuple[int, int, float, float, float, float]], total: int
) -> list[int]:
    """Share ``total`` among ``columns`` columns by what their cells hold.

    Each column asks for three widths, each at least the one before: its longest word, what
    must not break (the whole line of a ``nowrap`` cell, else the longest word), and its
    longest line. The columns get the first of these that fits the table for all of them,
    and the room left beyond the one before is shared by how much more each asks for.

    Args:
        columns: how many columns the table has.
        cells: each cell as (left column, columns spanned, longest word, what must not break,
            longest line, em), widths in points; a cell spanning columns does not widen them.
        total: the table's width in EMU (12,700 a point).

    Returns:
        Each column's width, adding up to ``total``.

    >>> column_widths(2, [(0, 1, 50, 50, 50, 10), (1, 1, 20, 20, 200, 10)], 150 * 12_700)
    [787400, 1117600]
    """
    asks = [[PADDING * 10.0] * columns for _ in range(3)]
    for left, span, *asked, em in cells:
        if span == 1:
            for ask, width in zip(asks, asked, strict=True):
                ask[left] = max(ask[left], PADDING * em + width)
    for tier in (1, 2):
        asks[tier] = [max(a, b) for a, b in zip(asks[tier - 1], asks[tier], strict=True)]
    room = total / 12_700
    fitting = [ask for ask in asks if sum(ask) <= room]
    shares = fitting[-1] if fitting else asks[0]
    if fitting and len(fitting) < len(asks):
        wanted = asks[len(fitting)]
        flex = [w - s for w, s in zip(wanted, shares, strict=True)]
        spare = room - sum(shares)
        shares = [s + spare * f / sum(flex) for s, f in zip(shares, flex, strict=True)]
    widths = [int(total * share / sum(shares)) for share in shares]
    widths[-1] += total - sum(widths)
    return widths


def _width(char: str) -> float:
    """Return the width of ``char`` in ems."""
    if _CJK.match(char):
        return 1.0
    if char in _NARROW:
        return _NARROW_WIDTH
    if char in _BROAD:
        return _BROAD_WIDTH
    return _CAPITAL_WIDTH if char.isupper() else _LETTER_WIDTH
