"""The dunning ladder: which level a document has reached, by days overdue."""

from __future__ import annotations

import pandas as pd
import pytest

from arsheet.core.dunning import document_dunning_levels, dunning_level
from arsheet.core.settings import DEFAULT_DUNNING_LEVELS

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
