"""The balance at each of the last twelve month ends, without allocation.

The net balance on any day follows from an identity that needs no allocation: everything
invoiced, less everything credited, collected and written off up to that day. The book
records no write-off date, so write-offs count on the as-of date: earlier month ends show
written-off invoices as still owed (as they were before anyone wrote them off), and the last
row equals the engine's net balance (open amount − unapplied credit).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from arsheet.core.book import DATE
from arsheet.core.ledger import nanos
from arsheet.core.money import Ints

MONTHS = 12


def month_ends(as_of: date, months: int = MONTHS) -> Ints:
    """Return period ends: the calendar month ends before the as-of date, then the as-of date.

    The as-of date closes the current, possibly partial, month: as of 2024-08-15 the last
    three ends are 2024-06-30, 2024-07-31 and 2024-08-15.

    Args:
        as_of: the as-of date.
        months: how many period ends.

    Returns:
        Period ends in nanoseconds, oldest first.
    """
    anchor = pd.Timestamp(nanos(as_of))
    previous = (anchor.to_period("M") - 1).to_timestamp(how="end").normalize()
    earlier = pd.date_range(end=previous, periods=months - 1, freq="ME")
    return np.concatenate((earlier.as_unit("ns").asi8, [anchor.value])).astype(np.int64)


def monthly_balances(
    as_of: date,
    invoices: tuple[Ints, Ints],
    credits: tuple[Ints, Ints],
    payments: tuple[Ints, Ints],
    written_off: int,
) -> pd.DataFrame:
    """Return the flows of each of the last twelve periods and the net balance at its end.

    Net balance at the end of a period = Σ invoiced − Σ credited − Σ collected up to that day,
    minus the written-off total on the last row (the as-of date).

    Args:
        as_of: the as-of date, the end of the last period.
        invoices: (dates, amounts) of the invoices that exist on the as-of date.
        credits: (dates, amounts) of the credit notes.
        payments: (dates, amounts) of the payments.
        written_off: the total written off.

    Returns:
        Columns ``month_end`` (datetime), ``invoiced``, ``credited``, ``collected`` (in the
        period), ``written_off`` (on the last row) and ``net_balance`` (at its end).
    """
    edges = month_ends(as_of, MONTHS + 1)
    ends = edges[1:]
    flows: dict[str, Ints] = {}
    balance = np.zeros(len(ends), dtype=np.int64)
    for name, (dates, amounts), sign in (
        ("invoiced", invoices, 1),
        ("credited", credits, -1),
        ("collected", payments, -1),
    ):
        upto = _cumulative(dates, amounts, edges)
        flows[name] = np.diff(upto)
        balance += sign * upto[1:]
    written = np.zeros(len(ends), dtype=np.int64)
    written[-1] = written_off
    return pd.DataFrame(
        {
            "month_end": ends.view(DATE),
            **flows,
            "written_off": written,
            "net_balance": balance - written,
        }
    )


def _cumulative(dates: Ints, amounts: Ints, ends: Ints) -> Ints:
    """Return the sum of the amounts dated on or before each end."""
    order = np.argsort(dates, kind="stable")
    total = np.concatenate(([0], np.cumsum(amounts[order])))
    return total[np.searchsorted(dates[order], ends, side="right")]
