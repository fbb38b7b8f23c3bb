"""A book in memory holding what xlwings and pandas hand over: floats, datetimes, numpy scalars.

xlwings gives a sheet's values as floats (whole numbers too), datetimes, None and text; a
pandas user gives numpy scalars and ``Timestamp`` (``df.to_dict("records")``, ``df.values``).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import arsheet
from arsheet.book.contract import CUSTOMERS, PAYMENTS, TRANSACTIONS

AS_OF = date(2024, 12, 31)


def open_amount(*invoice: object) -> tuple[Decimal, list[str]]:
    """Return the book's open amount and its problems, with ``invoice`` as its one document."""
    book = arsheet.MemoryBook(
        {
            CUSTOMERS.en: [[c.en for c in CUSTOMERS.inputs], ["C1", "Acme", 30.0]],
            TRANSACTIONS.en: [[c.en for c in TRANSACTIONS.inputs], list(invoice)],
            PAYMENTS.en: [[c.en for c in PAYMENTS.inputs]],
        }
    )
    figures = arsheet.compute(book, as_of=AS_OF)
    return figures.totals["open_amount"], [p.text for p in figures.checked.located]


@pytest.mark.parametrize(
    ("when", "amount"),
    [
        (datetime(2024, 9, 1), 1200.1),  # as xlwings hands them over
        (date(2024, 9, 1), "1,200.10"),
        (pd.Timestamp("2024-09-01"), np.float64(1200.1)),  # as pandas does
        (np.datetime64("2024-09-01"), Decimal("1200.10")),
        (datetime(2024, 9, 1), np.int64(1200) + np.float64(0.1)),
    ],
)
def test_values_from_xlwings_and_pandas_read_as_the_same_invoice(
    when: object, amount: object
) -> None:
    assert open_amount("INV-1", "C1", "Invoice", when, None, amount) == (Decimal("1200.10"), [])


def test_a_whole_number_from_numpy_is_a_whole_amount() -> None:
    assert open_amount("INV-1", "C1", "Invoice", date(2024, 9, 1), None, np.int64(7)) == (
        Decimal("7.00"),
        [],
    )


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NaT, ""])
def test_a_missing_date_from_any_source_is_a_located_problem(missing: object) -> None:
    total, problems = open_amount("INV-1", "C1", "Invoice", missing, None, 100.0)
    assert total == 0
    assert problems == ["Transactions!D2: date is missing"]


def test_records_from_a_frame_with_timestamps_make_a_book() -> None:
    invoices = pd.DataFrame(
        {
            "document_no": ["INV-1", "发票-2"],
            "customer_id": ["C1", "C1"],
            "type": ["invoice", "invoice"],
            "date": pd.to_datetime(["2024-09-01", "2024-10-01"]),
            "amount": [Decimal("100.50"), Decimal("200.25")],
        }
    )
    customers = [{"customer_id": "C1", "customer_name": "甲公司", "terms_days": 30}]
    book = arsheet.MemoryBook.from_records(
        {"customers": customers, "transactions": invoices.to_dict("records")}
    )
    figures = arsheet.compute(book, as_of=AS_OF)
    assert figures.documents["document_no"].tolist() == ["INV-1", "发票-2"]
    assert figures.totals["open_amount"] == Decimal("300.75")
    arsheet.recalc(book, as_of=AS_OF)
    again = arsheet.compute(book, as_of=AS_OF)
    pd.testing.assert_frame_equal(again.documents, figures.documents)
    pd.testing.assert_series_equal(again.totals, figures.totals)


def test_a_frame_given_as_a_sheet_is_its_header_and_rows() -> None:
    header = [c.en for c in TRANSACTIONS.inputs][:6]
    invoices = pd.DataFrame([["INV-1", "C1", "Invoice", date(2024, 9, 1), None, 1200.0]])
    book = arsheet.MemoryBook(
        {
            CUSTOMERS.en: [[c.en for c in CUSTOMERS.inputs], ["C1", "Acme"]],
            TRANSACTIONS.en: invoices.set_axis(header, axis=1),
            PAYMENTS.en: [[c.en for c in PAYMENTS.inputs]],
        }
    )
    assert arsheet.compute(book, as_of=AS_OF).totals["open_amount"] == Decimal("1200.00")
