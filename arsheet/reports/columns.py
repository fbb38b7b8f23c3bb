"""The owned columns of the record sheets, filled from the engine's results."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from arsheet.book.contract import (
    DOCUMENT_STATUSES,
    PLAN_STATUS_CHOICES,
    PROMISE_STATUS_CHOICES,
    RECORD_SHEETS,
    YES_NO,
    ChoiceList,
    aging_labels,
)
from arsheet.book.layout import OwnedColumns, SheetLayout
from arsheet.core.book import Book
from arsheet.core.results import Results
from arsheet.reports.reasons import grade_label


def owned_columns(
    layouts: Mapping[str, SheetLayout],
    read: Book,
    book: Book,
    results: Results,
    lang: str,
) -> list[OwnedColumns]:
    """Return the new owned-column values of every record sheet found in the workbook.

    Records that are not part of the computation (errors, dated after the as-of date) get empty
    owned cells, so no stale figure survives a recalculation; every record's owned cells are
    written, empty ones with the owned style, so the grey block has no gaps.

    Args:
        layouts: where each record sheet's columns are.
        read: every record as read, those left out for errors included (``rejected``).
        book: the records that were computed.
        results: the engine's results.
        lang: the book's language, for statuses, buckets and level names.

    Returns:
        One :class:`OwnedColumns` per record sheet present.
    """
    by_sheet = {
        "transactions": _transactions(results, lang),
        "payments": results.payments[["applied", "unapplied"]],
        "plans": _labelled(results.plans, "status", PLAN_STATUS_CHOICES, lang),
        "collection_log": _labelled(
            results.collection_log, "promise_status", PROMISE_STATUS_CHOICES, lang
        ),
        "customers": _customers(book, results, lang),
    }
    out = []
    for sheet in RECORD_SHEETS:
        if sheet.key not in layouts:
            continue
        keys = [c.key for c in sheet.owned]
        values = by_sheet.get(sheet.key, pd.DataFrame(index=pd.Index([], dtype="int64")))
        values = values.reindex(index=_record_rows(read, sheet.key), columns=keys)
        out.append(OwnedColumns(layouts[sheet.key], values))
    return out


def _record_rows(read: Book, key: str) -> pd.Index:
    """Return the sheet rows read as records of table ``key``, computed or left out."""
    rows: pd.Index = getattr(read, key).index
    rejected = read.rejected.get(key)
    return rows.union(rejected.index) if rejected is not None and len(rejected) else rows


def _transactions(results: Results, lang: str) -> pd.DataFrame:
    tx = results.transactions
    statuses = {c.code: c.label(lang) for c in DOCUMENT_STATUSES.choices}
    buckets = dict(enumerate(aging_labels(results.bucket_bounds, lang)))
    return pd.DataFrame(
        {
            "paid": tx["paid"],
            "open_amount": tx["open_amount"],
            "status": tx["status"].map(statuses),
            "days_overdue": tx["days_overdue"],
            "aging_bucket": tx["aging_bucket"].map(buckets),
            "dunning_level": tx["next_action"],
        },
        index=tx.index,
    )


def _labelled(frame: pd.DataFrame, key: str, choices: ChoiceList, lang: str) -> pd.DataFrame:
    """Return ``frame`` with its status codes in column ``key`` as labels of language ``lang``."""
    labels = {c.code: c.label(lang) for c in choices.choices}
    return frame.assign(**{key: frame[key].map(labels)})


def _customers(book: Book, results: Results, lang: str) -> pd.DataFrame:
    metrics = results.customers
    ids = book.customers["customer_id"]
    return pd.DataFrame(
        {
            "open_balance": ids.map(metrics["net_balance"]).astype("Int64"),
            "overdue_amount": ids.map(metrics["overdue_amount"]).astype("Int64"),
            "credit_score": ids.map(metrics["credit_score"]).astype("Int64"),
            "grade": ids.map(grade_label(metrics["grade"], lang)),
            "credit_hold": ids.map(yes_no(metrics["credit_hold"], lang)),
        },
        index=book.customers.index,
    )


def yes_no(flags: pd.Series, lang: str) -> pd.Series:
    """Return a yes/no column as the book's Y/N (是/否)."""
    return flags.map({True: YES_NO.label_of("yes", lang), False: YES_NO.label_of("no", lang)})
