"""The one pipeline every interface runs: read, validate, compute, lay out, write.

``load`` reads and validates; ``check`` computes too, for the problems the steps find (what
``arsheet check`` lists); ``recalculate`` runs it all. Each stage returns data plus problems;
only the boundaries raise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from arsheet.book.messages import Located, describe_all
from arsheet.book.port import BookPort, BookSource
from arsheet.book.reader import ReadResult, read_book
from arsheet.core import compute
from arsheet.core.book import Book
from arsheet.core.left_out import LeftOut, left_out
from arsheet.core.problems import Problem, Severity
from arsheet.core.results import Results
from arsheet.core.validate import validate
from arsheet.reports.book_sheets import lay_out

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

    ``left_out`` tells the records left out of the figures for errors and the money on them;
    ``customers_overdue`` counts the customers with money overdue (what a button's alert says).
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
    customers_overdue: int


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
    return computed(load(source, today=today), today=today)[0]


def computed(
    loaded: Loaded, as_of: date | None = None, today: date | None = None
) -> tuple[Loaded, Results]:
    """Compute a loaded book; return it with the problems the steps found, and the results.

    The as-of date is ``as_of``, else the Settings' As-of date, else ``today`` (default: the
    system date).
    """
    book = loaded.book
    results = compute(book, as_of or book.settings.as_of or today or date.today())
    return _with_problems(loaded, results.problems), results


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
    if progress:
        progress("compute")
    loaded, results = computed(loaded, as_of, today)
    left = left_out(loaded.read.book, loaded.book)
    columns, sheets = lay_out(loaded.read, loaded.book, results, loaded.located, left)
    if progress:
        progress("write")
    port.write(columns, sheets, loaded.lang)
    return _outcome(port.path, loaded, results, left)


def _with_problems(loaded: Loaded, found: tuple[Problem, ...]) -> Loaded:
    """Return ``loaded`` with the problems the computation found, located."""
    if not found:
        return loaded
    problems = (*loaded.problems, *found)
    located = tuple(describe_all(problems, loaded.read.layouts, loaded.lang))
    return replace(loaded, problems=problems, located=located)


def _outcome(path: Path, loaded: Loaded, results: Results, left: LeftOut) -> Recalculated:
    """Return the summary of a recalculation from its results."""
    totals = results.totals
    return Recalculated(
        path=path,
        lang=loaded.lang,
        as_of=results.as_of,
        currency=loaded.book.settings.currency,
        customers=len(results.customers),
        documents=totals.documents,
        payments=totals.payments,
        open_amount=totals.open_amount,
        overdue_amount=totals.overdue_amount,
        unapplied_credit=totals.unapplied_credit,
        errors=loaded.errors,
        warnings=len(loaded.located) - loaded.errors,
        left_out=left,
        customers_overdue=int((results.customers["overdue_amount"] > 0).sum()),
    )
