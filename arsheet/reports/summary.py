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
from arsheet.core.totals import Totals
from arsheet.reports.banner import banner_blocks
from arsheet.reports.columns import yes_no
from arsheet.reports.labels import label
from arsheet.reports.reasons import grade_label, hold_texts, reason_texts

_COLUMNS: tuple[tuple[str, Style, float], ...] = (
    ("customer_id", Style.TEXT, 12),
    ("customer_name", Style.TEXT, 30),
    ("owner", Style.TEXT, 12),
    ("grade", Style.TEXT, 9),
    ("credit_score", Style.INT, 9),
    ("credit_hold", Style.TEXT, 10),
    ("next_action", Style.TEXT, 18),
    ("open_amount", Style.MONEY, 14),
    ("overdue_amount", Style.MONEY, 14),
    ("overdue_pct", Style.PERCENT, 10),
    ("disputed_amount", Style.MONEY, 14),
    ("oldest_days_overdue", Style.INT, 12),
    ("unapplied_credit", Style.MONEY, 14),
    ("net_balance", Style.MONEY, 14),
    ("credit_limit", Style.MONEY, 14),
    ("utilisation", Style.PERCENT, 11),
    ("available_credit", Style.MONEY, 14),
    ("over_limit", Style.TEXT, 10),
    ("suggested_limit", Style.MONEY, 14),
    ("suggested_terms", Style.INT, 12),
    ("hold_reasons", Style.TEXT, 20),
    ("credit_reasons", Style.TEXT, 48),
    ("avg_days_late", Style.NUMBER, 11),
    ("weighted_days_late", Style.NUMBER, 12),
    ("avg_days_to_pay", Style.NUMBER, 11),
    ("last_payment_date", Style.DATE, 12),
    ("dso", Style.NUMBER, 10),
)
HEADER_ROW = 3
#: ID and name stay in view when scrolling right.
FROZEN_COLS = 2
#: The legend's cell, in the title row to the right of the title.
LEGEND_COL = 5
#: How each style's column of a one-row frame is typed, as the sheet's blocks expect.
_DTYPES = {
    Style.MONEY: "Int64",
    Style.INT: "Int64",
    Style.NUMBER: "float64",
    Style.PERCENT: "float64",
    Style.DATE: "datetime64[ns]",
}


def customer_table(book: Book, results: Results, lang: str) -> pd.DataFrame:
    """Return one row per customer with identity, metrics and next action, most overdue first.

    Args:
        book: the computed records (customer names and owners come from here).
        results: the engine's results.
        lang: the book's language, for the Y/N of "over limit" and "credit hold", the grade
            "New" and the credit reasons.

    Returns:
        The results' customer columns (one ``bucket_i`` per aging bucket among them) with
        ``customer_id``, ``customer_name`` and ``owner``, "over limit" and "credit hold" as
        Y/N, ``hold_reasons`` and ``credit_reasons`` in words.
    """
    people = book.customers.set_index("customer_id")[["customer_name", "owner"]]
    table = people.join(results.customers, how="outer")
    table = table.loc[most_overdue_first(results.customers)]
    settings = book.settings
    table["hold_reasons"] = hold_texts(
        table, lang, settings.hold_days_overdue, settings.hold_overdue_amount
    )
    table["credit_reasons"] = reason_texts(table, lang)
    table["grade"] = grade_label(table["grade"], lang)
    for flag in ("over_limit", "credit_hold"):
        table[flag] = yes_no(table[flag], lang)
    return table.reset_index(names="customer_id")


