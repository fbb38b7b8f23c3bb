"""The one pipeline every interface runs: read, validate, compute, lay out, write.

``load`` is the first half, ``check`` adds the problems only the as-of date tells (what
``arsheet check`` needs); ``recalculate`` runs it all. Each step
takes frames and settings and returns frames plus problems; only the boundaries raise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from arsheet.book.messages import Located, describe_all
from arsheet.book.port import BookPort, BookSource
from arsheet.book.reader import ReadResult, read_book
from arsheet.core.book import Book
from arsheet.core.left_out import LeftOut, left_out
from arsheet.core.problems import Problem, Severity
from arsheet.core.receivables import Receivables, compute_receivables
from arsheet.core.steps import compute
from arsheet.core.validate import validate
from arsheet.reports.aging import aging_sheet
from arsheet.reports.check import check_sheet
from arsheet.reports.columns import owned_columns
from arsheet.reports.dashboard import dashboard_sheet
from arsheet.reports.summary import customer_table, summary_sheet

#: Called with the name of each phase as it starts: "read", "compute", "write".
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Loaded:
    """A workbook read and validated: the clean records and every problem, as data and located."""

    read: ReadResult
    book: Book
    located: tuple[Located, ...]
    problems: tuple[Problem, ...]

    @property
    def lang(self) -> str:
        """The book's language."""
        return self.read.lang

    @property
    def errors(self) -> int:
        """How many problems are errors."""
        return sum(p.severity is Severity.ERROR for p in self.located)


@dataclass(frozen=True)
class Recalculated:
    """What a recalculation did, for the command line's summary line and ``--json``.

    ``left_out`` tells the records left out of the figures for errors and the money on them.
    """

    path: Path
    lang: str
    as_of: date
    currency: str
    customers: int
    documents: int
    payments: int
    open_amount: int
    overdue_amount: int
    unapplied_credit: int
    errors: int
    warnings: int
    left_out: LeftOut


def load(source: BookSource, progress: Progress | None = None, today: date | None = None) -> Loaded:
    """Read and validate a workbook (``today``: what an As-of date of ``=TODAY()`` means).

    Raises:
        arsheet.errors.NotABook: the file is not an arsheet workbook.
    """
    if progress:
        progress("read")
    read = read_book(source, today)
    book, integrity = validate(read.book)
    problems = (*read.problems, *integrity)
    located = describe_all(problems, read.layouts, read.lang)
    return Loaded(read, book, tuple(located), problems)


def check(source: BookSource, today: date | None = None) -> Loaded:
    """Read and validate a workbook and find every problem ``recalculate`` would report.

    The as-of date is the Settings' As-of date, else ``today`` (default: the system date), as
    for a recalculation without ``--as-of``.

    Raises:
        arsheet.errors.NotABook: the file is not an arsheet workbook.
    """
    loaded = load(source, today=today)
    book = loaded.book
    as_of = book.settings.as_of or today or date.today()
    # Only links to documents dated after the as-of date are left to find; without such
    # documents there are none, and the figures need not be computed.
    if not (book.transactions["date"] > pd.Timestamp(as_of)).any():
        return loaded
    return _with_as_of_problems(loaded, compute_receivables(book, as_of).problems)


def _with_as_of_problems(loaded: Loaded, found: tuple[Problem, ...]) -> Loaded:
    """Return ``loaded`` with the problems found from the as-of date (links to later documents)."""
    if not found:
        return loaded
    problems = (*loaded.problems, *found)
    located = tuple(describe_all(problems, loaded.read.layouts, loaded.lang))
    return replace(loaded, problems=problems, located=located)


def recalculate(
    port: BookPort,
    *,
    as_of: date | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> Recalculated:
    """Recalculate a book, writing only what arsheet owns.

    Args:
        port: the book, e.g. :class:`arsheet.adapters.xlsx.book.XlsxBook`.
        as_of: the reporting date; default the Settings' As-of date, else ``today``.
        today: what "today" is (default: the system date).
        progress: told the name of each phase as it starts.

    Returns:
        The figures of the run.

    Raises:
        arsheet.errors.NotABook: the book is not an arsheet workbook; nothing was changed.
        arsheet.errors.CannotWrite: saving failed; the book is unchanged.
    """
    loaded = load(port, progress, today)
    book, lang = loaded.book, loaded.lang
    settings = book.settings
    as_of = as_of or settings.as_of or today or date.today()
    if progress:
        progress("compute")
    results = compute(book, as_of)
    located = _with_as_of_problems(loaded, results.problems).located
    left = left_out(loaded.read.book, book)
    table = customer_table(book, results, lang)
    sheets = (
        dashboard_sheet(results, table, as_of, settings.currency, lang, left),
        summary_sheet(table, results.bucket_bounds, as_of, settings.currency, lang, left),
        aging_sheet(table, results.bucket_bounds, as_of, settings.currency, lang, left),
        check_sheet(located, as_of, lang),
    )
    columns = owned_columns(loaded.read.layouts, loaded.read.book, book, results, lang)
    if progress:
        progress("write")
    port.write(columns, sheets, lang)
    return _outcome(port.path, loaded, located, left, results, as_of, settings.currency)


def _outcome(
    path: Path,
    loaded: Loaded,
    located: tuple[Located, ...],
    left: LeftOut,
    results: Receivables,
    as_of: date,
    currency: str,
) -> Recalculated:
    totals = results.totals
    errors = sum(p.severity is Severity.ERROR for p in located)
    return Recalculated(
        path=path,
        lang=loaded.lang,
        as_of=as_of,
        currency=currency,
        customers=len(loaded.book.customers),
        documents=int(results.transactions["status"].notna().sum()),
        payments=int(results.payments["applied"].notna().sum()),
        open_amount=int(totals.open_amount),
        overdue_amount=int(totals.overdue_amount),
        unapplied_credit=int(totals.unapplied_credit),
        errors=errors,
        warnings=len(located) - errors,
        left_out=left,
    )
