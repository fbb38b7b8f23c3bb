"""The credit scorecard: a payment-timing score in the spirit of D&B PAYDEX, less the factors.

**Timing.** Each customer's paid invoices give the amount-weighted average of their days
beyond terms (paid date − due date, negative when paid early), read off :data:`PAYDEX_CURVE`
by straight lines between its points and flat beyond its ends:

=====================  ===  ===  ===  ===  ===  ===  ===  ===  ===  ===
days beyond terms      -30  -10    0   15   22   30   60   90  120  180
timing points          100   90   80   70   60   50   40   30   20    0
=====================  ===  ===  ===  ===  ===  ===  ===  ===  ===  ===

so paying on terms gives 80, 10 days late 73.3, 30 days late 50, and early payers more than 80.

**Factors.** Each factor of the Settings' Credit score table takes
``weight × min(value / full_at, 1)`` points off (:data:`FACTORS` says what each value is);
the score is what is left, between 0 and 100, rounded to a whole number.

Worked example with the default table: a customer paying 15 days late on average (70 points)
with half of its balance overdue (20 × 50/100 = 10), one broken promise (10 × 1/2 = 5) and 40 %
of its limit used (10 × 40/100 = 4), a customer for two years without write-offs, scores
70 − 10 − 5 − 4 = **51**.

**Reasons.** What cost the most points explains the score: the timing (its points below the
80 of paying on terms) and each factor, largest first; :func:`top_reasons` returns their codes
with the numbers behind them, the words are the reports' (:mod:`arsheet.reports.reasons`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from arsheet.core.book import Book
from arsheet.core.dso import Floats
from arsheet.core.ledger import NANOS_PER_DAY, date_nanos, days_between, nanos
from arsheet.core.metrics import exact_ratio
from arsheet.core.money import Ints, slices_value, sum_by, weighted_sum_by
from arsheet.core.results import Results
from arsheet.core.settings import CreditFactor

#: Days beyond terms -> timing points, after D&B's PAYDEX (80 = prompt, 50 = 30 days slow).
PAYDEX_CURVE: tuple[tuple[int, int], ...] = (
    (-30, 100),
    (-10, 90),
    (0, 80),
    (15, 70),
    (22, 60),
    (30, 50),
    (60, 40),
    (90, 30),
    (120, 20),
    (180, 0),
)
_CURVE_DAYS = np.array([days for days, _ in PAYDEX_CURVE], dtype=np.float64)
_CURVE_POINTS = np.array([points for _, points in PAYDEX_CURVE], dtype=np.float64)
#: The timing points of paying on terms: what the timing reason is measured from.
ON_TERMS = 80

#: The scorecard's factors and the value each is measured by.
FACTORS: dict[str, str] = {
    "overdue_share": "percent of the open amount overdue",
    "broken_promises": "promises to pay broken in the last 12 months",
    "missed_installments": "payment-plan instalments missed in the last 12 months",
    "utilisation": "percent of the credit limit used",
    "short_history": "days since the first invoice (points for a history shorter than full_at)",
    "written_off": "percent of the amount invoiced written off",
}
#: The reason code of the timing, as late or early payer.
PAYS_LATE, PAYS_EARLY, PAYS_ON_TIME = "pays_late", "pays_early", "pays_on_time"
#: How many reasons each customer gets.
REASONS = 3
#: A factor explains a score when it takes at least this many points off.
MIN_REASON_POINTS = 1


@dataclass(frozen=True)
class Scorecard:
    """Each customer's score and what made it, in the order of ``results.customers``.

    Attributes:
        days_beyond_terms: amount-weighted days beyond terms of the paid invoices (NaN: none).
        history_days: days from the first invoice to the as-of date (0: none yet).
        values: one column per factor of :data:`FACTORS`: its value.
        points: the points each factor takes off; column ``timing`` the points the timing
            falls short of paying on terms (negative for early payers).
        score: 0–100, NaN without paid invoices.
    """

    days_beyond_terms: Floats
    history_days: Ints
    values: pd.DataFrame
    points: pd.DataFrame
    score: Floats


def scorecard(
    book: Book,
    results: Results,
    counts: pd.DataFrame,
    factors: tuple[CreditFactor, ...],
    code: npt.NDArray[np.intp],
) -> Scorecard:
    """Return the score of every customer of ``results``.

    Args:
        book: the validated book (the documents' customers, types and amounts).
        results: the ledger's results (per document ``due_date``, ``paid_date``,
            ``open_amount``; per customer ``overdue_pct``, ``utilisation``,
            ``bad_debt_ratio``).
        counts: per customer ``broken_promises_12m`` and ``missed_installments_12m``.
        factors: the Settings' factors.
        code: the position in ``results.customers`` of each document's customer (-1: none).

    Returns:
        The scorecard.
    """
    customers = results.customers
    days, history = _timing_facts(book, results, code)
    values = pd.DataFrame(
        {
            "overdue_share": customers["overdue_pct"].fillna(0).to_numpy() * 100,
            "broken_promises": counts["broken_promises_12m"].to_numpy(dtype=np.float64),
            "missed_installments": counts["missed_installments_12m"].to_numpy(np.float64),
            "utilisation": customers["utilisation"].fillna(0).to_numpy() * 100,
            "short_history": history.astype(np.float64),
            "written_off": customers["bad_debt_ratio"].fillna(0).to_numpy() * 100,
        },
        index=customers.index,
    )
    timing = np.interp(days, _CURVE_DAYS, _CURVE_POINTS)
    points = pd.DataFrame({"timing": ON_TERMS - timing}, index=customers.index)
    for factor in factors:
        share = np.clip(values[factor.factor].to_numpy() / factor.full_at, 0, 1)
        if factor.factor == "short_history":
            share = 1 - share
        points[factor.factor] = factor.weight * share
    taken = points.drop(columns="timing").sum(axis=1).to_numpy()
    score = np.floor(np.clip(timing - taken, 0, 100) + 0.5)
    return Scorecard(days, history, values, points, score)


def _timing_facts(book: Book, results: Results, code: npt.NDArray[np.intp]) -> tuple[Floats, Ints]:
    """Return each customer's weighted days beyond terms and days of history.

    Only invoices dated on or before the as-of date count (their results are not NA).
    """
    docs = results.transactions
    n = len(results.customers)
    invoice = (book.transactions["type"] == "invoice").to_numpy()
    live = docs["open_amount"].notna().to_numpy() & invoice & (code >= 0)
    paid = live & docs["paid_date"].notna().to_numpy()
    amount = book.transactions["amount"].to_numpy(np.int64)
    beyond = days_between(date_nanos(docs["paid_date"])[paid], date_nanos(docs["due_date"])[paid])
    slices = weighted_sum_by(code[paid], beyond, amount[paid], n)
    days = exact_ratio(slices_value(slices), sum_by(code[paid], amount[paid], n))
    at = nanos(results.as_of)
    first = np.full(n, at, dtype=np.int64)
    np.minimum.at(first, code[live], date_nanos(book.transactions["date"])[live])
    return days, (at - first) // NANOS_PER_DAY


def top_reasons(card: Scorecard) -> pd.DataFrame:
    """Return each customer's reasons: codes ``reason_1`` .. and their numbers ``value_1`` ...

    The timing and the factors that took :data:`MIN_REASON_POINTS` or more points off, most
    points first, at most :data:`REASONS`; a customer losing less on each gets its timing
    (``pays_on_time``, ``pays_early`` or a slight ``pays_late``). Codes are ``""`` and values
    NaN where there are fewer reasons.
    """
    points = card.points
    values = card.values.assign(timing=np.abs(np.round(card.days_beyond_terms)))
    names = np.array(points.columns, dtype=object)
    matrix = points.to_numpy(dtype=np.float64)
    cost = np.where(np.isnan(matrix), 0, matrix)
    order = np.argsort(-cost, axis=1, kind="stable")[:, :REASONS]
    rows = np.arange(len(points))[:, None]
    chosen = cost[rows, order] >= MIN_REASON_POINTS
    codes = np.where(chosen, names[order], "")
    timing_code = np.select(
        [card.days_beyond_terms > 0, card.days_beyond_terms < 0],
        [PAYS_LATE, PAYS_EARLY],
        PAYS_ON_TIME,
    )
    codes = np.where(codes == "timing", timing_code[:, None], codes)
    untold = ~chosen[:, 0] & ~np.isnan(card.days_beyond_terms)
    codes[untold, 0] = timing_code[untold]
    order[untold, 0] = list(points.columns).index("timing")
    numbers = values[list(points.columns)].to_numpy(dtype=np.float64)[rows, order]
    numbers = np.where(codes != "", numbers, np.nan)
    # A Settings table with fewer than two factors left (the rest left out as problems) gives
    # fewer candidates than reasons: the rest are none.
    short = ((0, 0), (0, REASONS - order.shape[1]))
    codes = np.pad(codes, short, constant_values="")
    numbers = np.pad(numbers, short, constant_values=np.nan)
    return pd.DataFrame(
        {
            **{f"reason_{k + 1}": codes[:, k] for k in range(REASONS)},
            **{f"value_{k + 1}": numbers[:, k] for k in range(REASONS)},
        },
        index=points.index,
    )
