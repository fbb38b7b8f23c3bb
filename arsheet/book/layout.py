"""Where a record sheet's columns were found, and the new values of its owned columns.

The reader finds a :class:`SheetLayout` for each record sheet; a book adapter writes
:class:`OwnedColumns` there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class SheetLayout:
    """Where the reader found a record sheet's columns; the writer patches owned cells there.

    Attributes:
        key: the contract key of the sheet, e.g. ``"transactions"``.
        name: the sheet's tab name as found in the workbook.
        header_row: 1-based row of the header.
        columns: contract column key -> 1-based sheet column, for every input column found and
            every owned column that is arsheet's (:mod:`arsheet.book.ownership`); a user's
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
