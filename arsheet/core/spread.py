"""Result columns as long as an input frame, holding values at some rows and NA elsewhere."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from arsheet.core.book import DATE
from arsheet.core.ledger import NOT_A_DATE

Part = tuple[npt.NDArray[np.intp], npt.NDArray[np.generic]]


def spread_int(size: int, *parts: Part) -> pd.arrays.IntegerArray:
    """Return a nullable Int64 column of ``size`` rows with each part's values at its rows.

    Args:
        size: the number of rows.
        *parts: (row positions, values) pairs.

    Returns:
        The column, NA at rows no part names.
    """
    values = np.zeros(size, dtype=np.int64)
    missing = np.ones(size, dtype=bool)
    for rows, part in parts:
        values[rows] = part
        missing[rows] = False
    return pd.arrays.IntegerArray(values, missing)


def spread_date(size: int, *parts: Part) -> npt.NDArray[np.datetime64]:
    """Return a date column with each part's dates (int64 nanoseconds), else NaT."""
    values = np.full(size, NOT_A_DATE, dtype=np.int64)
    for rows, part in parts:
        values[rows] = part
    return values.view(DATE)


def spread_codes(size: int, categories: tuple[str, ...], *parts: Part) -> pd.Categorical:
    """Return a categorical column with each part's codes (positions in ``categories``), else NA."""
    codes = np.full(size, -1, dtype=np.int8)
    for rows, part in parts:
        codes[rows] = part
    return pd.Categorical.from_codes(codes, categories=list(categories))
