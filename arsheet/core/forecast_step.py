"""The forecast step: when each open, undisputed document is expected to be paid, week by week.

It gathers what :func:`arsheet.core.forecast.expected_collections` reads from the results of
the steps before it: the open amount of each invoice not disputed (a written-off invoice has
none open, a disputed one is not expected at all, as the ledger's disputed flag says), the
days late of the paid invoices, the open promises of the collection log and what the
instalments of the plans on a document still ask for.

Customers are handled as numbers (their order of first appearance among the transactions) and
documents as their positions among the transactions, not IDs and index labels: grouping and
sorting a million documents by number is several times faster than by text.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from arsheet.core.book import AMOUNT, DATE, TEXT, Book
from arsheet.core.forecast import Forecast, expected_collections, typical_days_late
from arsheet.core.problems import Problem
from arsheet.core.results import Results


def forecast(book: Book, results: Results) -> tuple[Results, tuple[Problem, ...]]:
    """Add the collection forecast (:attr:`Results.forecast`) and each document's expected date.

    Reads the ledger's ``due_date``, ``open_amount`` and ``days_late``, the promises step's
    ``promise_status`` and the plans step's ``paid``. Adds ``expected_date`` to
    ``transactions`` (the last date the document's open amount is expected on, the day after
    the as-of date at the earliest; ``NaT`` for a document with nothing expected). Finds no
    problems.
    """
    tx, own = results.transactions, book.transactions
    codes, ids = pd.factorize(own["customer_id"])
    customer = pd.Series(codes)
    open_amount = tx["open_amount"].fillna(0).to_numpy(dtype=np.int64)
    expected_open = (open_amount > 0) & ~own["disputed"].to_numpy(dtype=bool)
    documents = pd.DataFrame(
        {
            "customer_id": customer[expected_open],
            "due_date": tx["due_date"].to_numpy()[expected_open],
            "open_amount": open_amount[expected_open],
        }
    )
    paid = tx["days_late"].notna().to_numpy(dtype=bool)
    habits = pd.DataFrame(
        {
            "customer_id": customer[paid],
            "days_late": tx["days_late"].to_numpy(dtype=np.int64, na_value=0)[paid],
        }
    )
    found = expected_collections(
        documents,
        *typical_days_late(habits),
        _open_promises(book, results, ids),
        _instalments(book, results),
        results.as_of,
    )
    expected = found.expected
    position = expected["document"].to_numpy(dtype=np.int64)
    named = Forecast(
        expected.assign(
            document=tx.index.take(position), customer_id=ids.take(expected["customer_id"])
        ),
        found.weeks,
        found.later,
    )
    # Money late even by the customer's habits is expected now, not on a day gone by.
    now = pd.Timestamp(results.as_of) + pd.Timedelta(days=1)
    last = np.full(len(tx), np.datetime64("NaT"), dtype=DATE).view(np.int64)
    np.maximum.at(last, position, expected["date"].clip(lower=now).to_numpy().view(np.int64))
    transactions = tx.assign(expected_date=last.view(DATE))
    return replace(results, forecast=named, transactions=transactions), ()


def _positions(book: Book, numbers: pd.Series) -> pd.Series:
    """Return the position among the transactions of each document number, NA where none."""
    tx = book.transactions
    named = np.flatnonzero(tx["document_no"].isin(numbers).to_numpy(dtype=bool))
    # Only the few documents named are turned into Python strings, not a million.
    position = pd.Series(named, index=tx["document_no"].iloc[named].to_numpy(dtype=object))
    found = position.reindex(numbers.to_numpy()).to_numpy()
    return pd.Series(found, index=numbers.index).astype("Int64")


def _open_promises(book: Book, results: Results, ids: pd.Index) -> pd.DataFrame:
    """Return the open promises: customer number in ``ids``, document position (NA: none), date.

    A promise that names a document the book does not have moves nothing: it is not read as
    naming none, which would move every overdue document of the customer.
    """
    log = book.collection_log.reindex(columns=["customer_id", "document_no", "promised_date"])
    status = results.collection_log.reindex(columns=["promise_status"])["promise_status"]
    promised = log[(status == "open").fillna(False).to_numpy(dtype=bool)]
    numbers = promised["document_no"].astype(TEXT).fillna("")
    document = _positions(book, numbers)
    known = (numbers == "") | document.notna()
    promised = promised[known]
    return pd.DataFrame(
        {
            "customer_id": ids.get_indexer(promised["customer_id"]),
            "document": document[known].astype(object),
            "promised_date": promised["promised_date"].astype(DATE),
        }
    )


def _instalments(book: Book, results: Results) -> pd.DataFrame:
    """Return the instalments of plans on a document: its position, due date, what is left."""
    plans = book.plans.reindex(columns=["document_no", "due_date", "amount"])
    numbers = plans["document_no"].astype(TEXT).fillna("")
    document = _positions(book, numbers)
    on_document = document.notna().to_numpy(dtype=bool)
    paid = results.plans.reindex(columns=["paid"])["paid"].fillna(0)
    outstanding = plans["amount"].astype(AMOUNT) - paid.astype(AMOUNT)
    return pd.DataFrame(
        {
            "document": document[on_document].astype(object),
            "due_date": plans["due_date"][on_document].astype(DATE),
            "outstanding": outstanding[on_document].to_numpy(dtype=np.int64),
        }
    )
