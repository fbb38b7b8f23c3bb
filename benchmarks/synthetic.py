"""Seeded synthetic receivables books of any size, for benchmarks.

``make_book(n)`` builds ``n`` transactions (about 8 % credit notes, the rest invoices) over the
two years before the as-of date (a few dated just after it), about ``n / 2`` payments, and
about 10,000 customers (``n / 100`` for small books), with skewed customer sizes, customer
terms or explicit due dates, credit notes linked to an invoice of their customer or
stand-alone, payments that mostly settle one invoice (in full, in part, or a little over)
after its due date and naming it (half of them), or a lump sum of about two and a half
invoices left to the customer's pool (the other half); a few disputed and written-off
invoices.
Vectorised pandas/numpy throughout: a million transactions take a few seconds.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from arsheet.core.book import Book
from arsheet.core.settings import Settings

DAY = np.timedelta64(1, "D")


def make_book(n_transactions: int, seed: int = 0, as_of: date = date(2024, 12, 31)) -> Book:
    """Return a realistic book of ``n_transactions`` transactions, the same for the same seed.

    Args:
        n_transactions: how many transactions (invoices and credit notes).
        seed: the random seed.
        as_of: the book's as-of date; about 1 % of the records are dated after it.

    Returns:
        The book, its frames indexed by sheet row numbers from 2.
    """
    rng = np.random.default_rng(seed)
    customers = _customers(rng, min(10_000, max(10, n_transactions // 100)))
    transactions = _transactions(rng, n_transactions, customers, np.datetime64(as_of, "D"))
    return Book(
        customers=customers,
        transactions=transactions,
        payments=_payments(rng, transactions, np.datetime64(as_of, "D")),
        plans=pd.DataFrame(),
        collection_log=pd.DataFrame(),
        settings=Settings(as_of=as_of, company_name="Synthetic Trading Co."),
    )


def _numbers(prefix: str, count: int) -> pd.Series:
    """Return ``prefix0000001`` .. for ``count`` records."""
    return prefix + pd.Series(np.arange(1, count + 1)).astype(str).str.zfill(7)


def _rows(count: int) -> pd.RangeIndex:
    return pd.RangeIndex(2, count + 2)


def _customers(rng: np.random.Generator, count: int) -> pd.DataFrame:
    ids = _numbers("C", count)
    terms = pd.array(rng.choice([0, 15, 30, 45, 60], size=count), dtype="Int64")
    terms[rng.random(count) < 0.4] = pd.NA
    limits = pd.array(rng.choice([5, 10, 20, 50, 100], size=count) * 1_000_00, dtype="Int64")
    limits[rng.random(count) < 0.3] = pd.NA
    return pd.DataFrame(
        {
            "customer_id": ids.to_numpy(),
            "customer_name": ("Customer " + ids).to_numpy(),
            "terms_days": terms,
            "credit_limit": limits,
            "owner": rng.choice(["Li", "Wang", "Smith", "Garcia"], size=count),
            "language": rng.choice(["en", "zh"], size=count),
            "hold_dunning": rng.random(count) < 0.02,
        },
        index=_rows(count),
    ).astype({"customer_id": "str", "customer_name": "str", "owner": "str", "language": "str"})


def _transactions(
    rng: np.random.Generator, n: int, customers: pd.DataFrame, as_of: np.datetime64
) -> pd.DataFrame:
    weights = rng.gamma(0.7, size=len(customers))
    who = rng.choice(len(customers), size=n, p=weights / weights.sum())
    dates = np.sort(as_of - rng.integers(-5, 730, size=n) * DAY)
    credit = rng.random(n) < 0.08
    numbers = np.where(credit, _numbers("CN", n), _numbers("INV", n))
    due = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    own_due = ~credit & (rng.random(n) < 0.3)
    due[own_due] = dates[own_due] + rng.choice([0, 30, 60], size=own_due.sum()) * DAY
    amounts = np.round(rng.lognormal(11, 1.1, size=n)).astype(np.int64) + 100
    amounts[credit] //= 5
    against = _same_customer_invoice(rng, who, np.flatnonzero(~credit), credit, numbers)
    old = dates < as_of - 180 * DAY
    return pd.DataFrame(
        {
            "document_no": numbers,
            "customer_id": customers["customer_id"].to_numpy()[who],
            "type": np.where(credit, "credit_note", "invoice"),
            "date": dates.astype("datetime64[ns]"),
            "due_date": due.astype("datetime64[ns]"),
            "amount": amounts,
            "against_document": against,
            "disputed": ~credit & (rng.random(n) < 0.02),
            "written_off": ~credit & old & (rng.random(n) < 0.02),
            "description": "Goods",
            "notes": "",
        },
        index=_rows(n),
    ).astype(
        {c: "str" for c in ("document_no", "customer_id", "type", "against_document", "notes")}
        | {"description": "str"}
    )


def _same_customer_invoice(
    rng: np.random.Generator,
    who: np.ndarray,
    invoices: np.ndarray,
    credit: np.ndarray,
    numbers: np.ndarray,
) -> np.ndarray:
    """Return, for 60 % of the credit notes, a random invoice number of the same customer."""
    by_customer = invoices[np.argsort(who[invoices], kind="stable")]
    counts = np.bincount(who[invoices], minlength=who.max() + 1)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    linked = credit & (rng.random(len(who)) < 0.6) & (counts[who] > 0)
    rows = np.flatnonzero(linked)
    pick = starts[who[rows]] + (rng.random(len(rows)) * counts[who[rows]]).astype(np.int64)
    against = np.full(len(who), "", dtype=object)
    against[rows] = numbers[by_customer[pick]]
    return against


def _payments(rng: np.random.Generator, tx: pd.DataFrame, as_of: np.datetime64) -> pd.DataFrame:
    old = tx["date"].to_numpy() <= as_of - 20 * DAY
    invoices = np.flatnonzero((tx["type"] == "invoice").to_numpy(dtype=bool) & old)
    n = len(tx) // 2
    paid = rng.choice(invoices, size=min(n, len(invoices)), replace=False)
    due = tx["due_date"].to_numpy()[paid]
    due = np.where(np.isnat(due), tx["date"].to_numpy()[paid] + np.timedelta64(30, "D"), due)
    dates = due.astype("datetime64[D]") + np.round(rng.normal(8, 20, size=len(paid))) * DAY
    dates = np.minimum(dates, as_of + 5 * DAY)
    order = np.argsort(dates, kind="stable")
    paid, dates = paid[order], dates[order]
    named = rng.random(len(paid)) < 0.5
    share = rng.choice([1.0, 0.5, 1.02], size=len(paid), p=[0.8, 0.15, 0.05])
    share[~named] = 2.5
    amounts = np.maximum(np.round(tx["amount"].to_numpy()[paid] * share), 1).astype(np.int64)
    return pd.DataFrame(
        {
            "payment_no": _numbers("PAY", len(paid)).to_numpy(),
            "customer_id": tx["customer_id"].to_numpy()[paid],
            "date": dates.astype("datetime64[ns]"),
            "amount": amounts,
            "applied_to": np.where(named, tx["document_no"].to_numpy()[paid], ""),
            "method": rng.choice(["bank_transfer", "alipay", "wechat_pay", "cash"], size=len(paid)),
            "reference": "",
            "notes": "",
        },
        index=_rows(len(paid)),
    ).astype(
        {
            c: "str"
            for c in ("payment_no", "customer_id", "applied_to", "method", "reference", "notes")
        }
    )
