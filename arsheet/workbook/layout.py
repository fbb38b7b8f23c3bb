"""What the writer is asked to put on the sheets arsheet owns: positioned blocks of typed columns.

The pipeline builds :class:`SheetContent` values from the engine's frames; the writer turns them
into sheet XML column by column, never cell by cell in Python. The Dashboard's fixed ranges live
here too, because the template's charts point at them and every recalculation refills them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd


class Style(StrEnum):
    """The cell styles of owned sheets and owned columns, and what values each expects.

    ``MONEY`` takes integer minor units and shows two decimals; ``DATE`` takes ``datetime64``;
    ``INT`` whole numbers; ``NUMBER`` floats shown with one decimal (days); ``PERCENT`` floats
    where 0.25 shows as 25.0%; ``TEXT`` strings. ``TITLE``, ``HEADER`` and ``NOTE`` are for
    headings; ``OK`` and ``BAD`` are text with a green or red look (the Check sheet).
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
    """

    row: int
    col: int
    frame: pd.DataFrame
    styles: tuple[Style, ...]
    headers: tuple[str, ...] | None = None
    links: pd.Series | None = None


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
    """Everything on one owned sheet."""

    key: str
    name: str
    blocks: tuple[Block, ...]
    widths: tuple[float, ...] = ()
    freeze_rows: int = 0
    highlights: tuple[Highlight, ...] = field(default=())


@dataclass(frozen=True)
class SheetLayout:
    """Where the reader found a record sheet's columns; the writer patches owned cells there.

    Attributes:
        key: the contract key of the sheet, e.g. ``"transactions"``.
        name: the sheet's tab name as found in the workbook.
        header_row: 1-based row of the header.
        columns: contract column key -> 1-based sheet column, for every input column found and
            every owned column that is arsheet's (:mod:`arsheet.workbook.ownership`); a user's
            column that only shares an owned column's name is not among them, and the writer
            adds the owned column at the right as if it were missing.
        last_column: 1-based column of the rightmost non-empty header cell, or of the rightmost
            cell at or below the header row when that lies further right (an added owned
            column goes right of it).
        lang: the header language found, ``"en"`` or ``"zh"``.
        last_row: the last data row when an Excel Table bounds the data (rows below it, its
            totals row included, are the user's); None: the data go down to the last used row.
    """

    key: str
    name: str
    header_row: int
    columns: Mapping[str, int]
    last_column: int
    lang: str
    last_row: int | None = None


@dataclass(frozen=True)
class OwnedColumns:
    """New values for a record sheet's owned columns.

    ``values`` is indexed by 1-based sheet row and has one column per owned column key of the
    sheet, typed by the contract kind: MONEY as ``Int64`` minor units, INT as ``Int64``, DATE as
    ``datetime64``, TEXT as strings (already in the book's language); NA writes an empty cell
    with the owned style. Owned cells below the header in rows not in the index (rows that are
    no records: blank, or the user's own below the data) are cleared, down to the layout's
    ``last_row`` when a Table bounds the data.
    """

    layout: SheetLayout
    values: pd.DataFrame


# The look shared by the template and the writer (ARGB colours, Excel number formats).
INPUT_HEADER_FILL = "FF1F4E78"
OWNED_HEADER_FILL = "FF595959"
HEADER_FONT_COLOR = "FFFFFFFF"
OWNED_CELL_FILL = "FFF2F2F2"
OK_FILL = "FFE2EFDA"
BAD_FILL = "FFFCE4D6"
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
NUMBER_FORMAT = "0.0"

# The Dashboard's fixed ranges (1-based rows/columns). The template's charts read them.
DASHBOARD_HEADLINES_ROW = 3  # A3:B12, label and value
DASHBOARD_HEADLINES_ROWS = 10
DASHBOARD_AGING_ROW = 3  # D3 header, D4:E11: bucket label, open amount
DASHBOARD_AGING_ROWS = 8
DASHBOARD_TOP_ROW = 14  # D14 header, D15:E24: customer, overdue amount
DASHBOARD_TOP_ROWS = 10
DASHBOARD_MONTHS_ROW = 27  # D27 header, D28:F39: month, open at month end, collected
DASHBOARD_MONTHS_ROWS = 12
DASHBOARD_TABLE_COL = 4  # column D
