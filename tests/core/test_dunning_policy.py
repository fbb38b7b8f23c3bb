"""The dunning policy: one notice per customer, one level at a time, never too soon, never twice."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arsheet.core.book import DATE, OPTIONAL, TEXT, Book
from arsheet.core.dunning_policy import document_interest
from arsheet.core.notices import notices
from arsheet.core.results import Results
from arsheet.core.settings import DEFAULT_DUNNING_LEVELS, DunningLevel

from .ledgers import book, cents, run

# The default ladder: 0 reminder from 7 days before due, 1 from 1 day overdue, 2 from 31,
# 3 from 61; 7 days between reminders, 14 between notices.

# Log lines: date, customer, the Dunning level of the notice sent.


def noticed(text: str) -> pd.DataFrame:
    rows = [line.split() for line in text.strip().splitlines()]
    return pd.DataFrame(
        {
            "date": [r[0] for r in rows],
            "customer_id": [r[1] for r in rows],
            "notice_level": [int(r[2]) for r in rows],
        },
        index=range(2, len(rows) + 2),
    ).astype({"date": DATE, "customer_id": TEXT, "notice_level": OPTIONAL})


def with_log(b: Book, log: str) -> Book:
    return dataclasses.replace(b, collection_log=noticed(log) if log else pd.DataFrame())


def customer(results: Results, cid: str = "C1") -> dict[str, object]:
    row = results.customers.loc[cid]
    return {k: (None if pd.isna(v) else v) for k, v in row.items()}


def ladder_with_fees(*fees: str) -> tuple[DunningLevel, ...]:
    return tuple(
        dataclasses.replace(level, fee=cents(fee))
        for level, fee in zip(DEFAULT_DUNNING_LEVELS, fees, strict=True)
    )


def test_the_worked_example_100_overdue_15_days_at_10_percent_with_a_fee_of_10() -> None:
    b = book(
        "A-1 C1 2024-08-01 due 2024-09-15 100.00",
        annual_interest_rate=Decimal("10"),
        dunning_levels=ladder_with_fees("0", "10.00", "20.00", "30.00"),
    )
    c = customer(run(b, "2024-09-30"))
    assert (c["notice_name"], c["interest"], c["fee"], c["notice_total"]) == (
        "First notice",
        41,
        1000,
        11041,
    )
    (notice,) = notices(b, run(b, "2024-09-30"))
    assert (notice.interest, notice.fee, notice.total) == (41, 1000, 11041)


INTEREST = """
open     days  rate     interest
100.00   15    10       0.41
100.00   0     10       0.00
100.00   -3    10       0.00
1000.00  365   5.5      55.00
0.10     1     10       0.00
1.83     1     10       0.00
1.83     10    10       0.01
"""


@pytest.mark.parametrize("line", INTEREST.strip().splitlines()[1:])
def test_interest_is_simple_per_day_rounded_half_up_on_each_document(line: str) -> None:
    amount, days, rate, expected = line.split()
    found = document_interest(
        pd.Series([cents(amount)], dtype=OPTIONAL), pd.Series([int(days)]), Decimal(rate)
    )
    assert found.tolist() == [cents(expected)]


def test_interest_on_a_huge_balance_is_exact() -> None:
    huge = 10**15  # ten trillion in cents, past int64 once multiplied by days and rate
    found = document_interest(pd.Series([huge]), pd.Series([3650]), Decimal("99.99"))
    assert found.tolist() == [(2 * huge * 3650 * 9999 + 100 * 100 * 365) // (2 * 100 * 100 * 365)]


SALES = "A-1 C1 2024-05-01 due 2024-06-01 500.00"

# as of 2024-09-30 the invoice is 121 days overdue: level 3 reached.
# last notice (date level) -> next notice level, due?, the day it may go from (14 days after
# the last notice; the as-of date without one)
STEPS = """
-               1 due 2024-09-30
2024-09-10 1    2 due 2024-09-24
2024-09-25 1    2 wait 2024-10-09
2024-09-10 2    3 due 2024-09-24
2024-09-10 3    3 due 2024-09-24
2024-09-30 3    3 wait 2024-10-14
2024-09-28 0    1 wait 2024-10-12
2024-10-05 3    1 due 2024-09-30
"""


@pytest.mark.parametrize("line", STEPS.strip().splitlines())
def test_the_level_advances_one_step_at_a_time_and_never_too_soon(line: str) -> None:
    words = line.split()
    log = "" if words[0] == "-" else f"{words[0]} C1 {words[1]}"
    level, due, on = words[-3:]
    c = customer(run(with_log(book(SALES), log), "2024-09-30"))
    assert (c["notice_level"], c["notice_due"], str(c["notice_on"].date())) == (
        int(level),
        due == "due",
        on,
    )


def test_a_second_run_on_the_same_day_finds_the_notice_and_sends_nothing() -> None:
    b = with_log(book(SALES), "2024-09-30 C1 1")
    # Even a ladder asking for no wait sends at most one notice a day.
    levels = tuple(dataclasses.replace(lv, min_days_since_last=0) for lv in DEFAULT_DUNNING_LEVELS)
    b = dataclasses.replace(b, settings=dataclasses.replace(b.settings, dunning_levels=levels))
    results = run(b, "2024-09-30")
    assert not customer(results)["notice_due"]
    assert notices(b, results) == ()


def test_paying_drops_the_level_back() -> None:
    b = book(
        "A-1 C1 2024-05-01 due 2024-06-01 500.00\nA-2 C1 2024-09-01 due 2024-09-20 80.00",
        payments_="P-1 C1 2024-09-20 500.00 to A-1",
    )
    c = customer(run(with_log(b, "2024-09-01 C1 3"), "2024-09-30"))
    assert (c["notice_name"], c["dunned_amount"]) == ("First notice", 8000)


def test_a_reminder_before_the_due_date_but_never_for_what_is_already_overdue() -> None:
    b = book("A-1 C1 2024-09-01 due 2024-10-04 100.00\nB-1 C2 2024-06-01 due 2024-07-01 90.00")
    results = run(b, "2024-09-30")
    assert customer(results, "C1")["notice_name"] == "Friendly reminder"
    assert customer(results, "C2")["notice_name"] == "First notice"


EXCLUDED = """
hold            | C1 hold
disputed        | disputed
below_minimum   | minimum 600.00
"""


@pytest.mark.parametrize("line", EXCLUDED.strip().splitlines())
def test_a_customer_not_dunned_is_shown_with_why(line: str) -> None:
    reason, how = (part.strip() for part in line.split("|"))
    invoice = SALES + (" disputed" if how == "disputed" else "")
    minimum = cents(how.split()[1]) if how.startswith("minimum") else 0
    b = book(invoice, customers_=how if how.endswith("hold") else "", dunning_minimum=minimum)
    c = customer(run(b, "2024-09-30"))
    assert (c["notice_level"], c["not_dunned"]) == (None, reason)


def test_a_customer_with_nothing_overdue_has_no_reason_and_no_notice() -> None:
    c = customer(run(book("A-1 C1 2024-09-01 due 2024-12-01 100.00"), "2024-09-30"))
    assert (c["notice_level"], c["not_dunned"], c["notice_due"]) == (None, "", False)


def test_one_notice_covers_every_dunnable_document_oldest_first() -> None:
    b = book(
        "A-2 C1 2024-08-01 due 2024-09-01 200.00\n"
        "A-1 C1 2024-05-01 due 2024-06-01 500.00\n"
        "A-3 C1 2024-09-20 due 2024-10-05 50.00\n"
        "A-4 C1 2024-09-20 due 2024-10-20 70.00\n"
        "A-5 C1 2024-08-01 due 2024-09-01 30.00 disputed"
    )
    results = run(b, "2024-09-30")
    (notice,) = notices(b, results)
    assert notice.document_numbers == ("A-1", "A-2", "A-3")
    assert notice.open_amount == customer(results)["dunned_amount"] == 75000
    assert [line.days_overdue for line in notice.lines] == [121, 29, 0]


def test_notices_asked_for_by_name_come_even_when_not_due_and_at_a_forced_level() -> None:
    b = with_log(book(SALES), "2024-09-25 C1 1")
    results = run(b, "2024-09-30")
    assert notices(b, results) == ()
    (waiting,) = notices(b, results, customers=["C1"])
    assert (waiting.level, waiting.previous_level, str(waiting.previous_day)) == (
        2,
        1,
        "2024-09-25",
    )
    (forced,) = notices(b, results, customers=["C1"], level=3)
    assert (forced.level_name, forced.template) == ("Final notice", "final_notice")
    with pytest.raises(ValueError, match="level 7"):
        notices(b, results, level=7)


@settings(max_examples=60, deadline=None)
@given(
    days=st.lists(st.integers(-20, 200), min_size=1, max_size=6),
    last=st.one_of(st.none(), st.tuples(st.integers(0, 40), st.integers(0, 3))),
    rate=st.decimals(0, 30, places=2),
)
def test_a_notice_is_its_lines_plus_the_fee_and_at_most_one_level_above_the_last(
    days: list[int], last: tuple[int, int] | None, rate: Decimal
) -> None:
    as_of = pd.Timestamp("2024-09-30")
    lines = "\n".join(
        f"A-{i} C1 2024-01-01 due {(as_of - pd.Timedelta(days=d)).date()} {10 + i}.37"
        for i, d in enumerate(days)
    )
    log = "" if last is None else f"{(as_of - pd.Timedelta(days=last[0])).date()} C1 {last[1]}"
    b = with_log(book(lines, annual_interest_rate=rate), log)
    results = run(b, "2024-09-30")
    c = customer(results)
    for notice in notices(b, results, customers=["C1"]):
        assert notice.total == sum(x.open_amount + x.interest for x in notice.lines) + notice.fee
        assert notice.total == c["notice_total"]
        if last is not None:
            assert notice.level <= max(last[1] + 1, 1)
        assert notice.level <= int(results.transactions["dunning_level"].max())
