"""Huge amounts, terms and spans of days never wrap around int64: checked with Python integers."""

from __future__ import annotations

import dataclasses
from datetime import date
from fractions import Fraction

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from arsheet.core.money import slices_value, weighted_sum_by
from arsheet.core.validate import validate

from .ledgers import book, documents, run

#: The largest amount the reader accepts is just under 10^13 in currency units.
HUGE = "9999999999999.99"


def test_weighted_days_late_of_huge_amounts_paid_centuries_late() -> None:
    b = book(
        invoices=f"""
            A-1 C1 1900-03-01 due 1900-03-31 {HUGE}
            A-2 C1 1900-03-01 due 1950-03-31 {HUGE}
        """,
        payments_=f"P-1 C1 2199-12-01 {HUGE}\nP-2 C1 2199-12-01 {HUGE}",
    )
    c1 = run(b, "2199-12-31").customers.loc["C1"]
    late = [
        (date(2199, 12, 1) - date(1900, 3, 31)).days,
        (date(2199, 12, 1) - date(1950, 3, 31)).days,
    ]
    assert c1["avg_days_late"] == sum(late) / 2
    assert c1["weighted_days_late"] == sum(late) / 2  # equal amounts: the plain average


@given(
    st.lists(
        st.tuples(st.integers(0, 2**17), st.integers(0, 2**63 - 1), st.integers(0, 2)),
        max_size=40,
    )
)
def test_weighted_sums_equal_python_integers(rows: list[tuple[int, int, int]]) -> None:
    days = np.array([r[0] for r in rows], dtype=np.int64)
    amounts = np.array([r[1] for r in rows], dtype=np.int64)
    groups = np.array([r[2] for r in rows], dtype=np.intp)
    got = slices_value(weighted_sum_by(groups, days, amounts, 3))
    for g in range(3):
        assert got[g] == sum(d * a for d, a, k in rows if k == g)


def test_weighted_days_late_equals_the_exact_fraction() -> None:
    b = book(
        invoices=f"""
            A-1 C1 2000-01-01 due 2000-01-31 {HUGE}
            A-2 C1 2000-01-01 due 2100-01-31 1234567890123.45
        """,
        payments_=f"P-1 C1 2199-06-30 {HUGE}\nP-2 C1 2199-06-30 1234567890123.45",
    )
    amounts = [999999999999999, 123456789012345]
    late = [
        (date(2199, 6, 30) - date(2000, 1, 31)).days,
        (date(2199, 6, 30) - date(2100, 1, 31)).days,
    ]
    exact = Fraction(sum(a * d for a, d in zip(amounts, late, strict=True)), sum(amounts))
    assert run(b, "2199-12-31").totals.weighted_days_late == float(exact)


def test_money_sums_near_the_int64_limit_are_exact() -> None:
    # Nine amounts of 10^16 currency units (10^18 cents) add up to 9 × 10^18 cents.
    lines = "\n".join(f"A-{i} C{i % 3} 2024-01-01 10000000000000000.00" for i in range(9))
    t = run(book(invoices=lines), "2024-06-30").totals
    assert (t.open_amount, t.overdue_amount, t.invoiced) == (9 * 10**18,) * 3


def test_terms_of_999999_days_are_not_due_rather_than_wrapped() -> None:
    b = book(invoices="A-1 C1 2024-01-01 100.00", customers_="C1 terms 999999")
    doc = documents(b, run(b, "2024-06-30")).loc["A-1"]
    assert doc["days_overdue"] == 0
    assert doc["aging_bucket"] == 0
    assert doc["due_date"] == pd.Timestamp("2262-04-11")


def test_a_book_adding_up_beyond_int64_is_one_error_and_counts_nothing() -> None:
    lines = "\n".join(f"A-{i} C1 2024-01-01 10000000000000000.00" for i in range(5))
    b = book(invoices=lines, payments_="P-1 C1 2024-02-01 10.00")
    empty = pd.DataFrame({"customer_id": [], "document_no": []}, dtype=object)
    valid, problems = validate(dataclasses.replace(b, plans=empty, collection_log=empty))
    assert [(p.table, p.row, p.code) for p in problems] == [
        ("transactions", None, "book_total_too_large")
    ]
    assert (len(valid.transactions), len(valid.payments)) == (0, 0)
    assert run(valid, "2024-06-30").totals.open_amount == 0


def test_credit_limits_add_up_beyond_int64_exactly() -> None:
    limits = "\n".join(f"C{i} limit 90000000000000000.00" for i in range(3))
    t = run(book(customers_=limits), "2024-06-30").totals
    assert t.credit_limit == 3 * 9 * 10**18


def test_terms_reaching_before_the_first_date_are_clamped_not_wrapped() -> None:
    b = book(invoices="A-1 C1 2024-01-01 100.00", default_terms_days=-(10**9))
    doc = documents(b, run(b, "2024-06-30")).loc["A-1"]
    assert doc["due_date"] == pd.Timestamp("1677-09-22")
    assert doc["days_overdue"] == (date(2024, 6, 30) - date(1677, 9, 22)).days
