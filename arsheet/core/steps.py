"""The computation as one ordered list of steps: ``step(book, results) -> (results, problems)``.

Like beancount's plugins, a step reads the book and what earlier steps found, and returns the
results with its own part added (new frames or new columns) and the problems it found. Later
steps (credit scores, payment plans, promises) slot in after the ones they read.

Example::

    results = compute(book, date(2024, 9, 30))
    results.customers.loc["C001", "next_action"]     # 'Reminder'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pandas as pd

from arsheet.core.book import Book
from arsheet.core.dunning import document_dunning_levels
from arsheet.core.problems import Problem
from arsheet.core.receivables import Receivables, compute_receivables

Results = Receivables
Step = Callable[[Book, Results], tuple[Results, tuple[Problem, ...]]]


def dunning(book: Book, results: Results) -> tuple[Results, tuple[Problem, ...]]:
    """Add each document's dunning level, and each customer's highest level and its name.

    Adds ``dunning_level`` to ``transactions``; ``dunning_level``, ``next_action`` (the name of
    that level) and ``oldest_days_overdue`` to ``customers``.
    """
    levels = document_dunning_levels(
        book.transactions,
        results.transactions,
        book.customers,
        book.settings.dunning_levels,
        pd.Timestamp(results.as_of),
    )
    names = {lv.level: lv.name for lv in book.settings.dunning_levels}
    by_customer = book.transactions["customer_id"]
    highest = levels.groupby(by_customer).max().reindex(results.customers.index)
    oldest = results.transactions["days_overdue"].groupby(by_customer).max()
    customers = results.customers.assign(
        dunning_level=highest.astype("Int64"),
        next_action=highest.map(names),
        oldest_days_overdue=oldest.reindex(results.customers.index).astype("Int64"),
    )
    transactions = results.transactions.assign(dunning_level=levels)
    return replace(results, transactions=transactions, customers=customers), ()


#: The steps after the ledger, in order.
STEPS: tuple[Step, ...] = (dunning,)


def compute(book: Book, as_of: date) -> Results:
    """Compute everything arsheet knows of ``book`` at the end of ``as_of``.

    The ledger (allocation, aging, metrics) comes first; each of :data:`STEPS` then adds its
    part. The problems of every step are gathered in ``results.problems``.
    """
    results = compute_receivables(book, as_of)
    problems: list[Problem] = list(results.problems)
    for step in STEPS:
        results, found = step(book, results)
        problems += found
    return replace(results, problems=tuple(problems))
