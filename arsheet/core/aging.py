"""Days overdue and aging buckets of open documents.

Example with the default bounds ``(30, 60, 90, 120)`` and no grace days, as of 2024-06-30:
a document due 2024-06-30 is Current (bucket 0), due 2024-05-31 is 30 days overdue (bucket 1,
1–30), due 2023-05-30 is 397 days overdue (bucket 5, 121+).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from arsheet.core.ledger import days_between
from arsheet.core.money import Ints, sum_by


def days_overdue(due: Ints, as_of: int, grace_days: int) -> Ints:
    """Return the days overdue of open documents.

    Days overdue = as-of date − due date when that is more than the grace days, else 0: a
    document due on the as-of date, or within grace, is not overdue; past grace the count
    starts from the due date.

    Args:
        due: due dates (nanoseconds).
        as_of: the as-of date (nanoseconds).
        grace_days: days after the due date before a document counts as overdue.

    Returns:
        Days overdue, 0 when not overdue.
    """
    days = days_between(as_of, due)
    return np.where(days > max(grace_days, 0), days, 0)


def bucket_bounds(aging_bounds: tuple[int, ...]) -> tuple[int, ...]:
    """Return the Settings' aging bounds as used: the positive ones, increasing, each once.

    >>> bucket_bounds((60, 30, 0, 30))
    (30, 60)
    """
    return tuple(sorted({int(b) for b in aging_bounds if int(b) > 0}))


def aging_bucket(overdue_days: Ints, bounds: tuple[int, ...]) -> npt.NDArray[np.intp]:
    """Return the aging bucket of each document: 0 = Current, then one per bound, then the rest.

    Bounds are inclusive upper limits: ``(30, 60)`` gives Current, 1–30, 31–60 and 61+.

    Args:
        overdue_days: days overdue, 0 when not overdue.
        bounds: increasing upper limits of the overdue buckets.

    Returns:
        Bucket indexes from 0 to ``len(bounds) + 1``.
    """
    above = np.searchsorted(np.asarray(bounds, dtype=np.int64), overdue_days, side="left")
    return np.where(overdue_days > 0, above + 1, 0).astype(np.intp)


def bucket_totals(
    customer: npt.NDArray[np.intp],
    bucket: npt.NDArray[np.intp],
    amount: Ints,
    customers: int,
    buckets: int,
) -> Ints:
    """Return the open amount of each customer in each bucket.

    Args:
        customer: customer code of each open document.
        bucket: its aging bucket.
        amount: its open amount.
        customers: the number of customer codes.
        buckets: the number of buckets.

    Returns:
        A ``customers × buckets`` int64 matrix; each row adds up to the customer's open amount.
    """
    flat = sum_by(customer * buckets + bucket, amount, customers * buckets)
    return flat.reshape(customers, buckets)
