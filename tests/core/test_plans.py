"""Payment plans: each instalment's Paid and Status, the plan on track or not, and dunning."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from arsheet.core.book import AMOUNT, DATE, OPTIONAL, TEXT, Book

from .ledgers import book, cents, documents, run

# Plan lines: plan, customer, document ("-" for none), instalment, due date, amount.
THREE = """
P1 C1 A-1 1 2024-01-31 100.00
P1 C1 A-1 2 2024-02-29 100.00
P1 C1 A-1 3 2024-03-31 100.00
"""
SALE = "A-1 C1 2023-12-01 due 2023-12-31 300.00"


def planned(text: str) -> pd.DataFrame:
    rows = [line.split() for line in text.strip().splitlines()]
    return pd.DataFrame(
        {
            "plan_id": [r[0] for r in rows],
            "customer_id": [r[1] for r in rows],
            "document_no": ["" if r[2] == "-" else r[2] for r in rows],
            "installment": [int(r[3]) for r in rows],
            "due_date": [r[4] for r in rows],
            "amount": [cents(r[5]) for r in rows],
        },
        index=range(2, len(rows) + 2),
    ).astype(
        {
            "plan_id": TEXT,
            "customer_id": TEXT,
            "document_no": TEXT,
            "installment": OPTIONAL,
            "due_date": DATE,
            "amount": AMOUNT,
        }
    )


def with_plans(paid: str, plans: str = THREE, invoices: str = SALE, **settings: object) -> Book:
    return dataclasses.replace(
        book(invoices=invoices, payments_=paid, **settings), plans=planned(plans)
    )


def instalments(b: Book, as_of: str) -> list[tuple[str, str]]:
    found = run(b, as_of).plans
    paid = [f"{cents_ / 100:.2f}" for cents_ in found["paid"]]
    return list(zip(paid, found["status"], strict=True))


def test_a_plan_on_track_is_not_dunned() -> None:
    b = with_plans("P-1 C1 2024-01-20 100.00 to A-1\nP-2 C1 2024-02-25 100.00 to A-1")
    assert instalments(b, "2024-03-15") == [
        ("100.00", "paid"),
        ("100.00", "paid"),
        ("0.00", "upcoming"),
    ]
    results = run(b, "2024-03-15")
    docs = documents(b, results)
    assert docs.loc["A-1", "on_plan"]
    # 75 days overdue, yet on a plan that is keeping to schedule: no notice.
    assert docs.loc["A-1", "days_overdue"] == 75
    assert pd.isna(docs.loc["A-1", "dunning_level"])
    assert results.customers.loc["C1", "missed_installments_12m"] == 0


def test_a_missed_instalment_resumes_dunning_and_counts_against_the_customer() -> None:
    b = with_plans("P-1 C1 2024-02-10 150.00 to A-1")
    # 150.00 covers the first instalment (late) and half the second, which is now past due.
    assert instalments(b, "2024-03-15") == [
        ("100.00", "paid"),
        ("50.00", "missed"),
        ("0.00", "upcoming"),
    ]
    results = run(b, "2024-03-15")
    docs = documents(b, results)
    assert not docs.loc["A-1", "on_plan"]
    assert docs.loc["A-1", "dunning_level"] == 3
    # Both were missed at their due dates, though the first was caught up since.
    assert results.plans["was_missed"].tolist() == [True, True, False]
    assert results.customers.loc["C1", "missed_installments_12m"] == 2


def test_a_late_instalment_caught_up_puts_the_plan_back_on_track() -> None:
    b = with_plans("P-1 C1 2024-02-10 100.00 to A-1\nP-2 C1 2024-02-28 100.00 to A-1")
    assert instalments(b, "2024-02-05")[0] == ("0.00", "missed")
    assert instalments(b, "2024-03-15") == [
        ("100.00", "paid"),
        ("100.00", "paid"),
        ("0.00", "upcoming"),
    ]
    results = run(b, "2024-03-15")
    assert documents(b, results).loc["A-1", "on_plan"]
    assert results.customers.loc["C1", "missed_installments_12m"] == 1


def test_an_instalment_is_due_within_the_grace_days_then_missed() -> None:
    b = with_plans("", grace_days=5)
    assert instalments(b, "2024-01-30")[0] == ("0.00", "upcoming")
    assert instalments(b, "2024-02-05")[0] == ("0.00", "due")
    assert instalments(b, "2024-02-06")[0] == ("0.00", "missed")


def test_paying_ahead_pays_the_later_instalments_too() -> None:
    b = with_plans("P-1 C1 2024-01-25 300.00 to A-1")
    assert [s for _, s in instalments(b, "2024-02-01")] == ["paid", "paid", "paid"]


def test_a_plan_without_a_document_counts_the_customers_payments_from_its_start() -> None:
    plan = """
        P2 C2 - 1 2024-01-31 50.00
        P2 C2 - 2 2024-02-29 50.00
    """
    # The plan starts one period (29 days) before its first instalment: on 2024-01-02. The
    # payment of 2023-12-15 came before it and pays nothing of the plan.
    paid = """
        P-0 C2 2023-12-15 500.00
        P-1 C2 2024-01-15 30.00
        P-2 C2 2024-02-20 70.00
    """
    sales = "B-1 C2 2023-11-01 600.00\nB-2 C2 2023-12-01 100.00"
    b = with_plans(paid, plan, sales)
    assert instalments(b, "2024-02-15") == [("30.00", "missed"), ("0.00", "upcoming")]
    assert instalments(b, "2024-03-15") == [("50.00", "paid"), ("50.00", "paid")]


def test_two_instalments_due_the_same_first_day_start_the_plan_a_period_before() -> None:
    # The period runs to the next later due date (29 days), not to the same day (0 days,
    # which would leave out the payment of 02-10 and call both instalments missed).
    plan = """
        P2 C2 - 1 2024-02-29 100.00
        P2 C2 - 2 2024-02-29 50.00
        P2 C2 - 3 2024-03-29 50.00
    """
    b = with_plans("P-1 C2 2024-02-10 150.00", plan, "B-1 C2 2024-01-01 200.00")
    assert instalments(b, "2024-03-15") == [
        ("100.00", "paid"),
        ("50.00", "paid"),
        ("0.00", "upcoming"),
    ]


def test_instalments_are_matched_in_due_date_order_whatever_the_row_order() -> None:
    shuffled = "\n".join(reversed(THREE.strip().splitlines()))
    b = with_plans("P-1 C1 2024-02-10 150.00 to A-1", shuffled)
    found = run(b, "2024-03-15").plans
    assert found.loc[[4, 3, 2], "status"].tolist() == ["paid", "missed", "upcoming"]


def test_only_the_last_12_months_missed_instalments_count() -> None:
    b = with_plans("")
    # All three missed; as of 2025-03-01, only the one due 2024-03-31 lies within 12 months.
    assert run(b, "2025-03-01").customers.loc["C1", "missed_installments_12m"] == 1
    assert run(b, "2024-04-30").customers.loc["C1", "missed_installments_12m"] == 3


def test_a_book_without_plans_has_no_plan_figures() -> None:
    results = run(book(invoices=SALE), "2024-03-15")
    assert results.plans.empty
    assert results.customers["missed_installments_12m"].tolist() == [0]
    assert not results.transactions["on_plan"].any()


@settings(max_examples=40, deadline=None)
@given(
    amounts=st.lists(st.integers(min_value=1, max_value=50_000), min_size=1, max_size=5),
    paid=st.lists(
        st.tuples(st.integers(min_value=0, max_value=120), st.integers(1, 80_000)), max_size=5
    ),
    as_of=st.integers(min_value=0, max_value=150),
)
def test_the_instalments_share_exactly_the_money_toward_the_plan(
    amounts: list[int], paid: list[tuple[int, int]], as_of: int
) -> None:
    start = date(2024, 1, 1)
    plan = "\n".join(
        f"P1 C1 A-1 {n} {start + timedelta(days=30 * n)} {amount / 100:.2f}"
        for n, amount in enumerate(amounts, start=1)
    )
    payments = "\n".join(
        f"P-{i} C1 {start + timedelta(days=day)} {amount / 100:.2f} to A-1"
        for i, (day, amount) in enumerate(paid)
    )
    b = with_plans(payments, plan, f"A-1 C1 2023-12-01 {sum(amounts) / 100:.2f}")
    when = start + timedelta(days=as_of)
    found = run(b, when.isoformat()).plans
    applied = sum(a for day, a in paid if day <= as_of)
    owed = sum(amounts)
    # The plan starts one period (30 days) before its first instalment: on 2024-01-01.
    assert found["paid"].sum() == min(applied, owed)
    assert (found["paid"] <= pd.Series(amounts, index=found.index)).all()
    assert (
        (found["status"] == "paid") == (found["paid"] == pd.Series(amounts, index=found.index))
    ).all()
