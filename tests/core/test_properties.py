"""Invariants over random books, and a slow but obvious reference allocator to agree with."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from arsheet.core import compute
from arsheet.core.book import Book
from arsheet.core.results import Results
from arsheet.core.settings import Settings

from .ledgers import CUSTOMER_TYPES, PAYMENT_TYPES, TRANSACTION_TYPES, _frame

START = date(2024, 1, 1)
DAYS = st.integers(0, 40)


@st.composite
def books(draw: st.DrawFn) -> tuple[Book, date]:
    """A small random book (few customers, dates that often tie) and an as-of date."""
    ids = [f"C{i}" for i in range(draw(st.integers(1, 3)))]
    cust = st.sampled_from(ids)
    rows: list[dict[str, object]] = []
    for k, (c, d, due, amount, disputed, off) in enumerate(
        draw(
            st.lists(
                st.tuples(
                    cust, DAYS, st.none() | DAYS, st.integers(1, 9999), st.booleans(), st.booleans()
                ),
                max_size=8,
            )
        )
    ):
        rows.append(_tx(f"I-{k}", c, "invoice", d, due, amount, "", disputed, off))
    names = [str(r["document_no"]) for r in rows] + ["NOPE"]
    link = st.just("") | st.sampled_from(names)
    for k, (c, d, amount, against) in enumerate(
        draw(st.lists(st.tuples(cust, DAYS, st.integers(1, 5000), link), max_size=3))
    ):
        rows.append(_tx(f"N-{k}", c, "credit_note", d, None, amount, against, False, False))
    pays = [
        {
            "payment_no": f"P-{k}",
            "customer_id": c,
            "date": pd.Timestamp(START + timedelta(d)),
            "amount": amount,
            "applied_to": to,
            "method": "cash",
            "reference": "",
            "notes": "",
        }
        for k, (c, d, amount, to) in enumerate(
            draw(st.lists(st.tuples(cust, DAYS, st.integers(1, 9999), link), max_size=6))
        )
    ]
    people = [
        {
            "customer_id": c,
            "customer_name": c,
            "terms_days": t,
            "credit_limit": lim,
            "owner": "",
            "language": "en",
            "hold_dunning": False,
        }
        for c, t, lim in zip(
            ids,
            draw(st.lists(st.none() | st.integers(0, 20), min_size=3)),
            draw(st.lists(st.none() | st.integers(0, 20000), min_size=3)),
            strict=False,
        )
    ]
    b = Book(
        customers=_frame(people, CUSTOMER_TYPES),
        transactions=_frame(rows, TRANSACTION_TYPES),
        payments=_frame(pays, PAYMENT_TYPES),
        plans=pd.DataFrame(),
        collection_log=pd.DataFrame(),
        settings=Settings(grace_days=draw(st.integers(0, 5)), aging_bounds=(5, 10, 20)),
    )
    return b, START + timedelta(draw(st.integers(0, 45)))


def _tx(
    no: str,
    c: str,
    kind: str,
    d: int,
    due: int | None,
    amount: int,
    against: str,
    disputed: bool,
    off: bool,
) -> dict[str, object]:
    return {
        "document_no": no,
        "customer_id": c,
        "type": kind,
        "date": pd.Timestamp(START + timedelta(d)),
        "due_date": pd.NaT if due is None else pd.Timestamp(START + timedelta(d + due)),
        "amount": amount,
        "against_document": against,
        "disputed": disputed,
        "written_off": off,
        "description": "",
        "notes": "",
    }


def reference(b: Book, as_of: date) -> tuple[dict[str, int], dict[str, int]]:
    """Allocate one record at a time, exactly as the rules say; return paid and applied."""
    at = pd.Timestamp(as_of)
    tx = b.transactions[b.transactions["date"] <= at]
    terms = dict(zip(b.customers["customer_id"], b.customers["terms_days"], strict=True))
    invoices = {}
    for r in tx[tx["type"] == "invoice"].itertuples():
        t = terms.get(r.customer_id)
        days = b.settings.default_terms_days if pd.isna(t) else int(t)
        due = r.due_date if not pd.isna(r.due_date) else r.date + pd.Timedelta(days=days)
        invoices[r.document_no] = {
            "c": r.customer_id,
            "left": r.amount,
            "key": (due, r.date, r.document_no),
            "auto": not (r.disputed or r.written_off),
        }
    sources = [
        {
            "no": r.payment_no,
            "c": r.customer_id,
            "left": r.amount,
            "to": r.applied_to,
            "key": (r.date, r.payment_no, 0),
        }
        for r in b.payments[b.payments["date"] <= at].itertuples()
    ] + [
        {
            "no": r.document_no,
            "c": r.customer_id,
            "left": r.amount,
            "to": r.against_document,
            "key": (r.date, r.document_no, 1),
        }
        for r in tx[tx["type"] == "credit_note"].itertuples()
    ]
    sources.sort(key=lambda s: s["key"])
    for s in sources:
        inv = invoices.get(s["to"])
        if inv is not None and inv["c"] == s["c"]:
            take = min(s["left"], inv["left"])
            s["left"] -= take
            inv["left"] -= take
    targets = sorted((i for i in invoices.values() if i["auto"]), key=lambda i: i["key"])
    for s in sources:
        for inv in targets:
            if inv["c"] == s["c"]:
                take = min(s["left"], inv["left"])
                s["left"] -= take
                inv["left"] -= take
    amounts = dict(zip(tx["document_no"], tx["amount"], strict=True))
    paid = {no: amounts[no] - i["left"] for no, i in invoices.items()}
    payment_amounts = dict(zip(b.payments["payment_no"], b.payments["amount"], strict=True))
    applied = {s["no"]: payment_amounts[s["no"]] - s["left"] for s in sources if s["key"][2] == 0}
    return paid, applied


def _shuffled(b: Book, seed: int) -> Book:
    rng = np.random.default_rng(seed)
    return Book(
        customers=b.customers.iloc[rng.permutation(len(b.customers))],
        transactions=b.transactions.iloc[rng.permutation(len(b.transactions))],
        payments=b.payments.iloc[rng.permutation(len(b.payments))],
        plans=b.plans,
        collection_log=b.collection_log,
        settings=b.settings,
    )


def _assert_same(a: Results, b: Results) -> None:
    pd.testing.assert_frame_equal(a.transactions, b.transactions.loc[a.transactions.index])
    pd.testing.assert_frame_equal(a.payments, b.payments.loc[a.payments.index])
    pd.testing.assert_frame_equal(a.customers, b.customers.loc[a.customers.index])
    pd.testing.assert_frame_equal(a.allocations, b.allocations)
    pd.testing.assert_frame_equal(a.monthly, b.monthly)
    assert a.totals == b.totals


SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(books())
def test_agrees_with_the_one_record_at_a_time_reference(case: tuple[Book, date]) -> None:
    b, as_of = case
    r = compute(b, as_of)
    paid, applied = reference(b, as_of)
    by_no = r.transactions.set_axis(b.transactions["document_no"].to_numpy())
    assert {no: int(by_no.loc[no, "paid"]) for no in paid} == paid
    pays = r.payments.set_axis(b.payments["payment_no"].to_numpy())
    assert {no: int(pays.loc[no, "applied"]) for no in applied} == applied


@SETTINGS
@given(books())
def test_money_is_conserved_and_never_over_applied(case: tuple[Book, date]) -> None:
    b, as_of = case
    r = compute(b, as_of)
    live = r.transactions["status"].notna()
    amount = b.transactions["amount"][live]
    tx = r.transactions[live]
    assert ((tx["paid"] >= 0) & (tx["paid"] <= amount)).all()
    pays = r.payments.dropna()
    paid_in = b.payments["amount"][pays.index]
    assert ((pays["applied"] <= paid_in) & (pays["unapplied"] >= 0)).all()
    assert int(pays["applied"].sum() + pays["unapplied"].sum()) == int(paid_in.sum())
    into = r.allocations.groupby("target")["amount"].sum()
    assert (into <= amount[into.index]).all()
    invoices = tx[tx["status"] != "credit"]
    assert (invoices["open_amount"] >= 0).all()
    assert (tx["open_amount"] <= amount).all()


@SETTINGS
@given(books())
def test_buckets_partition_open_amounts(case: tuple[Book, date]) -> None:
    b, as_of = case
    r = compute(b, as_of)
    c = r.customers
    buckets = c[[f"bucket_{i}" for i in range(len(r.bucket_bounds) + 2)]]
    assert (buckets.sum(axis=1) == c["open_amount"]).all()
    assert (buckets.iloc[:, 1:].sum(axis=1) == c["overdue_amount"]).all()
    tx = r.transactions
    is_invoice = tx["status"].notna() & (tx["status"] != "credit")
    open_by_customer = tx["open_amount"][is_invoice].groupby(b.transactions["customer_id"]).sum()
    assert (open_by_customer.reindex(c.index, fill_value=0) == c["open_amount"]).all()
    assert sum(r.totals.buckets) == r.totals.open_amount == int(c["open_amount"].sum())
    assert r.monthly["net_balance"].iloc[-1] == r.totals.net_balance
    assert r.totals.net_balance == int(c["net_balance"].sum())


@settings(max_examples=20, deadline=None)
@given(books(), st.integers(0, 2**32 - 1))
def test_shuffling_rows_and_running_twice_change_nothing(
    case: tuple[Book, date], seed: int
) -> None:
    b, as_of = case
    first = compute(b, as_of)
    _assert_same(first, compute(b, as_of))
    _assert_same(first, compute(_shuffled(b, seed), as_of))


@SETTINGS
@given(books())
def test_the_disputed_amount_is_the_open_amount_of_disputed_invoices(
    case: tuple[Book, date],
) -> None:
    b, as_of = case
    r = compute(b, as_of)
    tx = r.transactions
    disputed = tx["status"].notna() & (tx["status"] != "credit") & b.transactions["disputed"]
    by_customer = tx["open_amount"][disputed].groupby(b.transactions["customer_id"]).sum()
    c = r.customers
    assert (by_customer.reindex(c.index, fill_value=0) == c["disputed_amount"]).all()
    assert ((c["disputed_amount"] >= 0) & (c["disputed_amount"] <= c["open_amount"])).all()
    assert r.totals.disputed_amount == int(c["disputed_amount"].sum())