def summary_sheet(
    table: pd.DataFrame,
    totals: Totals,
    bounds: tuple[int, ...],
    as_of: date,
    currency: str,
    lang: str,
    left: LeftOut,
) -> SheetContent:
    """Return the Summary sheet for the customer table made by :func:`customer_table`.

    When records are left out of the figures for errors, a banner at the top says so.

    Over-limit and held customers and those with an invoice ``LONG_OVERDUE_DAYS`` overdue are
    highlighted by conditional formats, so the look follows the numbers if the user sorts; a
    legend in the title row says what the red means. Under the customers, a bold row gives the
    book's totals (:class:`~arsheet.core.totals.Totals`: the Dashboard's figures), outside the
    autofilter so that sorting and filtering leave it in place.
    """
    buckets = aging_labels(bounds, lang)
    bucket_keys = [f"bucket_{i}" for i in range(len(buckets))]
    keys = [k for k, _, _ in _COLUMNS] + bucket_keys
    styles = tuple(s for _, s, _ in _COLUMNS) + (Style.MONEY,) * len(buckets)
    headers = tuple(label(k, lang) for k, _, _ in _COLUMNS) + tuple(buckets)
    widths = tuple(w for _, _, w in _COLUMNS) + (12,) * len(buckets)
    last = HEADER_ROW + max(len(table), 1)
    right = column_letter(len(keys))
    span = f"A{HEADER_ROW + 1}:{right}{last}"
    over_limit = column_letter(keys.index("over_limit") + 1)
    held = column_letter(keys.index("credit_hold") + 1)
    oldest = column_letter(keys.index("oldest_days_overdue") + 1)
    yes = YES_NO.label_of("yes", lang)
    legend = label("summary_legend", lang, days=LONG_OVERDUE_DAYS)
    return SheetContent(
        key=SUMMARY.key,
        name=SUMMARY.name(lang),
        blocks=(
            *title_blocks(label("summary_title", lang, as_of=as_of.isoformat()), currency, lang),
            Block(1, LEGEND_COL, pd.DataFrame({"legend": [legend]}), (Style.BAD,)),
            *banner_blocks(left, lang),
            Block(HEADER_ROW, 1, table.reindex(columns=keys), styles, headers),
            Block(
                HEADER_ROW + len(table) + 1,
                1,
                one_row(_total_values(table, totals, lang), keys, styles),
                styles,
                bold=True,
            ),
        ),
        widths=widths,
        freeze_rows=HEADER_ROW,
        freeze_cols=FROZEN_COLS,
        autofilter=f"A{HEADER_ROW}:{right}{last}",
        highlights=(
            Highlight(span, f'${over_limit}{HEADER_ROW + 1}="{yes}"', Style.BAD),
            Highlight(span, f'${held}{HEADER_ROW + 1}="{yes}"', Style.BAD),
            Highlight(span, f"${oldest}{HEADER_ROW + 1}>={LONG_OVERDUE_DAYS}", Style.BAD),
        ),
    )


def _total_values(table: pd.DataFrame, totals: Totals, lang: str) -> dict[str, object]:
    """Return the totals row: the book's figures, and what adds up where the book has none."""
    return {
        "customer_id": label("total", lang),
        "open_amount": totals.open_amount,
        "overdue_amount": totals.overdue_amount,
        "overdue_pct": totals.overdue_pct,
        "disputed_amount": totals.disputed_amount,
        "oldest_days_overdue": table["oldest_days_overdue"].max(),
        "unapplied_credit": totals.unapplied_credit,
        "net_balance": totals.net_balance,
        "credit_limit": totals.credit_limit,
        "utilisation": totals.utilisation,
        "available_credit": sum(int(x) for x in table["available_credit"].dropna()),
        "avg_days_late": totals.avg_days_late,
        "weighted_days_late": totals.weighted_days_late,
        "avg_days_to_pay": totals.avg_days_to_pay,
        "last_payment_date": totals.last_payment_date,
        "dso": totals.dso,
        **{f"bucket_{i}": amount for i, amount in enumerate(totals.buckets)},
    }


def one_row(values: dict[str, object], keys: list[str], styles: tuple[Style, ...]) -> pd.DataFrame:
    """Return ``values`` as a one-row frame of ``keys``, each column typed for its style.

    Keys without a value stay empty.
    """
    frame = pd.DataFrame([values]).reindex(columns=keys)
    return frame.astype(
        {key: _DTYPES[style] for key, style in zip(keys, styles, strict=True) if style in _DTYPES}
    )


def title_blocks(text: str, currency: str, lang: str, more: str = "") -> tuple[Block, Block]:
    """Return a sheet's title in A1 and the currency note under it, followed by ``more``."""
    note = label("currency_note", lang, currency=currency)
    if more:
        note = f"{note} · {more}"
    return (
        Block(1, 1, pd.DataFrame({"title": [text]}), (Style.TITLE,)),
        Block(2, 1, pd.DataFrame({"note": [note]}), (Style.NOTE,)),
    )
