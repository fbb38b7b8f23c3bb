"""The month-end step: the book's totals at the end of the calendar month before the as-of date's.

The Dashboard sets each headline figure beside what it was then, so a controller sees at a
glance what moved since the last month closed. The figures are the ledger's totals measured
again on that day (without its per-record frames): records dated after it do not exist then,
and payments are applied as they were on that day (a payment made since then is not there to
settle anything). The book keeps no history of its flags and limits, so the disputed flags and
credit limits are today's, as typed now.

Example::

    results = compute(book, date(2024, 8, 15))
    results.previous.day                     # date(2024, 7, 31)
    results.previous.totals.overdue_amount   # the overdue amount at the end of July
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from arsheet.core.book import Book
from arsheet.core.ledger import date_nanos
from arsheet.core.monthly import month_ends
from arsheet.core.problems import Problem
from arsheet.core.receivables import ledger_totals
from arsheet.core.results import MonthEnd, Results


def month_end(book: Book, results: Results) -> tuple[Results, tuple[Problem, ...]]:
    """Add :attr:`Results.previous`: the ledger's totals at the previous calendar month end.

    When no document or payment is dated on or before that day there was nothing to measure,
    and its totals are None (not zeros, which would read as a book that owed nothing).

    Args:
        book: the validated book.
        results: the results so far (it reads ``as_of``).

    Returns:
        The results with ``previous`` set, and no problems of its own: what the ledger would
        warn of on that day it warns of on the as-of date, or concerns records not yet there.
    """
    end = int(month_ends(results.as_of, 2)[0])
    day = pd.Timestamp(end).date()
    dated = (date_nanos(book.transactions["date"]) <= end).any() or (
        date_nanos(book.payments["date"]) <= end
    ).any()
    totals = ledger_totals(book, day, results.bucket_bounds) if dated else None
    return replace(results, previous=MonthEnd(day, totals)), ()
