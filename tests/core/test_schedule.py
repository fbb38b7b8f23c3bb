"""An even schedule: the amount split to the cent, the remainder on the last, month ends kept."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from arsheet.core.schedule import due_after, even_schedule


def test_a_thousand_in_three_puts_the_odd_cent_on_the_last() -> None:
    plan = even_schedule(100_000, 3, date(2024, 1, 31), "month")
    assert [(i.number, i.due_date, i.amount) for i in plan] == [
        (1, date(2024, 1, 31), 33_333),
        (2, date(2024, 2, 29), 33_333),
        (3, date(2024, 3, 31), 33_334),
    ]


def test_month_ends_are_clamped_and_the_day_comes_back() -> None:
    dues = [i.due_date for i in even_schedule(600, 6, date(2023, 10, 31), "month")]
    assert dues == [
        date(2023, 10, 31),
        date(2023, 11, 30),
        date(2023, 12, 31),
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
    ]
    assert due_after(date(2025, 1, 31), 1, "month") == date(2025, 2, 28)


def test_weekly_instalments_are_seven_days_apart() -> None:
    dues = [i.due_date for i in even_schedule(300, 3, date(2024, 12, 24), "week")]
    assert dues == [date(2024, 12, 24), date(2024, 12, 31), date(2025, 1, 7)]


@pytest.mark.parametrize(
    ("amount", "count", "every"), [(2, 3, "month"), (100, 0, "month"), (100, 2, "day")]
)
def test_what_cannot_be_split_is_refused(amount: int, count: int, every: str) -> None:
    with pytest.raises(ValueError, match=r"cannot split|every is one of"):
        even_schedule(amount, count, date(2024, 1, 1), every)


@given(
    amount=st.integers(min_value=1, max_value=999_999_999_999),
    count=st.integers(min_value=1, max_value=1200),
    first=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    every=st.sampled_from(["week", "month"]),
)
def test_instalments_add_up_exactly_and_only_the_last_differs(
    amount: int, count: int, first: date, every: str
) -> None:
    assume(amount >= count)
    plan = even_schedule(amount, count, first, every)
    amounts = [i.amount for i in plan]
    assert sum(amounts) == amount
    assert len(set(amounts[:-1])) <= 1
    assert 0 <= amounts[-1] - amounts[0] < count
    assert all(a > 0 for a in amounts)
    dues = [i.due_date for i in plan]
    assert dues == sorted(dues)
    assert len(set(dues)) == count
    assert [i.number for i in plan] == list(range(1, count + 1))
