"""The port's vocabulary for what goes on the sheets arsheet owns: positioned blocks of columns.

Reports build :class:`SheetContent` values from the engine's frames; a book adapter turns them into
cells column by column (the .xlsx adapter into sheet XML, never cell by cell in Python). A
:class:`Style` names what a cell is (money, a date, a header, a warning), never how a format
spells it: each adapter turns the vocabulary into its own styles (:mod:`arsheet.book.look`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from arsheet.book.contract import Kind


class Style(StrEnum):
    """The cell styles of owned sheets and owned columns, and what values each expects.

    ``MONEY`` takes integer minor units and shows two decimals; ``DATE`` takes ``datetime64``;
    ``INT`` whole numbers; ``NUMBER`` floats shown with one decimal (days); ``PERCENT`` floats
    where 0.25 shows as 25.0%; ``TEXT`` strings. ``TITLE``, ``HEADER`` and ``NOTE`` are for
    headings; ``OK`` and ``BAD`` are text with a green or red look (the Check sheet). ``TOTAL``
    is the bold look of a highlight that picks out total rows.
    """

    TITLE = "title"
    HEADER = "header"
    NOTE = "note"
    TEXT = "text"
    MONEY = "money"
    DATE = "date"
    INT = "int"
    NUMBER = "number"
    PERCENT = "percent"
    OK = "ok"
    BAD = "bad"
    TOTAL = "total"


_KIND_STYLES = {
    Kind.MONEY: Style.MONEY,
    Kind.INT: Style.INT,
    Kind.DATE: Style.DATE,
    Kind.PERCENT: Style.PERCENT,
}


def owned_style(kind: Kind) -> Style:
    """Return the style of an owned column of contract kind ``kind``.

    >>> owned_style(Kind.MONEY), owned_style(Kind.TEXT)
    (<Style.MONEY: 'money'>, <Style.TEXT: 'text'>)
    """
    return _KIND_STYLES.get(kind, Style.TEXT)


@dataclass(frozen=True)
class Block:
    """A rectangle of data written at a fixed place.

    Attributes:
        row: 1-based sheet row of the header (or of the first data row when ``headers`` is None).
        col: 1-based sheet column of the left edge.
        frame: the data, one frame column per sheet column, in order; NA cells stay empty.
        styles: one style per frame column.
        headers: header texts written in ``row``, data then starting at ``row + 1``.
        links: for each data row, an internal link target for the first cell (e.g.
            ``"'Transactions'!D14"``), or None for no links.
        bold: the data cells are bold (a totals row).
    """

    row: int
    col: int
    frame: pd.DataFrame
    styles: tuple[Style, ...]
    headers: tuple[str, ...] | None = None
    links: pd.Series | None = None
    bold: bool = False


@dataclass(frozen=True)
class Highlight:
    """A conditional format: cells of ``ref`` whose ``formula`` is true get the ``style`` look.

    The formula is written relative to the top-left cell of ``ref``, as Excel expects.
    """

    ref: str
    formula: str
    style: Style


@dataclass(frozen=True)
class SheetContent:
    """Everything on one owned sheet.

    ``freeze_rows`` rows and ``freeze_cols`` columns stay in view when scrolling; ``autofilter``
    is the range (``"A3:X40"``, its header row first) that gets filter buttons, if any.
    """

    key: str
    name: str
    blocks: tuple[Block, ...]
    widths: tuple[float, ...] = ()
    freeze_rows: int = 0
    highlights: tuple[Highlight, ...] = field(default=())
    freeze_cols: int = 0
    autofilter: str | None = None
