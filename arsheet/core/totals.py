"""The whole book's figures: the customers' metrics measured over all customers at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Totals:
    """The whole book's metrics, measured as for one customer (:mod:`arsheet.core.metrics`).

    Amounts are int minor units; ratios are fractions, ``None`` when undefined; days are
    floats. ``credit_limit`` sums the limits that are set, ``utilisation`` is the exposure of
    the customers with a limit over that sum, ``customers_over_limit`` counts customers.
    """

    open_amount: int
    overdue_amount: int
    overdue_pct: float | None
    buckets: tuple[int, ...]
    unapplied_credit: int
    net_balance: int
    invoiced: int
    credited: int
    collected: int
    written_off: int
    bad_debt_ratio: float | None
    paid_documents: int
    avg_days_late: float | None
    weighted_days_late: float | None
    avg_days_to_pay: float | None
    last_payment_date: date | None
    dso: float
    best_possible_dso: float
    add: float
    cei: float | None
    credit_limit: int
    utilisation: float | None
    customers_over_limit: int


def book_totals(row: pd.Series, customers: pd.DataFrame, buckets: int) -> Totals:
    """Return the book's totals.

    Args:
        row: the metrics (:func:`arsheet.core.metrics.describe`) of the facts summed over all
            customers.
        customers: the per-customer metrics, for the credit-limit figures.
        buckets: the number of aging buckets.

    Returns:
        The totals.
    """
    limited = customers["credit_limit"].notna().to_numpy()
    # Python integers: ten thousand limits of 10^15 cents add up beyond int64.
    limit = sum(int(x) for x in customers["credit_limit"].dropna())
    exposure = int(np.maximum(customers["net_balance"].to_numpy(), 0)[limited].sum())
    last = row["last_payment_date"]
    return Totals(
        open_amount=int(row["open_amount"]),
        overdue_amount=int(row["overdue_amount"]),
        overdue_pct=_float(row["overdue_pct"]),
        buckets=tuple(int(row[f"bucket_{i}"]) for i in range(buckets)),
        unapplied_credit=int(row["unapplied_credit"]),
        net_balance=int(row["net_balance"]),
        invoiced=int(row["invoiced"]),
        credited=int(row["credited"]),
        collected=int(row["collected"]),
        written_off=int(row["written_off"]),
        bad_debt_ratio=_float(row["bad_debt_ratio"]),
        paid_documents=int(row["paid_documents"]),
        avg_days_late=_float(row["avg_days_late"]),
        weighted_days_late=_float(row["weighted_days_late"]),
        avg_days_to_pay=_float(row["avg_days_to_pay"]),
        last_payment_date=None if pd.isna(last) else pd.Timestamp(last).date(),
        dso=float(row["dso"]),
        best_possible_dso=float(row["best_possible_dso"]),
        add=float(row["add"]),
        cei=_float(row["cei"]),
        credit_limit=limit,
        utilisation=exposure / limit if limit else None,
        customers_over_limit=int(customers["over_limit"].sum()),
    )


def _float(value: float) -> float | None:
    """Return a ratio as a float, ``None`` when it is undefined (NaN)."""
    return None if np.isnan(value) else float(value)
