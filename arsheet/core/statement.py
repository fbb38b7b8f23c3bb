"""Statements of account (对账单): one customer's balance carried through a period, line by line.

A statement starts from the balance brought forward (everything dated before the period),
lists every movement dated in it with a running balance, and ends on the balance the engine
computes for the customer at the end of the period (its ``net_balance``), with that day's aging.

Movements and their signs (debits raise what the customer owes, credits lower it):

* an invoice: a debit of its amount, on its date;
* a credit note: a credit of its amount, on its date (applied to an invoice or not);
* a payment: a credit of its amount, on its date (applied or not);
* a write-off: a credit of the part of a written-off invoice the engine does not count as open
  (what was unpaid of it at the end of the period). The book records that an invoice is written
  off, not when, so the write-off is shown on the invoice's own date, right after the day's
  invoices, credit notes and payments; for an invoice dated before the period it is inside the
  balance brought forward.

Example: invoice 1,000.00 on 3 March, paid 400.00 on 10 March, statement for March::

    opening 0; INV-1 debit 1,000.00 -> 1,000.00; P-1 credit 400.00 -> 600.00; closing 600.00
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from arsheet.core.book import Book
from arsheet.core.results import Results

#: The kinds of movement, in the order they are listed within a day.
KINDS = ("invoice", "credit_note", "payment", "write_off")
_ORDER = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Movement:
    """One line of a statement.

    Attributes:
        day: its date.
        kind: one of :data:`KINDS`.
        number: the document's or payment's number (for a write-off, the invoice's).
        reference: what the user typed to say what it is: an invoice's description, the
            invoice a credit note is against, a payment's reference.
        due_date: an invoice's due date, ``None`` for the other kinds.
        debit: what it adds to the balance (minor units), 0 for a credit.
        credit: what it takes off the balance (minor units), 0 for a debit.
        balance: the balance after it.
    """

    day: dt.date
    kind: str
    number: str
    reference: str
    due_date: dt.date | None
    debit: int
    credit: int
    balance: int


@dataclass(frozen=True)
class Statement:
    """One customer's statement of account for a period.

    Attributes:
        customer_id: whose statement it is.
        start: the first day of the period.
        end: the last day of the period, the day its balance and aging are taken on.
        opening: the balance brought forward: everything dated before ``start``.
        movements: everything dated in the period, by date (:data:`KINDS` order within a day,
            then by number).
        closing: the balance at the end of ``end``: ``opening`` plus the movements, the
            engine's ``net_balance`` for the customer on that day.
        aging: the open amount of its invoices per aging bucket at ``end`` (Current first).
        bucket_bounds: the aging bounds of those buckets (``Results.bucket_bounds``).
        unapplied_credit: payments and credit notes not yet applied to an invoice at ``end``;
            the buckets less this are the closing balance.
        disputed: the open amount of its disputed invoices at ``end`` (inside the buckets).
    """

    customer_id: str
    start: dt.date
    end: dt.date
    opening: int
    movements: tuple[Movement, ...]
    closing: int
    aging: tuple[int, ...]
    bucket_bounds: tuple[int, ...]
    unapplied_credit: int
    disputed: int

    @property
    def debits(self) -> int:
        """The movements' debits added up."""
        return sum(m.debit for m in self.movements)

    @property
    def credits(self) -> int:
        """The movements' credits added up."""
        return sum(m.credit for m in self.movements)

    @property
    def open_amount(self) -> int:
        """What is open on its invoices at ``end``: the aging buckets added up."""
        return sum(self.aging)


def statements(
    book: Book, results: Results, customer_ids: Sequence[str], start: dt.date
) -> tuple[Statement, ...]:
    """Return the statements of ``customer_ids`` from ``start`` to the results' as-of date.

    Args:
        book: the validated book.
        results: the book computed as of the period's last day (``results.as_of``).
        customer_ids: the customers, each one the results compute (a customer of the book).
        start: the period's first day, on or before ``results.as_of``.

    Returns:
        One statement per customer ID, in the order given.

    Raises:
        KeyError: a customer ID the results do not have; the caller checks first.
    """
    end = results.as_of
    people = results.customers.loc[list(customer_ids)]
    lines = _lines(book, results)
    lines = lines[lines["customer_id"].isin(people.index) & (lines["day"] <= pd.Timestamp(end))]
    before = lines["day"] < pd.Timestamp(start)
    opening = lines[before].groupby("customer_id")["signed"].sum()
    in_period = lines[~before].sort_values(["customer_id", "day", "rank", "number"], kind="stable")
    grouped = dict(tuple(in_period.groupby("customer_id", sort=False)))
    buckets = [f"bucket_{i}" for i in range(len(results.bucket_bounds) + 2)]
    made = []
    for customer_id, row in people.iterrows():
        brought = int(opening.get(customer_id, 0))
        moves = _movements(grouped.get(customer_id), brought)
        made.append(
            Statement(
                customer_id=str(customer_id),
                start=start,
                end=end,
                opening=brought,
                movements=moves,
                closing=moves[-1].balance if moves else brought,
                aging=tuple(int(row[b]) for b in buckets),
                bucket_bounds=results.bucket_bounds,
                unapplied_credit=int(row["unapplied_credit"]),
                disputed=int(row["disputed_amount"]),
            )
        )
    return tuple(made)


def statement(book: Book, results: Results, customer_id: str, start: dt.date) -> Statement:
    """Return one customer's statement from ``start`` to the results' as-of date.

    Example::

        results = compute(book, date(2026, 3, 31))
        march = statement(book, results, "C001", date(2026, 3, 1))
        march.closing == results.customers.loc["C001", "net_balance"]

    Args:
        book: the validated book.
        results: the book computed as of the period's last day.
        customer_id: a customer the results compute.
        start: the period's first day.

    Raises:
        KeyError: the results have no such customer.
    """
    return statements(book, results, [customer_id], start)[0]


def _lines(book: Book, results: Results) -> pd.DataFrame:
    """Return every movement of the book as rows: customer, day, kind, amounts, signed amount."""
    tx, pay = book.transactions, book.payments
    invoice = (tx["type"] == "invoice").to_numpy(dtype=bool)
    amount = tx["amount"].to_numpy(np.int64)
    off = results.transactions["written_off_amount"].fillna(0).to_numpy(np.int64)
    wrote_off = invoice & (off > 0)
    documents = pd.DataFrame(
        {
            "customer_id": tx["customer_id"],
            "day": tx["date"],
            "kind": np.where(invoice, "invoice", "credit_note"),
            "number": tx["document_no"],
            "reference": np.where(invoice, tx["description"], tx["against_document"]),
            "due_date": results.transactions["due_date"].where(invoice),
            "signed": np.where(invoice, amount, -amount),
        }
    )
    write_offs = documents[wrote_off].assign(
        kind="write_off", reference="", due_date=pd.NaT, signed=-off[wrote_off]
    )
    payments = pd.DataFrame(
        {
            "customer_id": pay["customer_id"],
            "day": pay["date"],
            "kind": "payment",
            "number": pay["payment_no"],
            "reference": pay["reference"],
            "due_date": pd.NaT,
            "signed": -pay["amount"].to_numpy(np.int64),
        }
    )
    lines = pd.concat([documents, write_offs, payments], ignore_index=True)
    return lines.assign(rank=lines["kind"].map(_ORDER))


def _movements(lines: pd.DataFrame | None, opening: int) -> tuple[Movement, ...]:
    """Return one customer's movements in order, each with the balance after it."""
    if lines is None:
        return ()
    signed = lines["signed"].to_numpy(np.int64)
    balances = opening + np.cumsum(signed)
    return tuple(
        Movement(
            day=day.date(),
            kind=kind,
            number=str(number),
            reference=str(reference),
            due_date=None if pd.isna(due) else due.date(),
            debit=int(max(amount, 0)),
            credit=int(max(-amount, 0)),
            balance=int(balance),
        )
        for day, kind, number, reference, due, amount, balance in zip(
            lines["day"],
            lines["kind"],
            lines["number"],
            lines["reference"],
            lines["due_date"],
            signed,
            balances,
            strict=True,
        )
    )
