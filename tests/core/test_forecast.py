"""The collection forecast: expected dates from habits, promises and plans; weeks add up."""

from __future__ import annotations

from datetime import date

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from arsheet.core.forecast import WEEKS, expected_collections, typical_days_late

AS_OF = date(2024, 9, 30)
NO_PROMISES = pd.DataFrame({"customer_id": [], "document": [], "promised_date": []}).astype(
    {"promised_date": "datetime64[ns]", "document": "object"}
)
NO_PLANS = pd.DataFrame({"document": [], "due_date": [], "outstanding": []}).astype(
    {"due_date": "datetime64[ns]", "outstanding": "int64", "document": "object"}
)


def documents(*rows: tuple[str, str, str, int]) -> pd.DataFrame:
    """Open documents as (document, customer, due date, open amount in cents)."""
    frame = pd.DataFrame(rows, columns=["document", "customer_id", "due_date", "open_amount"])
    return frame.astype({"due_date": "datetime64[ns]", "open_amount": "int64"}).set_index(
        "document"
    )


def paid(*rows: tuple[str, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["customer_id", "days_late"]).astype({"days_late": "int64"})


def expected_dates(forecast_rows: pd.DataFrame) -> dict[str, list[str]]:
    return {
        doc: [d.date().isoformat() for d in group["date"]]
        for doc, group in forecast_rows.groupby("document")
    }


def test_a_late_payer_is_expected_his_median_days_after_the_due_date() -> None:
    typical, default = typical_days_late(paid(("C1", 4), ("C1", 10), ("C1", 30), ("C2", 0)))
    forecast = expected_collections(
        documents(("INV-1", "C1", "2024-10-20", 500_00), ("INV-2", "C2", "2024-10-20", 100_00)),
        typical,
        default,
        NO_PROMISES,
        NO_PLANS,
        AS_OF,
    )
    assert expected_dates(forecast.expected) == {
        "INV-1": ["2024-10-30"],
        "INV-2": ["2024-10-20"],
    }


def test_a_customer_without_history_pays_as_the_book_does() -> None:
    typical, default = typical_days_late(paid(("C1", 5), ("C1", 6), ("C2", 20)))
    assert default == 6
    forecast = expected_collections(
        documents(("INV-9", "NEW", "2024-10-01", 1_00)),
        typical,
        default,
        NO_PROMISES,
        NO_PLANS,
        AS_OF,
    )
    assert expected_dates(forecast.expected) == {"INV-9": ["2024-10-07"]}


def test_money_overdue_by_habit_too_is_expected_in_the_first_week() -> None:
    forecast = expected_collections(
        documents(("INV-1", "C1", "2024-06-30", 250_00)),
        *typical_days_late(paid()),
        NO_PROMISES,
        NO_PLANS,
        AS_OF,
    )
    assert forecast.weeks["amount"].tolist() == [250_00] + [0] * (WEEKS - 1)
    assert forecast.weeks["week_start"].iloc[0] == pd.Timestamp("2024-10-01")
    assert forecast.weeks["week_end"].iloc[0] == pd.Timestamp("2024-10-07")


def test_an_open_promise_moves_the_document_to_the_promised_date() -> None:
    promises = pd.DataFrame(
        {
            "customer_id": ["C1", "C2"],
            "document": ["INV-1", None],
            "promised_date": pd.to_datetime(["2024-11-15", "2024-10-10"]),
        }
    )
    forecast = expected_collections(
        documents(
            ("INV-1", "C1", "2024-09-01", 100_00),
            ("INV-2", "C1", "2024-09-01", 100_00),
            ("INV-3", "C2", "2024-09-01", 100_00),
            ("INV-4", "C2", "2024-12-01", 100_00),
        ),
        *typical_days_late(paid()),
        promises,
        NO_PLANS,
        AS_OF,
    )
    assert expected_dates(forecast.expected) == {
        "INV-1": ["2024-11-15"],
        "INV-2": ["2024-09-01"],
        "INV-3": ["2024-10-10"],
        "INV-4": ["2024-12-01"],
    }


def test_a_plan_spreads_the_document_over_its_instalments_and_the_rest_keeps_its_date() -> None:
    plans = pd.DataFrame(
        {
            "document": ["INV-1", "INV-1", "INV-1"],
            "due_date": pd.to_datetime(["2024-10-31", "2024-11-30", "2024-12-31"]),
            "outstanding": [0, 300_00, 300_00],
        }
    )
    forecast = expected_collections(
        documents(("INV-1", "C1", "2024-08-31", 700_00)),
        *typical_days_late(paid()),
        NO_PROMISES,
        plans,
        AS_OF,
    )
    rows = forecast.expected
    assert rows[["date", "amount"]].astype({"date": str}).values.tolist() == [
        ["2024-08-31", 100_00],
        ["2024-11-30", 300_00],
        ["2024-12-31", 300_00],
    ]


def test_money_beyond_thirteen_weeks_is_later() -> None:
    forecast = expected_collections(
        documents(("INV-1", "C1", "2025-06-30", 1), ("INV-2", "C1", "2024-12-29", 2)),
        *typical_days_late(paid()),
        NO_PROMISES,
        NO_PLANS,
        AS_OF,
    )
    assert forecast.later == 1
    assert forecast.weeks["amount"].iloc[-1] == 2


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["C1", "C2", "C3"]),
            st.integers(-400, 400),
            st.integers(1, 10**12),
            st.sampled_from([None, -30, 5, 40, 200]),
        ),
        max_size=30,
    ),
    st.lists(st.tuples(st.sampled_from(["C1", "C2", "C4"]), st.integers(0, 90)), max_size=10),
)
def test_the_forecast_holds_every_cent_open(
    rows: list[tuple[str, int, int, int | None]], history: list[tuple[str, int]]
) -> None:
    due = [pd.Timestamp(AS_OF) + pd.Timedelta(days=d) for _, d, _, _ in rows]
    docs = documents(*((f"D{i}", c, str(due[i].date()), a) for i, (c, _, a, _) in enumerate(rows)))
    plans = pd.DataFrame(
        {
            "document": [f"D{i}" for i, r in enumerate(rows) if r[3] is not None] * 2,
            "due_date": [
                pd.Timestamp(AS_OF) + pd.Timedelta(days=r[3] + k * 30)
                for k in (0, 1)
                for r in rows
                if r[3] is not None
            ],
            "outstanding": [r[2] // 3 for r in rows if r[3] is not None] * 2,
        }
    ).astype({"due_date": "datetime64[ns]", "outstanding": "int64", "document": "object"})
    forecast = expected_collections(
        docs, *typical_days_late(paid(*history)), NO_PROMISES, plans, AS_OF
    )
    total = sum(a for _, _, a, _ in rows)
    assert int(forecast.weeks["amount"].sum()) + forecast.later == total
    assert int(forecast.expected["amount"].sum()) == total
    assert (forecast.expected["amount"] > 0).all()
