"""The Open items sheet: every open invoice by customer, the page a collector works from.

Customers come in the Summary's order (most overdue first), each customer's invoices most
overdue first, then a bold subtotal row with the customer's open amount, dunning level, last
contact and next follow-up; a grand total ends the table. Each invoice shows the day its payment
is expected (:mod:`arsheet.core.forecast`; the last instalment's for one split by a plan, none
for a disputed one). Each invoice's number links back to
its row on the Transactions sheet. The subtotals are the Summary's open amounts and the grand
total the Dashboard's; credit notes not yet used are the Summary's unapplied credit, not here.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from arsheet.book.address import column_letter
from arsheet.book.content import Block, Highlight, SheetContent, Style
from arsheet.book.contract import (
    COLLECTION_LOG,
    OPEN_ITEMS,
    TRANSACTIONS,
    YES_NO,
    aging_labels,
)
from arsheet.book.layout import SheetLayout
from arsheet.core.book import Book
from arsheet.core.left_out import LeftOut
from arsheet.core.priority import most_overdue_first
from arsheet.core.results import Results
from arsheet.reports.banner import banner_blocks
from arsheet.reports.labels import label
from arsheet.reports.summary import title_blocks

HEADER_ROW = 3

# Customer ID and name (one block), then the document columns (a second block, so that the
# link sits on the document number): key, style, width.
_CUSTOMER = (("customer_id", Style.TEXT, 12), ("customer_name", Style.TEXT, 30))
_DOCUMENT = (
    ("document_no", Style.TEXT, 14),
    ("date", Style.DATE, 12),
    ("due_date", Style.DATE, 12),
    ("days_overdue", Style.INT, 13),
    ("aging_bucket", Style.TEXT, 12),
    ("open_amount", Style.MONEY, 15),
    ("dunning_level", Style.TEXT, 18),
    ("disputed", Style.TEXT, 10),
    ("last_contact", Style.DATE, 13),
    ("next_follow_up", Style.DATE, 14),
    ("expected_payment", Style.DATE, 15),
)
# The Date column: every document has one, so a blank there marks a subtotal or total row.
_DATE_COLUMN = column_letter(len(_CUSTOMER) + 2)


def open_items_table(book: Book, results: Results, lang: str) -> pd.DataFrame:
    """Return the open invoices grouped by customer, each group followed by its subtotal row.

    Args:
        book: the computed records (document numbers, dates, disputes, customer names).
        results: the engine's results, the contacts step's among them.
        lang: the book's language, for buckets, the disputed flag and the subtotal label.

    Returns:
        One row per open invoice and per customer with one, in the sheet's order: the columns
        of the sheet, plus ``row`` (the invoice's sheet row, NA on subtotal rows). The last
        row is the grand total.
    """
    tx, docs = results.transactions, book.transactions
    is_open = tx["open_amount"].fillna(0).gt(0).to_numpy(dtype=bool)
    customers = results.customers
    names = book.customers.set_index("customer_id")["customer_name"]
    rank = pd.Series(np.arange(len(customers)), index=most_overdue_first(customers), dtype=np.int64)
    ids = docs["customer_id"][is_open]
    buckets = dict(enumerate(aging_labels(results.bucket_bounds, lang)))
    level_names = {lv.level: lv.name for lv in book.settings.dunning_levels}
    items = pd.DataFrame(
        {
            "customer_id": ids,
            "document_no": docs["document_no"][is_open],
            "date": docs["date"][is_open],
            "due_date": tx["due_date"][is_open],
            "days_overdue": tx["days_overdue"][is_open],
            "aging_bucket": tx["aging_bucket"][is_open].map(buckets),
            "open_amount": tx["open_amount"][is_open],
            "dunning_level": tx["next_action"][is_open],
            "disputed": docs["disputed"][is_open].map({True: YES_NO.label_of("yes", lang)}),
            "expected_payment": tx["expected_date"][is_open],
            "row": tx.index[is_open],
            "rank": ids.map(rank),
            "subtotal": 0,
        }
    )
    open_amounts = items.groupby("customer_id", sort=False)["open_amount"].sum()
    people = customers.loc[open_amounts.index]
    subtotals = pd.DataFrame(
        {
            "customer_id": open_amounts.index,
            "document_no": label("subtotal", lang),
            "days_overdue": people["oldest_days_overdue"].to_numpy(),
            "open_amount": open_amounts.to_numpy(),
            # The highest level its documents reached, as on their rows (the notice due, which
            # moves one level at a time, is on Summary and Dunning).
            "dunning_level": people["dunning_level"].map(level_names).to_numpy(),
            "rank": open_amounts.index.map(rank),
            "subtotal": 1,
        }
    )
    table = pd.concat([items, subtotals], ignore_index=True).sort_values(
        ["rank", "subtotal", "days_overdue", "due_date", "row"],
        ascending=[True, True, False, True, True],
        kind="stable",
        na_position="last",
    )
    contacts = customers.loc[table["customer_id"], ["last_contact", "next_follow_up"]]
    table = table.assign(
        customer_name=table["customer_id"].map(names),
        last_contact=contacts["last_contact"].to_numpy(),
        next_follow_up=contacts["next_follow_up"].to_numpy(),
    )
    total = pd.DataFrame(
        {
            "customer_id": [label("total", lang)],
            "open_amount": [int(open_amounts.sum())],
        }
    )
    keys = [k for k, _, _ in (*_CUSTOMER, *_DOCUMENT)]
    out = pd.concat([table, total], ignore_index=True).reindex(columns=[*keys, "row"])
    return out.astype({"open_amount": "Int64", "days_overdue": "Int64", "row": "Int64"})


def open_items_sheet(
    table: pd.DataFrame,
    transactions: SheetLayout | None,
    as_of: date,
    currency: str,
    lang: str,
    left: LeftOut,
) -> SheetContent:
    """Return the Open items sheet for the table made by :func:`open_items_table`.

    Args:
        table: the open items with their subtotal rows and grand total.
        transactions: where the Transactions sheet's columns are, for the links back to each
            invoice's row; None: no links.
        as_of: the reporting date, for the title.
        currency: the book's currency, for the note under the title.
        lang: the book's language.
        left: the records left out of the figures, for the banner.

    Subtotal and total rows are bold by a conditional format (their Date cell is blank), so
    the look follows the rows if the user sorts.
    """
    last = HEADER_ROW + len(table)
    columns = (*_CUSTOMER, *_DOCUMENT)
    return SheetContent(
        key=OPEN_ITEMS.key,
        name=OPEN_ITEMS.name(lang),
        blocks=(
            *title_blocks(label("open_items_title", lang, as_of=as_of.isoformat()), currency, lang),
            *banner_blocks(left, lang),
            _block(table, _CUSTOMER, 1, lang),
            _block(table, _DOCUMENT, len(_CUSTOMER) + 1, lang, _links(table, transactions)),
        ),
        widths=tuple(w for _, _, w in columns),
        freeze_rows=HEADER_ROW,
        highlights=(
            Highlight(
                f"A{HEADER_ROW + 1}:{column_letter(len(columns))}{last}",
                f'${_DATE_COLUMN}{HEADER_ROW + 1}=""',
                Style.TOTAL,
            ),
        ),
    )


def _block(
    table: pd.DataFrame,
    columns: tuple[tuple[str, Style, float], ...],
    col: int,
    lang: str,
    links: pd.Series | None = None,
) -> Block:
    keys = [k for k, _, _ in columns]
    return Block(
        HEADER_ROW,
        col,
        table[keys],
        tuple(s for _, s, _ in columns),
        tuple(_header(k, lang) for k in keys),
        links,
    )


def _header(key: str, lang: str) -> str:
    """Return a column's header as the Transactions or Collection log sheet has it, if one does."""
    for sheet in (TRANSACTIONS, COLLECTION_LOG):
        if any(c.key == key for c in sheet.columns):
            return sheet.column(key).header(lang)
    return label(key, lang)


def _links(table: pd.DataFrame, transactions: SheetLayout | None) -> pd.Series | None:
    """Return each invoice's link to its document number on the Transactions sheet."""
    if transactions is None or "document_no" not in transactions.columns:
        return None
    sheet = "'" + transactions.name.replace("'", "''") + "'!"
    cell = sheet + column_letter(transactions.columns["document_no"])
    rows = table["row"]
    return (cell + rows.astype("string")).where(rows.notna(), None)
