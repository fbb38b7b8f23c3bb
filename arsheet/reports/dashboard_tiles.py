"""The Dashboard's headline figures, in columns A:B beside the charts' ranges."""

from __future__ import annotations

import pandas as pd

from arsheet.book.content import Block, Style
from arsheet.core.totals import Totals
from arsheet.reports import dashboard_ranges as at
from arsheet.reports.labels import label


def headline_blocks(totals: Totals, lang: str) -> list[Block]:
    """Return one block per headline figure of the book's totals, label then value."""
    headlines = (
        ("total_open", totals.open_amount, Style.MONEY),
        ("total_overdue", totals.overdue_amount, Style.MONEY),
        ("overdue_pct", totals.overdue_pct, Style.PERCENT),
        ("unapplied_credit", totals.unapplied_credit, Style.MONEY),
        ("net_balance", totals.net_balance, Style.MONEY),
        ("dso", totals.dso, Style.NUMBER),
        ("best_possible_dso", totals.best_possible_dso, Style.NUMBER),
        ("add", totals.add, Style.NUMBER),
        ("cei", totals.cei, Style.PERCENT),
        ("customers_over_limit", totals.customers_over_limit, Style.INT),
    )
    blocks = []
    for offset, (key, value, style) in enumerate(headlines[: at.DASHBOARD_HEADLINES_ROWS]):
        frame = pd.DataFrame({"label": [label(key, lang)], "value": [value]})
        blocks.append(Block(at.DASHBOARD_HEADLINES_ROW + offset, 1, frame, (Style.TEXT, style)))
    return blocks
