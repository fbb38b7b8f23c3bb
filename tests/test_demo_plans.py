"""The demo book shows every kind of plan and promise: on track, off track, kept, broken, open."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import arsheet


@pytest.mark.parametrize("today", [date(2024, 12, 31), date(2026, 7, 15)])
def test_the_demo_has_a_plan_on_track_one_missed_and_promises_of_each_kind(
    tmp_path: Path, today: date
) -> None:
    book = arsheet.new(f"{tmp_path}/demo.xlsx", demo=True, today=today)
    results = arsheet.compute(book, as_of=today).results
    plans = results.plans.join(arsheet.load(book).book.plans[["plan_id"]])
    missed = plans.groupby("plan_id")["status"].agg(lambda s: (s == "missed").any())
    assert sorted(missed.tolist()) == [False, True]
    assert set(results.collection_log["promise_status"].dropna()) == {"kept", "broken", "open"}
    # The plan on track keeps its invoice out of the dunning; the one off track does not.
    assert results.transactions["on_plan"].sum() == 1
    assert (results.customers["missed_installments_12m"] > 0).sum() == 1
