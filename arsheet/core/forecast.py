"""When the open money is expected in: per document, then per week for the next thirteen weeks.

A document's expected payment date is its due date plus its customer's typical days late: the
median days late over the customer's paid invoices, or, for a customer without any, the
median over the whole book's (0 when nothing was ever paid). Two things the customer said
override that guess:

* a plan's instalments: the document's open amount is expected on the plan's dates, each
  instalment taking what it still asks for in turn; what the instalments do not cover keeps the
  document's own expected date;
* an open promise to pay: the document's expected date becomes the promised date (a promise
  that names no document moves each of the customer's overdue documents).

Money already expected before the as-of date (an overdue document whose customer is late even
by its own habits) is expected now, in the first week. Disputed documents are not expected at
all: the forecast's total is the open amount not disputed, to the cent, split between the
thirteen weeks and "later".

Example, as of 2024-09-30: an invoice of 500.00 due 2024-09-20 of a customer who paid earlier
invoices 4, 10 and 30 days late is expected on 2024-09-30 (due + 10), in week 1 (10-01 ..
10-07, the overdue money with it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from arsheet.core.book import AMOUNT, DATE
from arsheet.core.ledger import FIRST_DATE, LAST_DATE, NANOS_PER_DAY
from arsheet.core.windows import day_number, days

#: The weeks ahead the forecast shows; the rest is "later".
WEEKS = 13
DAY = pd.Timedelta(days=1)
# The first and last days a date can hold: a due date plus days late stops there, never wraps.
_FIRST_DAY, _LAST_DAY = FIRST_DATE // NANOS_PER_DAY, LAST_DATE // NANOS_PER_DAY


@dataclass(frozen=True)
class Forecast:
    """The expected collections.

    Attributes:
        expected: one row per amount expected: ``document`` (the transaction's index label),
            ``customer_id``, ``date`` (expected payment date) and ``amount`` (minor units).
            A document split over a plan's instalments has several rows.
        weeks: ``week_start``, ``week_end`` and ``amount`` for each of the :data:`WEEKS`
            weeks after the as-of date; the first also holds what was expected earlier.
        later: the amount expected after the last week.
    """

    expected: pd.DataFrame
    weeks: pd.DataFrame
    later: int


def typical_days_late(paid: pd.DataFrame) -> tuple[pd.Series, int]:
    """Return each customer's median days late over its paid invoices, and the book's.

    Args:
        paid: one row per paid invoice: ``customer_id`` and ``days_late`` (≥ 0).

    Returns:
        Whole days per customer ID (medians halfway between two days round up), and the
        median over all paid invoices, the default for customers without any (0 when none).
    """
    late = paid["days_late"].astype("int64")
    by_customer = np.ceil(late.groupby(paid["customer_id"].to_numpy()).median()).astype("int64")
    default = int(np.ceil(late.median())) if len(late) else 0
    return by_customer, default


def expected_collections(
    open_documents: pd.DataFrame,
    typical: pd.Series,
    default_days_late: int,
    promises: pd.DataFrame,
    instalments: pd.DataFrame,
    as_of: date,
) -> Forecast:
    """Return the expected payment of each open, undisputed document, and the weekly forecast.

    Args:
        open_documents: indexed by document, ``customer_id``, ``due_date`` and
            ``open_amount`` (> 0); disputed documents already left out.
        typical: days late per customer ID (:func:`typical_days_late`).
        default_days_late: the days late of customers without history.
        promises: open promises: ``customer_id``, ``document`` (index label, NA when the
            promise names none) and ``promised_date``.
        instalments: instalments of plans on a document: ``document``, ``due_date`` and
            ``outstanding`` (what the instalment still asks for, ≥ 0).
        as_of: the as-of date.

    Returns:
        The :class:`Forecast`.
    """
    docs = open_documents
    late = typical.reindex(docs["customer_id"].to_numpy()).fillna(default_days_late)
    on = np.clip(days(docs["due_date"]) + late.to_numpy(dtype="int64"), _FIRST_DAY, _LAST_DAY)
    expected = pd.Series(on.astype("datetime64[D]").astype(DATE), index=docs.index)
    expected = _promised(docs, expected, promises)
    planned, rest = _on_instalments(docs, instalments)
    rows = pd.concat(
        [
            planned,
            pd.DataFrame(
                {
                    "document": rest.index,
                    "customer_id": docs["customer_id"].reindex(rest.index).to_numpy(),
                    "date": expected.reindex(rest.index).to_numpy(),
                    "amount": rest.to_numpy(),
                }
            ),
        ],
        ignore_index=True,
    )
    rows = rows[rows["amount"] > 0].astype({"date": DATE, "amount": AMOUNT})
    rows = rows.sort_values(["date", "customer_id"], kind="stable", ignore_index=True)
    weeks, later = _by_week(rows, as_of)
    return Forecast(rows, weeks, later)


def _promised(docs: pd.DataFrame, expected: pd.Series, promises: pd.DataFrame) -> pd.Series:
    """Return the expected dates moved to the promised dates of the open promises."""
    named = promises[promises["document"].notna()]
    by_document = named.groupby("document")["promised_date"].max()
    unnamed = promises[promises["document"].isna()]
    by_customer = unnamed.groupby("customer_id")["promised_date"].max()
    customer_date = by_customer.reindex(docs["customer_id"].to_numpy()).to_numpy()
    overdue = (docs["due_date"].to_numpy() <= customer_date) & ~pd.isna(customer_date)
    moved = expected.mask(overdue, pd.Series(customer_date, index=docs.index))
    document_date = by_document.reindex(docs.index)
    return moved.mask(document_date.notna(), document_date).astype(DATE)


def _on_instalments(
    docs: pd.DataFrame, instalments: pd.DataFrame
) -> tuple[pd.DataFrame, pd.Series]:
    """Return the amounts expected on plan dates, and each document's amount left over.

    Each document's open amount fills its instalments in due-date order, each up to what it
    still asks for; the rest stays with the document.
    """
    plan = instalments[instalments["document"].isin(docs.index)]
    plan = plan.sort_values(["document", "due_date"], kind="stable")
    outstanding = plan["outstanding"].to_numpy(dtype="int64")
    before = plan.assign(o=outstanding).groupby("document")["o"].cumsum().to_numpy() - outstanding
    open_amount = docs["open_amount"].reindex(plan["document"]).to_numpy(dtype="int64")
    taken = np.clip(open_amount - before, 0, outstanding)
    planned = pd.DataFrame(
        {
            "document": plan["document"].to_numpy(),
            "customer_id": docs["customer_id"].reindex(plan["document"]).to_numpy(),
            "date": plan["due_date"].to_numpy(),
            "amount": taken,
        }
    )
    covered = planned.groupby("document")["amount"].sum()
    rest = docs["open_amount"].astype("int64") - covered.reindex(docs.index, fill_value=0)
    return planned, rest


def _by_week(rows: pd.DataFrame, as_of: date) -> tuple[pd.DataFrame, int]:
    """Return the amounts of the weeks after ``as_of`` (earlier money in the first), and later."""
    start = pd.Timestamp(as_of) + DAY
    # In whole days: a date centuries away is simply "later", never an overflow.
    week = np.clip((days(rows["date"]) - day_number(as_of) - 1) // 7, 0, WEEKS)
    amounts = np.zeros(WEEKS + 1, dtype=np.int64)
    np.add.at(amounts, week, rows["amount"].to_numpy(dtype="int64"))
    starts = pd.date_range(start, periods=WEEKS, freq="7D")
    weeks = pd.DataFrame(
        {"week_start": starts, "week_end": starts + 6 * DAY, "amount": amounts[:WEEKS]}
    )
    return weeks, int(amounts[WEEKS])
