"""Days sales outstanding by the countback method, over months ending on the as-of date.

When the as-of date is a month end the months are calendar months: as of 2024-09-30 they are
September (30 days), August (31), July (31), ...; as of 2024-02-29, February (29), January
(31), ... Otherwise month ``k`` (1 = newest) is ``(as_of − k months, as_of − (k−1) months]``:
as of 2024-09-15, 16 August to 15 September (31 days), then 16 July to 15 August (31), ...
"""

from __future__ import annotations

from datetime import date

import numpy as np
import numpy.typing as npt
import pandas as pd

from arsheet.core.ledger import NANOS_PER_DAY, nanos
from arsheet.core.money import Ints

Floats = npt.NDArray[np.float64]


def month_edges(as_of: date, months: int) -> Ints:
    """Return the edges of the countback months, oldest first, ending with the as-of date.

    Args:
        as_of: the as-of date.
        months: how many months.

    Returns:
        ``months + 1`` dates in nanoseconds: ``as_of − months`` months, ..., ``as_of``; at a
        month end, the month ends before it.
    """
    anchor = pd.Timestamp(nanos(as_of))
    if anchor.is_month_end:
        # Same-day steps would make 30 September − 1 month = 30 August: a 31-day "September".
        ends = pd.date_range(end=anchor, periods=months + 1, freq="ME")
        return ends.as_unit("ns").asi8.astype(np.int64)
    return np.array(
        [(anchor - pd.DateOffset(months=k)).value for k in range(months, -1, -1)],
        dtype=np.int64,
    )


def month_of(dates: Ints, edges: Ints) -> npt.NDArray[np.intp]:
    """Return the countback month of each date, 0 = newest, -1 outside the months.

    Args:
        dates: dates in nanoseconds.
        edges: the month edges from :func:`month_edges`.

    Returns:
        The month index of each date, newest first.
    """
    months = len(edges) - 1
    after = np.searchsorted(edges, dates, side="left")
    inside = (after >= 1) & (after <= months)
    return np.where(inside, months - after, -1).astype(np.intp)


def countback_dso(receivable: Ints, sales: Ints, edges: Ints) -> Floats:
    """Return DSO by the countback method.

    Walk back month by month from the as-of date, taking each month's whole credit sales and
    its days while they fit into the receivable; the last month contributes the remaining
    receivable as a fraction of its sales times its days:

        DSO = Σ days(fully covered months) + (AR − Σ their sales) / sales(next month) × days(it)

    Example: AR 2000, sales 200/400/600/700/500 newest first, as of 2024-08-31:
    31 + 31 + 30 + 31 + (2000 − 1900) / 500 × 30 = 129 days. When the receivable exceeds all
    sales of the months, the DSO is capped at the months' days; no receivable gives 0.

    Args:
        receivable: open receivable per row (customer, or one row for the total).
        sales: credit sales per row and month, newest month first.
        edges: the month edges from :func:`month_edges`.

    Returns:
        DSO in days per row.
    """
    days = (edges[1:] - edges[:-1])[::-1] // NANOS_PER_DAY
    covered = np.cumsum(sales, axis=1)
    full = (covered < receivable[:, None]).sum(axis=1)
    whole_days = np.concatenate(([0], np.cumsum(days)))[full]
    rows = np.arange(len(receivable))
    within = full < sales.shape[1]
    month = np.minimum(full, sales.shape[1] - 1)
    before = np.where(full > 0, covered[rows, np.maximum(full - 1, 0)], 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        partial = (receivable - before) / sales[rows, month] * days[month]
    dso = whole_days + np.where(within, partial, 0.0)
    return np.where(receivable > 0, dso, 0.0)
