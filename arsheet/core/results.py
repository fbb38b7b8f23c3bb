"""What the computation finds for one book on one as-of date: frames per record, totals, problems.

Each step of :mod:`arsheet.core.steps` takes the results so far and returns them with its part
added. They start as :meth:`Results.start`: the book's records with nothing computed yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from arsheet.core.aging import bucket_bounds
from arsheet.core.book import Book
from arsheet.core.forecast import Forecast
from arsheet.core.problems import Problem
from arsheet.core.totals import Totals, no_totals


@dataclass(frozen=True)
class MonthEnd:
    """The book's totals at the end of a calendar month, measured as on that day.

    Attributes:
        day: the month end.
        totals: the totals then (today's disputed flags and credit limits: the book keeps no
            history of them), None when no document or payment is dated on or before ``day``.
    """

    day: date
    totals: Totals | None


@dataclass(frozen=True)
class Results:
    """Everything computed for one book on one as-of date.

    Records dated after the as-of date do not exist yet: their columns are NA. Amounts are int
    minor units (nullable ``Int64`` in the per-record frames), dates ``datetime64[ns]``.

    Attributes:
        as_of: the reporting date.
        transactions: per document, same index as the book's. The ledger adds ``due_date``,
            ``paid``, ``open_amount``, ``written_off_amount``, ``status`` (a code of
            :data:`arsheet.core.status.STATUSES`), ``days_overdue``, ``aging_bucket`` (0 =
            Current .. ``len(bucket_bounds) + 1``), ``paid_date``, ``days_late``,
            ``days_to_pay``; the plans step ``on_plan`` (True for a document whose payment
            plans are all on track); the promises step ``promised_date`` (the date of the open
            promise that pauses its dunning, ``NaT`` when none); the dunning step
            ``dunning_level`` (the level number reached, NA
            when none) and ``next_action`` (that level's name); the dunning policy
            ``interest`` (on a dunnable document, NA otherwise); the forecast step
            ``expected_date`` (the last date its open amount is expected on, the day after the
            as-of date at the earliest; ``NaT`` for a document with nothing expected: paid, a
            credit note, disputed).
        payments: per payment, same index as the book's: ``applied``, ``unapplied``.
        allocations: one row per amount applied: ``source_kind`` (``payment`` or
            ``credit_note``), ``source`` (the payment's or credit note's index label),
            ``target`` (the invoice's), ``customer_id``, ``amount``, ``date``.
        customers: per customer ID, every customer of the book. The ledger adds
            ``open_amount``, ``overdue_amount``, ``overdue_pct``, ``bucket_0`` ..
            ``bucket_k``, ``disputed_amount``, ``unapplied_credit``, ``net_balance``,
            ``invoiced``, ``credited``, ``collected``, ``written_off``, ``bad_debt_ratio``,
            ``paid_documents``, ``avg_days_late``, ``weighted_days_late``, ``avg_days_to_pay``,
            ``last_payment_date``, ``dso``, ``best_possible_dso``, ``add``, ``cei``
            (:func:`arsheet.core.metrics.describe`), ``credit_limit``, ``utilisation``,
            ``available_credit``, ``over_limit`` (:func:`arsheet.core.metrics.credit_use`);
            the plans step ``missed_installments_12m`` and the promises step
            ``broken_promises_12m`` (int counts of instalments missed and promises broken, due
            in the 12 months up to the as-of date) and ``open_promise_date`` (the earliest
            open promise's date, ``NaT`` when none); the dunning step ``dunning_level`` (the
            highest of its documents),
            ``next_action`` and ``oldest_days_overdue``; the dunning policy
            (:mod:`arsheet.core.dunning_policy`) ``notice_level`` and ``notice_name`` (the
            customer's next notice, one level at a time; NA when nothing is dunnable),
            ``notice_due``, ``notice_on``, ``last_notice``, ``last_notice_level``,
            ``dunned_amount``, ``interest``, ``fee``, ``notice_total`` and ``not_dunned``
            (why a customer with overdue money has no notice), and it sets ``next_action`` to
            the next notice's name; the contacts step
            ``last_contact`` and ``next_follow_up`` (:mod:`arsheet.core.contacts`); the credit
            step (:mod:`arsheet.core.credit_policy`) ``credit_score`` (NA for a new customer),
            ``grade``, ``days_beyond_terms``, ``history_days``, ``suggested_limit``,
            ``suggested_terms`` (NA: keep the customer's own), ``credit_hold``,
            ``hold_over_limit``, ``hold_overdue``, ``long_overdue_amount`` and the reasons
            ``reason_1`` .. ``reason_3`` (codes) with ``value_1`` .. ``value_3``.
        totals: the whole book's figures.
        monthly: ``month_end``, ``invoiced``, ``credited``, ``collected``, ``written_off``,
            ``net_balance`` for the last twelve month ends.
        bucket_bounds: the aging bounds used, giving ``len + 2`` buckets (Current .. last+).
        plans: per row of the book's payment plans, same index: the plans step
            (:mod:`arsheet.core.plans`) adds ``paid`` (what the money toward the plan covers of
            this instalment), ``status`` (a code of
            :data:`arsheet.core.status.PLAN_STATUSES`) and ``was_missed`` (not covered at the
            end of its grace, even if caught up later).
        collection_log: per log entry, same index: the promises step
            (:mod:`arsheet.core.promises`) adds ``promise_status`` (``kept``, ``broken``,
            ``open``; NA for an entry without a promise or dated after the as-of date).
        problems: what the steps found, e.g. a payment or credit note that names a document
            dated after the as-of date (``future_document``, a warning: it is treated as
            naming none).
        previous: the month-end step's totals at the end of the calendar month before the
            as-of date's (:mod:`arsheet.core.month_end`), for the change of each headline
            figure since then; None before that step runs.
        forecast: the forecast step's expected collections of the open amount not disputed,
            per document and per week (:mod:`arsheet.core.forecast_step`); None before that
            step runs.
    """

    as_of: date
    transactions: pd.DataFrame
    payments: pd.DataFrame
    allocations: pd.DataFrame
    customers: pd.DataFrame
    totals: Totals
    monthly: pd.DataFrame
    bucket_bounds: tuple[int, ...]
    plans: pd.DataFrame
    collection_log: pd.DataFrame
    problems: tuple[Problem, ...] = ()
    previous: MonthEnd | None = None
    forecast: Forecast | None = None

    @classmethod
    def start(cls, book: Book, as_of: date) -> Results:
        """Return the results before any step: the book's records, nothing computed.

        The per-record frames carry the book's index (customers: their IDs) and no columns;
        there are no allocations and no months; the totals are those of no records.
        """
        bounds = bucket_bounds(book.settings.aging_bounds)
        ids = pd.Index(book.customers["customer_id"].to_numpy(dtype=object), name="customer_id")
        return cls(
            as_of=as_of,
            transactions=pd.DataFrame(index=book.transactions.index),
            payments=pd.DataFrame(index=book.payments.index),
            allocations=pd.DataFrame(),
            customers=pd.DataFrame(index=ids),
            totals=no_totals(len(bounds) + 2),
            monthly=pd.DataFrame(),
            bucket_bounds=bounds,
            plans=pd.DataFrame(index=book.plans.index),
            collection_log=pd.DataFrame(index=book.collection_log.index),
        )
