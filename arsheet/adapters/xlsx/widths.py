"""Column widths and header heights of an owned sheet, measured from what its tables hold.

A spreadsheet cuts a text at the next filled cell and shows ``###`` for a number too wide for its
column, so every column is made as wide as its longest cell: texts by their characters (a CJK
character takes two), numbers by their formatted length (``1,234,567.89``), the header in bold.
A long header wraps onto more lines instead of widening its column past a few characters, and
its row is made tall enough. Free-standing lines (a title, a note, a banner: blocks of one column
without a header) are left to run across the empty cells beside them.

Widths are in Excel's unit, the width of the digit 0 of the book's font; a text's average letter
is a little wider, a bold one more so, and LibreOffice's fallback fonts wider still, hence the
factors. Measuring takes the longest value of each column, never a Python loop over rows.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from arsheet.adapters.xlsx.cellxml import STR, TEXT_STYLES
from arsheet.book.content import HEADLINE_STYLES, Block, SheetContent, Style, value_style

#: A column without a width of its own, as Excel shows it.
DEFAULT_WIDTH = 8.43
#: The widest a column grows for its texts; a longer note is cut rather than the sheet run wide.
MAX_WIDTH = 60.0
#: The height in points of one line of the default 11-point font.
LINE_HEIGHT = 15.0
#: The height of a row holding a headline figure (look.HEADLINE_FONT_SIZE points, bold).
HEADLINE_HEIGHT = 21.0
_PADDING = 1.5
_TEXT_FACTOR = 1.1
_BOLD_FACTOR = 1.15
_HEADLINE_FACTOR = 14 / 11 * _BOLD_FACTOR
# Report formats end a figure with the space of a bracket (look.REPORT_MONEY_FORMAT).
_FIGURE_END = 1.0
# A header a little wider than its column widens it by up to this much rather than wrap.
_HEADER_SLACK = 6.0
# ... and takes at most this many lines.
_HEADER_LINES = 2
_DATE_CHARS = len("2024-12-31")
# A header breaks after a space or between two CJK characters.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_TOKEN = re.compile(rf"[^\s{_CJK}]+\s*|[{_CJK}]\s*|\s+")


@dataclass(frozen=True)
class Fit:
    """How an owned sheet's columns and header rows are sized.

    Attributes:
        widths: 1-based column -> width, for every column given a width.
        heights: sheet row -> height in points, for header rows whose headers wrap and rows
            holding a headline figure.
    """

    widths: dict[int, float]
    heights: dict[int, float]


def text_widths(values: np.ndarray) -> np.ndarray:
    """Return how many character widths each text takes; a CJK character takes two.

    Counted from UTF-8 lengths: a character of three bytes (CJK, but also a dash) counts two.

    >>> text_widths(np.array(["Acme", "客户"], dtype=STR)).tolist()
    [4.0, 4.0]
    """
    chars = np.strings.str_len(values)
    octets = np.strings.str_len(np.strings.encode(values, "utf-8"))
    return chars + (octets - chars) / 2


def _text_width(text: str) -> float:
    return float(text_widths(np.array([text], dtype=STR))[0])


def data_width(values: pd.Series, style: Style) -> float:
    """Return the width that fits every value of one column shown in ``style``.

    Args:
        values: the column's values, typed as ``style`` expects (see :class:`Style`).
        style: how they are shown.

    Returns:
        The width, 0 for a column of missing values.
    """
    present = values.dropna()
    style = value_style(style)
    if present.empty:
        return 0.0
    if style in TEXT_STYLES:
        texts = np.asarray(present.astype(str).to_numpy(dtype=object), dtype=STR)
        return float(text_widths(texts).max()) * _TEXT_FACTOR + _PADDING
    if style == Style.DATE:
        return _DATE_CHARS + _FIGURE_END + _PADDING
    numbers = pd.to_numeric(present, errors="coerce").to_numpy(dtype="float64")
    numbers = numbers[np.isfinite(numbers)]
    if not numbers.size:
        return 0.0
    biggest = float(np.abs(numbers).max())
    if style == Style.MONEY:
        text = f"{round(biggest) // 100:,}.00"
    elif style == Style.PERCENT:
        text = f"{biggest * 100:.1f}%"
    else:
        text = f"{round(biggest):d}"
    return len(text) + bool((numbers < 0).any()) + _FIGURE_END + _PADDING


def header_lines(text: str, width: float) -> int:
    """Return on how many lines a bold header wraps in a column ``width`` wide.

    >>> header_lines("Open amount", 40), header_lines("Weighted days late", 12)
    (1, 2)
    """
    room = width - _PADDING
    lines, used = 1, 0.0
    for token in _TOKEN.findall(text):
        word = _text_width(token.rstrip()) * _BOLD_FACTOR
        if used and used + word > room:
            lines, used = lines + 1, 0.0
        used += _text_width(token) * _BOLD_FACTOR
    return lines


def _longest_word(text: str) -> float:
    words = [_text_width(token.rstrip()) for token in _TOKEN.findall(text)]
    return max(words, default=0.0) * _BOLD_FACTOR + _PADDING


def _wrapped_width(text: str, width: float) -> float:
    """Return ``width``, widened until the header ``text`` takes two lines at most."""
    whole = _text_width(text) * _BOLD_FACTOR + _PADDING
    while width < whole and header_lines(text, width) > _HEADER_LINES:
        width += 1
    return min(width, whole)


def _is_table(block: Block) -> bool:
    return block.headers is not None or len(block.styles) > 1


def fit(content: SheetContent) -> Fit:
    """Return the widths of ``content``'s columns and the heights of its wrapping header rows.

    Each column is at least as wide as ``content.widths`` asks.
    """
    widths = {col: float(w) for col, w in enumerate(content.widths, start=1)}
    headers: list[tuple[int, int, str]] = []
    tall: dict[int, float] = {}
    for block in filter(_is_table, content.blocks):
        if HEADLINE_STYLES.intersection(block.styles):
            first = block.row + (block.headers is not None)
            tall.update(dict.fromkeys(range(first, first + len(block.frame)), HEADLINE_HEIGHT))
        for i, style in enumerate(block.styles):
            need = data_width(block.frame.iloc[:, i], style)
            need *= _HEADLINE_FACTOR if style in HEADLINE_STYLES else 1.0
            col = block.col + i
            widths[col] = max(widths.get(col, DEFAULT_WIDTH), min(need, MAX_WIDTH))
        if block.headers is not None:
            headers += [(block.row, block.col + i, text) for i, text in enumerate(block.headers)]
    for _, col, text in headers:
        width = widths[col]
        whole = _text_width(text) * _BOLD_FACTOR + _PADDING
        if whole > width:
            widths[col] = _wrapped_width(text, max(width + _HEADER_SLACK, _longest_word(text)))
    lines: dict[int, int] = {}
    for row, col, text in headers:
        lines[row] = max(lines.get(row, 1), header_lines(text, widths[col]))
    return Fit(
        widths={col: math.ceil(w * 4) / 4 for col, w in sorted(widths.items())},
        heights=dict(
            sorted({**tall, **{r: LINE_HEIGHT * n for r, n in lines.items() if n > 1}}.items())
        ),
    )
