"""The Dashboard: headline figures and the ranges the template's charts read.

Each range starts at a fixed place (:mod:`arsheet.reports.dashboard_ranges`) and holds exactly
the rows there are to chart: its block is marked charted, and the book adapter makes the charts
read those rows and no empty cell below them. The last range is the collection forecast: what
is expected in each of the next 13 weeks, and later.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from arsheet.book.content import Block, SheetContent, Style
from arsheet.book.contract import DASHBOARD, aging_labels
from arsheet.core.forecast import Forecast
from arsheet.core.left_out import LeftOut
from arsheet.core.results import Results
from arsheet.core.settings import CreditGrade
from arsheet.reports import dashboard_ranges as at
from arsheet.reports.banner import banner_blocks
from arsheet.reports.dashboard_tiles import credit_blocks, headline_blocks, headline_highlights
from arsheet.reports.labels import label
from arsheet.reports.summary import title_blocks

# English month abbreviations for the partial month's label, whatever the system's locale.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def dashboard_sheet(
    results: Results,
    table: pd.DataFrame,
    as_of: date,
    currency: str,
    lang: str,
    left: LeftOut,
    grades: tuple[CreditGrade, ...],
) -> SheetContent:
    """Return the Dashboard for the engine's results and the Summary's customer table.

    When records are left out of the figures for errors, a banner at the top says so.
    ``grades`` are the Settings' credit grades, each counted below the figures, best first.
    """
    totals = results.totals
    blocks = [
        *title_blocks(label("dashboard_title", lang, as_of=as_of.isoformat()), currency, lang),
        *banner_blocks(left, lang),
        *headline_blocks(results, lang),
        *credit_blocks(results, _best_first(grades), lang),
    ]

    blocks += [
        _range(at.DASHBOARD_AGING_ROW, _aging(totals.buckets, results.bucket_bounds, lang), lang),
        _range(at.DASHBOARD_TOP_ROW, _top_overdue(table, lang), lang),
        _range(at.DASHBOARD_MONTHS_ROW, _months(results.monthly, as_of, lang), lang),
    ]
    if results.forecast is not None:
        blocks.append(_range(at.DASHBOARD_FORECAST_ROW, _forecast(results.forecast, lang), lang))
    return SheetContent(
        DASHBOARD.key,
        DASHBOARD.name(lang),
        tuple(blocks),
        widths=(30, 20, 20, 26, 16, 16),
        highlights=headline_highlights(),
    )


def _best_first(grades: tuple[CreditGrade, ...]) -> tuple[str, ...]:
    """Return the grades' names from the highest score up to the lowest."""
    return tuple(g.grade for g in sorted(grades, key=lambda g: g.score_from, reverse=True))


def _range(row: int, frame: pd.DataFrame, lang: str) -> Block:
    """Return a chart's range: ``frame`` under headers named by its columns, money after text."""
    styles = (Style.TEXT,) + (Style.MONEY,) * (frame.shape[1] - 1)
    headers = tuple(label(str(key), lang) for key in frame.columns)
    return Block(row, at.DASHBOARD_TABLE_COL, frame, styles, headers, charted=True)


def _aging(buckets: tuple[int, ...], bounds: tuple[int, ...], lang: str) -> pd.DataFrame:
    """Return the open amount by bucket; buckets beyond the range's rows are added into its last.

    With more buckets than the range has rows, the last row is "the last bound shown + 1 and
    over" and holds the sum of every bucket from there, so the chart still shows the whole
    open amount.
    """
    shown = min(len(buckets), at.DASHBOARD_AGING_ROWS)
    amounts = [*buckets[: shown - 1], sum(buckets[shown - 1 :])]
    # Current, one bucket per bound shown, and the last, open-ended one.
    labels = aging_labels(bounds[: shown - 2], lang)
    return pd.DataFrame({"bucket": labels, "open_amount": amounts})


def _top_overdue(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the most overdue customers of the Summary's table, or one row saying none is."""
    overdue = table[table["overdue_amount"].fillna(0) > 0].head(at.DASHBOARD_TOP_ROWS)
    if overdue.empty:
        # A chart cannot read no rows: one bar of nothing, named for what it means.
        return pd.DataFrame({"top_overdue": [label("no_overdue", lang)], "total_overdue": [0]})
    return pd.DataFrame(
        {
            "top_overdue": overdue["customer_name"].fillna(overdue["customer_id"]),
            "total_overdue": overdue["overdue_amount"],
        }
    )


def _months(monthly: pd.DataFrame, as_of: date, lang: str) -> pd.DataFrame:
    """Return the last months' open balance and collections, the current month marked partial.

    The last period ends on the as-of date: unless that is a month end, its collections are
    those of part of a month, and its label says up to which day.
    """
    monthly = monthly.tail(at.DASHBOARD_MONTHS_ROWS)
    months = monthly["month_end"].dt.strftime("%Y-%m").tolist()
    if (as_of + timedelta(days=1)).month == as_of.month:
        months[-1] = label(
            "partial_month", lang, month=months[-1], day=as_of.day, mon=_MONTHS[as_of.month - 1]
        )
    return pd.DataFrame(
        {
            "month": months,
            "open_at_month_end": monthly["net_balance"].to_numpy(),
            "collected": monthly["collected"].to_numpy(),
        }
    )


def _forecast(forecast: Forecast, lang: str) -> pd.DataFrame:
    """Return the expected collections of each week, named by its days, then the later ones.

    The first week holds the money expected before it too (overdue even by the customers'
    habits), and its label says so.
    """
    weeks = forecast.weeks
    names = (
        weeks["week_start"].dt.strftime("%m-%d") + " – " + weeks["week_end"].dt.strftime("%m-%d")
    ).tolist()
    names[0] = label("first_week", lang, week=names[0])
    return pd.DataFrame(
        {
            "week": [*names, label("later", lang)],
            "expected_collections": [*weeks["amount"].tolist(), forecast.later],
        }
    )
