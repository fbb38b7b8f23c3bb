"""The forecast step on whole books: habits, promises and plans read from the earlier steps."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import arsheet
from arsheet.core import compute
from arsheet.core.book import Book
from arsheet.core.results import Results

from .ledgers import book, documents, run
from .test_plans import planned
from .test_promises import logged
from .test_properties import books

# C1 paid two invoices 10 and 20 days late (median 15); C2 paid nothing yet.
SALES = """
A-1 C1 2024-06-01 due 2024-07-01 100.00
A-2 C1 2024-06-01 due 2024-07-01 100.00
A-3 C1 2024-09-01 due 2024-10-01 300.00
A-4 C1 2024-09-01 due 2024-10-01 50.00 disputed
A-5 C1 2024-09-01 due 2024-10-01 70.00 written_off
A-6 C1 2024-09-15 due 2024-10-15 400.00
A-7 C1 2024-09-20 due 2024-10-20 600.00
B-1 C2 2024-09-01 due 2024-10-01 200.00
"""
PAID = """
P-1 C1 2024-07-11 100.00 to A-1
P-2 C1 2024-07-21 100.00 to A-2
"""
# On 09-25 C1 promises A-6 by 11-20 (still open on 09-30).
LOG = "2024-09-25 C1 A-6 2024-11-20 400.00"
# A-7 in two instalments of 300.00 (from 08-31, a period before the first); 100.00 of the
# first already paid.
PLANS = """
PL C1 A-7 1 2024-09-30 300.00
PL C1 A-7 2 2024-10-30 300.00
"""
PAID_TOWARD_PLAN = "P-3 C1 2024-09-28 100.00 to A-7"


def scenario() -> Book:
    b = book(invoices=SALES, payments_=PAID + PAID_TOWARD_PLAN)
    return dataclasses.replace(b, collection_log=logged(LOG), plans=planned(PLANS))


def expected_total(results: Results) -> int:
    assert results.forecast is not None
    return int(results.forecast.weeks["amount"].sum()) + results.forecast.later


def test_each_document_is_expected_by_habit_promise_or_plan_and_disputes_not_at_all() -> None:
    b = scenario()
    results = run(b, "2024-09-30")
    docs = documents(b, results)["expected_date"].dropna().dt.strftime("%Y-%m-%d")
    assert docs.to_dict() == {
        "A-3": "2024-10-16",  # due + C1's 15 days
        "A-6": "2024-11-20",  # promised
        "A-7": "2024-10-30",  # its last instalment
        "B-1": "2024-10-16",  # C2 has no history: the book's 15 days
    }
    assert results.forecast is not None
    rows = results.forecast.expected
    plan = rows[rows["document"] == b.transactions.index[6]]
    assert plan["date"].dt.strftime("%m-%d").tolist() == ["09-30", "10-30"]
    assert plan["amount"].tolist() == [200_00, 300_00]
    assert set(rows["customer_id"]) == {"C1", "C2"}
    # A-4 is disputed: its 50.00 is open but not expected.
    assert expected_total(results) == 300_00 + 400_00 + 500_00 + 200_00


def test_money_late_even_by_habit_is_expected_the_next_day() -> None:
    b = scenario()
    docs = documents(b, run(b, "2024-12-31"))
    assert docs.loc["A-3", "expected_date"] == pd.Timestamp("2025-01-01")


def test_a_promise_naming_a_document_the_book_lacks_moves_nothing() -> None:
    b = dataclasses.replace(scenario(), collection_log=logged("2024-09-25 C2 Z-9 2024-12-20 -"))
    docs = documents(b, run(b, "2024-09-30"))
    assert docs.loc["B-1", "expected_date"] == pd.Timestamp("2024-10-16")


def check_the_total_is_the_open_amount_not_disputed(results: Results) -> None:
    totals = results.totals
    assert expected_total(results) == totals.open_amount - totals.disputed_amount
    assert results.forecast is not None
    assert int(results.forecast.expected["amount"].sum()) == expected_total(results)


@settings(max_examples=60, deadline=None)
@given(books(), st.data())
def test_the_forecast_holds_the_open_amount_not_disputed(
    case: tuple[Book, date], data: st.DataObject
) -> None:
    b, as_of = case
    numbers = b.transactions["document_no"].tolist()
    customers = b.customers["customer_id"].tolist()
    document = st.sampled_from([*numbers, "-"]) if numbers else st.just("-")
    day = st.dates(date(2023, 12, 1), date(2024, 4, 30)).map(str)
    plans = data.draw(st.lists(st.tuples(document, day, st.integers(1, 9999)), max_size=4))
    promises = data.draw(
        st.lists(st.tuples(day, st.sampled_from(customers), document, day), max_size=4)
    )
    if plans:
        lines = [f"PL{k % 2} C0 {d} {k} {on} {c / 100:.2f}" for k, (d, on, c) in enumerate(plans)]
        b = dataclasses.replace(b, plans=planned("\n".join(lines)))
    if promises:
        lines = [f"{when} {c} {d} {on} -" for when, c, d, on in promises]
        b = dataclasses.replace(b, collection_log=logged("\n".join(lines)))
    check_the_total_is_the_open_amount_not_disputed(compute(b, as_of))


@pytest.mark.parametrize("today", [date(2024, 12, 31), date(2026, 7, 15)])
def test_the_demos_forecast_holds_its_open_amount_not_disputed(tmp_path: Path, today: date) -> None:
    demo = arsheet.new(tmp_path / "demo.xlsx", demo=True, today=today)
    results = arsheet.compute(demo, as_of=today).results
    check_the_total_is_the_open_amount_not_disputed(results)
    assert results.totals.disputed_amount > 0
    assert results.forecast is not None
    assert (results.forecast.weeks["amount"] > 0).sum() > 6
