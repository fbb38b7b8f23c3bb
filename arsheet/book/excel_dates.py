"""Excel's two date systems: the day each counts its serial numbers from."""

from __future__ import annotations

import numpy as np

#: Serial 0 of the 1900 system; counting from 1899-12-30 makes serial 61 fall on 1900-03-01,
#: as in Excel, which believes 1900 had a 29 February.
EPOCH_1900 = np.datetime64("1899-12-30", "D")
#: Serial 0 of the 1904 system (old Mac Excel), 1,462 days after the 1900 system's.
EPOCH_1904 = np.datetime64("1904-01-01", "D")


def epoch(date1904: bool) -> np.datetime64:
    """Return serial 0 of the book's date system."""
    return EPOCH_1904 if date1904 else EPOCH_1900
