"""The warning at the top of the Dashboard, Summary and Aging when rows are left out.

A figure that lacks records must never look complete: when errors left records out, row 2 of
each of these sheets says how many and how much money, in the book's language, and links to
the Check sheet that lists them.
"""

from __future__ import annotations

import pandas as pd

from arsheet.book.content import Block, Style
from arsheet.book.contract import CHECK
from arsheet.core.left_out import LeftOut
from arsheet.core.money import format_money
from arsheet.reports.labels import label

#: The banner's cell: row 2 (under the title, beside the currency note), column D.
BANNER_ROW, BANNER_COL = 2, 4


def banner_blocks(left: LeftOut, lang: str) -> tuple[Block, ...]:
    """Return the banner as a block linking to the Check sheet, or nothing when none is left out.

    Args:
        left: the records left out of the figures.
        lang: the book's language.
    """
    if not left.rows:
        return ()
    text = label(
        "left_out_banner",
        lang,
        rows=left.rows,
        documents=left.documents,
        document_amount=format_money(left.document_amount),
        payments=left.payments,
        payment_amount=format_money(left.payment_amount),
        check=CHECK.name(lang),
    )
    link = "'" + CHECK.name(lang).replace("'", "''") + "'!A1"
    return (
        Block(
            BANNER_ROW,
            BANNER_COL,
            pd.DataFrame({"banner": [text]}),
            (Style.BAD,),
            links=pd.Series([link]),
        ),
    )
