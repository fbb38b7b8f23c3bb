"""Lay out the results: the owned columns of the record sheets and the sheets arsheet owns."""

from __future__ import annotations

from collections.abc import Sequence

from arsheet.book.content import SheetContent
from arsheet.book.layout import OwnedColumns
from arsheet.book.messages import Located
from arsheet.book.reader import ReadResult
from arsheet.core.book import Book
from arsheet.core.left_out import LeftOut
from arsheet.core.results import Results
from arsheet.reports.aging import aging_sheet
from arsheet.reports.check import check_sheet
from arsheet.reports.columns import owned_columns
from arsheet.reports.dashboard import dashboard_sheet
from arsheet.reports.dunning_sheet import dunning_sheet, dunning_table
from arsheet.reports.open_items import open_items_sheet, open_items_table
from arsheet.reports.summary import customer_table, summary_sheet


def lay_out(
    read: ReadResult,
    book: Book,
    results: Results,
    located: Sequence[Located],
    left: LeftOut,
) -> tuple[list[OwnedColumns], tuple[SheetContent, ...]]:
    """Return what a recalculation writes, in the book's language.

    Args:
        read: the book as read (its layouts, language and every record, those left out too).
        book: the records that were computed.
        results: what the steps computed.
        located: every problem with its place and message, for the Check sheet.
        left: the records left out of the figures, for the banners.

    Returns:
        The owned columns of each record sheet present, and the Dashboard, Summary, Open
        items, Dunning, Aging and Check sheets.
    """
    lang, currency, as_of = read.lang, book.settings.currency, results.as_of
    bounds = results.bucket_bounds
    table = customer_table(book, results, lang)
    sheets = (
        dashboard_sheet(results, table, as_of, currency, lang, left, book.settings.credit_grades),
        summary_sheet(table, results.totals, bounds, as_of, currency, lang, left),
        open_items_sheet(
            open_items_table(book, results, lang),
            read.layouts.get("transactions"),
            as_of,
            currency,
            lang,
            left,
        ),
        dunning_sheet(dunning_table(book, results, lang), as_of, currency, lang, left),
        aging_sheet(table, bounds, as_of, currency, lang, left),
        check_sheet(located, as_of, lang),
    )
    return owned_columns(read.layouts, read.book, book, results, lang), sheets
