"""The Python API of statements of account: ``statement`` writes them, ``statement_html``
gives one for an e-mail.

Each statement runs from the first day of a period to its last, on the book computed as of that
last day (:mod:`arsheet.core.statement`), in its customer's language, with the confirmation
slip. The functions are also :mod:`arsheet.api`'s, as every command's are.

Example::

    import arsheet

    arsheet.statement("debt_tracker.xlsx", "C001", start="2024-12-01", out="statements")
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jinja2.sandbox import SandboxedEnvironment

    from arsheet.api import Book
    from arsheet.core.statement import Statement
    from arsheet.pipeline import Loaded

#: The formats ``statement`` writes; PDF needs LibreOffice.
STATEMENT_FORMATS = ("html", "txt", "docx", "pdf")


@dataclass(frozen=True)
class Stated:
    """The statements :func:`statement` wrote.

    Attributes:
        start: the period's first day.
        end: its last day, the day the balances and aging are taken on.
        statements: each customer's statement (:class:`arsheet.core.statement.Statement`,
            amounts in minor units), in customer-ID order.
        names: each customer's name, by customer ID.
        languages: the language each was written in, by customer ID.
        files: the files written for each, by customer ID.
        lang: the book's language, what the command reports in.
    """

    start: date
    end: date
    statements: tuple[Statement, ...]
    names: dict[str, str]
    languages: dict[str, str]
    files: dict[str, tuple[Path, ...]]
    lang: str = "en"


def statement(
    book: Book | Loaded,
    customer: str | None = None,
    *,
    start: date | str | None = None,
    end: date | str | None = None,
    out: str | os.PathLike[str] = ".",
    formats: Sequence[str] = ("html", "txt"),
    today: date | None = None,
) -> Stated:
    """Write statements of account with a confirmation slip, each in its customer's language.

    One file per customer and format, ``<customer_id>-statement.<format>`` in ``out``: the
    balance brought forward, the period's invoices, credit notes, payments and write-offs with
    a running balance, the closing balance (the customer's net balance at ``end``) and its
    aging (:mod:`arsheet.core.statement`). A template of the same name in a ``letters/`` folder
    beside the book replaces arsheet's (:mod:`arsheet.letters.statement` lists its fields).

    Example::

        arsheet.statement("debt_tracker.xlsx", "C001", start="2026-11-01", end="2026-11-30")
        arsheet.statement("debt_tracker.xlsx", out="statements")  # every customer

    Args:
        book: a path, a book of the port, or what :func:`load` returned.
        customer: the Customer ID; ``None``: every customer with a balance at ``end`` or a
            movement in the period.
        start: the period's first day; default the first day of ``end``'s month.
        end: its last day; default the Settings' As-of date, else ``today``.
        out: the folder the files go to, made if missing.
        formats: some of :data:`STATEMENT_FORMATS`.
        today: what "today" is (default: the system date).

    Raises:
        NotABook: the file cannot be read as an arsheet workbook.
        UnknownCustomer: the book computes no customer of that ID.
        PdfNeedsLibreOffice: PDF was asked for and LibreOffice is not installed (nothing is
            written then).
        PdfFailed: LibreOffice did not print every statement (nothing is written).
        TemplateFailed: a statement template is missing or fails.
        ValueError: an unknown format, a date that is not one, or a period ending before
            it starts.
    """
    from arsheet.letters.statement import save_statements, templates_for, write_statement

    wanted = _statement_formats(formats)
    loaded, day, (first, last), found = _statements(book, customer, start, end, today)
    env, templates = _letters(book), templates_for(wanted)
    written = {
        one.customer_id: write_statement(one, loaded.book, env, day, templates) for one in found
    }
    files = save_statements(
        [(customer_id, texts) for customer_id, (_, texts) in written.items()],
        Path(out),
        wanted,
        day,
    )
    names = loaded.book.customers.set_index("customer_id")["customer_name"]
    return Stated(
        start=first,
        end=last,
        statements=tuple(found),
        names={one.customer_id: str(names.get(one.customer_id, "")) for one in found},
        languages={customer_id: lang for customer_id, (lang, _) in written.items()},
        files=files,
        lang=loaded.lang,
    )


def statement_html(
    book: Book | Loaded,
    customer: str,
    *,
    start: date | str | None = None,
    end: date | str | None = None,
    today: date | None = None,
) -> str:
    """Return one customer's statement as HTML, in its language, to attach to an e-mail.

    The arguments and errors are :func:`statement`'s.
    """
    from arsheet.letters.statement import write_statement

    loaded, day, _, found = _statements(book, customer, start, end, today)
    return write_statement(found[0], loaded.book, _letters(book), day, ("html",))[1]["html"]


def _statements(
    book: Book | Loaded,
    customer: str | None,
    start: date | str | None,
    end: date | str | None,
    today: date | None,
) -> tuple[Loaded, date, tuple[date, date], list[Statement]]:
    """Return the book, the day statements are made on, the period, and the statements."""
    from arsheet.api import as_of_date, book_path, load
    from arsheet.core.statement import statements
    from arsheet.core.steps import compute as compute_results
    from arsheet.errors import UnknownCustomer
    from arsheet.pipeline import Loaded

    today = as_of_date(today, "today")
    loaded = book if isinstance(book, Loaded) else load(book, today=today)
    period = first, last = _period(loaded, start, end, today)
    made_on = _made_on(loaded, today)
    results = compute_results(loaded.book, last)
    ids = results.customers.index
    if customer is not None:
        # The book's IDs are read stripped, as ``plan`` and ``credit_check`` take theirs.
        customer = str(customer).strip()
        if customer not in ids:
            path = book_path(book)
            raise UnknownCustomer(path, customer)
        return loaded, made_on, period, list(statements(loaded.book, results, [customer], first))
    found = statements(loaded.book, results, sorted(ids), first)
    return loaded, made_on, period, [s for s in found if s.closing or s.movements]


def _period(
    loaded: Loaded, start: date | str | None, end: date | str | None, today: date | None
) -> tuple[date, date]:
    """Return the period asked for: ``end`` default the as-of date, ``start`` its month's first."""
    from arsheet.api import as_of_date

    last = as_of_date(end, "end date") or _made_on(loaded, today)
    first = as_of_date(start, "start date") or last.replace(day=1)
    if first > last:
        raise ValueError(f"the period starts on {first}, after it ends on {last}")
    return first, last


def _made_on(loaded: Loaded, today: date | None) -> date:
    """Return the day statements are made on: the Settings' As-of date, else today."""
    return loaded.book.settings.as_of or today or date.today()


def _statement_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """Return the formats asked for, each once, or say which one arsheet does not write."""
    wanted = tuple(dict.fromkeys(f.strip().lower() for f in formats))
    unknown = [f for f in wanted if f not in STATEMENT_FORMATS]
    if unknown or not wanted:
        asked = ", ".join(unknown) or "nothing"
        raise ValueError(f"statements are written as {', '.join(STATEMENT_FORMATS)}, not {asked}")
    return wanted


def _letters(book: object) -> SandboxedEnvironment:
    """Return the letters environment, with the user's templates beside a book given by path."""
    from arsheet.api import book_path
    from arsheet.letters.environment import environment

    return environment(book_path(book))
