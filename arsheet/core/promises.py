"""The promises step: whether each promise to pay in the collection log was kept.

A promise is a log entry with a promised date, dated on or before the as-of date (later
entries have not happened yet). It is covered when the customer's payments dated from the
entry's date up to the promised date add up to the promised amount (any payment at all when no
amount was promised); a payment counts whichever invoice it went to, since a customer keeping
its word often pays the oldest invoice first. Then the promise is:

* **Kept**: covered, by the payments up to the as-of date;
* **Broken**: not covered, and the promised date has passed (it is before the as-of date);
* **Open**: not covered yet, and the promised date is still to come or is today.

An open promise pauses dunning until its date: of its document when the entry names one,
else of every document of the customer.

Example, as of 2024-09-30: on 09-10 C1 promises 500.00 by 09-20 and pays 300.00 on 09-15 and
200.00 on 09-20 -> Kept; had it paid the 200.00 on 09-21 -> Broken; had it promised by 10-05,
with 300.00 paid -> Open, and C1 is not dunned until 10-05.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from arsheet.core.book import DATE, OPTIONAL, TEXT, Book
from arsheet.core.problems import Problem
from arsheet.core.results import Results
from arsheet.core.windows import day_number, days, sums_between, year_before

_TYPES = {
    "date": DATE,
    "customer_id": TEXT,
    "document_no": TEXT,
    "promised_date": DATE,
    "promised_amount": OPTIONAL,
}


def promises(book: Book, results: Results) -> tuple[Results, tuple[Problem, ...]]:
    """Tell each promise's status, and pause the dunning an open promise covers.

    Adds the frame ``collection_log`` (``promise_status``, a code of
    :data:`arsheet.core.status.PROMISE_STATUSES`, NA where the entry holds no promise), to
    ``transactions`` ``promised_date`` (the open promise's date that pauses its dunning, the
    latest of several, ``NaT`` when none), to ``customers`` ``broken_promises_12m``
    (promises broken whose date lies in the 12 months up to the as-of date) and
    ``open_promise_date`` (the earliest open promise's date). Finds no problems: the log's
    cells were checked when it was read.
    """
    log = book.collection_log.reindex(columns=list(_TYPES)).astype(_TYPES)
    as_of = day_number(results.as_of)
    promised = log[log["promised_date"].notna() & (days(log["date"]) <= as_of)]
    status = _statuses(book, promised, as_of)
    found = pd.DataFrame({"promise_status": status}, index=log.index, dtype=TEXT)
    open_ = promised[status == "open"]
    recent = days(promised["promised_date"]) > year_before(results.as_of)
    broken = promised[(status == "broken").to_numpy() & recent]
    ids = results.customers.index
    counts = broken["customer_id"].value_counts().reindex(ids, fill_value=0)
    first_open = open_.groupby("customer_id")["promised_date"].min().reindex(ids)
    customers = results.customers.assign(
        broken_promises_12m=counts.astype(np.int64).to_numpy(),
        open_promise_date=first_open.astype(DATE).to_numpy(),
    )
    transactions = results.transactions.assign(promised_date=_paused_until(book, open_))
    return (
        replace(results, collection_log=found, customers=customers, transactions=transactions),
        (),
    )


def _statuses(book: Book, promised: pd.DataFrame, as_of: int) -> pd.Series:
    """Return each promise's status code, indexed like ``promised``."""
    due = days(promised["promised_date"])
    payments = book.payments
    got = sums_between(
        payments["customer_id"],
        payments["date"],
        payments["amount"],
        promised["customer_id"].reset_index(drop=True),
        days(promised["date"]),
        np.minimum(due, as_of),
    )
    # Without an amount, any payment at all keeps the promise.
    wanted = promised["promised_amount"].fillna(0).to_numpy(dtype=np.int64)
    kept = got >= np.maximum(wanted, 1)
    status = np.select([kept, due < as_of], ["kept", "broken"], "open")
    return pd.Series(status, index=promised.index, dtype=TEXT)


def _paused_until(book: Book, open_: pd.DataFrame) -> pd.Series:
    """Return, per document, the latest date an open promise pauses its dunning until."""
    tx = book.transactions
    paused = np.full(len(tx), np.datetime64("NaT"), dtype=DATE)
    named = open_["document_no"] != ""
    by_customer = open_[~named].groupby("customer_id")["promised_date"].max()
    by_document = open_[named].groupby("document_no")["promised_date"].max()
    # Only the promisers' documents are looked up, not every document of the book.
    hit = (
        tx["customer_id"].isin(by_customer.index) | tx["document_no"].isin(by_document.index)
    ).to_numpy(dtype=bool)
    if hit.any():
        found = tx[hit]
        customer_wide = by_customer.reindex(found["customer_id"]).to_numpy(dtype=DATE)
        own = by_document.reindex(found["document_no"]).to_numpy(dtype=DATE)
        # NaT is the smallest datetime64 as an integer, so the later of the two is the maximum.
        paused[hit] = np.maximum(customer_wide.view(np.int64), own.view(np.int64)).view(DATE)
    return pd.Series(paused, index=tx.index)
