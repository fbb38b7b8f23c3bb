"""Integrity checks: duplicates, unknown customers and documents, credit notes, cascading drops."""

from __future__ import annotations

import pandas as pd

from arsheet.core.book import Book
from arsheet.core.problems import Severity
from arsheet.core.settings import Settings
from arsheet.core.validate import validate


def frame(columns: str, rows: list[tuple], first_row: int = 2) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=columns.split())
    out.index = range(first_row, first_row + len(rows))
    for c in ("date", "due_date"):
        if c in out:
            out[c] = pd.to_datetime(out[c])
    return out


def book(
    customers: list[tuple],
    transactions: list[tuple] = (),
    payments: list[tuple] = (),
    plans: list[tuple] = (),
    log: list[tuple] = (),
) -> Book:
    return Book(
        customers=frame("customer_id customer_name", customers),
        transactions=frame(
            "document_no customer_id type date due_date amount against_document", list(transactions)
        ),
        payments=frame("payment_no customer_id date amount applied_to", list(payments)),
        plans=frame("plan_id customer_id document_no installment due_date amount", list(plans)),
        collection_log=frame("date customer_id document_no", list(log)),
        settings=Settings(),
    )


def found(problems: list) -> set[tuple]:
    return {(p.table, p.row, p.field, p.code, p.value, p.params) for p in problems}


def test_later_duplicates_are_errors_naming_the_first() -> None:
    b = book(
        [("C1", "Acme"), ("C2", "Beta"), ("C1", "Acme again")],
        [
            ("INV-1", "C1", "invoice", "2024-09-01", "2024-10-01", 100, ""),
            ("INV-1", "C2", "invoice", "2024-09-02", "2024-10-02", 100, ""),
        ],
        [("P1", "C1", "2024-09-05", 10, ""), ("P1", "C1", "2024-09-06", 10, "")],
    )
    valid, problems = validate(b)
    assert found(problems) == {
        ("customers", 4, "customer_id", "duplicate_id", "C1", (("first", "2"),)),
        ("transactions", 3, "document_no", "duplicate_id", "INV-1", (("first", "2"),)),
        ("payments", 3, "payment_no", "duplicate_id", "P1", (("first", "2"),)),
    }
    assert list(valid.customers.index) == [2, 3]
    assert list(valid.transactions.index) == [2]


def test_unknown_customers_are_errors_and_links_to_no_valid_document_are_warnings() -> None:
    # C2 and C3 are found nowhere: their records are errors. A link naming no valid document
    # is read as no link: the payment and the plan stay, their link blanked.
    b = book(
        [("C1", "Acme")],
        [
            ("INV-1", "C1", "invoice", "2024-09-01", "2024-10-01", 100, ""),
            ("INV-2", "C2", "invoice", "2024-09-01", "2024-10-01", 100, ""),
        ],
        [("P1", "C1", "2024-09-05", 10, "INV-2"), ("P2", "C1", "2024-09-05", 10, "INV-1")],
        plans=[("PL1", "C1", "INV-9", 1, "2024-12-01", 50)],
        log=[("2024-09-10", "C3", "")],
    )
    valid, problems = validate(b)
    assert found(problems) == {
        ("transactions", 3, "customer_id", "unknown_customer", "C2", ()),
        ("payments", 2, "applied_to", "unknown_document", "INV-2", ()),
        ("plans", 2, "document_no", "unknown_document", "INV-9", ()),
        ("collection_log", 2, "customer_id", "unknown_customer", "C3", ()),
    }
    assert severities(problems) == {
        "unknown_customer": Severity.ERROR,
        "unknown_document": Severity.WARNING,
    }
    assert valid.payments["applied_to"].tolist() == ["", "INV-1"]
    assert valid.plans["document_no"].tolist() == [""]


def severities(problems: list) -> dict[str, Severity]:
    return {p.code: p.severity for p in problems}


def test_credit_notes_must_reduce_an_invoice_of_the_same_customer() -> None:
    b = book(
        [("C1", "Acme"), ("C2", "Beta")],
        [
            ("INV-1", "C1", "invoice", "2024-09-01", "2024-10-01", 100, ""),
            ("CN-1", "C2", "credit_note", "2024-09-02", None, 10, "INV-1"),
            ("CN-2", "C1", "credit_note", "2024-09-02", None, 10, "INV-1"),
            ("CN-3", "C1", "credit_note", "2024-09-03", None, 10, "CN-2"),
            ("CN-4", "C1", "credit_note", "2024-09-03", None, 10, ""),
        ],
        [("P1", "C2", "2024-09-05", 10, "INV-1")],
    )
    valid, problems = validate(b)
    assert found(problems) == {
        (
            "transactions",
            3,
            "against_document",
            "document_of_other_customer",
            "INV-1",
            (("other", "C1"),),
        ),
        ("transactions", 5, "against_document", "credit_against_credit_note", "CN-2", ()),
        ("payments", 2, "applied_to", "document_of_other_customer", "INV-1", (("other", "C1"),)),
    }
    assert {p.severity for p in problems} == {Severity.WARNING}
    assert valid.transactions["document_no"].tolist() == ["INV-1", "CN-1", "CN-2", "CN-3", "CN-4"]
    assert valid.transactions["against_document"].tolist() == ["", "", "INV-1", "", ""]
    assert valid.payments["applied_to"].tolist() == [""]


def test_a_due_date_before_the_date_is_a_warning_and_the_record_stays() -> None:
    b = book([("C1", "Acme")], [("INV-1", "C1", "invoice", "2024-09-01", "2024-08-01", 100, "")])
    valid, problems = validate(b)
    assert [(p.code, p.severity, p.value, p.params) for p in problems] == [
        ("due_before_date", Severity.WARNING, "2024-08-01", (("date", "2024-09-01"),))
    ]
    assert len(valid.transactions) == 1


def test_a_payment_to_a_credit_note_is_a_warning_and_every_row_is_a_plain_int() -> None:
    # CN-1 names another customer's invoice: it stays with no link. The payment applied to it
    # names a credit note, not an invoice: it stays with no link too.
    b = book(
        [("C1", "Acme"), ("C2", "Beta")],
        [
            ("INV-1", "C2", "invoice", "2024-09-01", "2024-10-01", 100, ""),
            ("CN-1", "C1", "credit_note", "2024-09-02", "2024-09-02", 10, "INV-1"),
            ("INV-1", "C1", "invoice", "2024-09-03", "2024-10-03", 100, ""),
        ],
        [("P1", "C1", "2024-09-05", 10, "CN-1"), ("P2", "C2", "2024-09-05", 10, "INV-1")],
    )
    valid, problems = validate(b)
    assert found(problems) == {
        ("transactions", 4, "document_no", "duplicate_id", "INV-1", (("first", "2"),)),
        ("transactions", 3, "against_document", "document_of_other_customer", "INV-1",
         (("other", "C2"),)),
        ("payments", 2, "applied_to", "credit_against_credit_note", "CN-1", ()),
    }  # fmt: skip
    assert all(type(p.row) is int for p in problems)
    assert list(valid.transactions.index) == [2, 3]
    assert list(valid.payments.index) == [2, 3]
