"""The statement of account that goes with each e-mailed notice.

A notice asks for money; the statement beside it shows how the balance came about (the
month's opening balance, every invoice, credit note and payment since, the closing balance,
its aging) with the confirmation slip the customer signs and returns. ``arsheet letters
--format eml`` and ``arsheet send`` attach it as an HTML file, in the customer's language, from
the first day of the month of the oldest document the notice asks for up to the notice's date,
so every one of those documents is listed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from jinja2 import Environment

from arsheet.core.book import Book
from arsheet.core.notices import Notice
from arsheet.core.results import Results
from arsheet.core.statement import statements
from arsheet.letters.compose import Composed
from arsheet.letters.mail import Attachment
from arsheet.letters.output import Attach
from arsheet.letters.statement import file_name, write_statement


def statements_attached(
    book: Book, results: Results, env: Environment, notices: Sequence[Notice]
) -> Attach:
    """Return the hook that attaches each notice's customer's statement of account.

    Args:
        book: the book the notices are from.
        results: the book computed as of the notices' date.
        env: the letters environment (the user's ``letters/`` templates first).
        notices: the notices; their statements are made in one pass per first month.
    """
    by_start: dict[date, list[str]] = defaultdict(list)
    for notice in notices:
        oldest = min((line.date for line in notice.lines), default=notice.day)
        by_start[min(oldest, notice.day).replace(day=1)].append(notice.customer_id)
    made = {
        one.customer_id: one
        for start, ids in by_start.items()
        for one in statements(book, results, list(dict.fromkeys(ids)), start)
    }

    def attach(composed: Composed) -> Sequence[Attachment]:
        found = made.get(composed.notice.customer_id)
        if found is None:
            return ()
        _, texts = write_statement(found, book, env, results.as_of, ("html",))
        name = file_name(found.customer_id, "html")
        return (Attachment(name, texts["html"].encode("utf-8"), "text/html"),)

    return attach
