"""Invariants of the credit score over random customers: within 0–100, monotone in lateness."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from arsheet.core import compute
from arsheet.core.book import Book

from .ledgers import book
from .test_credit import _with_counts

AS_OF = date(2025, 6, 30)
FIRST = date(2023, 1, 1)

#: Now and then: a written-off or disputed invoice (most customers have enough paid ones).
SOMETIMES = st.integers(0, 4).map(lambda k: k == 0)
#: One invoice: amount in cents, days beyond terms when paid (None: still open), written off,
#: disputed. Days are mostly near the terms, where the curve is steepest.
INVOICES = st.lists(
    st.tuples(
        st.integers(1, 10**9) | st.just(10_000),
        st.one_of(st.integers(-45, 45), st.integers(-45, 45), st.integers(-60, 300), st.none()),
        SOMETIMES,
        SOMETIMES,
    ),
    min_size=3,
    max_size=8,
)


def customer(invoices: list[tuple[int, int | None, bool, bool]], limit: int | None) -> Book:
    """Return one customer's book: invoice ``i`` dated 20 × i days after 2023-01-01, due 30
    days later, paid by a linked payment ``days`` after its due date."""
    inv, pay = [], []
    for i, (cents, days, written_off, disputed) in enumerate(invoices):
        day = FIRST + timedelta(days=20 * i)
        due = day + timedelta(days=30)
        flags = " written_off" * written_off + " disputed" * disputed
        inv.append(f"A-{i} C1 {day} due {due} {cents / 100:.2f}{flags}")
        if days is not None and not written_off:
            pay.append(f"P-{i} C1 {due + timedelta(days=days)} {cents / 100:.2f} to A-{i}")
    limit_text = f"C1 limit {limit / 100:.2f}" if limit is not None else ""
    return book(invoices="\n".join(inv), payments_="\n".join(pay), customers_=limit_text)


def score(b: Book, broken: int) -> object:
    return compute(b, AS_OF, _with_counts({"C1": broken})).customers.loc["C1", "credit_score"]


@settings(max_examples=150, deadline=None)
@given(INVOICES, st.none() | st.integers(0, 10**9), st.integers(0, 6))
def test_the_score_lies_within_0_and_100(
    invoices: list[tuple[int, int | None, bool, bool]], limit: int | None, broken: int
) -> None:
    found = score(customer(invoices, limit), broken)
    assert found is pd.NA or 0 <= found <= 100


@settings(max_examples=150, deadline=None)
@given(INVOICES, st.none() | st.integers(0, 10**9), st.integers(0, 6), st.data())
def test_paying_later_never_raises_the_score(
    invoices: list[tuple[int, int | None, bool, bool]],
    limit: int | None,
    broken: int,
    data: st.DataObject,
) -> None:
    paid = [i for i, (_, days, off, _) in enumerate(invoices) if days is not None and not off]
    if not paid:
        return
    which = data.draw(st.sampled_from(paid))
    later = list(invoices)
    cents, days, off, disputed = later[which]
    assert days is not None
    later[which] = (
        cents,
        days + data.draw(st.integers(1, 30) | st.integers(1, 200)),
        off,
        disputed,
    )
    before = score(customer(invoices, limit), broken)
    after = score(customer(later, limit), broken)
    if before is pd.NA:
        assert after is pd.NA  # paying later adds no history
    else:
        assert after <= before
