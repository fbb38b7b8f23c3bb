"""The contacts step: when each customer was last contacted, and when the next follow-up is due.

Read from the collection log, counting only entries dated on or before the as-of date (later
ones do not exist yet):

* **last contact**: the latest entry's date;
* **next follow-up**: the earliest follow-up date an entry plans after that last contact. A
  follow-up on or before the last contact has been made (that contact was it); one still
  planned may lie before the as-of date, a follow-up that is overdue, and is shown as it is,
  never dropped.

Example, as of 2024-09-30: calls on 09-01 (follow up 09-10) and 09-12 (follow up 10-05) give
last contact 09-12 and next follow-up 10-05; a single call on 09-01 planning 09-10 gives next
follow-up 09-10, twenty days overdue.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from arsheet.core.book import DATE, Book
from arsheet.core.problems import Problem
from arsheet.core.results import Results


def contacts(book: Book, results: Results) -> tuple[Results, tuple[Problem, ...]]:
    """Add ``last_contact`` and ``next_follow_up`` (dates, ``NaT`` when none) to ``customers``.

    Finds no problems: the log's dates were checked when it was read.
    """
    log = book.collection_log.reindex(columns=["customer_id", "date", "next_follow_up"])
    log = log.astype({"date": DATE, "next_follow_up": DATE})
    log = log[log["date"] <= pd.Timestamp(results.as_of)]
    last = log.groupby("customer_id")["date"].max()
    planned = log["next_follow_up"].to_numpy() > last.reindex(log["customer_id"]).to_numpy()
    upcoming = log.loc[planned].groupby("customer_id")["next_follow_up"].min()
    ids = results.customers.index
    customers = results.customers.assign(
        last_contact=last.reindex(ids).astype(DATE).to_numpy(),
        next_follow_up=upcoming.reindex(ids).astype(DATE).to_numpy(),
    )
    return replace(results, customers=customers), ()
