"""The Dashboard: headline figures and the fixed ranges the template's charts read."""

from __future__ import annotations

from datetime import date

import pandas as pd

from arsheet.book.content import Block, SheetContent, Style
from arsheet.book.contract import DASHBOARD, aging_labels
from arsheet.core.left_out import LeftOut
from arsheet.core.results import Results
from arsheet.reports import dashboard_ranges as at
from arsheet.reports.banner import banner_blocks
from arsheet.reports.dashboard_tiles import headline_blocks, headline_highlights
from arsheet.reports.labels import label
from arsheet.reports.summary import title_blocks


def dashboard_sheet(
    results: Results,
    table: pd.DataFrame,
    as_of: date,
    currency: str,
    lang: str,
    left: LeftOut,
) -> SheetContent:
    """Return the Dashboard for the engine's results and the Summary's customer table.

    When records are left out of the figures for errors, a banner at the top says so.

    Every range is padded to its fixed size, so figures from an earlier recalculation never
    linger below shorter new ones and the charts keep their shape.
    """
    totals = results.totals
    blocks = [
        *title_blocks(label("dashboard_title", lang, as_of=as_of.isoformat()), currency, lang),
        *banner_blocks(left, lang),
        *headline_blocks(results, lang),
    ]

    buckets = aging_labels(results.bucket_bounds, lang)
    aging = pd.DataFrame(
        {"bucket": buckets, "open": [totals.buckets[i] for i in range(len(buckets))]}
    )
    blocks.append(
        _fixed(
            at.DASHBOARD_AGING_ROW,
            aging,
            at.DASHBOARD_AGING_ROWS,
            (Style.TEXT, Style.MONEY),
            (label("bucket", lang), label("open_amount", lang)),
        )
    )
    overdue = table[table["overdue_amount"].fillna(0) > 0].head(at.DASHBOARD_TOP_ROWS)
    top = pd.DataFrame(
        {
            "customer": overdue["customer_name"].fillna(overdue["customer_id"]),
            "overdue": overdue["overdue_amount"],
        }
    )
    blocks.append(
        _fixed(
            at.DASHBOARD_TOP_ROW,
            top,
            at.DASHBOARD_TOP_ROWS,
            (Style.TEXT, Style.MONEY),
            (label("top_overdue", lang), label("total_overdue", lang)),
        )
    )
    monthly = results.monthly.tail(at.DASHBOARD_MONTHS_ROWS)
    months = pd.DataFrame(
        {
            "month": monthly["month_end"].dt.strftime("%Y-%m"),
            "open": monthly["net_balance"],
            "collected": monthly["collected"],
        }
    )
    blocks.append(
        _fixed(
            at.DASHBOARD_MONTHS_ROW,
            months,
            at.DASHBOARD_MONTHS_ROWS,
            (Style.TEXT, Style.MONEY, Style.MONEY),
            (label("month", lang), label("open_at_month_end", lang), label("collected", lang)),
        )
    )
    return SheetContent(
        DASHBOARD.key,
        DASHBOARD.name(lang),
        tuple(blocks),
        widths=(30, 20, 20, 26, 16, 16),
        highlights=headline_highlights(),
    )


def _fixed(
    row: int, frame: pd.DataFrame, size: int, styles: tuple[Style, ...], headers: tuple[str, ...]
) -> Block:
    """Return ``frame`` as a block of exactly ``size`` data rows under its headers."""
    padded = frame.reset_index(drop=True).reindex(range(size))
    return Block(row, at.DASHBOARD_TABLE_COL, padded, styles, headers)
