"""Credit scores, grades, recommendations and holds, each rule as a small book."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pandas as pd
import pytest

from arsheet.core import compute
from arsheet.core.book import Book
from arsheet.core.contacts import contacts
from arsheet.core.credit_policy import credit, order_blocks
from arsheet.core.dunning import dunning
from arsheet.core.plans import plans
from arsheet.core.problems import Problem
from arsheet.core.receivables import receivables
from arsheet.core.results import Results
from arsheet.core.settings import DEFAULT_CREDIT_FACTORS, CreditGrade
from arsheet.reports.reasons import reason_texts

from .ledgers import book, run

AS_OF = "2024-12-31"


def paid_invoices(
    customer: str, days_late: int, count: int = 3, start: str = "2024-01-01"
) -> tuple[str, str]:
    """Return invoice and payment lines: ``count`` invoices of 100.00 due 30 days after their
    date, a month apart, each paid ``days_late`` days after its due date (negative: early)."""
    first = date.fromisoformat(start)
    invoices, payments = [], []
    for i in range(count):
        day = first + timedelta(days=31 * i)
        due = day + timedelta(days=30)
        paid = due + timedelta(days=days_late)
        invoices.append(f"{customer}-{i} {customer} {day} due {due} 100.00")
        payments.append(f"P{customer}-{i} {customer} {paid} 100.00 to {customer}-{i}")
    return "\n".join(invoices), "\n".join(payments)


def ledger(*parts: tuple[str, str], customers: str = "", **settings: object) -> Book:
    return book(
        invoices="\n".join(p[0] for p in parts),
        payments_="\n".join(p[1] for p in parts),
        customers_=customers,
        **settings,
    )


def credit_of(b: Book, as_of: str = AS_OF) -> pd.DataFrame:
    return run(b, as_of).customers


def test_a_prompt_payer_scores_80_and_is_graded_a() -> None:
    c = credit_of(ledger(paid_invoices("C1", 0))).loc["C1"]
    assert (c["credit_score"], c["grade"], c["credit_hold"]) == (80, "A", False)
    assert (c["reason_1"], c["reason_2"]) == ("pays_on_time", "")


def test_a_payer_15_days_late_scores_70_and_30_days_late_50() -> None:
    c = credit_of(ledger(paid_invoices("C1", 15), paid_invoices("C2", 30)))
    assert c.loc["C1", ["credit_score", "grade"]].tolist() == [70, "B"]
    assert c.loc["C2", ["credit_score", "grade"]].tolist() == [50, "C"]
    assert (c.loc["C1", "reason_1"], c.loc["C1", "value_1"]) == ("pays_late", 15)


def test_an_early_payer_scores_above_80() -> None:
    c = credit_of(ledger(paid_invoices("C1", -10), paid_invoices("C2", -45))).loc[:, "credit_score"]
    assert c.to_dict() == {"C1": 90, "C2": 100}


def test_days_late_are_weighted_by_amount() -> None:
    # 100.00 paid on time and 300.00 paid 20 days late: 15 days beyond terms, not 10.
    b = book(
        invoices="A-1 C1 2024-01-01 due 2024-01-31 100.00\n"
        "A-2 C1 2024-02-01 due 2024-03-02 300.00\n"
        "A-3 C1 2024-03-01 due 2024-03-31 100.00",
        payments_="P-1 C1 2024-01-31 100.00 to A-1\n"
        "P-2 C1 2024-03-22 300.00 to A-2\n"
        "P-3 C1 2024-03-31 100.00 to A-3",
    )
    c = credit_of(b).loc["C1"]
    assert c["days_beyond_terms"] == 12.0  # (0 × 100 + 20 × 300 + 0 × 100) / 500
    assert c["credit_score"] == 72  # 80 − 12/15 × 10


def test_too_little_history_is_new_with_no_score() -> None:
    two_paid = paid_invoices("C1", 0, count=2)
    recent = paid_invoices("C2", 0, count=3, start="2024-10-15")  # first invoice 77 days ago
    nothing = ("", "")
    c = credit_of(ledger(two_paid, recent, nothing, customers="C3"))
    assert c["grade"].to_dict() == {"C1": "New", "C2": "New", "C3": "New"}
    assert c["credit_score"].isna().all()
    assert c["suggested_limit"].isna().all()
    assert c.loc["C1", ["reason_1", "value_1"]].tolist() == ["few_paid_invoices", 2]
    # Its third invoice falls due in 2025: two paid so far.
    assert c.loc["C2", ["reason_1", "value_1"]].tolist() == ["few_paid_invoices", 2]
    assert c.loc["C2", ["reason_2", "value_2"]].tolist() == ["short_history", 77]


def _with_counts(broken: dict[str, int]) -> tuple:
    """Return the steps with one that counts broken promises in place of the promises step."""

    def promises(b: Book, results: Results) -> tuple[Results, tuple[Problem, ...]]:
        counts = pd.Series(broken, dtype="Int64").reindex(results.customers.index).fillna(0)
        customers = results.customers.assign(broken_promises_12m=counts, missed_installments_12m=0)
        return dataclasses.replace(results, customers=customers), ()

    return (receivables, plans, promises, dunning, contacts, credit)


def test_the_worked_example_of_the_readme_scores_51() -> None:
    # Three invoices paid 15 days late (70 points); of 200.00 open, 100.00 overdue (50 %,
    # 10 points); one broken promise (5 points); 200.00 of a 500.00 limit used (40 %, 4 points).
    b = ledger(
        paid_invoices("C1", 15, start="2023-10-01"),
        (
            "A-4 C1 2024-11-01 due 2024-12-01 100.00\nA-5 C1 2024-12-15 due 2025-01-14 100.00",
            "",
        ),
        customers="C1 limit 500.00",
    )
    c = compute(b, date(2024, 12, 31), _with_counts({"C1": 1})).customers.loc["C1"]
    assert c["credit_score"] == 51
    assert c["grade"] == "C"
    assert [c[f"reason_{k}"] for k in (1, 2, 3)] == [
        "pays_late",
        "overdue_share",
        "broken_promises",
    ]
    words = reason_texts(c.to_frame().T, "en").iloc[0]
    assert words == (
        "pays 15 days late on average; 50 % of the balance overdue; 1 broken promise in 12 months"
    )
    zh = reason_texts(c.to_frame().T, "zh").iloc[0]
    assert zh == "平均逾期 15 天付款；余额的 50% 已逾期；12 个月内 1 次未兑现付款承诺"


def test_written_off_sales_cost_points() -> None:
    b = ledger(paid_invoices("C1", 0), ("W-1 C1 2024-06-01 100.00 written_off", ""))
    c = credit_of(b).loc["C1"]
    # 100.00 of 400.00 written off: 25 %, beyond the 5 % that takes all 20 points.
    assert c["credit_score"] == 60
    assert (c["reason_1"], c["value_1"]) == ("written_off", 25)


@pytest.mark.parametrize("kept", [0, 1])
def test_a_scorecard_of_fewer_factors_than_reasons_still_explains(kept: int) -> None:
    # The Settings' other factor rows were bad cells, left out as problems.
    factors = DEFAULT_CREDIT_FACTORS[:kept]
    b = ledger(paid_invoices("C1", 15), credit_factors=factors)
    c = credit_of(b).loc["C1"]
    assert (c["credit_score"], c["reason_1"], c["reason_2"], c["reason_3"]) == (
        70,
        "pays_late",
        "",
        "",
    )


def test_grades_limits_and_terms_follow_the_settings() -> None:
    grades = (CreditGrade("Gold", 75, 4, 60), CreditGrade("Cash only", 0, 0, 0))
    b = ledger(paid_invoices("C1", 0), paid_invoices("C2", 30), credit_grades=grades)
    c = credit_of(b)
    assert c["grade"].to_dict() == {"C1": "Gold", "C2": "Cash only"}
    # The last 365 days (after 2024-01-01) hold 200.00 of invoices: 4 × 200.00 / 12 = 66.66,
    # rounded down to whole units.
    assert c["suggested_limit"].to_dict() == {"C1": 6_600, "C2": 0}
    assert c["suggested_terms"].to_dict() == {"C1": 60, "C2": 0}


def test_the_default_grades_keep_a_good_customers_own_terms() -> None:
    c = credit_of(ledger(paid_invoices("C1", 0), paid_invoices("C2", 30)))
    assert c.loc["C1", "suggested_terms"] is pd.NA
    assert c.loc["C1", "suggested_limit"] == 5_000  # 3 × 200.00 / 12
    assert c.loc["C2", "suggested_terms"] == 15


@pytest.mark.parametrize(
    ("open_line", "held"),
    [
        # 90 days overdue and above 1,000.00: held.
        ("X-1 C1 2024-09-02 due 2024-10-02 1200.00", True),
        # 90 days overdue but under the amount: a small old invoice holds nobody.
        ("X-1 C1 2024-09-02 due 2024-10-02 800.00", False),
        # Above the amount but only 30 days overdue: not yet.
        ("X-1 C1 2024-11-01 due 2024-12-01 1200.00", False),
        # Disputed: not held for it.
        ("X-1 C1 2024-09-02 due 2024-10-02 1200.00 disputed", False),
    ],
)
def test_a_hold_needs_both_the_days_and_the_amount(open_line: str, held: bool) -> None:
    c = credit_of(ledger(paid_invoices("C1", 0), (open_line, ""))).loc["C1"]
    assert (c["credit_hold"], c["hold_overdue"], c["hold_over_limit"]) == (held, held, False)


def test_the_hold_thresholds_come_from_the_settings() -> None:
    b = ledger(
        paid_invoices("C1", 0),
        ("X-1 C1 2024-11-01 due 2024-12-01 800.00", ""),
        hold_days_overdue=20,
        hold_overdue_amount=50_000,
    )
    assert credit_of(b).loc["C1", "credit_hold"]


def test_over_the_limit_is_a_hold() -> None:
    b = ledger(
        paid_invoices("C1", 0),
        ("X-1 C1 2024-12-20 due 2025-01-19 600.00", ""),
        customers="C1 limit 500.00",
    )
    c = credit_of(b).loc["C1"]
    assert (c["credit_hold"], c["hold_over_limit"], c["hold_overdue"]) == (True, True, False)


def test_an_order_fits_within_the_limit_and_not_beyond() -> None:
    b = ledger(
        paid_invoices("C1", 0),
        ("X-1 C1 2024-12-20 due 2025-01-19 300.00", ""),
        customers="C1 limit 500.00",
    )
    c = credit_of(b).loc["C1"]
    assert order_blocks(c, 20_000) == ()  # 300.00 + 200.00 = the limit: fits
    assert order_blocks(c, 20_001) == ("order_over_limit",)


def test_a_prepayment_grade_blocks_any_order() -> None:
    c = credit_of(ledger(paid_invoices("C1", 90))).loc["C1"]
    assert c["grade"] == "D"
    assert order_blocks(c, 1) == ("prepayment",)
