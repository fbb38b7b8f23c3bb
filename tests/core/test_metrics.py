"""Metrics against worked examples: DSO countback, best possible DSO, ADD, CEI, lateness, credit."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from arsheet.core.dso import countback_dso, month_edges

from .ledgers import book, run


def test_countback_worked_example_is_129_days() -> None:
    edges = month_edges(date(2024, 8, 31), 5)
    sales = np.array([[200, 400, 600, 700, 500]], dtype=np.int64)
    assert countback_dso(np.array([2000]), sales, edges)[0] == pytest.approx(129.0)


def test_countback_months_are_calendar_months_ending_at_as_of() -> None:
    edges = month_edges(date(2024, 8, 31), 5)
    days = np.diff(edges) // 86_400_000_000_000
    assert days[::-1].tolist() == [31, 31, 30, 31, 30]


def test_countback_caps_when_receivable_exceeds_all_sales_and_is_zero_without_it() -> None:
    edges = month_edges(date(2024, 8, 31), 2)
    sales = np.array([[100, 100], [100, 0]], dtype=np.int64)
    assert countback_dso(np.array([500, 0]), sales, edges).tolist() == [62.0, 0.0]


def test_countback_worked_example_from_a_book() -> None:
    b = book(
        invoices="""
            AUG C1 2024-08-15 due 2024-09-14 200.00
            JUL C1 2024-07-15 due 2024-08-14 400.00
            JUN C1 2024-06-15 due 2024-07-15 600.00
            MAY C1 2024-05-15 due 2024-06-14 700.00
            APR C1 2024-04-15 due 2024-05-15 500.00
        """,
        payments_="P-1 C1 2024-05-20 400.00",
    )
    r = run(b, "2024-08-31")
    assert r.totals.open_amount == 200000
    assert r.totals.dso == pytest.approx(129.0)
    assert r.customers.loc["C1", "dso"] == pytest.approx(129.0)


def test_best_possible_dso_and_add() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-08-15 due 2024-09-14 310.00
            A-2 C1 2024-07-01 due 2024-07-31 100.00
        """,
    )
    t = run(b, "2024-08-31").totals
    assert (t.dso, t.best_possible_dso, t.add) == pytest.approx((62.0, 31.0, 31.0))


def test_cei_is_collections_over_collections_plus_overdue() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-06-01 due 2024-06-30 100.00
            A-2 C1 2024-07-01 due 2024-07-31 100.00
        """,
        payments_="""
            P-0 C1 2024-07-05 10.00
            P-1 C1 2024-08-20 140.00
        """,
    )
    r = run(b, "2024-08-31")
    assert r.totals.overdue_amount == 5000
    assert r.totals.cei == pytest.approx(140 / (140 + 50))


def test_days_late_average_weighted_and_days_to_pay() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-01-01 due 2024-01-31 100.00
            A-2 C1 2024-01-30 due 2024-02-29 300.00
        """,
        payments_="""
            P-1 C1 2024-02-10 100.00 to A-1
            P-2 C1 2024-02-20 300.00 to A-2
        """,
    )
    c1 = run(b, "2024-03-31").customers.loc["C1"]
    assert c1["paid_documents"] == 2
    assert (c1["avg_days_late"], c1["weighted_days_late"]) == pytest.approx((5.0, 2.5))
    assert c1["avg_days_to_pay"] == pytest.approx(30.5)
    assert str(c1["last_payment_date"].date()) == "2024-02-20"


def test_credit_limit_utilisation_and_over_limit() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-01-01 1200.00
            B-1 C2 2024-01-01 100.00
        """,
        customers_="C1 limit 1000.00",
    )
    r = run(b, "2024-01-31")
    c1, c2 = r.customers.loc["C1"], r.customers.loc["C2"]
    assert c1["utilisation"] == pytest.approx(1.2)
    assert (c1["available_credit"], c1["over_limit"]) == (0, True)
    assert np.isnan(c2["utilisation"])
    assert c2["over_limit"] == np.False_
    assert (r.totals.credit_limit, r.totals.customers_over_limit) == (100000, 1)
    assert r.totals.utilisation == pytest.approx(1.2)


def test_bad_debt_ratio_and_overdue_pct() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-01-01 due 2024-01-31 100.00 written_off
            A-2 C1 2024-02-01 due 2024-02-29 100.00
            A-3 C1 2024-03-01 due 2024-04-30 100.00
        """,
        payments_="P-1 C1 2024-01-15 30.00 to A-1",
    )
    t = run(b, "2024-03-31").totals
    assert t.bad_debt_ratio == pytest.approx(70 / 300)
    assert t.overdue_pct == pytest.approx(0.5)


def test_monthly_net_balance_identity_and_flows() -> None:
    b = book(
        invoices="""
            A-1 C1 2024-01-10 100.00 written_off
            A-2 C1 2024-02-10 200.00
        """,
        credits="CN-1 C1 2024-02-12 20.00",
        payments_="P-1 C1 2024-03-05 500.00",
    )
    r = run(b, "2024-03-15")
    m = r.monthly.set_index(r.monthly["month_end"].dt.strftime("%Y-%m-%d"))
    assert m.index[-3:].tolist() == ["2024-01-31", "2024-02-29", "2024-03-15"]
    assert m["net_balance"].iloc[-3:].tolist() == [10000, 28000, -32000]
    assert m["collected"].iloc[-1] == 50000
    assert m["invoiced"].iloc[-2] == 20000
    assert m["written_off"].tolist() == [0] * 11 + [10000]
    assert m["net_balance"].iloc[-1] == r.totals.net_balance


def test_dso_months_are_calendar_months_at_a_30_day_month_end() -> None:
    # September has 30 days and August 31: the invoice of 31 August is August's sales.
    b = book(invoices="A-1 C1 2024-08-31 100.00")
    assert run(b, "2024-09-30").totals.dso == pytest.approx(61.0)


def test_dso_months_are_calendar_months_at_the_end_of_february() -> None:
    b = book(invoices="A-1 C1 2024-01-31 100.00")
    assert run(b, "2024-02-29").totals.dso == pytest.approx(29 + 31)


def test_dso_months_are_same_day_windows_mid_month() -> None:
    # 16 Aug..15 Sep (31 days) holds no sales; 16 Jul..15 Aug (31 days) holds the invoice.
    b = book(invoices="A-1 C1 2024-08-10 100.00")
    assert run(b, "2024-09-15").totals.dso == pytest.approx(62.0)


def test_disputed_amount_is_the_open_part_of_disputed_invoices_inside_the_buckets() -> None:
    # A-1 disputed, 10.00 paid by link: 90.00 disputed, 91+ days.  A-2 disputed and written
    # off: nothing open.  A-3 not disputed.  B-1 C2 disputed, current.
    b = book(
        invoices="""
            A-1 C1 2024-01-01 due 2024-01-31 100.00 disputed
            A-2 C1 2024-01-05 due 2024-02-04 40.00 disputed written_off
            A-3 C1 2024-06-01 due 2024-07-01 250.00
            B-1 C2 2024-06-20 due 2024-07-20 33.33 disputed
        """,
        payments_="P-1 C1 2024-03-01 10.00 to A-1",
    )
    r = run(b, "2024-06-30")
    assert r.customers["disputed_amount"].to_dict() == {"C1": 9000, "C2": 3333}
    assert r.totals.disputed_amount == 12333
    assert r.totals.open_amount == 9000 + 25000 + 3333
    buckets = [f"bucket_{i}" for i in range(len(r.totals.buckets))]
    assert (r.customers[buckets].sum(axis=1) == r.customers["open_amount"]).all()
