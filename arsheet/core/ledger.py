"""The ledger's facts before allocation: due dates, what exists on the as-of date, and order.

Ordering is data-driven so that shuffling the input rows never changes a result: records are
sorted by numeric keys (customer, dates) and only records tied on all of them are ordered by
their number (text, compared character by character), then by a last key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import numpy.typing as npt
import pandas as pd

from arsheet.core.book import DATE
from arsheet.core.money import Ints

NANOS_PER_DAY = 86_400_000_000_000
Positions = npt.NDArray[np.intp]

#: A blank date (``NaT``) in the engine's date unit, int64 nanoseconds: the smallest int64.
NOT_A_DATE = int(np.datetime64("NaT", "ns").astype(np.int64))

#: The last and first midnights a date can hold (2262-04-11, 1677-09-22); due dates beyond
#: them are clamped to them.
LAST_DATE = np.iinfo(np.int64).max // NANOS_PER_DAY * NANOS_PER_DAY
FIRST_DATE = -LAST_DATE


def nanos(value: date) -> int:
    """Return midnight of ``value`` as nanoseconds since the epoch, the engine's date unit."""
    return int(pd.Timestamp(value).normalize().value)


def date_nanos(dates: pd.Series) -> Ints:
    """Return a datetime column as int64 nanoseconds (``NaT`` becomes :data:`NOT_A_DATE`)."""
    return dates.to_numpy(dtype=DATE).view(np.int64)


def customer_codes(*ids: pd.Series) -> tuple[pd.Index, list[npt.NDArray[np.intp]]]:
    """Number the customer IDs found in several columns, in sorted ID order.

    Args:
        *ids: customer-ID columns (customers, transactions, payments).

    Returns:
        The sorted distinct IDs, and for each column the code (position in them) of each row.
    """
    lengths = np.cumsum([len(s) for s in ids])[:-1]
    codes, uniques = pd.factorize(pd.concat(ids, ignore_index=True), sort=True)
    return pd.Index(uniques, name="customer_id"), np.split(codes.astype(np.intp), lengths)


def days_between(later: Ints | int, earlier: Ints | int) -> Ints:
    """Return ``later − earlier`` in whole days, for midnights in nanoseconds.

    Each side is turned into days before subtracting, so dates centuries apart never wrap
    around int64.
    """
    return np.asarray(later // NANOS_PER_DAY - earlier // NANOS_PER_DAY, dtype=np.int64)


def due_dates(dates: Ints, due: Ints, terms_days: Ints) -> Ints:
    """Return each document's due date: its own, else its date plus its terms.

    A date plus terms beyond the last date arsheet can hold (:data:`LAST_DATE`, 2262-04-11)
    is clamped to it, never wrapped around: such a document is simply not due yet (and
    likewise before :data:`FIRST_DATE`).

    Args:
        dates: document dates (nanoseconds).
        due: due dates as typed, :data:`NOT_A_DATE` where blank.
        terms_days: the terms of each document's customer (already defaulted from Settings).

    Returns:
        Due dates in nanoseconds.
    """
    blank = due == NOT_A_DATE
    # Terms reaching past either end of what a date can hold stop there, so nothing overflows.
    terms = np.clip(terms_days, days_between(FIRST_DATE, dates), days_between(LAST_DATE, dates))
    reached = dates + terms * NANOS_PER_DAY
    return np.where(blank, reached, due)


def sort_order(
    keys: Sequence[Ints | npt.NDArray[np.intp]],
    numbers: pd.Series,
    last: npt.NDArray[np.int8] | None = None,
) -> npt.NDArray[np.intp]:
    """Return the positions that sort records by ``keys``, then by number, then by ``last``.

    Only records tied on every key are compared by number, which keeps text sorting off the
    fast path.

    Args:
        keys: integer sort keys, most significant first.
        numbers: each record's number (document or payment number), compared as text; a
            series read by position.
        last: an optional integer key after the number.

    Returns:
        Positions into the records, in sorted order.
    """
    n = len(numbers)
    order = np.lexsort(tuple(reversed(keys))) if keys else np.arange(n)
    if n < 2:
        return order.astype(np.intp)
    same = np.ones(n - 1, dtype=bool)
    for key in keys:
        ranked = key[order]
        same &= ranked[1:] == ranked[:-1]
    tied = np.zeros(n, dtype=bool)
    tied[1:] |= same
    tied[:-1] |= same
    if not tied.any():
        return order.astype(np.intp)
    group = np.concatenate(([0], np.cumsum(~same)))
    where = np.flatnonzero(tied)
    members = order[where]
    text = numbers.iloc[members].to_numpy(dtype=str)
    _, text_rank = np.unique(text, return_inverse=True)
    tail = () if last is None else (last[members],)
    order[where] = members[np.lexsort((*tail, text_rank, group[where]))]
    return order.astype(np.intp)


def find(numbers: pd.Series, wanted: pd.Series) -> Positions:
    """Return the position in ``numbers`` (unique) of each wanted number, -1 where absent.

    Args:
        numbers: distinct document numbers.
        wanted: the numbers looked for; ``""`` finds nothing.

    Returns:
        One position per wanted number.
    """
    codes, _ = pd.factorize(pd.concat([numbers, wanted], ignore_index=True))
    position = np.full(codes.max(initial=-1) + 2, -1, dtype=np.intp)
    position[codes[: len(numbers)]] = np.arange(len(numbers))
    found = position[codes[len(numbers) :]]
    found[(wanted == "").to_numpy(dtype=bool)] = -1
    return found
