"""The Check sheet: every problem found, each a link to its cell; a green line if none."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from arsheet.book.content import Block, SheetContent, Style
from arsheet.book.contract import CHECK
from arsheet.book.messages import Located
from arsheet.core.problems import Severity
from arsheet.reports.labels import label

HEADER_ROW = 4


def check_sheet(located: Sequence[Located], as_of: date, lang: str) -> SheetContent:
    """Return the Check sheet listing ``located`` problems in the order given.

    Args:
        located: the problems with their places and messages, already sorted.
        as_of: the reporting date, for the title.
        lang: the book's language.
    """
    title = Block(
        1,
        1,
        pd.DataFrame({"t": [label("check_title", lang, as_of=as_of.isoformat())]}),
        (Style.TITLE,),
    )
    if not located:
        ok = Block(2, 1, pd.DataFrame({"t": [label("no_problems", lang)]}), (Style.OK,))
        return SheetContent(CHECK.key, CHECK.name(lang), (title, ok), widths=(16, 10, 90))
    errors = sum(p.severity is Severity.ERROR for p in located)
    count = label("problem_count", lang, errors=errors, warnings=len(located) - errors)
    frame = pd.DataFrame(
        {
            "place": [p.place for p in located],
            "severity": [label(p.severity.value, lang) for p in located],
            "message": [p.message for p in located],
        }
    )
    links = pd.Series([_link(p.place) for p in located])
    return SheetContent(
        CHECK.key,
        CHECK.name(lang),
        (
            title,
            Block(2, 1, pd.DataFrame({"t": [count]}), (Style.BAD,)),
            Block(
                HEADER_ROW,
                1,
                frame,
                (Style.TEXT, Style.TEXT, Style.TEXT),
                tuple(label(k, lang) for k in ("place", "severity", "message")),
                links,
            ),
        ),
        widths=(16, 10, 90),
        freeze_rows=HEADER_ROW,
    )


def _link(place: str) -> str:
    """Return the link target for ``Sheet!E14``, ``Sheet!3:3`` or ``Sheet``, quoted for Excel."""
    sheet, bang, cell = place.rpartition("!")
    if not bang:
        sheet, cell = place, "A1"
    return "'" + sheet.replace("'", "''") + "'!" + cell
