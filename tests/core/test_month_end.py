"""The month-end step: the book's headline figures as they stood at the previous month end."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from arsheet.core import compute
from arsheet.core.month_end import month_end
from arsheet.core.results import Results
from arsheet.core.steps import STEPS

from .ledgers import book, cents, run

# At the end of July A-1 was a month overdue and A-3 not yet written; on 10 August P-1 paid A-1.
# A-2 is disputed (today's flag: the book keeps no history of it) and C1 may owe 600.00.
LEDGER = book(
    invoices="""
        A-1 C1 2024-06-01 due 2024-07-01 500.00
        A-2 C1 2024-07-20 due 2024-08-19 300.00 disputed
        A-3 C1 2024-08-05 due 2024-09-04 200.00
    """,
    payments_="P-1 C1 2024-08-10 500.00 to A-1",
    customers_="C1 limit 600.00",
)


def test_the_previous_month_end_is_the_last_day_of_the_month_before() -> None:
    assert run(LEDGER, "2024-08-15").previous.day == date(2024, 7, 31)
    # On a month end itself, the previous one is a month earlier.
    assert run(LEDGER, "2024-08-31").previous.day == date(2024, 7, 31)
    assert run(LEDGER, "2024-03-01").previous.day == date(2024, 2, 29)


def test_at_the_month_end_later_documents_and_payments_do_not_exist_yet() -> None:
    results = run(LEDGER, "2024-08-15")
    now, then = results.totals, results.previous.totals
    assert (now.open_amount, now.overdue_amount) == (cents("500.00"), 0)
    assert (then.open_amount, then.overdue_amount) == (cents("800.00"), cents("500.00"))
    assert then.overdue_pct == 500 / 800
    assert then.documents == 2
    assert then.payments == 0


def test_the_disputed_flags_and_credit_limits_are_todays() -> None:
    results = run(LEDGER, "2024-08-15")
    assert results.previous.totals.disputed_amount == cents("300.00")
    # 800.00 owed at the end of July against today's limit of 600.00; 500.00 now.
    assert (results.previous.totals.customers_over_limit, results.totals.customers_over_limit) == (
        1,
        0,
    )


def test_with_nothing_dated_by_the_month_end_there_are_no_totals_then() -> None:
    results = run(LEDGER, "2024-06-20")
    assert results.previous.day == date(2024, 5, 31)
    assert results.previous.totals is None


def test_a_payment_alone_by_the_month_end_is_something_to_measure() -> None:
    early = book(payments_="P-0 C1 2024-05-20 50.00")
    assert run(early, "2024-06-20").previous.totals.unapplied_credit == cents("50.00")


def test_the_step_gives_no_problems_of_its_own() -> None:
    # P-9 names a document written after the month end and after the as-of date: the ledger
    # warns once, as of the as-of date.
    later = book(
        invoices="A-1 C1 2024-06-01 100.00\nA-9 C1 2024-09-01 100.00",
        payments_="P-9 C1 2024-07-10 40.00 to A-9",
    )
    assert [p.code for p in run(later, "2024-08-15").problems] == ["future_document"]


def test_the_step_runs_last_and_before_it_there_is_no_previous_month() -> None:
    assert STEPS[-1] is month_end
    assert Results.start(LEDGER, date(2024, 8, 15)).previous is None
    without = compute(LEDGER, date(2024, 8, 15), STEPS[:-1])
    assert without.previous is None
    assert replace(compute(LEDGER, date(2024, 8, 15)), previous=None).totals == without.totals


@settings(max_examples=30, deadline=None)
@given(st.dates(min_value=date(2024, 7, 1), max_value=date(2024, 12, 31)))
def test_the_totals_then_are_what_the_ledger_finds_on_that_day(as_of: date) -> None:
    # From July on, A-1 (1 June) is dated by the previous month end.
    previous = compute(LEDGER, as_of).previous
    assert previous.totals == compute(LEDGER, previous.day).totals
