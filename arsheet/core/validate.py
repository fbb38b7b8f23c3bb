"""Integrity checks across the book's records: unique numbers and known customers and documents.

``validate(book) -> (book, problems)`` in the shape of every pipeline step. Records with an error
are left out of the returned book, and the checks cascade: a transaction whose customer record
was left out is an unknown customer too, a payment applied to a dropped document an unknown
document. Problems name the record by its index label, the field by its key.

Example: customers C1; transactions INV-1 (C1) and INV-1 (C2) -> the second INV-1 is a
``duplicate_id`` naming the first, and is dropped.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from arsheet.core.book import Book
from arsheet.core.problems import Problem, Severity


def validate(book: Book) -> tuple[Book, list[Problem]]:
    """Check the book's integrity and return it without the offending records.

    Args:
        book: the parsed book (each frame holds only records that parsed).

    Returns:
        The book of valid records and the problems found (errors and warnings).
    """
    problems: list[Problem] = []
    customers = _unique(book.customers, "customers", "customer_id", problems)
    known = customers["customer_id"]

    transactions = _unique(book.transactions, "transactions", "document_no", problems)
    transactions = _known_customers(transactions, "transactions", known, problems)
    transactions = _document_refs(transactions, "transactions", "against_document", problems)
    _due_before_date(transactions, problems)

    payments = _unique(book.payments, "payments", "payment_no", problems)
    payments = _known_customers(payments, "payments", known, problems)
    payments = _document_refs(payments, "payments", "applied_to", problems, transactions)

    plans = _known_customers(book.plans, "plans", known, problems)
    plans = _document_refs(plans, "plans", "document_no", problems, transactions)
    log = _known_customers(book.collection_log, "collection_log", known, problems)
    log = _document_refs(log, "collection_log", "document_no", problems, transactions)

    valid = dataclasses.replace(
        book,
        customers=customers,
        transactions=transactions,
        payments=payments,
        plans=plans,
        collection_log=log,
    )
    return valid, problems


def _drop(frame: pd.DataFrame, bad: pd.Series) -> pd.DataFrame:
    return frame[~bad.to_numpy(dtype=bool)]


def _unique(frame: pd.DataFrame, table: str, field: str, problems: list[Problem]) -> pd.DataFrame:
    """Report every repeat of a number after its first record, naming that first record."""
    values = frame[field]
    repeated = values.duplicated(keep="first") & values.ne("")
    if repeated.any():
        first = frame.index.to_series().groupby(values.to_numpy()).transform("first")
        for row in frame.index[repeated.to_numpy()]:
            problems.append(
                Problem(
                    table,
                    row,
                    field,
                    "duplicate_id",
                    value=values[row],
                    params=(("first", str(first[row])),),
                )
            )
    return _drop(frame, repeated)


def _known_customers(
    frame: pd.DataFrame, table: str, known: pd.Series, problems: list[Problem]
) -> pd.DataFrame:
    """Report records whose customer is not among the valid customers."""
    unknown = ~frame["customer_id"].isin(known)
    for row in frame.index[unknown.to_numpy()]:
        problems.append(
            Problem(
                table, row, "customer_id", "unknown_customer", value=frame.at[row, "customer_id"]
            )
        )
    return _drop(frame, unknown)


def _document_refs(
    frame: pd.DataFrame,
    table: str,
    field: str,
    problems: list[Problem],
    documents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Check a reference to a document: it exists, is the same customer's, and is an invoice.

    With ``documents`` None the frame refers to itself (a credit note's Against document), and
    only credit notes are checked; for payments the target must be an invoice too.
    """
    targets = frame if documents is None else documents
    target = targets.drop_duplicates("document_no").set_index("document_no")
    refs = frame[field]
    checked = refs.ne("")
    if documents is None:
        checked &= frame["type"].eq("credit_note")
    owner = refs.map(target["customer_id"])
    kind = refs.map(target["type"])
    unknown = checked & owner.isna()
    other = checked & ~unknown & owner.ne(frame["customer_id"])
    must_be_invoice = documents is None or table == "payments"
    credit = checked & ~unknown & ~other & kind.eq("credit_note") & must_be_invoice
    for code, mask in (
        ("unknown_document", unknown),
        ("document_of_other_customer", other),
        ("credit_against_credit_note", credit),
    ):
        for row in frame.index[mask.to_numpy(dtype=bool)]:
            params = (("other", str(owner[row])),) if code == "document_of_other_customer" else ()
            problems.append(Problem(table, row, field, code, value=refs[row], params=params))
    return _drop(frame, unknown | other | credit)


def _due_before_date(transactions: pd.DataFrame, problems: list[Problem]) -> None:
    """Warn about a due date before the document's own date (the record stays)."""
    early = transactions["due_date"] < transactions["date"]
    for row in transactions.index[early.to_numpy(dtype=bool)]:
        problems.append(
            Problem(
                "transactions",
                row,
                "due_date",
                "due_before_date",
                Severity.WARNING,
                value=f"{transactions.at[row, 'due_date']:%Y-%m-%d}",
                params=(("date", f"{transactions.at[row, 'date']:%Y-%m-%d}"),),
            )
        )
