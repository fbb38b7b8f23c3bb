"""The Aging sheet: customers by aging bucket with totals, then the same by owner."""

from __future__ import annotations

from datetime import date

import pandas as pd

from arsheet.book.content import Block, SheetContent, Style
from arsheet.book.contract import AGING, aging_labels
from arsheet.core.left_out import LeftOut
from arsheet.reports.banner import banner_blocks
from arsheet.reports.labels import label
from arsheet.reports.summary import title_blocks

HEADER_ROW = 3


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

    Each row's buckets add up to its open amount; the total rows add the columns, in integer
    minor units, so the totals add up too.
    """
    buckets = [f"bucket_{i}" for i in range(len(aging_labels(bounds, lang)))]
    money = [*buckets, "open_amount", "unapplied_credit", "net_balance"]
    headers = (
        label("customer_id", lang),
        label("customer_name", lang),
        label("owner", lang),
        *aging_labels(bounds, lang),
        label("open_amount", lang),
        label("unapplied_credit", lang),
        label("net_balance", lang),
    )
    styles = (Style.TEXT,) * 3 + (Style.MONEY,) * len(money)
    customers = table.sort_values("customer_id", kind="stable")
    customers = customers[customers[money].fillna(0).ne(0).any(axis=1)]
    rows = customers[["customer_id", "customer_name", "owner", *money]]
    by_customer = pd.concat([rows, _total_row(rows, money, lang)], ignore_index=True)

    owners = rows.assign(owner=rows["owner"].fillna("").replace("", "—"))
    grouped = owners.groupby("owner", sort=True)[money].sum().reset_index()
    by_owner = pd.concat([grouped, _total_row(grouped, money, lang, key="owner")])
    owner_row = HEADER_ROW + len(by_customer) + 3
    return SheetContent(
        key=AGING.key,
        name=AGING.name(lang),
        blocks=(
            *title_blocks(label("aging_title", lang, as_of=as_of.isoformat()), currency, lang),
            *banner_blocks(left, lang),
            Block(HEADER_ROW, 1, by_customer, styles, headers),
            Block(
                owner_row - 1,
                1,
                pd.DataFrame({"t": [label("aging_by_owner", lang)]}),
                (Style.HEADER,),
            ),
            Block(
                owner_row,
                1,
                by_owner.reset_index(drop=True),
                (Style.TEXT,) + (Style.MONEY,) * len(money),
                (label("owner", lang), *headers[3:]),
            ),
        ),
        widths=(12, 30, 12) + (13,) * len(money),
        freeze_rows=HEADER_ROW,
    )


def _total_row(
    rows: pd.DataFrame, money: list[str], lang: str, key: str = "customer_id"
) -> pd.DataFrame:
    totals = {col: [int(rows[col].fillna(0).sum())] for col in money}
    return pd.DataFrame({key: [label("total", lang)], **totals}).reindex(columns=rows.columns)
