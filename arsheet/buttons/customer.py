"""The buttons for one customer: its letter, its statement, a new payment plan.

Each acts on the customer of the selected row (:mod:`arsheet.buttons.selection`), or on the
customer given (the macro-enabled book's panel names one). Letters and statements go beside
the book, else under the user's home (:mod:`arsheet.buttons.folders`); a letter sent other
than by e-mail is recorded in the open book's Collection log, which the user saves.

Example::

    import xlwings as xw
    import arsheet.buttons

    arsheet.buttons.letters(xw.books.active)                 # the selected row's customer
    arsheet.buttons.new_plan(xw.books.active, customer="C001")
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from arsheet.buttons import texts
from arsheet.buttons.figures import recalculated
from arsheet.buttons.folders import beside, has_disk, output_folder
from arsheet.buttons.press import Outcome, Pressed, Told, press
from arsheet.buttons.selection import Picked, picked, selected_cell

if TYPE_CHECKING:
    from collections.abc import Callable

    from arsheet.adapters.live import LiveBook

#: What the letters button writes: a page to print and a Word document to edit.
LETTER_FORMATS = ("html", "docx")
#: What the statement button writes.
STATEMENT_FORMATS = ("html", "docx")
#: The plan a button proposes, having no dialog: three monthly instalments, edited at will.
PLAN_INSTALMENTS, PLAN_EVERY = 3, "month"


def letters(book: Any, *, customer: str | None = None, today: date | None = None) -> Pressed:
    """Write the selected customer's dunning notice, and record it unless it goes by e-mail.

    The notice is the customer's next one, made even when it is not due yet (asked for by
    name), as :func:`arsheet.api.letters` makes it.

    Args:
        book: the xlwings Book.
        customer: the Customer ID; default the customer of the selected row.
        today: what "today" is (default: the system date).

    Returns:
        What the button did (``done``: :class:`arsheet.api.Lettered`, None when no customer
        was selected or the book refused).
    """
    from arsheet.api import letters as write_letters

    def act(live: LiveBook, chosen: Picked, as_of: date) -> Outcome:
        done = write_letters(
            live,
            customers=[chosen.customer],
            out=output_folder(str(book.fullname), str(book.name), as_of),
            formats=LETTER_FORMATS,
            today=today,
        )
        return texts.lettered(done, chosen.customer), done

    return _for_customer(book, "letters", customer, today, act)


def statement(book: Any, *, customer: str | None = None, today: date | None = None) -> Pressed:
    """Write the selected customer's statement of account for the as-of date's month.

    Args:
        book: the xlwings Book.
        customer: the Customer ID; default the customer of the selected row.
        today: what "today" is (default: the system date).

    Returns:
        What the button did (``done``: :class:`arsheet.api.Stated`).
    """
    from arsheet.api import statement as write_statement

    def act(live: LiveBook, chosen: Picked, as_of: date) -> Outcome:
        done = write_statement(
            live,
            chosen.customer,
            out=output_folder(str(book.fullname), str(book.name), as_of),
            formats=STATEMENT_FORMATS,
            today=today,
        )
        return texts.stated(done, chosen.customer), done

    return _for_customer(book, "statement", customer, today, act)


def new_plan(book: Any, *, customer: str | None = None, today: date | None = None) -> Pressed:
    """Append a payment plan for the selected customer, then recalculate so its status shows.

    Three monthly instalments from a month after the as-of date, for the selected
    Transactions row's invoice, else the customer's balance; the alert says they can be
    edited on the Payment plans sheet.

    Args:
        book: the xlwings Book.
        customer: the Customer ID (the plan is then for its balance); default the customer
            of the selected row.
        today: what "today" is (default: the system date).

    Returns:
        What the button did (``done``: :class:`arsheet.api.Planned`).
    """
    from arsheet.api import plan

    def act(live: LiveBook, chosen: Picked, as_of: date) -> Outcome:
        done = plan(
            live,
            customer=chosen.customer,
            document=chosen.document or None,
            count=PLAN_INSTALMENTS,
            every=PLAN_EVERY,
            today=today,
        )
        figures, dashboard_added = recalculated(live, today, Told(done.lang))
        lines = [texts.planned(done)]
        if dashboard_added:
            lines.append(texts.charts_missing(figures.lang))
        return "\n".join(lines), done

    return _for_customer(book, "new_plan", customer, today, act)


def _for_customer(
    book: Any,
    action: str,
    customer: str | None,
    today: date | None,
    act: Callable[[LiveBook, Picked, date], Outcome],
) -> Pressed:
    """Press the button ``action``: find its customer, then ``act`` for it on the open book.

    ``act`` is given the book, the customer and the as-of date (the Settings' As-of date,
    else today), which names the folder letters go to.
    """

    def run(told: Told) -> Outcome:
        from arsheet.adapters.live import LiveBook
        from arsheet.book.reader import read_book

        # The selection first: a sheet added by the run would become the active one.
        cell = None if customer else selected_cell(book)
        # Named by its path on the desktop, so the user's letters/ templates beside it count.
        fullname = str(book.fullname)
        live = LiveBook(book, name=fullname if beside(fullname) else None)
        read = read_book(live, today)
        told.lang = read.lang
        if customer:
            chosen: Picked | None = Picked(str(customer).strip())
        else:
            chosen = picked(live, read, *cell) if cell else None
        if chosen is None or not chosen.customer:
            return texts.nothing_selected(action, read.lang), None
        if action in ("letters", "statement") and not has_disk():
            return texts.no_disk(action, read.lang), None
        as_of = read.book.settings.as_of or today or date.today()
        return act(live, chosen, as_of)

    return press(book, action, run)
