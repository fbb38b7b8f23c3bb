"""Exact money arithmetic on int64 minor units: sums by group, running totals, never floats.

Sums of amounts stay in int64: a million amounts of 10^12 cents add up to 10^18, below its
limit of 9.2 × 10^18. Products of money and days do not fit (10^12 cents × 10^5 days, a
million times), so they are summed in 16-bit slices of the amount (:func:`weighted_sum_by`),
each slice's sum an exact int64, and put together as Python integers only per group.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]

#: Bits per slice of an amount in :func:`weighted_sum_by`; four slices hold any int64 ≥ 0.
SLICE_BITS = 16
SLICES = 4


def sum_by(groups: npt.NDArray[np.intp], amounts: Ints, size: int) -> Ints:
    """Return the exact integer sum of ``amounts`` for each group ``0 .. size-1``.

    Args:
        groups: the group of each amount.
        amounts: int64 minor units.
        size: the number of groups.

    Returns:
        One int64 sum per group, 0 for groups without amounts.
    """
    out = np.zeros(size, dtype=np.int64)
    np.add.at(out, groups, amounts)
    return out


def max_by(groups: npt.NDArray[np.intp], values: Ints, size: int, empty: int) -> Ints:
    """Return the largest of ``values`` for each group, ``empty`` for groups without values.

    Args:
        groups: the group of each value.
        values: int64 values (dates as nanoseconds).
        size: the number of groups.
        empty: the result of a group without values.

    Returns:
        One int64 maximum per group.
    """
    out = np.full(size, empty, dtype=np.int64)
    np.maximum.at(out, groups, values)
    return out


def running_total_by(groups: npt.NDArray[np.intp], amounts: Ints) -> Ints:
    """Return the running total of ``amounts`` that restarts at each new group.

    Args:
        groups: the group of each amount, equal groups next to each other.
        amounts: int64 minor units, non-negative.

    Returns:
        For each amount, the sum of it and the earlier amounts of its group.
    """
    total = np.cumsum(amounts)
    before = total - amounts
    first = np.ones(len(groups), dtype=bool)
    first[1:] = groups[1:] != groups[:-1]
    return total - np.maximum.accumulate(np.where(first, before, 0))


def weighted_sum_by(groups: npt.NDArray[np.intp], weights: Ints, amounts: Ints, size: int) -> Ints:
    """Return Σ weight × amount for each group, exactly, as slices (see :func:`slices_value`).

    Slice ``k`` is Σ weight × (bits ``16k .. 16k+15`` of the amount). A weight below 2^18 in
    size (any number of days between two dates arsheet can hold is below 2^17) times a slice
    is below 2^34, so each slice's sum is exact for up to 2^29 rows.

    Args:
        groups: the group of each row.
        weights: int64 weights, e.g. days late, below 2^18 in size.
        amounts: int64 minor units, not negative.
        size: the number of groups.

    Returns:
        A ``size × SLICES`` int64 matrix; its rows, like any sums, add up column by column.
    """
    mask = (1 << SLICE_BITS) - 1
    return np.column_stack(
        [
            sum_by(groups, weights * ((amounts >> (SLICE_BITS * k)) & mask), size)
            for k in range(SLICES)
        ]
    ).reshape(size, SLICES)


def slices_value(slices: Ints) -> npt.NDArray[np.object_]:
    """Return the exact Python integers of :func:`weighted_sum_by`'s slices, one per row."""
    scale = np.array([1 << (SLICE_BITS * k) for k in range(SLICES)], dtype=object)
    return np.asarray(slices.astype(object) @ scale, dtype=object).reshape(len(slices))


def format_money(minor: int, *, grouping: bool = True) -> str:
    """Return minor units as a decimal amount, exactly.

    >>> format_money(-123456789)
    '-1,234,567.89'
    >>> format_money(5, grouping=False)
    '0.05'
    """
    sign = "-" if minor < 0 else ""
    units, cents = divmod(abs(minor), 100)
    whole = f"{units:,}" if grouping else str(units)
    return f"{sign}{whole}.{cents:02d}"
