"""The customer of the selected row: what the letters, statement and new-plan buttons act on.

On a record sheet the reader's layout says which column holds the Customer ID (and, on
Transactions, the Document No. a new plan pays); the ID is taken as the reader read it. On
any other sheet (Dunning, Summary, Open items, ...) the Customer ID column is the nearest
header cell above the row that reads Customer ID in either language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from arsheet.book.contract import CUSTOMERS, TRANSACTIONS

if TYPE_CHECKING:
    from arsheet.book.layout import SheetLayout
    from arsheet.book.port import BookSource, SheetCells
    from arsheet.book.reader import ReadResult

#: The Customer ID header in both languages, as owned sheets write it.
_CUSTOMER_HEADERS = pa.array(
    [CUSTOMERS.column("customer_id").header(lang) for lang in ("en", "zh")]
)


@dataclass(frozen=True)
class Picked:
    """The customer a button acts on.

    Attributes:
        customer: its Customer ID.
        document: the document of a selected Transactions row, "" otherwise.
    """

    customer: str
    document: str = ""


def selected_cell(book: Any) -> tuple[str, int] | None:
    """Return the sheet and row of the selection's first cell, None when no cell is selected.

    Read before anything is written: adding a sheet makes it the active one.
    """
    selection = book.app.selection
    if selection is None:
        return None
    try:
        return str(selection.sheet.name), int(selection.row)
    except TypeError:
        # A shape is selected, not cells: xlwings Lite and the remote engine then give a
        # range without an address.
        return None


def picked(source: BookSource, read: ReadResult, sheet: str, row: int) -> Picked | None:
    """Return the customer (and document) of ``row`` on tab ``sheet``, None when it has none.

    Args:
        source: the book, for the cells of sheets the reader does not read.
        read: the book as read, with its record sheets' layouts.
        sheet: the tab's name.
        row: the 1-based sheet row.
    """
    layout = next((one for one in read.layouts.values() if one.name == sheet), None)
    if layout is not None and "customer_id" in layout.columns:
        return _on_record_sheet(read, layout, row)
    customer = _under_header(source.cells(sheet), row)
    return Picked(customer) if customer else None


def _on_record_sheet(read: ReadResult, layout: SheetLayout, row: int) -> Picked | None:
    """Return the customer of a record row as the reader read it, rejected rows included."""
    if row <= layout.header_row:
        return None
    frames = [getattr(read.book, layout.key), read.book.rejected.get(layout.key)]
    record = next((f.loc[row] for f in frames if f is not None and row in f.index), None)
    if record is None:
        return None
    customer = _text(record.get("customer_id"))
    if not customer:
        return None
    document = _text(record.get("document_no")) if layout.key == TRANSACTIONS.key else ""
    return Picked(customer, document)


def _text(value: object) -> str:
    """Return a field read from the book as stripped text, "" when it is missing."""
    import pandas as pd

    return "" if value is None or pd.isna(value) else str(value).strip()  # type: ignore[call-overload]


def _under_header(cells: SheetCells, row: int) -> str:
    """Return the text in ``row`` of the column whose nearest header above reads Customer ID."""
    found: tuple[int, int] | None = None  # (header row, column)
    for number, column in cells.columns.items():
        above = pc.utf8_trim_whitespace(column.slice(0, max(row - 1, 0)))
        hits = np.flatnonzero(
            pc.fill_null(pc.is_in(above, value_set=_CUSTOMER_HEADERS), False).to_numpy(
                zero_copy_only=False
            )
        )
        if len(hits) and (found is None or hits[-1] + 1 > found[0]):
            found = (int(hits[-1]) + 1, number)
    if found is None or row > len(cells.columns[found[1]]):
        return ""
    value = cells.columns[found[1]][row - 1].as_py()
    return (value or "").strip()
