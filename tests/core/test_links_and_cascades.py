"""A problem never makes the figures silently smaller: links read as no link, cascades once."""

from __future__ import annotations

import dataclasses
from datetime import date
from types import MappingProxyType

import pandas as pd
from hypothesis import given, settings

from arsheet.core import compute
from arsheet.core.book import Book
from arsheet.core.problems import Severity
from arsheet.core.results import Results
from arsheet.core.validate import validate

from .ledgers import book, payment_results
from .test_properties import _assert_same, books


def no_plans(b: Book) -> Book:
    """Return ``b`` with empty plans and log that ``validate`` can read."""
    empty = pd.DataFrame({"customer_id": [], "document_no": []}, dtype=object)
    return dataclasses.replace(b, plans=empty, collection_log=empty)


def checked(b: Book, as_of: str) -> tuple[Book, list, Results]:
    valid, problems = validate(no_plans(b))
    result = compute(valid, date.fromisoformat(as_of))
    return valid, [*problems, *result.problems], result


def test_a_payment_applied_to_another_customers_invoice_pays_its_own_from_the_pool() -> None:
    b = book(
        invoices="A-1 C1 2024-01-01 100.00\nB-1 C2 2024-01-01 100.00",
        payments_="P-1 C1 2024-02-01 60.00 to B-1",
    )
    valid, problems, r = checked(b, "2024-03-31")
    assert [(p.row, p.code, p.severity) for p in problems] == [
        (2, "document_of_other_customer", Severity.WARNING)
    ]
    assert r.customers.loc["C1", "open_amount"] == 4000
    assert r.customers.loc["C2", "open_amount"] == 10000
    assert payment_results(valid, r).loc["P-1", "applied"] == 6000


def test_a_payment_applied_to_an_unknown_number_goes_to_the_pool() -> None:
    b = book(invoices="A-1 C1 2024-01-01 100.00", payments_="P-1 C1 2024-02-01 60.00 to A-9")
    _, problems, r = checked(b, "2024-03-31")
    assert [(p.code, p.severity) for p in problems] == [("unknown_document", Severity.WARNING)]
    assert (r.totals.open_amount, r.totals.collected) == (4000, 6000)


def test_a_link_to_a_document_after_the_as_of_date_is_a_warning_and_no_link() -> None:
    b = book(
        invoices="A-1 C1 2024-01-01 100.00\nA-2 C1 2024-05-01 100.00",
        payments_="P-1 C1 2024-02-01 60.00 to A-2",
        credits="N-1 C1 2024-02-02 10.00 against A-2",
    )
    _, problems, r = checked(b, "2024-03-31")
    assert [(p.table, p.row, p.field, p.code, p.severity, p.params) for p in problems] == [
        ("payments", 2, "applied_to", "future_document", Severity.WARNING,
         (("date", "2024-05-01"),)),
        ("transactions", 4, "against_document", "future_document", Severity.WARNING,
         (("date", "2024-05-01"),)),
    ]  # fmt: skip
    assert r.totals.open_amount == 3000  # 100 − 60 − 10 from the pool


def test_a_customer_left_out_is_reported_once_with_what_went_with_it() -> None:
    # C2's row had no name (left out by the reader): its three documents and its payment go
    # with it, told in one line at C2's row, not as four "not a valid customer" errors.
    b = book(
        invoices="A-1 C1 2024-01-01 100.00\nB-1 C2 2024-01-01 100.00\nB-2 C2 2024-01-05 50.50",
        credits="BN-1 C2 2024-01-06 0.50",
        payments_="P-1 C2 2024-02-01 30.00\nP-2 C9 2024-02-01 1.00",
    )
    kept = b.customers[b.customers["customer_id"] == "C1"]  # C9 is found nowhere
    rejected = pd.DataFrame({"customer_id": ["C2"], "customer_name": [""]}, index=[7])
    b = dataclasses.replace(b, customers=kept, rejected=MappingProxyType({"customers": rejected}))
    valid, problems = validate(no_plans(b))
    assert [(p.table, p.row, p.code, p.value, p.params) for p in problems] == [
        ("payments", 3, "unknown_customer", "C9", ()),
        (
            "customers",
            7,
            "left_out_with_customer",
            "C2",
            (
                ("documents", "3"),
                ("document_amount", "151.00"),
                ("payments", "1"),
                ("payment_amount", "30.00"),
                ("others", "0"),
            ),
        ),
    ]
    assert valid.transactions["customer_id"].tolist() == ["C1"]


@settings(max_examples=60, deadline=None)
@given(books())
def test_as_of_d_equals_the_book_without_the_rows_dated_after_d(case: tuple[Book, date]) -> None:
    b, as_of = case
    day = pd.Timestamp(as_of)
    earlier = dataclasses.replace(
        b,
        transactions=b.transactions[b.transactions["date"] <= day],
        payments=b.payments[b.payments["date"] <= day],
    )
    whole, _ = validate(no_plans(b))
    cut, _ = validate(no_plans(earlier))
    _assert_same(compute(cut, as_of), compute(whole, as_of))
