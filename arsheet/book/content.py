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
    ``INT`` whole numbers; ``NUMBER`` floats shown as whole numbers (days); ``PERCENT`` floats
    where 0.25 shows as 25.0%; ``TEXT`` strings. In a report table a zero amount or percentage
    shows as a dash. ``TITLE``, ``HEADER`` and ``NOTE`` are for headings; ``OK`` and ``BAD`` are
    text with a green or red look (the Check sheet). ``TOTAL`` is the bold look of a highlight
    that picks out total rows.

    The Dashboard's headline tiles show a figure large and bold (``HEADLINE_*``: money, a
    percentage, days or a count) and its change since an earlier day (``CHANGE_*``) as ▲ or ▼
    and its size; ``CHANGE_POINTS`` takes the change of a percentage in percentage points (2.5
    for 40.0% to 42.5%), not a fraction. Each takes the values of a plain style
    (:func:`value_style`).
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
    HEADLINE_MONEY = "headline_money"
    HEADLINE_PERCENT = "headline_percent"
    HEADLINE_NUMBER = "headline_number"
    HEADLINE_INT = "headline_int"
    CHANGE_MONEY = "change_money"
    CHANGE_POINTS = "change_points"
    CHANGE_NUMBER = "change_number"
    CHANGE_INT = "change_int"


#: The styles of the large, bold headline figures.
HEADLINE_STYLES = frozenset(
    {Style.HEADLINE_MONEY, Style.HEADLINE_PERCENT, Style.HEADLINE_NUMBER, Style.HEADLINE_INT}
)
# The plain style whose values each tile style takes.
_VALUE_STYLES = {
    Style.HEADLINE_MONEY: Style.MONEY,
    Style.HEADLINE_PERCENT: Style.PERCENT,
    Style.HEADLINE_NUMBER: Style.NUMBER,
    Style.HEADLINE_INT: Style.INT,
    Style.CHANGE_MONEY: Style.MONEY,
    Style.CHANGE_POINTS: Style.NUMBER,
    Style.CHANGE_NUMBER: Style.NUMBER,
    Style.CHANGE_INT: Style.INT,
}


def value_style(style: Style) -> Style:
    """Return the plain style whose values ``style`` takes, ``style`` itself for a plain one.

    >>> value_style(Style.CHANGE_POINTS), value_style(Style.TEXT)
    (<Style.NUMBER: 'number'>, <Style.TEXT: 'text'>)
    """
    return _VALUE_STYLES.get(style, style)


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
        charted: a chart reads the data rows: an adapter whose sheets hold charts makes every
            series that starts at the block's first data row read exactly its rows, so no
            chart has an empty slot (the block must then have at least one row).
    """

    row: int
    col: int
    frame: pd.DataFrame
    styles: tuple[Style, ...]
    headers: tuple[str, ...] | None = None
    links: pd.Series | None = None
    bold: bool = False
    charted: bool = False


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

    Attributes:
        key: the contract's key of the sheet.
        name: the tab name.
        blocks: what is written, block by block.
        widths: the least width of each column from A, in characters; an adapter widens a column
            to fit what it holds.
        freeze_rows: how many rows stay in view when scrolling (the table's header the last).
        highlights: conditional formats.
        freeze_cols: how many columns stay in view when scrolling sideways.
        autofilter: the range (``"A3:X40"``, its header row first) that gets filter buttons,
            if any.
        print_header_rows: the first and last row printed again at the top of every page; None
            for the last frozen row, if any.
    """

    key: str
    name: str
    blocks: tuple[Block, ...]
    widths: tuple[float, ...] = ()
    freeze_rows: int = 0
    highlights: tuple[Highlight, ...] = field(default=())
    freeze_cols: int = 0
    autofilter: str | None = None
    print_header_rows: tuple[int, int] | None = None

    def printed_header_rows(self) -> tuple[int, int] | None:
        """Return the rows repeated on every printed page, or None for none.

        >>> SheetContent("summary", "Summary", (), freeze_rows=3).printed_header_rows()
        (3, 3)
        """
        if self.print_header_rows is not None:
            return self.print_header_rows
        return (self.freeze_rows, self.freeze_rows) if self.freeze_rows else None
