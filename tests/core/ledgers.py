"""Books written the way a bookkeeper would jot them down, one record per line.

    invoices:  "A-1 C1 2024-01-01 due 2024-01-31 100.00 disputed written_off"
               (``due DATE``, ``disputed`` and ``written_off`` are optional)
    credits:   "CN-1 C1 2024-02-01 30.00 against A-1"   (``against DOC`` optional)
    payments:  "P-1 C1 2024-02-01 50.00 to A-1"         (``to DOC`` optional)
    customers: "C1 terms 15 limit 1000.00 hold"         (all optional, ``hold``: dunning on
               hold; customers named by documents and payments are added with no terms and
               no limit)

Rows are labelled 2, 3, ... like sheet rows.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from arsheet.core import compute
from arsheet.core.book import AMOUNT, DATE, FLAG, OPTIONAL, TEXT, Book
from arsheet.core.results import Results
from arsheet.core.settings import Settings


def cents(text: str) -> int:
    """Return ``"99.99"`` as 9999."""
    return int(Decimal(text) * 100)


def _lines(text: str) -> list[list[str]]:
    return [line.split() for line in text.strip().splitlines() if line.strip()]


def _option(words: list[str], name: str) -> str:
    return words[words.index(name) + 1] if name in words else ""


def _frame(rows: list[dict[str, object]], columns: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns), index=range(2, len(rows) + 2))
    return frame.astype(columns)


TRANSACTION_TYPES = {
    "document_no": TEXT,
    "customer_id": TEXT,
    "type": TEXT,
    "date": DATE,
    "due_date": DATE,
    "amount": AMOUNT,
    "against_document": TEXT,
    "disputed": FLAG,
    "written_off": FLAG,
    "description": TEXT,
    "notes": TEXT,
}
PAYMENT_TYPES = {
    "payment_no": TEXT,
    "customer_id": TEXT,
    "date": DATE,
    "amount": AMOUNT,
    "applied_to": TEXT,
    "method": TEXT,
    "reference": TEXT,
    "notes": TEXT,
}
CUSTOMER_TYPES = {
    "customer_id": TEXT,
    "customer_name": TEXT,
    "terms_days": OPTIONAL,
    "credit_limit": OPTIONAL,
    "owner": TEXT,
    "language": TEXT,
    "hold_dunning": FLAG,
}


def transactions(invoices: str = "", credits: str = "") -> pd.DataFrame:
    """Return the transactions frame of the invoice and credit-note lines."""
    rows: list[dict[str, object]] = []
    for kind, text in (("invoice", invoices), ("credit_note", credits)):
        for words in _lines(text):
            due = _option(words, "due")
            amount = next(w for w in words[3:] if w[0].isdigit() and w != due)
            rows.append(
                {
                    "document_no": words[0],
                    "customer_id": words[1],
                    "type": kind,
                    "date": pd.Timestamp(words[2]),
                    "due_date": pd.Timestamp(due) if due else pd.NaT,
                    "amount": cents(amount),
                    "against_document": _option(words, "against"),
                    "disputed": "disputed" in words,
                    "written_off": "written_off" in words,
                    "description": "",
                    "notes": "",
                }
            )
    return _frame(rows, TRANSACTION_TYPES)


def payments(text: str = "") -> pd.DataFrame:
    """Return the payments frame of the payment lines."""
    rows: list[dict[str, object]] = [
        {
            "payment_no": w[0],
            "customer_id": w[1],
            "date": pd.Timestamp(w[2]),
            "amount": cents(w[3]),
            "applied_to": _option(w, "to"),
            "method": "bank_transfer",
            "reference": "",
            "notes": "",
        }
        for w in _lines(text)
    ]
    return _frame(rows, PAYMENT_TYPES)


def customers(text: str, named: pd.Series) -> pd.DataFrame:
    """Return the customers frame of the customer lines plus every other customer named."""
    given = {w[0]: w for w in _lines(text)}
    ids = sorted(set(given) | set(named))
    rows: list[dict[str, object]] = []
    for cid in ids:
        words = given.get(cid, [cid])
        terms, limit = _option(words, "terms"), _option(words, "limit")
        rows.append(
            {
                "customer_id": cid,
                "customer_name": f"Customer {cid}",
                "terms_days": int(terms) if terms else pd.NA,
                "credit_limit": cents(limit) if limit else pd.NA,
                "owner": "",
                "language": "en",
                "hold_dunning": "hold" in words,
            }
        )
    return _frame(rows, CUSTOMER_TYPES)


def book(
    invoices: str = "",
    credits: str = "",
    payments_: str = "",
    customers_: str = "",
    **settings: object,
) -> Book:
    """Return a book of the given lines and settings."""
    tx = transactions(invoices, credits)
    pay = payments(payments_)
    named = pd.concat([tx["customer_id"], pay["customer_id"]])
    return Book(
        customers=customers(customers_, named),
        transactions=tx,
        payments=pay,
        plans=pd.DataFrame(),
        collection_log=pd.DataFrame(),
        settings=Settings(**settings),  # type: ignore[arg-type]
    )


def run(b: Book, as_of: str) -> Results:
    """Compute the results of ``b`` as of the ISO date ``as_of``."""
    return compute(b, date.fromisoformat(as_of))


def documents(b: Book, result: Results) -> pd.DataFrame:
    """Return the per-document results indexed by document number."""
    return result.transactions.set_axis(b.transactions["document_no"].to_numpy())


def payment_results(b: Book, result: Results) -> pd.DataFrame:
    """Return the per-payment results indexed by payment number."""
    return result.payments.set_axis(b.payments["payment_no"].to_numpy())
