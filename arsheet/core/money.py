"""Exact money arithmetic on int64 minor units: sums by group, running totals, never floats."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]


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
