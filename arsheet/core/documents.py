"""What the allocations mean for each invoice: paid, written off, open, status, age, lateness."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from arsheet.core.aging import aging_bucket, days_overdue
from arsheet.core.allocation import Targets
from arsheet.core.ledger import NOT_A_DATE, days_between
from arsheet.core.money import Ints, max_by, sum_by
from arsheet.core.status import PAID, PARTIALLY_PAID, UNPAID, WRITTEN_OFF


@dataclass(frozen=True)
class Settled:
    """The state of each invoice on the as-of date, parallel to :class:`Targets`.

    Attributes:
        paid: the money applied to it.
        written_off: amount − paid for an invoice marked written off and not fully paid.
        open_amount: amount − paid − written off.
        status: position in :data:`arsheet.core.status.STATUSES`: paid, written off,
            partially paid or unpaid.
        days_overdue: see :func:`arsheet.core.aging.days_overdue`.
        bucket: see :func:`arsheet.core.aging.aging_bucket`.
        fully_paid: paid equals amount.
        paid_date: the date of the allocation that completed it (:data:`NOT_A_DATE` if none).
        days_late: max(0, paid date − due date), 0 unless fully paid.
        days_to_pay: paid date − document date, 0 unless fully paid.
    """

    paid: Ints
    written_off: Ints
    open_amount: Ints
    status: npt.NDArray[np.int8]
    days_overdue: Ints
    bucket: npt.NDArray[np.intp]
    fully_paid: npt.NDArray[np.bool_]
    paid_date: Ints
    days_late: Ints
    days_to_pay: Ints


def settle(
    targets: Targets,
    allocations: pd.DataFrame,
    written_off: npt.NDArray[np.bool_],
    as_of: int,
    grace_days: int,
    bounds: tuple[int, ...],
) -> Settled:
    """Return each invoice's state from its allocations.

    A written-off invoice keeps its paid part; the rest is written off, not open. A fully paid
    invoice is Paid even when marked written off (nothing was left to write off).

    Args:
        targets: the invoices.
        allocations: the allocations (:func:`arsheet.core.allocation.allocate`).
        written_off: whether each invoice is marked written off.
        as_of: the as-of date (nanoseconds).
        grace_days: days of grace after the due date.
        bounds: the aging bounds.

    Returns:
        The invoices' state.
    """
    target = allocations["target"].to_numpy()
    count = len(targets.amount)
    paid = sum_by(target, allocations["amount"].to_numpy(), count)
    fully = paid == targets.amount
    lost = np.where(written_off & ~fully, targets.amount - paid, 0)
    completed = max_by(target, allocations["date"].to_numpy(), count, NOT_A_DATE)
    paid_date = np.where(fully, completed, NOT_A_DATE)
    overdue = days_overdue(targets.due, as_of, grace_days)
    return Settled(
        paid=paid,
        written_off=lost,
        open_amount=targets.amount - paid - lost,
        status=np.select(
            [fully, written_off, paid > 0], [PAID, WRITTEN_OFF, PARTIALLY_PAID], UNPAID
        ).astype(np.int8),
        days_overdue=overdue,
        bucket=aging_bucket(overdue, bounds),
        fully_paid=fully,
        paid_date=paid_date,
        days_late=np.where(fully, np.maximum(days_between(paid_date, targets.due), 0), 0),
        days_to_pay=np.where(fully, days_between(paid_date, targets.date), 0),
    )
