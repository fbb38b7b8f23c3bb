"""The Dashboard's headline tiles in columns A:C: each figure, large, and its change since the last
month end, with the book's other headline figures as plain rows below them, then the customers
on credit hold and how many customers each grade has.

A change is today's figure less the one at the previous month end (:mod:`arsheet.core.month_end`),
blank when there was nothing to measure then or either figure is undefined: never a zero that
was not measured. Days and percentages change by what their shown, rounded figures differ, so
"71" beside "68" reads ▲ 3, never ▲ 2 from 70.6 and 68.4. A change is red when it is bad news
for whoever collects the money (more overdue, a lower CEI) and green when it is good; the open
amount's is neither, since more owed follows more sold.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from arsheet.book.address import column_letter
from arsheet.book.content import Block, Highlight, Style, value_style
from arsheet.core.credit_policy import NEW_GRADE
from arsheet.core.results import Results
from arsheet.core.totals import Totals
from arsheet.reports import dashboard_ranges as at
from arsheet.reports.labels import label

Change = Callable[[float | None, float | None], float | None]


def _amount(now: float | None, then: float | None) -> float | None:
    return None if now is None or then is None else now - then


def _days(now: float | None, then: float | None) -> float | None:
    return None if now is None or then is None else float(round(now) - round(then))


def _points(now: float | None, then: float | None) -> float | None:
    # Shown to a tenth of a percent: the change in points is that of the tenths.
    return None if now is None or then is None else (round(now * 1000) - round(then * 1000)) / 10


#: The tiles: the figure, its style, its change's style, how the change is measured, and the
#: look of a rise (a fall takes the other; None: neither good nor bad).
TILES: tuple[tuple[str, Style, Style, Change, Style | None], ...] = (
    ("total_open", Style.HEADLINE_MONEY, Style.CHANGE_MONEY, _amount, None),
    ("total_overdue", Style.HEADLINE_MONEY, Style.CHANGE_MONEY, _amount, Style.BAD),
    ("overdue_pct", Style.HEADLINE_PERCENT, Style.CHANGE_POINTS, _points, Style.BAD),
    ("dso", Style.HEADLINE_NUMBER, Style.CHANGE_NUMBER, _days, Style.BAD),
    ("cei", Style.HEADLINE_PERCENT, Style.CHANGE_POINTS, _points, Style.OK),
    ("disputed_amount", Style.HEADLINE_MONEY, Style.CHANGE_MONEY, _amount, Style.BAD),
    ("customers_over_limit", Style.HEADLINE_INT, Style.CHANGE_INT, _amount, Style.BAD),
)
#: The other headline figures, label and value below the tiles after an empty row.
PLAIN: tuple[tuple[str, Style], ...] = (
    ("unapplied_credit", Style.MONEY),
    ("net_balance", Style.MONEY),
    ("best_possible_dso", Style.NUMBER),
    ("add", Style.NUMBER),
)
#: The tiles' header row; the tiles follow it, one a row.
HEADER_ROW = at.DASHBOARD_HEADLINES_ROW
_CHANGE_COL = 3
# Totals fields of the figures whose label key differs.
_FIELDS = {"total_open": "open_amount", "total_overdue": "overdue_amount"}
_FALL = {Style.BAD: Style.OK, Style.OK: Style.BAD}


def headline_blocks(results: Results, lang: str) -> list[Block]:
    """Return the tiles under their header, then the plain figures, from row 3 of A:C.

    Args:
        results: the engine's results, with the month-end step's ``previous``.
        lang: the book's language.

    Returns:
        One block per row: the first carries the header (the figure, the as-of date, the month
        end the changes are measured from), each tile the label, value and change, each plain
        figure the label and value.
    """
    now, previous = results.totals, results.previous
    then = previous.totals if previous is not None else None
    header = (
        label("headline", lang),
        label("as_of", lang, as_of=results.as_of.isoformat()),
        label("change_since", lang, day=previous.day.isoformat()) if previous else "",
    )
    blocks = []
    for i, (key, style, change_style, change, _) in enumerate(TILES):
        value = _figure(now, key)
        moved = change(value, _figure(then, key)) if then is not None else None
        frame = _row(key, lang, (value, style), (moved, change_style))
        styles = (Style.TEXT, style, change_style)
        # The first tile's block writes the header row too.
        first = i == 0
        row = HEADER_ROW if first else HEADER_ROW + 1 + i
        blocks.append(Block(row, 1, frame, styles, header if first else None))
    below = HEADER_ROW + len(TILES) + 2
    for i, (key, style) in enumerate(PLAIN):
        frame = _row(key, lang, (_figure(now, key), style))
        blocks.append(Block(below + i, 1, frame, (Style.TEXT, style)))
    return blocks


def credit_blocks(results: Results, grades: tuple[str, ...], lang: str) -> list[Block]:
    """Return the credit rows below the plain figures, after an empty row: label and count.

    Args:
        results: the engine's results, with the credit step's ``credit_hold`` and ``grade``.
        grades: the Settings' grade names, best first; customers too new to grade come last.
        lang: the book's language.

    Returns:
        One block per row: the customers on credit hold, then the customers of each grade.
    """
    customers = results.customers
    counts = customers["grade"].value_counts()
    rows = [(label("credit_holds", lang), int(customers["credit_hold"].sum()))]
    rows += [(label("graded", lang, grade=g), int(counts.get(g, 0))) for g in grades]
    rows.append((label("graded_new", lang), int(counts.get(NEW_GRADE, 0))))
    first = HEADER_ROW + len(TILES) + len(PLAIN) + 3
    return [
        Block(
            first + i,
            1,
            pd.DataFrame({"label": [text], "value": pd.Series([count], dtype="Int64")}),
            (Style.TEXT, Style.INT),
        )
        for i, (text, count) in enumerate(rows)
    ]


def headline_highlights() -> tuple[Highlight, ...]:
    """Return the looks of the tiles' changes: a rise and a fall, each good or bad news."""
    highlights = []
    for i, (*_, rise) in enumerate(TILES):
        if rise is None:
            continue
        cell = f"{column_letter(_CHANGE_COL)}{HEADER_ROW + 1 + i}"
        highlights.append(Highlight(cell, f"{cell}>0", rise))
        highlights.append(Highlight(cell, f"{cell}<0", _FALL[rise]))
    return tuple(highlights)


def _figure(totals: Totals | None, key: str) -> float | None:
    """Return the figure ``key`` of ``totals``, None when there are none or it is undefined."""
    if totals is None:
        return None
    value: float | None = getattr(totals, _FIELDS.get(key, key))
    return value


def _row(key: str, lang: str, *values: tuple[float | None, Style]) -> pd.DataFrame:
    """Return one row: the label of ``key``, then each value in the dtype its style takes."""
    columns: dict[str, pd.Series] = {"label": pd.Series([label(key, lang)], dtype=object)}
    for i, (value, style) in enumerate(values):
        whole = value_style(style) in (Style.MONEY, Style.INT)
        columns[f"value_{i}"] = pd.Series([value], dtype="Int64" if whole else "Float64")
    return pd.DataFrame(columns)
