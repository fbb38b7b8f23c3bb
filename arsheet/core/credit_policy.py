"""The credit step: each customer's score, grade, suggested limit and terms, and credit hold.

* **Grade**: the Settings' grade whose *score from* the score reaches (the lowest grade below
  them all). A customer with fewer than :data:`MIN_PAID_INVOICES` paid invoices, or whose first
  invoice is less than :data:`MIN_HISTORY_DAYS` days old, is graded :data:`NEW_GRADE` and gets
  no score: too little history to judge, and no number is made up.
* **Suggested limit**: the grade's months of sales × the customer's invoiced amount of the last
  365 days / 12, rounded down to a whole unit of money (none for a new customer); **suggested
  terms**: the grade's terms days (blank keeps the customer's own, 0 is prepayment).
* **Credit hold**: over the credit limit, or owing more than the Settings' hold amount on
  undisputed invoices overdue more than the hold days. Both hold new customers too. Days alone
  never hold a customer: a small old invoice does not stop the orders of a good one.

Example with the defaults (60 days, 1,000.00): 800.00 overdue 90 days is no hold, 1,200.00 is.

An order ships on credit (:func:`order_blocks`) when the customer is not held, its net balance
plus the order stays within its credit limit (if it has one), and its grade does not ask for
prepayment.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from arsheet.core.book import Book
from arsheet.core.credit_score import REASONS, scorecard, top_reasons
from arsheet.core.ledger import NANOS_PER_DAY, date_nanos, nanos
from arsheet.core.money import Ints, sum_by
from arsheet.core.problems import Problem
from arsheet.core.results import Results
from arsheet.core.settings import CreditGrade

MIN_PAID_INVOICES = 3
MIN_HISTORY_DAYS = 90
#: The grade of a customer with too little history for a score.
NEW_GRADE = "New"
#: The counts of the last 12 months the plans step adds to the customers, read as events.
EVENT_COUNTS = ("broken_promises_12m", "missed_installments_12m")
#: The sales a suggested limit is measured in: a month of the last year's.
SALES_DAYS = 365


def credit(book: Book, results: Results) -> tuple[Results, tuple[Problem, ...]]:
    """Add the credit columns to ``customers``; finds no problems.

    Adds ``credit_score`` (0–100, NA for a new customer), ``grade``, ``days_beyond_terms``,
    ``history_days``, ``suggested_limit`` and ``suggested_terms`` (NA: keep the customer's
    own), ``credit_hold`` with why (``hold_over_limit``, ``hold_overdue`` and the
    ``long_overdue_amount`` it measures), and the reasons ``reason_1`` .. with their numbers
    ``value_1`` .. (:func:`arsheet.core.credit_score.top_reasons`).
    """
    settings = book.settings
    customers = results.customers
    code = customers.index.get_indexer(book.transactions["customer_id"])
    card = scorecard(book, results, _event_counts(customers), settings.credit_factors, code)
    new = (customers["paid_documents"].to_numpy() < MIN_PAID_INVOICES) | (
        card.history_days < MIN_HISTORY_DAYS
    )
    grades = sorted(settings.credit_grades, key=lambda g: g.score_from)
    rank = np.maximum(
        np.searchsorted([g.score_from for g in grades], np.nan_to_num(card.score), "right") - 1, 0
    )
    sales = _sales(book, results, code)
    long_overdue = _long_overdue(book, results, code, settings.hold_days_overdue)
    over_limit = customers["over_limit"].to_numpy(dtype=bool)
    overdue_hold = long_overdue > settings.hold_overdue_amount
    reasons = top_reasons(card)
    added = pd.DataFrame(
        {
            "credit_score": _unless(new | np.isnan(card.score), np.nan_to_num(card.score)),
            "grade": np.where(new, NEW_GRADE, np.array([g.grade for g in grades], object)[rank]),
            "days_beyond_terms": card.days_beyond_terms,
            "history_days": card.history_days,
            "suggested_limit": _unless(new, _limits(grades, rank, sales)),
            "suggested_terms": _unless(
                new | np.array([g.terms_days is None for g in grades])[rank],
                np.array([g.terms_days or 0 for g in grades], dtype=np.int64)[rank],
            ),
            "credit_hold": over_limit | overdue_hold,
            "hold_over_limit": over_limit,
            "hold_overdue": overdue_hold,
            "long_overdue_amount": long_overdue,
        },
        index=customers.index,
    )
    newcomers = _new_reasons(customers, card.history_days)
    reasons = reasons.mask(pd.Series(new, index=customers.index), newcomers, axis=0)
    added = added.join(reasons)
    return replace(results, customers=customers.join(added)), ()


def _event_counts(customers: pd.DataFrame) -> pd.DataFrame:
    """Return the broken promises and missed instalments of the last 12 months per customer.

    The plans and promises steps, which run before this one, count them.
    """
    return customers[list(EVENT_COUNTS)].astype(np.int64)


def _sales(book: Book, results: Results, code: np.ndarray) -> Ints:
    """Return what each customer invoiced in the :data:`SALES_DAYS` days up to the as-of date."""
    at = nanos(results.as_of)
    dates = date_nanos(book.transactions["date"])
    counted = (
        (book.transactions["type"] == "invoice").to_numpy()
        & (dates <= at)
        & (dates > at - SALES_DAYS * NANOS_PER_DAY)
        & (code >= 0)
    )
    amounts = book.transactions["amount"].to_numpy(np.int64)
    return sum_by(code[counted], amounts[counted], len(results.customers))


def _long_overdue(book: Book, results: Results, code: np.ndarray, days: int) -> Ints:
    """Return each customer's open amount on undisputed invoices overdue more than ``days``."""
    overdue = results.transactions["days_overdue"].fillna(0).to_numpy(np.int64) > days
    counted = overdue & ~book.transactions["disputed"].to_numpy(bool) & (code >= 0)
    amounts = results.transactions["open_amount"].fillna(0).to_numpy(np.int64)
    return sum_by(code[counted], amounts[counted], len(results.customers))


