"""The Summary sheet: one row per customer with every metric, the most overdue first."""

from __future__ import annotations

from datetime import date

import pandas as pd

from arsheet.book.address import column_letter
from arsheet.book.content import Block, Highlight, SheetContent, Style
from arsheet.book.contract import SUMMARY, YES_NO, aging_labels
from arsheet.core.book import Book
from arsheet.core.left_out import LeftOut
from arsheet.core.priority import LONG_OVERDUE_DAYS, most_overdue_first
from arsheet.core.results import Results
from arsheet.reports.banner import banner_blocks
from arsheet.reports.labels import label

_COLUMNS: tuple[tuple[str, Style, float], ...] = (
    ("customer_id", Style.TEXT, 12),
    ("customer_name", Style.TEXT, 30),
    ("owner", Style.TEXT, 12),
    ("grade", Style.TEXT, 9),
    ("next_action", Style.TEXT, 18),
    ("open_amount", Style.MONEY, 14),
    ("overdue_amount", Style.MONEY, 14),
    ("overdue_pct", Style.PERCENT, 10),
    ("oldest_days_overdue", Style.INT, 12),
    ("unapplied_credit", Style.MONEY, 14),
    ("net_balance", Style.MONEY, 14),
    ("credit_limit", Style.MONEY, 14),
    ("utilisation", Style.PERCENT, 11),
    ("available_credit", Style.MONEY, 14),
    ("over_limit", Style.TEXT, 10),
    ("avg_days_late", Style.NUMBER, 11),
    ("weighted_days_late", Style.NUMBER, 12),
    ("avg_days_to_pay", Style.NUMBER, 11),
    ("last_payment_date", Style.DATE, 12),
    ("dso", Style.NUMBER, 10),
)
HEADER_ROW = 3


def customer_table(book: Book, results: Results, lang: str) -> pd.DataFrame:
    """Return one row per customer with identity, metrics and next action, most overdue first.

    Columns no step computes yet (the credit ``grade``) are left to the sheet, empty.

    Args:
        book: the computed records (customer names and owners come from here).
        results: the engine's results.
        lang: the book's language, for the Y/N of "over limit".

    Returns:
        The results' customer columns (one ``bucket_i`` per aging bucket among them) with
        ``customer_id``, ``customer_name`` and ``owner``, "over limit" as Y/N.
    """
    people = book.customers.set_index("customer_id")[["customer_name", "owner"]]
    table = people.join(results.customers, how="outer")
    table = table.loc[most_overdue_first(results.customers)]
    table["over_limit"] = table["over_limit"].map(
        {True: YES_NO.label_of("yes", lang), False: YES_NO.label_of("no", lang)}
    )
    return table.reset_index(names="customer_id")


def summary_sheet(
    table: pd.DataFrame,
    bounds: tuple[int, ...],
    as_of: date,
    currency: str,
    lang: str,
    left: LeftOut,
) -> SheetContent:
    """Return the Summary sheet for the customer table made by :func:`customer_table`.

    When records are left out of the figures for errors, a banner at the top says so.

    Over-limit customers and those with an invoice at least ``LONG_OVERDUE_DAYS`` overdue are
    highlighted by conditional formats, so the look follows the numbers if the user sorts.
    """
    buckets = aging_labels(bounds, lang)
    bucket_keys = [f"bucket_{i}" for i in range(len(buckets))]
    keys = [k for k, _, _ in _COLUMNS] + bucket_keys
    styles = tuple(s for _, s, _ in _COLUMNS) + (Style.MONEY,) * len(buckets)
    headers = tuple(label(k, lang) for k, _, _ in _COLUMNS) + tuple(buckets)
    widths = tuple(w for _, _, w in _COLUMNS) + (12,) * len(buckets)
    last = HEADER_ROW + max(len(table), 1)
    span = f"A{HEADER_ROW + 1}:{column_letter(len(keys))}{last}"
    over_limit = column_letter(keys.index("over_limit") + 1)
    oldest = column_letter(keys.index("oldest_days_overdue") + 1)
    yes = YES_NO.label_of("yes", lang)
    return SheetContent(
        key=SUMMARY.key,
        name=SUMMARY.name(lang),
        blocks=(
            *title_blocks(label("summary_title", lang, as_of=as_of.isoformat()), currency, lang),
            *banner_blocks(left, lang),
            Block(HEADER_ROW, 1, table.reindex(columns=keys), styles, headers),
        ),
        widths=widths,
        freeze_rows=HEADER_ROW,
        highlights=(
            Highlight(span, f'${over_limit}{HEADER_ROW + 1}="{yes}"', Style.BAD),
            Highlight(span, f"${oldest}{HEADER_ROW + 1}>={LONG_OVERDUE_DAYS}", Style.BAD),
        ),
    )


def title_blocks(text: str, currency: str, lang: str) -> tuple[Block, Block]:
    """Return a sheet's title in A1 and the currency note under it."""
    note = label("currency_note", lang, currency=currency)
    return (
        Block(1, 1, pd.DataFrame({"title": [text]}), (Style.TITLE,)),
        Block(2, 1, pd.DataFrame({"note": [note]}), (Style.NOTE,)),
    )
