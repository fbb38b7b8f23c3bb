"""The Aging sheet: customers by aging bucket with totals, then the same by owner."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from arsheet.book.content import Block, SheetContent, Style
from arsheet.book.contract import AGING, aging_labels
from arsheet.core.left_out import LeftOut
from arsheet.core.metrics import ratio
from arsheet.reports.banner import banner_blocks
from arsheet.reports.labels import label
from arsheet.reports.summary import one_row, title_blocks

HEADER_ROW = 3
#: The owner table's key sits in the customer table's Owner column, so the figures line up.
OWNER_COL = 3


def aging_sheet(
    table: pd.DataFrame,
    bounds: tuple[int, ...],
    as_of: date,
    currency: str,
    lang: str,
    left: LeftOut,
) -> SheetContent:
    """Return the Aging sheet from the customer table of the Summary.

    When records are left out of the figures for errors, a banner at the top says so.

    Each row's buckets add up to its open amount; disputed invoices stay in their buckets and
    the Disputed column beside them says how much of the open amount is disputed (the note
    under the title says so). The bold total rows add the columns, in integer minor units, so
    the totals add up too; under the customers' total, each bucket's share of the open total.
    The owner table below uses the same columns as the customer table.
    """
    bucket_labels = aging_labels(bounds, lang)
    buckets = [f"bucket_{i}" for i in range(len(bucket_labels))]
    money = [*buckets, "open_amount", "disputed_amount", "unapplied_credit", "net_balance"]
    headers = (
        *bucket_labels,
        *(label(key, lang) for key in money[len(buckets) :]),
    )
    styles = (Style.TEXT,) * 3 + (Style.MONEY,) * len(money)
    customers = table.sort_values("customer_id", kind="stable")
    customers = customers[customers[money].fillna(0).ne(0).any(axis=1)]
    rows = customers[["customer_id", "customer_name", "owner", *money]]
    total = _total_row(rows, money, lang, "customer_id")
    total_row = HEADER_ROW + len(rows) + 1

    owners = rows.assign(owner=rows["owner"].fillna("").replace("", "—"))
    by_owner = owners.groupby("owner", sort=True)[money].sum().reset_index()
    owner_row = total_row + 5
    id_headers = tuple(label(key, lang) for key in ("customer_id", "customer_name", "owner"))
    owner_styles = styles[OWNER_COL - 1 :]
    return SheetContent(
        key=AGING.key,
        name=AGING.name(lang),
        blocks=(
            *title_blocks(
                label("aging_title", lang, as_of=as_of.isoformat()),
                currency,
                lang,
                label("aging_disputed_note", lang),
            ),
            *banner_blocks(left, lang),
            Block(HEADER_ROW, 1, rows, styles, (*id_headers, *headers)),
            Block(total_row, 1, total, styles, bold=True),
            _shares(total, money, lang, total_row + 1),
            Block(
                owner_row - 1,
                1,
                pd.DataFrame({"t": [label("aging_by_owner", lang)]}),
                (Style.HEADER,),
            ),
            Block(owner_row, OWNER_COL, by_owner, owner_styles, (id_headers[-1], *headers)),
            Block(
                owner_row + len(by_owner) + 1,
                OWNER_COL,
                _total_row(by_owner, money, lang, "owner"),
                owner_styles,
                bold=True,
            ),
        ),
        widths=(12, 30, 12) + (13,) * len(money),
        freeze_rows=HEADER_ROW,
    )


def _total_row(rows: pd.DataFrame, money: list[str], lang: str, key: str) -> pd.DataFrame:
    """Return the row adding up ``money``, labelled in the ``key`` column."""
    values = {col: int(rows[col].fillna(0).sum()) for col in money}
    keys = list(rows.columns)
    styles = tuple(Style.MONEY if k in money else Style.TEXT for k in keys)
    return one_row({key: label("total", lang), **values}, keys, styles)


def _shares(total: pd.DataFrame, money: list[str], lang: str, row: int) -> Block:
    """Return the row under the total: each bucket and the disputed amount as a share of it."""
    shared = money[: money.index("disputed_amount") + 1]
    amounts = total[shared].to_numpy(dtype=np.int64)[0]
    shares = ratio(amounts, np.full(len(shared), amounts[shared.index("open_amount")]))
    frame = pd.DataFrame([[label("pct_of_total", lang), None, None, *shares]])
    return Block(row, 1, frame, (Style.TEXT,) * 3 + (Style.PERCENT,) * len(shared))
