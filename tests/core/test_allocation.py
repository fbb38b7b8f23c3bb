"""Who paid what: explicit links, the pool, credit notes, disputes, write-offs, as-of dates."""

from __future__ import annotations

import pandas as pd

from .ledgers import book, documents, payment_results, run


def test_partial_payment_leaves_the_rest_open() -> None:
    b = book(
        invoices="A-1 C1 2024-01-01 due 2024-01-31 100.00",
        payments_="P-1 C1 2024-01-20 40.00",
    )
    doc = documents(b, run(b, "2024-01-31")).loc["A-1"]
    assert (doc["paid"], doc["open_amount"], doc["status"]) == (4000, 6000, "partially_paid")


def test_payment_of_99_99_on_100_leaves_one_cent_open() -> None:
    b = book(
        invoices="A-1 C1 2024-01-01 due 2024-01-31 100.00",
        payments_="P-1 C1 2024-01-20 99.99",
    )
    r = run(b, "2024-02-15")
    doc = documents(b, r).loc["A-1"]
    assert (doc["paid"], doc["open_amount"], doc["status"]) == (9999, 1, "partially_paid")
    assert (doc["days_overdue"], doc["aging_bucket"]) == (15, 1)
    assert r.customers.loc["C1", "overdue_amount"] == 1


def test_overpayment_becomes_unapplied_credit() -> None:
    b = book(
        invoices="A-1 C1 2024-01-01 due 2024-01-31 100.00",
        payments_="P-1 C1 2024-01-20 150.00",
    )
    r = run(b, "2024-02-15")
    assert documents(b, r).loc["A-1", "status"] == "paid"
    pay = payment_results(b, r).loc["P-1"]
    assert (pay["applied"], pay["unapplied"]) == (10000, 5000)
    c1 = r.customers.loc["C1"]
    assert (c1["open_amount"], c1["unapplied_credit"], c1["net_balance"]) == (0, 5000, -5000)


def test_named_invoice_first_then_the_excess_to_the_oldest_other() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-01-01 due 2024-01-31 100.00
            A-2 C1 2024-02-01 due 2024-02-29 100.00
            A-3 C1 2024-03-01 due 2024-03-31 100.00
        """,
        payments_="P-1 C1 2024-03-05 150.00 to A-2",
    )
    r = run(b, "2024-03-10")
    assert documents(b, r)["paid"].tolist() == [5000, 10000, 0]
    assert r.allocations[["target", "amount"]].values.tolist() == [[2, 5000], [3, 10000]]


def test_credit_note_against_an_invoice_and_a_stand_alone_one() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-01-01 due 2024-01-31 100.00
            A-2 C1 2024-02-01 due 2024-02-29 100.00
        """,
        credits="""
            CN-1 C1 2024-02-10 30.00 against A-2
            CN-2 C1 2024-02-11 20.00
        """,
    )
    docs = documents(b, run(b, "2024-02-20"))
    assert docs["open_amount"].tolist() == [8000, 7000, 0, 0]
    assert docs["paid"].tolist() == [2000, 3000, 3000, 2000]
    assert docs["status"].tolist() == ["partially_paid", "partially_paid", "credit", "credit"]


def test_unused_credit_note_is_negative_open_and_unapplied_credit() -> None:
    b = book(
        invoices="A-1 C1 2024-01-01 due 2024-01-31 10.00",
        credits="CN-1 C1 2024-01-05 25.00 against A-1",
    )
    r = run(b, "2024-01-31")
    assert documents(b, r).loc["CN-1", ["paid", "open_amount"]].tolist() == [1000, -1500]
    assert r.customers.loc["C1", "unapplied_credit"] == 1500
    assert pd.isna(documents(b, r).loc["CN-1", "aging_bucket"])


