"""The computation as one ordered list of steps: ``step(book, results) -> (results, problems)``.

Like beancount's plugins, a step reads the book and what earlier steps found, and returns the
results with its own part added (new frames or new columns) and the problems it found. The
ledger comes first; later steps (credit scores, say) slot into :data:`STEPS` after the ones
they read.

Example::

    results = compute(book, date(2024, 9, 30))
    results.customers.loc["C001", "next_action"]     # 'First notice'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from arsheet.core.book import Book
from arsheet.core.contacts import contacts
from arsheet.core.credit_policy import credit
from arsheet.core.dunning import dunning
from arsheet.core.dunning_policy import dunning_policy
from arsheet.core.forecast_step import forecast
from arsheet.core.month_end import month_end
from arsheet.core.plans import plans
from arsheet.core.problems import Problem
from arsheet.core.promises import promises
from arsheet.core.receivables import receivables
from arsheet.core.results import Results

Step = Callable[[Book, Results], tuple[Results, tuple[Problem, ...]]]

#: The steps, in the order they run: the ledger; the payment plans and the promises to pay,
#: which the dunning levels read (a plan on track or an open promise pauses dunning); the
#: dunning policy, which decides each customer's next notice from those levels and the last
#: notice in the collection log; the
#: collection log's last contact and next follow-up per customer; the credit scores, grades
#: and holds, which read the broken promises and missed instalments; the collection forecast,
#: which reads the open promises and what the plans' instalments still ask for; then the
#: totals at the previous month end.
STEPS: tuple[Step, ...] = (
    receivables,
    plans,
    promises,
    dunning,
    dunning_policy,
    contacts,
    credit,
    forecast,
    month_end,
)


def compute(book: Book, as_of: date, steps: Sequence[Step] = STEPS) -> Results:
    """Compute everything arsheet knows of ``book`` at the end of ``as_of``.

    Each step runs in turn on the results of the one before, from :meth:`Results.start`.

    Args:
        book: the validated book.
        as_of: the reporting date.
        steps: the steps to run, in order (default: :data:`STEPS`).

    Returns:
        The results, ``problems`` holding the problems of every step in step order.
    """
    results = Results.start(book, as_of)
    problems: list[Problem] = []
    for step in steps:
        results, found = step(book, results)
        problems += found
    return replace(results, problems=tuple(problems))
