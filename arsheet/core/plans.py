"""The payment-plans step: what each instalment got, and whether the plan is keeping to schedule.

A plan is the rows of the Payment plans sheet sharing a Plan ID, customer and document. Its
instalments are taken in due-date order (then instalment number) and the money paid toward the
plan fills them in that order, cumulatively, to the cent:

* **money toward a plan** with a document is what was applied to that document (payments and
  credit notes, on the day the money met it); without a document, the customer's payments
  (their whole amounts). Only money dated from the plan's **start** counts: one period before
  the first instalment's due date, the period being the days from the first due date to the
  next later one (30 days for a plan with a single due date), which is the day ``arsheet plan``
  makes such a plan;
* **Paid**: the money so far covers this instalment and every one before it; **Upcoming**: not
  yet due; **Due**: due, within the Grace days; **Missed**: more than the Grace days past its
  due date and not covered. A late instalment that is caught up is Paid again;
* a plan is **on track** while none of its instalments is Missed: its document is not dunned;
* an instalment **was missed** when, at the end of its grace, the money then did not cover it,
  even if it was caught up later: these are what count against a customer's credit.

Example, as of 2024-03-15, a plan of 300.00 in three instalments of 100.00 due 01-31, 02-29
and 03-31 with 150.00 paid on 02-10: 01-31 Paid (caught up, though it was missed), 02-29
Missed (50.00 of it paid), 03-31 Upcoming; the plan is off track and its document is dunned.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from arsheet.core.book import AMOUNT, DATE, OPTIONAL, TEXT, Book
from arsheet.core.money import Ints
from arsheet.core.problems import Problem
from arsheet.core.results import Results
from arsheet.core.windows import day_number, days, sums_between, year_before

#: The period of a plan of one instalment, in days, to find its start.
ONE_PERIOD = 30

_TYPES = {
    "plan_id": TEXT,
    "customer_id": TEXT,
    "document_no": TEXT,
    "installment": OPTIONAL,
    "due_date": DATE,
    "amount": AMOUNT,
}


def plans(book: Book, results: Results) -> tuple[Results, tuple[Problem, ...]]:
    """Match each plan's instalments against the money paid toward it.

    Reads the ledger's ``allocations``. Adds the frame ``plans`` (per row of the book's plans:
    ``paid``, ``status``, a code of :data:`arsheet.core.status.PLAN_STATUSES`, and
    ``was_missed``), to ``transactions`` ``on_plan`` (True for a document whose plans are all
    on track, NA for one dated after the as-of date), to ``customers``
    ``missed_installments_12m`` (instalments missed, due in the 12 months up to the as-of
    date). Finds no problems: the plans' cells were checked when they were read.
    """
    rows = _instalments(book.plans)
    if rows.empty:
        return _no_plans(book, results), ()
    as_of = day_number(results.as_of)
    grace = book.settings.grace_days
    due = days(rows["due_date"])
    plan = rows.groupby(["plan_id", "customer_id", "document_no"], sort=False).ngroup()
    plan = plan.to_numpy(dtype=np.int64)
    amount = rows["amount"].to_numpy(dtype=np.int64)
    covered = rows["amount"].groupby(plan).cumsum().to_numpy(dtype=np.int64)
    start = _start(due, plan)
    deadline = due + grace
    labels = _document_labels(book, rows)
    # Both windows at once: the money so far, and the money by each instalment's deadline.
    both = _received(
        book,
        results,
        pd.concat([rows, rows]),
        np.concatenate([labels, labels]),
        np.concatenate([start, start]),
        np.concatenate([np.full(len(rows), as_of), np.minimum(deadline, as_of)]),
    )
    paid_now, paid_then = both[: len(rows)], both[len(rows) :]
    paid = np.clip(paid_now - (covered - amount), 0, amount)
    late = deadline < as_of
    status = np.select(
        [paid == amount, due > as_of, ~late],
        ["paid", "upcoming", "due"],
        "missed",
    )
    was_missed = late & (paid_then < covered)
    found = pd.DataFrame(
        {"paid": paid, "status": status, "was_missed": was_missed}, index=rows.index
    ).reindex(book.plans.index)
    found = found.astype({"paid": OPTIONAL, "status": TEXT, "was_missed": bool})
    transactions = results.transactions.assign(
        on_plan=_on_plan(book, results, labels, plan, status)
    )
    recent = rows.loc[was_missed & (due > year_before(results.as_of)), "customer_id"]
    missed = recent.value_counts().reindex(results.customers.index, fill_value=0)
    customers = results.customers.assign(missed_installments_12m=missed.astype(np.int64))
    return replace(results, plans=found, transactions=transactions, customers=customers), ()


def _instalments(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the plan rows typed and in matching order: by plan, due date, instalment, row."""
    rows = frame.reindex(columns=list(_TYPES)).astype(_TYPES)
    rows = rows.assign(_row=rows.index)
    order = ["plan_id", "customer_id", "document_no", "due_date", "installment", "_row"]
    return rows.sort_values(order, kind="stable", na_position="first").drop(columns="_row")


