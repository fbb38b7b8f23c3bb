"""The ledger step: a book in, balances, allocations, aging and metrics on the as-of date out."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from arsheet.core.allocation import CREDIT_NOTE, PAYMENT, Sources, Targets, allocate
from arsheet.core.book import DATE, Book
from arsheet.core.documents import Settled, settle
from arsheet.core.dso import month_edges
from arsheet.core.ledger import (
    NANOS_PER_DAY,
    Positions,
    customer_codes,
    date_nanos,
    due_dates,
    find,
    nanos,
)
from arsheet.core.metrics import Facts, credit_use, customer_sums, describe
from arsheet.core.money import Ints, sum_by
from arsheet.core.monthly import monthly_balances
from arsheet.core.problems import Problem, Severity
from arsheet.core.results import Results
from arsheet.core.spread import spread_codes, spread_date, spread_int
from arsheet.core.status import CREDIT, STATUSES
from arsheet.core.totals import Totals, book_totals

#: The CEI period is the days ending at the as-of date.
CEI_DAYS = 30
#: How many calendar months the DSO countback looks back.
DSO_MONTHS = 12


def receivables(book: Book, results: Results) -> tuple[Results, tuple[Problem, ...]]:
    """The ledger, the first step: allocate, age and measure the book at the end of ``as_of``.

    It makes the frames of :class:`~arsheet.core.results.Results` (``transactions``,
    ``payments``, ``allocations``, ``customers``, ``totals``, ``monthly``) from the book alone;
    the later steps add to them. Records dated after ``results.as_of`` do not exist yet: their
    result columns are NA.

    Args:
        book: the validated book.
        results: the results so far (:meth:`Results.start`: it reads only ``as_of`` and
            ``bucket_bounds``).

    Returns:
        The results with the ledger's frames, and a warning for each payment or credit note
        that names a document dated after the as-of date (``future_document``).
    """
    as_of = results.as_of
    tx, pay = book.transactions, book.payments
    m = _measure(book, as_of, results.bucket_bounds)
    inv, cn, paid_in, state = m.inv, m.cn, m.paid_in, m.state
    ledger = replace(
        results,
        transactions=_transactions(tx, inv, cn, m.due, state, m.amount[cn], m.credit_used),
        payments=pd.DataFrame(
            {
                "applied": spread_int(len(pay), (paid_in, m.pay_used)),
                "unapplied": spread_int(len(pay), (paid_in, m.pay_amount - m.pay_used)),
            },
            index=pay.index,
        ),
        allocations=_allocations(m.allocated, m.sources, m.ids, tx, pay, inv, cn, paid_in),
        customers=m.customers,
        totals=m.totals,
        monthly=monthly_balances(
            as_of,
            (m.targets.date, m.targets.amount),
            (m.tx_date[cn], m.amount[cn]),
            (m.pay_date[paid_in], m.pay_amount),
            int(state.written_off.sum()),
        ),
    )
    labels = [*pay.index[paid_in].to_list(), *tx.index[cn].to_list()]
    return ledger, _future_links(tx, m.tx_date, m.at, m.sources, labels, m.links)


def ledger_totals(book: Book, as_of: date, bounds: tuple[int, ...]) -> Totals:
    """Return the totals :func:`receivables` finds on ``as_of``, without its per-record frames.

    Args:
        book: the validated book.
        as_of: the day measured; records dated after it do not exist yet.
        bounds: the aging bounds (:func:`arsheet.core.aging.bucket_bounds`).

    Returns:
        The book's totals on that day.
    """
    return _measure(book, as_of, bounds).totals


class _Measured(NamedTuple):
    """What the ledger measures on one day, before it is laid out as frames.

    Positions ``inv`` and ``cn`` are the invoices and credit notes dated on or before the day
    among the book's transactions, ``paid_in`` the payments; the other arrays follow them.
    """

    at: int
    tx_date: Ints
    pay_date: Ints
    amount: Ints
    due: Ints
    inv: Positions
    cn: Positions
    paid_in: Positions
    pay_amount: Ints
    pay_used: Ints
    credit_used: Ints
    targets: Targets
    sources: Sources
    links: pd.Series
    allocated: pd.DataFrame
    state: Settled
    ids: pd.Index
    customers: pd.DataFrame
    totals: Totals


def _measure(book: Book, as_of: date, bounds: tuple[int, ...]) -> _Measured:
    """Allocate, age and measure ``book`` at the end of ``as_of``: customers and totals."""
    settings = book.settings
    buckets = len(bounds) + 2
    at = nanos(as_of)
    tx, pay, people = book.transactions, book.payments, book.customers
    ids, (person, tx_customer, pay_customer) = customer_codes(
        people["customer_id"], tx["customer_id"], pay["customer_id"]
    )
    terms = np.full(len(ids), settings.default_terms_days, dtype=np.int64)
    terms[person] = people["terms_days"].fillna(settings.default_terms_days).to_numpy(np.int64)
    tx_date = date_nanos(tx["date"])
    due = due_dates(tx_date, date_nanos(tx["due_date"]), terms[tx_customer])
    live = tx_date <= at
    invoice = (tx["type"] == "invoice").to_numpy(dtype=bool)
    inv = np.flatnonzero(live & invoice)
    cn = np.flatnonzero(live & ~invoice)
    pay_date = date_nanos(pay["date"])
    paid_in = np.flatnonzero(pay_date <= at)
    pay_amount = pay["amount"].to_numpy(np.int64)[paid_in]
    amount = tx["amount"].to_numpy(np.int64)
    written_off = tx["written_off"].to_numpy(bool)[inv]
    disputed = tx["disputed"].to_numpy(bool)[inv]

    targets = Targets(
        customer=tx_customer[inv],
        amount=amount[inv],
        due=due[inv],
        date=tx_date[inv],
        number=tx["document_no"].iloc[inv],
        automatic=~(disputed | written_off),
    )
    source_customer = np.concatenate((pay_customer[paid_in], tx_customer[cn]))
    links = pd.concat(
        [pay["applied_to"].iloc[paid_in], tx["against_document"].iloc[cn]], ignore_index=True
    )
    sources = Sources(
        kind=np.repeat(np.array([PAYMENT, CREDIT_NOTE], dtype=np.int8), [len(paid_in), len(cn)]),
        customer=source_customer,
        amount=np.concatenate((pay_amount, amount[cn])),
        date=np.concatenate((pay_date[paid_in], tx_date[cn])),
        number=pd.concat(
            [pay["payment_no"].iloc[paid_in], tx["document_no"].iloc[cn]], ignore_index=True
        ),
        target=_linked(targets, links, source_customer),
    )
    allocated = allocate(targets, sources, len(ids))
    used = sum_by(allocated["source"].to_numpy(), allocated["amount"].to_numpy(), len(links))
    pay_used, credit_used = used[: len(paid_in)], used[len(paid_in) :]
    state = settle(targets, allocated, written_off, at, settings.grace_days, bounds)

    edges = month_edges(as_of, DSO_MONTHS)
    facts = Facts(
        customers=len(ids),
        invoice_customer=targets.customer,
        invoice_amount=targets.amount,
        invoice_date=targets.date,
        open_amount=state.open_amount,
        bucket=state.bucket,
        disputed=disputed,
        written_off=state.written_off,
        paid=state.fully_paid,
        days_late=state.days_late,
        days_to_pay=state.days_to_pay,
        credit_customer=tx_customer[cn],
        credit_amount=amount[cn],
        credit_left=amount[cn] - credit_used,
        payment_customer=pay_customer[paid_in],
        payment_amount=pay_amount,
        payment_date=pay_date[paid_in],
        unapplied=pay_amount - pay_used,
    )
    sums = customer_sums(facts, buckets, edges, at - CEI_DAYS * NANOS_PER_DAY)
    customers = describe(sums, edges, buckets).iloc[person]
    customers.index = pd.Index(people["customer_id"].to_numpy(dtype=object), name="customer_id")
    credit = credit_use(
        customers["net_balance"].to_numpy(), people["credit_limit"].set_axis(customers.index)
    )
    customers = pd.concat([customers, credit], axis=1)
    totals = book_totals(
        describe(sums.total(), edges, buckets).iloc[0],
        customers,
        buckets,
        documents=len(inv) + len(cn),
        payments=len(paid_in),
    )
    return _Measured(
        at=at,
        tx_date=tx_date,
        pay_date=pay_date,
        amount=amount,
        due=due,
        inv=inv,
        cn=cn,
        paid_in=paid_in,
        pay_amount=pay_amount,
        pay_used=pay_used,
        credit_used=credit_used,
        targets=targets,
        sources=sources,
        links=links,
        allocated=allocated,
        state=state,
        ids=ids,
        customers=customers,
        totals=totals,
    )


def _linked(targets: Targets, links: pd.Series, customer: Positions) -> Positions:
    """Return the invoice each source names, -1 where it names none of its customer's invoices."""
    found = find(targets.number, links)
    hit = np.flatnonzero(found >= 0)
    foreign = hit[targets.customer[found[hit]] != customer[hit]]
    found[foreign] = -1
    return found


