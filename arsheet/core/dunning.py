"""The dunning ladder applied to days overdue: which rung each open document has reached."""

from __future__ import annotations

import numpy as np
import pandas as pd

from arsheet.core.settings import DunningLevel


def dunning_level(
    days_to_due: pd.Series, levels: tuple[DunningLevel, ...], eligible: pd.Series
) -> pd.Series:
    """Return the highest dunning level each document has reached, NA where none applies.

    A level applies from its ``days_overdue_from`` on (negative values reach before the due
    date, for friendly reminders). Documents that are not eligible (paid, disputed, on hold)
    get NA.

    Args:
        days_to_due: as-of date minus due date in days, signed (negative: not yet due).
        levels: the ladder from the settings, in any order.
        eligible: True where the document may be dunned at all.

    Returns:
        A nullable integer Series of level numbers, aligned with ``days_to_due``.

    Example: with levels from -7, 1, 31 and 61 days, a document 45 days overdue is at the
    level starting at 31.
    """
    ladder = sorted(levels, key=lambda lv: lv.days_overdue_from)
    starts = np.array([lv.days_overdue_from for lv in ladder], dtype=np.int64)
    numbers = np.array([lv.level for lv in ladder], dtype=np.int64)
    days = days_to_due.astype("Int64")
    known = days.notna() & eligible.astype(bool) & (len(ladder) > 0)
    position = np.searchsorted(starts, days.fillna(np.iinfo(np.int64).min).to_numpy(), "right")
    reached = known.to_numpy() & (position > 0)
    out = pd.Series(pd.NA, index=days_to_due.index, dtype="Int64")
    out[reached] = numbers[position[reached] - 1]
    return out


def document_dunning_levels(
    transactions: pd.DataFrame,
    results: pd.DataFrame,
    customers: pd.DataFrame,
    levels: tuple[DunningLevel, ...],
    as_of: pd.Timestamp,
) -> pd.Series:
    """Return the dunning level each open invoice has reached at ``as_of``.

    Only open, undisputed invoices of customers not on hold are dunned. Days inside the grace
    period count as "due today": the receivables engine reports them with 0 days overdue.

    Args:
        transactions: the book's transactions (``type``, ``disputed``, ``customer_id``).
        results: the engine's per-document results (``due_date``, ``open_amount``,
            ``days_overdue``), aligned with ``transactions``.
        customers: the book's customers (``customer_id``, ``hold_dunning``).
        levels: the dunning ladder.
        as_of: the reporting date.

    Returns:
        Level numbers (nullable integers) aligned with ``transactions``.
    """
    on_hold = set(customers.loc[customers["hold_dunning"].astype(bool), "customer_id"])
    eligible = (
        (transactions["type"] == "invoice")
        & ~transactions["disputed"].astype(bool)
        & ~transactions["customer_id"].isin(on_hold)
        & (results["open_amount"].fillna(0) > 0)
    )
    before_due = (as_of - results["due_date"]).dt.days.clip(upper=0).astype("Int64")
    overdue = results["days_overdue"].astype("Int64")
    days = before_due.where(overdue.fillna(0) <= 0, overdue)
    return dunning_level(days, levels, eligible.fillna(False))
