"""The dunning ladder: which level a document has reached, by days overdue."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from arsheet.core.dunning import document_dunning_levels, dunning_level
from arsheet.core.settings import DEFAULT_DUNNING_LEVELS, DunningLevel, Settings

from .ledgers import book, documents, run

# days past due  -> level reached with the default ladder (-7, 1, 31, 61)
LADDER = """
-30 -
 -8 -
 -7 0
  0 0
  1 1
 30 1
 31 2
 60 2
 61 3
400 3
"""


@pytest.mark.parametrize("line", LADDER.strip().splitlines())
def test_default_ladder(line: str) -> None:
    days, expected = line.split()
    level = dunning_level(
        pd.Series([int(days)], dtype="Int64"), DEFAULT_DUNNING_LEVELS, pd.Series([True])
    )
    assert level.tolist() == [pd.NA if expected == "-" else int(expected)]


def test_ineligible_documents_are_not_dunned() -> None:
    level = dunning_level(
        pd.Series([90, 90], dtype="Int64"), DEFAULT_DUNNING_LEVELS, pd.Series([False, True])
    )
    assert level.tolist() == [pd.NA, 3]


def test_no_ladder_means_no_levels() -> None:
    level = dunning_level(pd.Series([90], dtype="Int64"), (), pd.Series([True]))
    assert level.isna().all()


def test_disputed_held_and_paid_documents_are_skipped() -> None:
    as_of = pd.Timestamp("2024-06-30")
    transactions = pd.DataFrame(
        {
            "customer_id": ["C1", "C1", "C2", "C1", "C1"],
            "type": ["invoice", "invoice", "invoice", "invoice", "credit_note"],
            "disputed": [False, True, False, False, False],
        }
    )
    due = pd.to_datetime(["2024-05-01", "2024-05-01", "2024-05-01", "2024-05-01", "2024-05-01"])
    results = pd.DataFrame(
        {
            "due_date": due,
            "open_amount": pd.array([100, 100, 100, 0, -50], dtype="Int64"),
            "days_overdue": pd.array([60, 60, 60, 0, pd.NA], dtype="Int64"),
        }
    )
    customers = pd.DataFrame({"customer_id": ["C1", "C2"], "hold_dunning": [False, True]})
    levels = document_dunning_levels(
        transactions, results, customers, DEFAULT_DUNNING_LEVELS, as_of
    )
    assert levels.tolist() == [2, pd.NA, pd.NA, pd.NA, pd.NA]


def test_reminder_before_due_and_grace_counts_as_due_today() -> None:
    as_of = pd.Timestamp("2024-06-30")
    transactions = pd.DataFrame(
        {"customer_id": ["C1"] * 3, "type": ["invoice"] * 3, "disputed": [False] * 3}
    )
    results = pd.DataFrame(
        {
            # due in 5 days; 3 days past due but inside grace (0 days overdue); due in 20 days
            "due_date": pd.to_datetime(["2024-07-05", "2024-06-27", "2024-07-20"]),
            "open_amount": pd.array([100, 100, 100], dtype="Int64"),
            "days_overdue": pd.array([0, 0, 0], dtype="Int64"),
        }
    )
    customers = pd.DataFrame({"customer_id": ["C1"], "hold_dunning": [False]})
    levels = document_dunning_levels(
        transactions, results, customers, DEFAULT_DUNNING_LEVELS, as_of
    )
    assert levels.tolist() == [0, 0, pd.NA]


# The dunning step on a book, as of 2024-06-30 with the default ladder:
#   A-1 C1 due 2024-05-15, 46 days overdue           -> Second notice (2)
#   A-2 C1 due 2024-06-20, 10 days overdue           -> First notice (1)
#   A-3 C1 due 2024-07-05, due in 5 days             -> Friendly reminder (0)
#   A-4 C1 due 2024-04-01, paid                      -> none
#   B-1 C2 due 2024-03-01, disputed, 121 days        -> none; C2's oldest is still 121 days
#   D-1 C3 due 2024-03-01, customer on hold          -> none
#   F-1 C1 dated 2024-07-10, after the as-of date    -> none
DUNNED = book(
    invoices="""
        A-1 C1 2024-04-15 due 2024-05-15 100.00
        A-2 C1 2024-05-21 due 2024-06-20 100.00
        A-3 C1 2024-06-05 due 2024-07-05 100.00
        A-4 C1 2024-03-01 due 2024-04-01 100.00
        B-1 C2 2024-02-01 due 2024-03-01 100.00 disputed
        D-1 C3 2024-02-01 due 2024-03-01 100.00
        F-1 C1 2024-07-10 due 2024-08-09 100.00
    """,
    payments_="P-1 C1 2024-04-01 100.00 to A-4",
    customers_="C3 hold\nC4",
)


def test_each_open_invoice_is_at_the_level_its_days_overdue_reached() -> None:
    tx = documents(DUNNED, run(DUNNED, "2024-06-30"))
    assert tx["dunning_level"].tolist() == [2, 1, 0, pd.NA, pd.NA, pd.NA, pd.NA]
    assert tx["next_action"].tolist()[:3] == ["Second notice", "First notice", "Friendly reminder"]
    assert tx["next_action"].iloc[3:].isna().all()


def test_each_customer_is_at_the_highest_level_of_its_invoices() -> None:
    c = run(DUNNED, "2024-06-30").customers
    assert c["dunning_level"].tolist() == [2, pd.NA, pd.NA, pd.NA]
    # Never dunned before, C1's next notice is the first (the policy moves one level at a time).
    assert c.loc["C1", "next_action"] == "First notice"
    assert c["next_action"].iloc[1:].isna().all()


def test_oldest_days_overdue_counts_every_open_invoice_even_those_not_dunned() -> None:
    c = run(DUNNED, "2024-06-30").customers
    assert c["oldest_days_overdue"].tolist() == [46, 121, 121, pd.NA]


def test_level_names_are_the_users_own() -> None:
    ladder = (
        DunningLevel(1, "Call them", 1, 0, 0, "", "call"),
        DunningLevel(2, "Lawyer", 40, 0, 0, "", "letter"),
    )
    b = dataclasses.replace(DUNNED, settings=Settings(dunning_levels=ladder))
    r = run(b, "2024-06-30")
    actions = documents(b, r)["next_action"]
    assert actions.tolist()[:2] == ["Lawyer", "Call them"]
    assert pd.isna(actions.iloc[2])  # due in 5 days: this ladder has no reminder
    assert r.customers.loc["C1", "dunning_level"] == 2
    assert r.customers.loc["C1", "next_action"] == "Call them"


def test_a_due_date_centuries_away_is_simply_not_due_yet() -> None:
    b = book(invoices="A-1 C1 2024-06-01 due 2250-01-01 100.00")
    r = run(b, "2024-06-30")
    assert pd.isna(r.transactions["dunning_level"].iloc[0])
