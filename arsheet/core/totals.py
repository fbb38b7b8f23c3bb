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
    floats. ``disputed_amount`` is the part of the open amount (and of its buckets) on disputed
    invoices. ``credit_limit`` sums the limits that are set, ``utilisation`` is the exposure of
    the customers with a limit over that sum, ``customers_over_limit`` counts customers.
    ``documents`` (invoices and credit notes) and ``payments`` count the records the figures
    hold: those dated on or before the as-of date.
    """

    open_amount: int
    overdue_amount: int
    overdue_pct: float | None
    buckets: tuple[int, ...]
    disputed_amount: int
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
    documents: int
    payments: int


def book_totals(
    row: pd.Series, customers: pd.DataFrame, buckets: int, documents: int, payments: int
) -> Totals:
    """Return the book's totals.

    Args:
        row: the metrics (:func:`arsheet.core.metrics.describe`) of the facts summed over all
            customers.
        customers: the per-customer metrics, for the credit-limit figures.
        buckets: the number of aging buckets.
        documents: how many invoices and credit notes the figures hold.
        payments: how many payments they hold.

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
        disputed_amount=int(row["disputed_amount"]),
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
        documents=documents,
        payments=payments,
    )


def no_totals(buckets: int) -> Totals:
    """Return the totals of no records: nothing invoiced, open or paid; ratios undefined.

    They are what the ledger finds for a book without records.
    """
    return Totals(
        open_amount=0,
        overdue_amount=0,
        overdue_pct=None,
        buckets=(0,) * buckets,
        disputed_amount=0,
        unapplied_credit=0,
        net_balance=0,
        invoiced=0,
        credited=0,
        collected=0,
        written_off=0,
        bad_debt_ratio=None,
        paid_documents=0,
        avg_days_late=None,
        weighted_days_late=None,
        avg_days_to_pay=None,
        last_payment_date=None,
        dso=0.0,
        best_possible_dso=0.0,
        add=0.0,
        cei=None,
        credit_limit=0,
        utilisation=None,
        customers_over_limit=0,
        documents=0,
        payments=0,
    )


def _float(value: float) -> float | None:
    """Return a ratio as a float, ``None`` when it is undefined (NaN)."""
    return None if np.isnan(value) else float(value)
