"""Promises to pay: kept, broken or open, and the dunning an open promise pauses."""

from __future__ import annotations

import dataclasses

import pandas as pd

from arsheet.core.book import DATE, OPTIONAL, TEXT, Book
from arsheet.core.problems import Severity
from arsheet.core.validate import validate

from .ledgers import book, cents, documents, run

# Log lines: date, customer, document ("-" for none), promised date, amount ("-": none).
SALES = """
A-1 C1 2024-07-01 due 2024-07-31 500.00
A-2 C1 2024-07-15 due 2024-08-14 200.00
B-1 C2 2024-07-01 due 2024-07-31 400.00
"""


def logged(text: str) -> pd.DataFrame:
    rows = [line.split() for line in text.strip().splitlines()]
    return pd.DataFrame(
        {
            "date": [r[0] for r in rows],
            "customer_id": [r[1] for r in rows],
            "document_no": ["" if r[2] == "-" else r[2] for r in rows],
            "promised_date": [None if r[3] == "-" else r[3] for r in rows],
            "promised_amount": [None if r[4] == "-" else cents(r[4]) for r in rows],
        },
        index=range(2, len(rows) + 2),
    ).astype(
        {
            "date": DATE,
            "customer_id": TEXT,
            "document_no": TEXT,
            "promised_date": DATE,
            "promised_amount": OPTIONAL,
        }
    )


def with_log(log: str, paid: str = "") -> Book:
    return dataclasses.replace(book(invoices=SALES, payments_=paid), collection_log=logged(log))


def statuses(b: Book, as_of: str) -> list[object]:
    found = run(b, as_of).collection_log["promise_status"]
    return [None if pd.isna(s) else s for s in found]


def test_kept_when_the_payments_up_to_the_promised_date_cover_it() -> None:
    b = with_log(
        "2024-09-10 C1 - 2024-09-20 500.00",
        "P-1 C1 2024-09-15 300.00\nP-2 C1 2024-09-20 200.00",
    )
    assert statuses(b, "2024-09-30") == ["kept"]


def test_broken_when_the_date_passed_without_the_money() -> None:
    # The second 200.00 came a day late; a payment before the promise is not its keeping.
    b = with_log(
        "2024-09-10 C1 - 2024-09-20 500.00",
        "P-0 C1 2024-09-09 500.00\nP-1 C1 2024-09-15 300.00\nP-2 C1 2024-09-21 200.00",
    )
    assert statuses(b, "2024-09-30") == ["broken"]
    results = run(b, "2024-09-30")
    assert results.customers.loc["C1", "broken_promises_12m"] == 1
    assert results.customers.loc["C2", "broken_promises_12m"] == 0


def test_open_until_its_date_then_kept_or_broken() -> None:
    b = with_log("2024-09-25 C1 - 2024-10-05 500.00", "P-1 C1 2024-09-28 300.00")
    assert statuses(b, "2024-09-30") == ["open"]
    assert statuses(b, "2024-10-05") == ["open"]  # the promised day itself is still open
    assert statuses(b, "2024-10-06") == ["broken"]
    # Logged after the as-of date: not made yet.
    assert statuses(b, "2024-09-24") == [None]


def test_without_an_amount_any_payment_keeps_it_and_a_note_without_a_date_is_no_promise() -> None:
    b = with_log(
        "2024-09-10 C1 - 2024-09-20 -\n2024-09-10 C2 - - 100.00",
        "P-1 C1 2024-09-12 1.00",
    )
    assert statuses(b, "2024-09-30") == ["kept", None]


def test_an_open_promise_pauses_the_customers_dunning_until_its_date() -> None:
    b = with_log("2024-09-25 C1 - 2024-10-05 700.00")
    results = run(b, "2024-09-30")
    docs = documents(b, results)
    assert docs.loc[["A-1", "A-2"], "dunning_level"].isna().all()
    assert docs.loc["B-1", "dunning_level"] == 3  # C2 promised nothing
    assert results.customers.loc["C1", "open_promise_date"] == pd.Timestamp("2024-10-05")
    assert pd.isna(results.customers.loc["C2", "open_promise_date"])
    # Broken once its date has passed: dunning resumes.
    later = documents(b, run(b, "2024-10-06"))
    assert later.loc["A-1", "dunning_level"] == 3
    assert later.loc["A-2", "dunning_level"] == 2


def test_a_promise_naming_a_document_pauses_only_that_document() -> None:
    b = with_log("2024-09-25 C1 A-1 2024-10-05 500.00")
    docs = documents(b, run(b, "2024-09-30"))
    assert pd.isna(docs.loc["A-1", "dunning_level"])
    assert docs.loc["A-1", "promised_date"] == pd.Timestamp("2024-10-05")
    assert docs.loc["A-2", "dunning_level"] == 2


def test_only_the_last_12_months_broken_promises_count() -> None:
    b = with_log("2024-09-10 C1 - 2024-09-20 500.00\n2023-06-01 C1 - 2023-06-10 100.00")
    assert statuses(b, "2024-09-30") == ["broken", "broken"]
    assert run(b, "2024-09-30").customers.loc["C1", "broken_promises_12m"] == 1


def test_a_promised_date_before_the_entry_is_a_warning_and_no_broken_promise() -> None:
    # A typing mistake: no payment can fall between 09-10 and 09-01.
    typed = with_log("2024-09-10 C1 A-1 2024-09-01 500.00")
    no_plans = pd.DataFrame(columns=["plan_id", "customer_id", "document_no"], dtype=object)
    b, problems = validate(dataclasses.replace(typed, plans=no_plans))
    assert [(p.row, p.field, p.code, p.severity) for p in problems] == [
        (2, "promised_date", "promised_before_entry", Severity.WARNING)
    ]
    assert statuses(b, "2024-09-30") == [None]
    assert run(b, "2024-09-30").customers.loc["C1", "broken_promises_12m"] == 0
