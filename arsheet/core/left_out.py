"""What the figures do without: the records left out for errors, and the money on them.

A record with an error is left out of every figure (a guess would be worse); this says how many
and how much, so that no report looks complete when it is not. Counted are the records that feed
the figures: customers, documents (invoices and credit notes) and payments, whether left out
while reading (an error in their own cells) or by the integrity checks (a duplicate number, a
customer found nowhere, a customer left out taking its records along). An amount that could not
be read counts as 0.

Example: one invoice of 100.00 with a bad date and one payment of 30.00 of an unknown customer
-> ``LeftOut(customers=0, documents=1, document_amount=10000, payments=1, payment_amount=3000)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from arsheet.core.book import Book


@dataclass(frozen=True)
class LeftOut:
    """The records left out of the figures for errors.

    Attributes:
        customers: customer records.
        documents: invoices and credit notes.
        document_amount: their amounts added up, in minor units.
        payments: payments.
        payment_amount: their amounts added up, in minor units.
    """

    customers: int = 0
    documents: int = 0
    document_amount: int = 0
    payments: int = 0
    payment_amount: int = 0

    @property
    def rows(self) -> int:
        """How many records in all."""
        return self.customers + self.documents + self.payments


def left_out(read: Book, valid: Book) -> LeftOut:
    """Return what the figures of ``valid`` lack of the book as ``read``.

    Args:
        read: the book as read, its :attr:`Book.rejected` holding the records left out then.
        valid: the same book after :func:`arsheet.core.validate.validate`.

    Returns:
        The counts and amounts of the records left out.
    """
    documents = _gone(read, valid, "transactions")
    payments = _gone(read, valid, "payments")
    return LeftOut(
        customers=len(_gone(read, valid, "customers")),
        documents=len(documents),
        document_amount=_total(documents),
        payments=len(payments),
        payment_amount=_total(payments),
    )


def _gone(read: Book, valid: Book, table: str) -> pd.DataFrame:
    """Return the records of ``table`` left out while reading or by the checks."""
    before: pd.DataFrame = getattr(read, table)
    after: pd.DataFrame = getattr(valid, table)
    dropped = before[~before.index.isin(after.index)] if len(after) < len(before) else None
    parts = [f for f in (read.rejected.get(table), dropped) if f is not None and len(f)]
    return pd.concat(parts) if parts else before.iloc[:0]


def _total(records: pd.DataFrame) -> int:
    """Return the exact sum of the records' amounts, unreadable ones as 0."""
    if "amount" not in records:
        return 0
    return sum(int(a) for a in records["amount"].dropna())