def _start(due: Ints, plan: Ints) -> Ints:
    """Return each row's plan start: one period before the first due date (rows sorted).

    The period runs to the next later due date: two instalments due the same first day (a
    deposit and a fee, say) must not shrink it to nothing, leaving out the money paid before.
    """
    first = pd.Series(due).groupby(plan).transform("first").to_numpy()
    none = np.iinfo(np.int64).max
    later = np.where(due > first, due, none)
    second = pd.Series(later).groupby(plan).transform("min").to_numpy()
    return first - np.where(second == none, ONE_PERIOD, second - first)


def _document_labels(book: Book, rows: pd.DataFrame) -> np.ndarray:
    """Return the index label of each row's document in the transactions, None without one."""
    documents = rows["document_no"].to_numpy(dtype=object)
    tx = book.transactions
    planned = tx[tx["document_no"].isin(documents[documents != ""])]
    label = pd.Series(planned.index, index=planned["document_no"].to_numpy(dtype=object))
    found = label.reindex(documents).to_numpy(dtype=object)
    found[documents == ""] = None
    return found


def _received(
    book: Book,
    results: Results,
    rows: pd.DataFrame,
    labels: np.ndarray,
    starts: Ints,
    ends: Ints,
) -> Ints:
    """Return the money toward each row's plan dated from ``starts`` to ``ends``.

    ``labels`` are the index labels of the rows' documents (:func:`_document_labels`).
    """
    with_document = rows["document_no"].to_numpy(dtype=object) != ""
    got = np.zeros(len(rows), dtype=np.int64)
    if with_document.any():
        allocations = results.allocations
        got[with_document] = sums_between(
            allocations["target"],
            allocations["date"],
            allocations["amount"],
            pd.Series(labels[with_document], dtype=object),
            starts[with_document],
            ends[with_document],
        )
    if (~with_document).any():
        payments = book.payments
        got[~with_document] = sums_between(
            payments["customer_id"],
            payments["date"],
            payments["amount"],
            rows.loc[~with_document, "customer_id"].reset_index(drop=True),
            starts[~with_document],
            ends[~with_document],
        )
    return got


def _on_plan(
    book: Book, results: Results, labels: np.ndarray, plan: Ints, status: np.ndarray
) -> pd.Series:
    """Return True for each document with a plan, none of its plans with a missed instalment."""
    missed = pd.Series(status == "missed").groupby(plan).transform("any").to_numpy(dtype=bool)
    named = pd.notna(labels)
    on_track = set(labels[named]) - set(labels[named & missed])
    on = pd.Series(False, index=book.transactions.index)
    on.loc[list(on_track)] = True
    return _of_documents(on, results)


def _no_plans(book: Book, results: Results) -> Results:
    """Return the results of a book without plans, at no cost per document."""
    found = pd.DataFrame(
        {"paid": pd.Series(dtype=OPTIONAL), "status": pd.Series(dtype=TEXT)},
        index=book.plans.index,
    ).assign(was_missed=False)
    no = pd.Series(False, index=book.transactions.index)
    transactions = results.transactions.assign(on_plan=_of_documents(no, results))
    customers = results.customers.assign(missed_installments_12m=np.int64(0))
    return replace(results, plans=found, transactions=transactions, customers=customers)


def _of_documents(on: pd.Series, results: Results) -> pd.Series:
    """Return ``on`` as a nullable flag, NA for the documents dated after the as-of date."""
    return on.astype("boolean").where(results.transactions["status"].notna())