def _future_links(
    tx: pd.DataFrame,
    tx_date: Ints,
    at: int,
    sources: Sources,
    labels: list[Hashable],
    links: pd.Series,
) -> tuple[Problem, ...]:
    """Return a warning for each source whose link names a document dated after ``at``.

    Only links that found no invoice are looked up again, among the documents dated after ``at``.
    """
    future = np.flatnonzero(tx_date > at)
    missed = np.flatnonzero((sources.target < 0) & (links != "").to_numpy(dtype=bool))
    if not len(missed) or not len(future):
        return ()
    found = find(tx["document_no"].iloc[future], links.iloc[missed])
    later = found >= 0
    found[later] = future[found[later]]
    dates = tx["date"].to_numpy()
    return tuple(
        Problem(
            "payments" if sources.kind[i] == PAYMENT else "transactions",
            labels[i],
            "applied_to" if sources.kind[i] == PAYMENT else "against_document",
            "future_document",
            Severity.WARNING,
            value=str(links.iloc[i]),
            params=(("date", str(dates[document])[:10]),),
        )
        for i, document in zip(missed[later], found[later], strict=True)
    )


def _transactions(
    tx: pd.DataFrame,
    inv: Positions,
    cn: Positions,
    due: Ints,
    state: Settled,
    credit_amount: Ints,
    credit_used: Ints,
) -> pd.DataFrame:
    """Return the per-document results, NA for documents after the as-of date."""
    size = len(tx)
    is_open = state.open_amount > 0
    open_rows, paid_rows = inv[is_open], inv[state.fully_paid]
    return pd.DataFrame(
        {
            "due_date": spread_date(size, (inv, due[inv]), (cn, due[cn])),
            "paid": spread_int(size, (inv, state.paid), (cn, credit_used)),
            "open_amount": spread_int(
                size, (inv, state.open_amount), (cn, credit_used - credit_amount)
            ),
            "written_off_amount": spread_int(
                size, (inv, state.written_off), (cn, np.zeros(len(cn), dtype=np.int64))
            ),
            "status": spread_codes(
                size, STATUSES, (inv, state.status), (cn, np.full(len(cn), CREDIT))
            ),
            "days_overdue": spread_int(size, (open_rows, state.days_overdue[is_open])),
            "aging_bucket": spread_int(size, (open_rows, state.bucket[is_open])),
            "paid_date": spread_date(size, (paid_rows, state.paid_date[state.fully_paid])),
            "days_late": spread_int(size, (paid_rows, state.days_late[state.fully_paid])),
            "days_to_pay": spread_int(size, (paid_rows, state.days_to_pay[state.fully_paid])),
        },
        index=tx.index,
    )


def _allocations(
    allocated: pd.DataFrame,
    sources: Sources,
    ids: pd.Index,
    tx: pd.DataFrame,
    pay: pd.DataFrame,
    inv: Positions,
    cn: Positions,
    paid_in: Positions,
) -> pd.DataFrame:
    """Return the allocations with index labels and customer IDs instead of positions."""
    source = allocated["source"].to_numpy()
    target = allocated["target"].to_numpy()
    labels = pay.index.take(paid_in).append(tx.index.take(cn))
    return pd.DataFrame(
        {
            "source_kind": pd.Categorical.from_codes(
                sources.kind[source], categories=["payment", "credit_note"]
            ),
            "source": labels.take(source).to_numpy(),
            "target": tx.index.take(inv).take(target).to_numpy(),
            "customer_id": pd.Categorical.from_codes(sources.customer[source], categories=ids),
            "amount": allocated["amount"].to_numpy(),
            "date": allocated["date"].to_numpy().view(DATE),
        }
    )
