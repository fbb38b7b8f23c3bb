"""Due dates, days overdue, grace days and aging buckets."""

from __future__ import annotations

import pandas as pd

from .ledgers import book, documents, run


def test_six_documents_land_one_per_bucket() -> None:
    b = book(
        invoices="""
            D-0   C1 2023-01-01 due 2024-06-30 100.00
            D-30  C1 2023-01-01 due 2024-05-31 100.00
            D-60  C1 2023-01-01 due 2024-05-01 100.00
            D-90  C1 2023-01-01 due 2024-04-01 100.00
            D-120 C1 2023-01-01 due 2024-03-02 100.00
            D-397 C1 2023-01-01 due 2023-05-30 100.00
        """,
    )
    r = run(b, "2024-06-30")
    docs = documents(b, r)
    assert docs["days_overdue"].tolist() == [0, 30, 60, 90, 120, 397]
    assert docs["aging_bucket"].tolist() == [0, 1, 2, 3, 4, 5]
    assert r.totals.buckets == (10000,) * 6
    assert r.totals.overdue_amount == 50000
    assert r.bucket_bounds == (30, 60, 90, 120)


def test_document_due_after_as_of_is_current() -> None:
    b = book(invoices="A-1 C1 2024-06-01 due 2024-07-15 100.00")
    doc = documents(b, run(b, "2024-06-30")).loc["A-1"]
    assert (doc["days_overdue"], doc["aging_bucket"], doc["status"]) == (0, 0, "unpaid")


def test_grace_days_delay_overdue_status_not_the_count() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-06-01 due 2024-06-25 100.00
            A-2 C1 2024-06-01 due 2024-06-24 100.00
        """,
        grace_days=5,
    )
    r = run(b, "2024-06-30")
    assert documents(b, r)["days_overdue"].tolist() == [0, 6]
    assert documents(b, r)["aging_bucket"].tolist() == [0, 1]
    assert r.customers.loc["C1", "overdue_amount"] == 10000


def test_custom_bounds() -> None:
    b = book(invoices="A-1 C1 2024-01-01 due 2024-05-01 100.00", aging_bounds=(15, 45))
    r = run(b, "2024-06-30")
    assert documents(b, r).loc["A-1", "aging_bucket"] == 3
    assert [c for c in r.customers if c.startswith("bucket_")] == [f"bucket_{i}" for i in range(4)]


def test_due_date_from_own_column_customer_terms_or_default() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-01-01 due 2024-01-05 100.00
            A-2 C1 2024-01-01 100.00
            B-1 C2 2024-01-01 100.00
        """,
        customers_="C1 terms 15",
        default_terms_days=45,
    )
    due = documents(b, run(b, "2024-06-30"))["due_date"]
    assert due.tolist() == [pd.Timestamp(d) for d in ("2024-01-05", "2024-01-16", "2024-02-15")]
