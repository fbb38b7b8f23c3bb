"""The Recalculate and Check buttons: the pipeline on the open book, its figures and problems told.

Example (any xlwings Book: Excel on Windows or macOS, xlwings Lite, the remote engine)::

    import xlwings as xw
    import arsheet.buttons

    arsheet.buttons.recalculate(xw.books.active)   # owned cells written, an alert says the figures
    arsheet.buttons.check(xw.books.active)         # the first problem's cell selected
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from arsheet.book.contract import DASHBOARD
from arsheet.buttons import texts
from arsheet.buttons.press import Outcome, Pressed, Told, press

if TYPE_CHECKING:
    from arsheet.adapters.live import LiveBook
    from arsheet.pipeline import Recalculated


def recalculate(book: Any, *, today: date | None = None) -> Pressed:
    """Recalculate the open book and write what arsheet owns into it; never save it.

    Missing owned sheets are added. The alert says how many customers are overdue and by how
    much, and how many problems the Check sheet lists.

    Args:
        book: the xlwings Book.
        today: what "today" is (default: the system date).

    Returns:
        What the button did (``done``: :class:`arsheet.pipeline.Recalculated`).
    """
    from arsheet.adapters.live import LiveBook

    def run(told: Told) -> Outcome:
        done, dashboard_added = recalculated(LiveBook(book), today, told)
        return recalculated_text(done, dashboard_added), done

    return press(book, "recalculate", run)


def recalculated(live: LiveBook, today: date | None, told: Told) -> tuple[Recalculated, bool]:
    """Recalculate ``live``; return the figures and whether the Dashboard was added to it."""
    from arsheet.api import recalc

    done = recalc(live, today=today)
    told.lang = done.lang
    added = {str(name).casefold() for name in live.added_sheets}
    return done, any(name.casefold() in added for name in DASHBOARD.names())


def recalculated_text(done: Recalculated, dashboard_added: bool) -> str:
    """Return the recalculate button's alert: the figures, the charts, the reminder to save."""
    lines = [texts.recalculated(done)]
    if dashboard_added:
        lines.append(texts.charts_missing(done.lang))
    lines.append(texts.save_to_keep(done.lang))
    return "\n".join(lines)


def check(book: Any, *, today: date | None = None) -> Pressed:
    """Check the open book, changing nothing, and select the first problem's cell.

    The problems are sorted as ``arsheet check`` lists them (by sheet, row, column); the
    alert says how many errors and warnings there are, and the first one.

    Args:
        book: the xlwings Book.
        today: the as-of date when the Settings have none (default: the system date).

    Returns:
        What the button did (``done``: :class:`arsheet.api.Checked`).
    """
    from arsheet.adapters.live import LiveBook
    from arsheet.api import check as check_book

    def run(told: Told) -> Outcome:
        found = check_book(LiveBook(book), today=today)
        told.lang = found.lang
        selected = bool(found.located) and select_place(book, found.located[0].place)
        return texts.checked(found, selected), found

    return press(book, "check", run)


def select_place(book: Any, place: str) -> bool:
    """Select the cell a problem is located at (``Transactions!E14``); say whether it could.

    A whole row (``Transactions!3:3``) selects its first cell, a sheet its A1; a sheet the book
    has not (a missing sheet's problem) selects nothing.
    """
    sheet, _, address = place.rpartition("!") if "!" in place else (place, "", "A1")
    if sheet.startswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    names = [one.name for one in book.sheets]
    if sheet not in names:
        return False
    if ":" in address:
        address = f"A{address.split(':')[0]}"
    found = book.sheets[sheet]
    found.activate()
    found[address].select()
    return True
