"""Money received in date windows: how much a customer (or a document) got between two days.

Payment plans and promises to pay both ask it, for a handful of windows over what can be a
million payments, so it is answered with one sort and a running total instead of a filter per
window: the sum over ``[start, end]`` is the running total at ``end`` less the one before
``start``.

Example: payments of C1 of 50 on 09-01 and 30 on 09-20 -> the window 09-01 .. 09-19 of C1
received 50, the window 09-02 .. 09-30 received 30.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from arsheet.core.book import DATE
from arsheet.core.money import Ints

#: Days are shifted by this before they join a key's code, so that every day from 1677 to 2262
#: (what a ``datetime64[ns]`` holds, ±106,752 days from 1970) stays positive and below it twice.
_DAY_SHIFT = 2**18
_EPOCH = date(1970, 1, 1)


def days(dates: pd.Series) -> Ints:
    """Return a date column as whole days since 1970-01-01 (int64)."""
    return dates.to_numpy(dtype=DATE).astype("datetime64[D]").astype(np.int64)


def sums_between(
    keys: pd.Series,
    dates: pd.Series,
    amounts: pd.Series,
    wanted: pd.Series,
    starts: Ints,
    ends: Ints,
) -> Ints:
    """Return, for each window, the amounts of the events of its key dated inside it.

    Args:
        keys: each event's key (a customer ID, a document's index label).
        dates: each event's date (``datetime64[ns]``, no ``NaT``).
        amounts: each event's amount in minor units.
        wanted: each window's key.
        starts: each window's first day, in days since 1970 (:func:`days`), inclusive.
        ends: each window's last day, inclusive; a window ending before it starts is empty.

    Returns:
        The exact int64 sum of each window, aligned with ``wanted``.
    """
    if len(wanted) == 0:
        return np.zeros(0, dtype=np.int64)
    # A few windows over a million events: only the events of their keys are sorted.
    asked_for = keys.isin(wanted).to_numpy()
    keys, dates, amounts = keys[asked_for], dates[asked_for], amounts[asked_for]
    codes, _ = pd.factorize(pd.concat([wanted, keys], ignore_index=True))
    asked, held = codes[: len(wanted)].astype(np.int64), codes[len(wanted) :].astype(np.int64)
    place = held * (4 * _DAY_SHIFT) + days(dates) + _DAY_SHIFT
    order = np.argsort(place, kind="stable")
    running = np.concatenate(([0], np.cumsum(amounts.to_numpy(dtype=np.int64)[order])))
    place = place[order]

    def received_by(day: Ints) -> Ints:
        """The running total of each window's key up to and including ``day``."""
        at = asked * (4 * _DAY_SHIFT) + np.asarray(day, dtype=np.int64) + _DAY_SHIFT
        return running[np.searchsorted(place, at, side="right")]

    got = received_by(ends) - received_by(np.asarray(starts) - 1)
    return np.where(np.asarray(ends) >= np.asarray(starts), got, 0)


def day_number(day: date) -> int:
    """Return ``day`` in days since 1970-01-01, the unit of :func:`days`."""
    return (day - _EPOCH).days


def year_before(day: date) -> int:
    """Return the day a year before ``day`` (29 February gives 28 February), as a day number.

    "In the 12 months up to the as-of date" means after this day, up to the as-of date.
    """
    return day_number((pd.Timestamp(day) - pd.DateOffset(years=1)).date())
