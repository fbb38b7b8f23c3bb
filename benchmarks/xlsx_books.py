"""Write synthetic books as contract workbooks, fast, for the recalc benchmark.

Uses the Rust-backed writer so building a 1M-row input is not what the benchmark waits on.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import rustpy_xlsxwriter

from arsheet.book.contract import (
    CUSTOMERS,
    DOCUMENT_TYPES,
    PAYMENT_METHODS,
    PAYMENTS,
    TRANSACTIONS,
    YES_NO,
    Kind,
    Sheet,
)
from arsheet.core.book import Book


def write_xlsx_book(book: Book, path: Path) -> dict[str, int]:
    """Write ``book``'s customers, transactions and payments as an English contract workbook.

    Returns:
        The number of data rows per sheet name.
    """
    sheets = [
        (CUSTOMERS, book.customers),
        (TRANSACTIONS, book.transactions),
        (PAYMENTS, book.payments),
    ]
    records = [(sheet.en, _records(sheet, frame)) for sheet, frame in sheets]
    rustpy_xlsxwriter.write_worksheets(records, str(path), datetime_format="yyyy-mm-dd")
    return {name: len(rows) for name, rows in records}


def _records(sheet: Sheet, frame: pd.DataFrame) -> list[dict[str, object]]:
    columns = {}
    for column in sheet.inputs:
        if column.key not in frame:
            continue
        values = frame[column.key]
        if column.kind is Kind.MONEY:
            values = values.astype("Float64") / 100
        elif column.kind is Kind.DATE:
            values = values.dt.date
        elif column.kind is Kind.FLAG:
            values = values.map({True: YES_NO.label_of("yes", "en"), False: ""})
        elif column.key == "type":
            values = values.map(lambda code: DOCUMENT_TYPES.label_of(code, "en"))
        elif column.key == "method":
            values = values.map(lambda code: PAYMENT_METHODS.label_of(code, "en") if code else "")
        columns[column.en] = values.astype(object).where(values.notna(), None)
    table = pd.DataFrame(columns)
    return table.replace({np.nan: None}).to_dict("records")
