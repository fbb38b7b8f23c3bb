"""Cell values as Excel takes them from a script: numbers and text only, never typed text.

Excel reads a string put into a cell as if it were typed (``"00123"`` becomes the number 123,
``"2024-09-01"`` a date in the user's locale, ``"=x"`` a formula), so a written value is a number
when it is one and text that cannot be taken for anything else: text Excel could coerce gets a
leading apostrophe, which Excel keeps as the cell's prefix and never shows. Money goes as the
double Excel would parse from its decimal text, a date as its serial number in the book's date
system (with a date number format, so it shows as a date in any locale), a whole number as
``int``; an empty cell is None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal

import numpy as np
import pandas as pd

from arsheet.book.content import Style, value_style
from arsheet.book.excel_dates import epoch

# Text Excel could take for a number, date, time, fraction, percentage, formula, boolean or
# error: anything with a digit, anything starting as a formula or a prefix does, TRUE/FALSE,
# and error values. An apostrophe more never changes what the cell shows.
_COERCIBLE = re.compile(r"\d|^[=+\-@'#]|^\s*(?i:true|false)\s*$")


def as_entered(text: str) -> str:
    """Return text as it must be put into a cell to stay that text.

    >>> as_entered("00123"), as_entered("=x"), as_entered("TRUE"), as_entered("Acme 公司")
    ("'00123", "'=x", "'TRUE", 'Acme 公司')
    """
    return "'" + text if _COERCIBLE.search(text) else text


def serial(day: dt.date | dt.datetime, date1904: bool = False) -> int | float:
    """Return a date as Excel's serial number: whole days as ``int``, a time as the fraction.

    >>> serial(dt.date(2024, 9, 1)), serial(dt.datetime(2024, 9, 1, 12))
    (45536, 45536.5)
    >>> serial(dt.date(2024, 9, 1), date1904=True)
    44074
    """
    if not isinstance(day, dt.datetime):
        day = dt.datetime(day.year, day.month, day.day)
    delta = day.replace(tzinfo=None) - pd.Timestamp(epoch(date1904)).to_pydatetime()
    if delta.seconds == 0 and delta.microseconds == 0:
        return delta.days
    return delta / dt.timedelta(days=1)


def excel_values(values: Sequence[object] | np.ndarray, date1904: bool = False) -> list[object]:
    """Return cell values (see the module docstring) as they are written into Excel.

    Converted type by type, as :func:`arsheet.book.cells.as_text` reads them, not cell by cell
    through one function.

    >>> excel_values([Decimal("1234.50"), dt.date(2024, 9, 1), 60, float("nan"), "00123", pd.NA])
    [1234.5, 45536, 60, None, "'00123", None]
    """
    array = np.empty(len(values), dtype=object)
    array[:] = list(values)
    codes, kinds = pd.factorize(pd.Series(array, dtype=object).map(type))
    written = np.empty(len(array), dtype=object)
    for number, kind in enumerate(kinds):
        where = codes == number
        written[where] = _typed(kind, array[where], date1904)
    return written.tolist()  # type: ignore[no-any-return]


def _typed(kind: type, values: np.ndarray, date1904: bool) -> list[object]:
    """Return values that all have the Python type ``kind`` as Excel takes them."""
    if kind is str:
        return [as_entered(v) for v in values]
    if issubclass(kind, bool | np.bool_):
        return [bool(v) for v in values]
    if issubclass(kind, int | np.integer):
        return [int(v) for v in values]
    if issubclass(kind, float | np.floating):
        return [float(v) if np.isfinite(v) else None for v in values]
    if kind is Decimal:
        return [float(v) if v.is_finite() else None for v in values]
    if kind in (type(None), type(pd.NaT), type(pd.NA)):
        return [None] * len(values)
    if issubclass(kind, dt.date):
        return [serial(v, date1904) for v in values]
    return [as_entered(str(v)) for v in values]


def port_values(values: pd.Series, style: Style, date1904: bool = False) -> list[object]:
    """Return a column of the port's values (:class:`Style` says which) as Excel takes them.

    Column operations, not a function per cell: money in minor units becomes major units
    (``cents / 100`` is the double nearest the exact amount, as Excel parses its text), a date
    its serial, an NA None.

    >>> port_values(pd.Series([123450, None], dtype="Int64"), Style.MONEY)
    [1234.5, None]
    >>> port_values(pd.Series(pd.to_datetime(["2024-09-01", None])), Style.DATE)
    [45536, None]
    """
    empty = values.isna().to_numpy(dtype=bool)
    kind = value_style(style)
    if kind == Style.MONEY:
        converted = values.astype("Float64").to_numpy(dtype=float, na_value=0.0) / 100
    elif kind == Style.INT:
        converted = values.astype("Int64").to_numpy(dtype=np.int64, na_value=0)
    elif kind == Style.DATE:
        days = pd.to_datetime(values) - pd.Timestamp(epoch(date1904))
        converted = days.dt.days.to_numpy(dtype=float, na_value=0.0).astype(np.int64)
    elif kind in (Style.NUMBER, Style.PERCENT):
        converted = values.astype("Float64").to_numpy(dtype=float, na_value=0.0)
    else:
        text = values.astype(object).where(~empty, None)
        return excel_values(text.to_numpy(dtype=object), date1904)
    written: list[object] = converted.tolist()
    for row in np.flatnonzero(empty):
        written[row] = None
    return written
