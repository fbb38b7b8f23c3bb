"""The dunning step: which rung of the ladder each open document, and each customer, has reached.

Example with the default ladder (from -7, 1, 31 and 61 days): an invoice 45 days overdue is at
level 2, "Second notice"; its customer's next action is the highest level of its documents.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd

from arsheet.core.book import OPTIONAL, Book
from arsheet.core.ledger import date_nanos, days_between, nanos
from arsheet.core.problems import Problem
from arsheet.core.results import Results
from arsheet.core.settings import DunningLevel


def dunning(book: Book, results: Results) -> tuple[Results, tuple[Problem, ...]]:
    """Add each document's dunning level, and each customer's highest level, with their names.

    Reads the ledger's ``due_date``, ``open_amount`` and ``days_overdue``. Adds
    ``dunning_level`` and ``next_action`` (the name of that level) to ``transactions``;
    ``dunning_level``, ``next_action`` and ``oldest_days_overdue`` (of its open documents) to
    ``customers``. Finds no problems.
    """
    levels = document_dunning_levels(
        book.transactions,
        results.transactions,
        book.customers,
        book.settings.dunning_levels,
        results.as_of,
    )
    names = {lv.level: lv.name for lv in book.settings.dunning_levels}
    # One grouping for both maxima: grouping a million customer IDs is the step's main cost.
    per_document = pd.DataFrame({"level": levels, "days": results.transactions["days_overdue"]})
    highest = (
        per_document.groupby(book.transactions["customer_id"])
        .max()
        .reindex(results.customers.index)
    )
    customers = results.customers.assign(
        dunning_level=highest["level"].astype(OPTIONAL),
        next_action=highest["level"].map(names),
        oldest_days_overdue=highest["days"].astype(OPTIONAL),
    )
    transactions = results.transactions.assign(dunning_level=levels, next_action=levels.map(names))
    return replace(results, transactions=transactions, customers=customers), ()


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
    days = days_to_due.astype(OPTIONAL)
    known = days.notna() & eligible.astype(bool) & (len(ladder) > 0)
    # Unknown days are masked out by ``known``; 0 only gives searchsorted a number.
    position = np.searchsorted(starts, days.to_numpy(dtype=np.int64, na_value=0), "right")
    reached = known.to_numpy() & (position > 0)
    out = pd.Series(pd.NA, index=days_to_due.index, dtype=OPTIONAL)
    out[reached] = numbers[position[reached] - 1]
    return out


def document_dunning_levels(
    transactions: pd.DataFrame,
    results: pd.DataFrame,
    customers: pd.DataFrame,
    levels: tuple[DunningLevel, ...],
    as_of: date,
) -> pd.Series:
    """Return the dunning level each open invoice has reached at ``as_of``.

    Only open, undisputed invoices of customers not on hold are dunned, and of those neither
    the ones covered by a payment plan on track (``on_plan``, from the plans step) nor the ones
    an open promise to pay pauses (``promised_date``, from the promises step; a missed
    instalment or a broken promise thus resumes dunning). Days inside the grace period count as
    "due today": the receivables engine reports them with 0 days overdue.

    Args:
        transactions: the book's transactions (``type``, ``disputed``, ``customer_id``).
        results: the engine's per-document results (``due_date``, ``open_amount``,
            ``days_overdue``, and ``on_plan`` and ``promised_date`` when the plans and
            promises steps ran), aligned with ``transactions``.
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
    if "on_plan" in results:
        eligible &= ~results["on_plan"].fillna(False).astype(bool)
    if "promised_date" in results:
        eligible &= results["promised_date"].isna()
    # Whole days counted apart (days_between), so a due date centuries away never overflows.
    to_due = days_between(nanos(as_of), date_nanos(results["due_date"]))
    before_due = pd.Series(np.minimum(to_due, 0), index=results.index, dtype=OPTIONAL)
    overdue = results["days_overdue"].astype(OPTIONAL)
    days = before_due.where(overdue.fillna(0) <= 0, overdue)
    return dunning_level(days, levels, eligible.fillna(False))
