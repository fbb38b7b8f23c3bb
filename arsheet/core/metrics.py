"""Receivables metrics per customer and overall, derived from additive facts.

Every metric is computed in two steps: first the additive facts (exact int64 sums such as the
open amount or the days-late total) per customer; then the ratios from those facts. The overall
figures are the same ratios of the facts summed over all customers, so a customer and the whole
book are measured the same way. Ratios are fractions (0.25 means 25 %), for percent cells.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from arsheet.core.aging import bucket_totals
from arsheet.core.book import DATE, OPTIONAL
from arsheet.core.dso import Floats, countback_dso, month_of
from arsheet.core.ledger import NOT_A_DATE
from arsheet.core.money import SLICES, Ints, max_by, slices_value, sum_by, weighted_sum_by


@dataclass(frozen=True)
class Facts:
    """The documents and payments that exist on the as-of date, as the metrics need them.

    Attributes:
        customers: the number of customer codes.
        invoice_customer: customer code of each invoice.
        invoice_amount: its amount.
        invoice_date: its date (nanoseconds).
        open_amount: what is still open on it.
        bucket: its aging bucket (meaningful where open).
        disputed: whether it is disputed (its open amount stays in its bucket).
        written_off: its written-off amount.
        paid: whether it is fully paid.
        days_late: max(0, paid date − due date) of a paid invoice.
        days_to_pay: paid date − document date of a paid invoice.
        credit_customer: customer code of each credit note.
        credit_amount: its amount.
        credit_left: its unused credit.
        payment_customer: customer code of each payment.
        payment_amount: its amount.
        payment_date: its date (nanoseconds).
        unapplied: its unapplied amount.
    """

    customers: int
    invoice_customer: npt.NDArray[np.intp]
    invoice_amount: Ints
    invoice_date: Ints
    open_amount: Ints
    bucket: npt.NDArray[np.intp]
    disputed: npt.NDArray[np.bool_]
    written_off: Ints
    paid: npt.NDArray[np.bool_]
    days_late: Ints
    days_to_pay: Ints
    credit_customer: npt.NDArray[np.intp]
    credit_amount: Ints
    credit_left: Ints
    payment_customer: npt.NDArray[np.intp]
    payment_amount: Ints
    payment_date: Ints
    unapplied: Ints


@dataclass(frozen=True)
class Sums:
    """Additive facts, one row per customer (or one row for the whole book).

    Attributes:
        amounts: int64 columns: ``open_amount``, ``overdue_amount``, ``bucket_0`` ..,
            ``disputed_amount`` (the open amount of disputed invoices, inside the buckets),
            ``unapplied_credit``, ``invoiced``, ``credited``, ``collected``, ``written_off``,
            ``paid_documents``, ``paid_amount``, ``days_late_total``, ``amount_days_late_0``
            .. ``amount_days_late_3`` (Σ days late × amount in slices, see
            :func:`arsheet.core.money.weighted_sum_by`), ``days_to_pay_total``,
            ``period_collected``.
        sales: credit sales (invoices) per row and countback month, newest first.
        last_payment: the latest payment date (nanoseconds), :data:`NOT_A_DATE` if none.
    """

    amounts: pd.DataFrame
    sales: Ints
    last_payment: Ints

    def total(self) -> Sums:
        """Return the sums over all rows, as one row."""
        return Sums(
            self.amounts.sum().to_frame().T.astype(np.int64),
            self.sales.sum(axis=0, keepdims=True),
            np.array([self.last_payment.max(initial=NOT_A_DATE)], dtype=np.int64),
        )


def customer_sums(facts: Facts, buckets: int, edges: Ints, period_start: int) -> Sums:
    """Return the additive facts of every customer.

    Args:
        facts: the documents and payments on the as-of date.
        buckets: the number of aging buckets.
        edges: the countback month edges (:func:`arsheet.core.dso.month_edges`).
        period_start: the CEI period is the days after this date (nanoseconds) up to as-of.

    Returns:
        The sums, one row per customer code.
    """
    n = facts.customers
    cust = facts.invoice_customer
    is_open = facts.open_amount > 0
    by_bucket = bucket_totals(
        cust[is_open], facts.bucket[is_open], facts.open_amount[is_open], n, buckets
    )
    paid = facts.paid
    zero = np.zeros(len(cust), dtype=np.int64)
    in_period = facts.payment_date > period_start
    amounts = {
        "open_amount": by_bucket.sum(axis=1),
        "overdue_amount": by_bucket[:, 1:].sum(axis=1),
        **{f"bucket_{i}": by_bucket[:, i] for i in range(buckets)},
        "disputed_amount": sum_by(
            cust, np.where(facts.disputed & is_open, facts.open_amount, zero), n
        ),
        "unapplied_credit": sum_by(facts.payment_customer, facts.unapplied, n)
        + sum_by(facts.credit_customer, facts.credit_left, n),
        "invoiced": sum_by(cust, facts.invoice_amount, n),
        "credited": sum_by(facts.credit_customer, facts.credit_amount, n),
        "collected": sum_by(facts.payment_customer, facts.payment_amount, n),
        "written_off": sum_by(cust, facts.written_off, n),
        "paid_documents": sum_by(cust, paid.astype(np.int64), n),
        "paid_amount": sum_by(cust, np.where(paid, facts.invoice_amount, zero), n),
        "days_late_total": sum_by(cust, np.where(paid, facts.days_late, zero), n),
        **{
            f"amount_days_late_{k}": column
            for k, column in enumerate(
                weighted_sum_by(
                    cust, np.where(paid, facts.days_late, zero), facts.invoice_amount, n
                ).T
            )
        },
        "days_to_pay_total": sum_by(cust, np.where(paid, facts.days_to_pay, zero), n),
        "period_collected": sum_by(
            facts.payment_customer, np.where(in_period, facts.payment_amount, 0), n
        ),
    }
    months = len(edges) - 1
    month = month_of(facts.invoice_date, edges)
    counted = month >= 0
    sales = sum_by(
        cust[counted] * months + month[counted], facts.invoice_amount[counted], n * months
    ).reshape(n, months)
    last = max_by(facts.payment_customer, facts.payment_date, n, NOT_A_DATE)
    return Sums(pd.DataFrame(amounts), sales, last)


def describe(sums: Sums, edges: Ints, buckets: int) -> pd.DataFrame:
    """Return the metrics of each row of ``sums``.

    Formulas (ratios are fractions, ``NaN`` when the denominator is 0):

    * ``overdue_pct`` = overdue amount / open amount;
    * ``disputed_amount``: the open amount of disputed invoices, a part of the open amount
      (and of its buckets) that the pool does not pay and dunning skips;
    * ``net_balance`` = open amount − unapplied credit;
    * ``avg_days_late`` = Σ days late / number of paid invoices, where days late of a paid
      invoice = max(0, paid date − due date);
    * ``weighted_days_late`` = Σ (days late × amount) / Σ amount, over paid invoices;
    * ``avg_days_to_pay`` = Σ (paid date − document date) / number of paid invoices;
    * ``dso``: countback (:func:`arsheet.core.dso.countback_dso`) of the open amount;
    * ``best_possible_dso``: the same countback of the current (not overdue) amount, i.e.
      (current AR / credit sales) × days where sales are level;
    * ``add`` (average days delinquent) = DSO − best possible DSO;
    * ``cei`` (collection effectiveness index) = (B + S − E) / (B + S − E_current) over the
      CEI period, where B + S − E is what was collected in it (C, payments) and
      E − E_current the overdue amount at its end (O): CEI = C / (C + O);
    * ``bad_debt_ratio`` = written-off amount / invoiced amount.

    Args:
        sums: additive facts per row.
        edges: the countback month edges.
        buckets: the number of aging buckets.

    Returns:
        One row per row of ``sums``: the amounts, counts and ratios named above, plus
        ``bucket_0`` .., ``disputed_amount``, ``unapplied_credit``, ``invoiced``, ``credited``,
        ``collected``, ``written_off``, ``paid_documents`` and ``last_payment_date``.
    """
    a = sums.amounts
    open_amount = a["open_amount"].to_numpy()
    overdue = a["overdue_amount"].to_numpy()
    paid = a["paid_documents"].to_numpy()
    dso = countback_dso(open_amount, sums.sales, edges)
    best = countback_dso(a["bucket_0"].to_numpy(), sums.sales, edges)
    collected = a["period_collected"].to_numpy()
    last = sums.last_payment.view(DATE)  # NOT_A_DATE is NaT
    return pd.DataFrame(
        {
            "open_amount": open_amount,
            "overdue_amount": overdue,
            "overdue_pct": ratio(overdue, open_amount),
            **{f"bucket_{i}": a[f"bucket_{i}"].to_numpy() for i in range(buckets)},
            "disputed_amount": a["disputed_amount"].to_numpy(),
            "unapplied_credit": a["unapplied_credit"].to_numpy(),
            "net_balance": open_amount - a["unapplied_credit"].to_numpy(),
            "invoiced": a["invoiced"].to_numpy(),
            "credited": a["credited"].to_numpy(),
            "collected": a["collected"].to_numpy(),
            "written_off": a["written_off"].to_numpy(),
            "bad_debt_ratio": ratio(a["written_off"].to_numpy(), a["invoiced"].to_numpy()),
            "paid_documents": paid,
            "avg_days_late": ratio(a["days_late_total"].to_numpy(), paid),
            "weighted_days_late": exact_ratio(
                slices_value(a[[f"amount_days_late_{k}" for k in range(SLICES)]].to_numpy()),
                a["paid_amount"].to_numpy(),
            ),
            "avg_days_to_pay": ratio(a["days_to_pay_total"].to_numpy(), paid),
            "last_payment_date": last,
            "dso": dso,
            "best_possible_dso": best,
            "add": dso - best,
            "cei": ratio(collected, collected + overdue),
        },
        index=a.index,
    )


def credit_use(net_balance: Ints, credit_limit: pd.Series) -> pd.DataFrame:
    """Return how much of its credit limit each customer uses.

    Exposure = max(net balance, 0); ``utilisation`` = exposure / credit limit (NaN without a
    positive limit); ``available_credit`` = max(credit limit − exposure, 0) (NA without a
    limit); ``over_limit`` = exposure > credit limit (False without a limit).

    Args:
        net_balance: each customer's net balance.
        credit_limit: each customer's credit limit (nullable Int64, NA = none), same order.

    Returns:
        Columns ``credit_limit``, ``utilisation``, ``available_credit``, ``over_limit``.
    """
    exposure = np.maximum(net_balance, 0)
    has_limit = credit_limit.notna().to_numpy()
    limit = credit_limit.fillna(0).to_numpy(dtype=np.int64)
    available = pd.array(np.maximum(limit - exposure, 0), dtype=OPTIONAL)
    available[~has_limit] = pd.NA
    return pd.DataFrame(
        {
            "credit_limit": credit_limit.astype(OPTIONAL).array,
            "utilisation": np.where(has_limit & (limit > 0), ratio(exposure, limit), np.nan),
            "available_credit": available,
            "over_limit": has_limit & (exposure > limit),
        },
        index=credit_limit.index,
    )


def ratio(numerator: Ints, denominator: Ints) -> Floats:
    """Return ``numerator / denominator`` as floats, ``NaN`` where the denominator is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator != 0, numerator / denominator, np.nan)


def exact_ratio(numerator: npt.NDArray[np.object_], denominator: Ints) -> Floats:
    """Return Python-integer numerators over int64 denominators, ``NaN`` where it is 0.

    Each quotient is Python's true division of two integers: correctly rounded, however large.
    """
    nothing = denominator == 0
    quotient = numerator / np.where(nothing, 1, denominator).astype(object)
    return np.where(nothing, np.nan, quotient.astype(np.float64))
