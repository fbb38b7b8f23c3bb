"""The computation runs one ordered list of steps, each adding to the results of the one before."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from arsheet.core import compute
from arsheet.core.book import Book
from arsheet.core.dunning import dunning
from arsheet.core.plans import plans
from arsheet.core.problems import Problem, Severity
from arsheet.core.promises import promises
from arsheet.core.receivables import receivables
from arsheet.core.results import Results
from arsheet.core.steps import STEPS, Step

from .ledgers import book

AS_OF = date(2024, 6, 30)
LEDGER = book(
    invoices="A-1 C1 2024-05-01 due 2024-05-31 100.00\nA-2 C2 2024-06-01 due 2024-07-01 50.00",
    payments_="P-1 C1 2024-06-10 40.00 to A-1",
)


def test_the_ledger_comes_first_then_plans_and_promises_then_dunning() -> None:
    assert STEPS[:4] == (receivables, plans, promises, dunning)


def test_before_any_step_the_results_hold_the_records_and_nothing_computed() -> None:
    start = Results.start(LEDGER, AS_OF)
    assert start.as_of == AS_OF
    assert start.transactions.index.equals(LEDGER.transactions.index)
    assert start.payments.index.equals(LEDGER.payments.index)
    assert start.customers.index.tolist() == ["C1", "C2"]
    for frame in (start.transactions, start.payments, start.customers):
        assert frame.columns.empty
    assert start.allocations.empty
    assert start.monthly.empty
    assert start.problems == ()
    assert start.bucket_bounds == (30, 60, 90, 120)


def test_the_totals_before_any_step_are_those_the_ledger_finds_without_records() -> None:
    nothing = book()
    assert Results.start(nothing, AS_OF).totals == compute(nothing, AS_OF).totals


def test_every_steps_problems_are_gathered_in_step_order() -> None:
    def warns(code: str) -> Step:
        def step(b: Book, results: Results) -> tuple[Results, tuple[Problem, ...]]:
            return results, (Problem("customers", None, None, code, Severity.WARNING),)

        return step

    later = book(
        invoices="A-1 C1 2024-05-01 100.00\nA-9 C1 2024-07-15 100.00",
        payments_="P-1 C1 2024-06-10 40.00 to A-9",
    )
    results = compute(later, AS_OF, (warns("first"), *STEPS, warns("last")))
    assert [p.code for p in results.problems] == ["first", "future_document", "last"]


def test_a_step_added_at_the_end_sees_what_the_earlier_steps_found() -> None:
    def chase(b: Book, results: Results) -> tuple[Results, tuple[Problem, ...]]:
        c = results.customers
        urgent = c["next_action"].notna() & (c["overdue_amount"] > 0)
        return replace(results, customers=c.assign(chase=urgent)), ()

    results = compute(LEDGER, AS_OF, (*STEPS, chase))
    assert results.customers["chase"].tolist() == [True, False]
    assert results.customers.loc["C1", "next_action"] == "First notice"


def test_compute_runs_the_steps_on_the_as_of_date() -> None:
    results = compute(LEDGER, AS_OF)
    tx = results.transactions.set_axis(LEDGER.transactions["document_no"].to_numpy())
    assert tx.loc["A-1", ["open_amount", "days_overdue"]].tolist() == [6000, 30]
    assert tx.loc["A-2", ["aging_bucket", "dunning_level", "next_action"]].tolist() == [
        0,
        0,
        "Friendly reminder",
    ]