def _limits(grades: list[CreditGrade], rank: np.ndarray, sales: Ints) -> Ints:
    """Return the grade's months of average monthly sales, rounded down to whole units."""
    months = np.array([g.limit_months for g in grades], dtype=np.int64)[rank]
    return months * sales // 12 // 100 * 100


def _new_reasons(customers: pd.DataFrame, history: Ints) -> pd.DataFrame:
    """Return why a customer is new: too few paid invoices, too short a history, or both."""
    paid = customers["paid_documents"].to_numpy(np.int64)
    few, short = paid < MIN_PAID_INVOICES, history < MIN_HISTORY_DAYS
    blank = np.full(len(customers), "", dtype=object)
    return pd.DataFrame(
        {
            "reason_1": np.where(few, "few_paid_invoices", "short_history"),
            "reason_2": np.where(few & short, "short_history", ""),
            **{f"reason_{k}": blank for k in range(3, REASONS + 1)},
            "value_1": np.where(few, paid, history).astype(np.float64),
            "value_2": np.where(few & short, history, np.nan),
            **{f"value_{k}": np.full(len(customers), np.nan) for k in range(3, REASONS + 1)},
        },
        index=customers.index,
    )


def _unless(blank: np.ndarray, values: np.ndarray) -> pd.arrays.IntegerArray:
    """Return ``values`` as nullable integers, NA where ``blank``."""
    return pd.arrays.IntegerArray(values.astype(np.int64), blank.astype(bool))


def order_blocks(customer: pd.Series, amount: int) -> tuple[str, ...]:
    """Return why an order may not ship on credit, as codes; none when it fits.

    Codes: ``hold_over_limit`` and ``hold_overdue`` (the customer is held), ``order_over_limit``
    (net balance + the order exceeds the credit limit), ``prepayment`` (the grade's suggested
    terms are 0 days).

    Args:
        customer: one customer's row of the results, after the credit step.
        amount: the order, in minor units.
    """
    limit, terms = customer["credit_limit"], customer["suggested_terms"]
    return tuple(
        code
        for code, applies in (
            ("hold_over_limit", bool(customer["hold_over_limit"])),
            ("hold_overdue", bool(customer["hold_overdue"])),
            (
                "order_over_limit",
                not pd.isna(limit) and int(customer["net_balance"]) + amount > int(limit),
            ),
            ("prepayment", not pd.isna(terms) and int(terms) == 0),
        )
        if applies
    )