def test_automatic_application_skips_a_disputed_invoice() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-01-01 due 2024-01-31 100.00 disputed
            A-2 C1 2024-02-01 due 2024-02-29 100.00
        """,
        payments_="""
            P-1 C1 2024-03-01 100.00
            P-2 C1 2024-03-02 10.00 to A-1
        """,
    )
    docs = documents(b, run(b, "2024-03-10"))
    assert docs["status"].tolist() == ["partially_paid", "paid"]
    assert docs["open_amount"].tolist() == [9000, 0]


def test_write_off_keeps_the_paid_part_and_is_not_open() -> None:
    b = book(
        invoices="A-1 C1 2024-01-01 due 2024-01-31 100.00 written_off",
        payments_="""
            P-1 C1 2024-01-15 30.00 to A-1
            P-2 C1 2024-01-16 50.00
        """,
    )
    r = run(b, "2024-06-30")
    doc = documents(b, r).loc["A-1"]
    assert (doc["paid"], doc["written_off_amount"], doc["open_amount"]) == (3000, 7000, 0)
    assert doc["status"] == "written_off"
    assert pd.isna(doc["aging_bucket"])
    assert payment_results(b, r).loc["P-2", "unapplied"] == 5000
    assert r.totals.written_off == 7000


def test_pool_takes_sources_by_date_and_fills_oldest_due_first() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-01-10 due 2024-03-01 100.00
            A-2 C1 2024-01-20 due 2024-02-01 100.00
            A-3 C1 2024-01-05 due 2024-02-01 100.00
        """,
        payments_="""
            P-2 C1 2024-02-10 120.00
            P-1 C1 2024-02-05 100.00
        """,
    )
    r = run(b, "2024-02-20")
    assert documents(b, r)["paid"].tolist() == [2000, 10000, 10000]
    assert r.allocations[["source", "target", "amount"]].values.tolist() == [
        [3, 4, 10000],
        [2, 3, 10000],
        [2, 2, 2000],
    ]
    assert payment_results(b, r)["unapplied"].tolist() == [0, 0]


def test_explicit_link_to_something_that_is_not_its_open_invoice_goes_to_the_pool() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-01-01 due 2024-01-31 100.00
            B-1 C2 2024-01-01 due 2024-01-31 100.00
            A-9 C1 2024-05-01 due 2024-05-31 100.00
        """,
        credits="CN-1 C1 2024-01-02 10.00",
        payments_="""
            P-1 C1 2024-02-01 20.00 to B-1
            P-2 C1 2024-02-02 20.00 to CN-1
            P-3 C1 2024-02-03 20.00 to A-9
            P-4 C1 2024-02-04 20.00 to NOPE
        """,
    )
    docs = documents(b, run(b, "2024-03-01"))
    assert docs.loc["A-1", "paid"] == 9000
    assert docs.loc["B-1", "paid"] == 0
    assert docs.loc["A-9"].isna().all()


def test_sources_linked_to_one_invoice_take_turns_by_date_then_number() -> None:
    b = book(
        invoices="A-1 C1 2024-01-01 due 2024-01-31 100.00",
        payments_="""
            P-3 C1 2024-01-10 60.00 to A-1
            P-2 C1 2024-01-09 60.00 to A-1
            P-1 C1 2024-01-10 60.00 to A-1
        """,
    )
    pays = payment_results(b, run(b, "2024-01-31"))
    assert pays["applied"].tolist() == [0, 6000, 4000]


def test_paid_date_is_the_day_the_last_money_arrived() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-01-01 due 2024-01-31 100.00
            A-2 C1 2024-03-01 due 2024-03-31 50.00
        """,
        payments_="""
            P-1 C1 2024-01-20 40.00
            P-2 C1 2024-02-10 60.00
            P-3 C1 2024-02-20 50.00
        """,
    )
    docs = documents(b, run(b, "2024-04-30"))
    assert docs["paid_date"].tolist() == [pd.Timestamp("2024-02-10"), pd.Timestamp("2024-03-01")]
    assert docs["days_late"].tolist() == [10, 0]
    assert docs["days_to_pay"].tolist() == [40, 0]


def test_as_of_before_a_payment_ignores_it() -> None:
    b = book(
        invoices="A-1 C1 2024-01-01 due 2024-01-31 100.00",
        payments_="P-1 C1 2024-02-10 100.00",
    )
    before = run(b, "2024-02-09")
    assert documents(b, before).loc["A-1", "open_amount"] == 10000
    assert payment_results(b, before).loc["P-1"].isna().all()
    on = run(b, "2024-02-10")
    assert documents(b, on).loc["A-1", "status"] == "paid"
    assert payment_results(b, on).loc["P-1", "applied"] == 10000


def test_document_dated_after_as_of_does_not_exist_yet() -> None:
    b = book(invoices="A-1 C1 2024-03-01 due 2024-03-31 100.00")
    r = run(b, "2024-02-29")
    assert r.transactions.isna().all(axis=None)
    assert r.customers.loc["C1", "open_amount"] == 0


def test_empty_book_and_customer_without_documents() -> None:
    b = book(customers_="C9 limit 500.00")
    r = run(b, "2024-02-29")
    assert r.transactions.empty
    assert r.payments.empty
    assert r.allocations.empty
    assert r.customers.loc["C9", ["open_amount", "available_credit"]].tolist() == [0, 50000]
    assert r.totals.open_amount == 0
    assert r.totals.dso == 0.0
    assert len(r.monthly) == 12
