"""Cell XML built a whole column at a time as numpy byte strings, never cell by cell in Python.

Values become the text Excel stores: money (integer minor units) as exact decimals such as
``1234.56``, dates as serials of the book's date system, text as inline strings so that
``sharedStrings.xml`` is never touched. Arrays hold UTF-8 bytes (numpy ``S`` dtype): fixed-width
byte strings concatenate with plain C loops, several times faster than variable-width strings,
and they are what goes into the package as they are.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from numpy.dtypes import StringDType

from arsheet.adapters.xlsx.xmltext import ENTITIES
from arsheet.book.content import Style, value_style
from arsheet.book.excel_dates import epoch

STR = StringDType()

#: Styles whose cells hold text; every other style holds a number.
TEXT_STYLES = frozenset({Style.TITLE, Style.HEADER, Style.NOTE, Style.TEXT, Style.OK, Style.BAD})

# Characters XML 1.0 forbids, and text that Excel would read as one of its own _xHHHH_ escapes.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
# ".00" is left out so whole amounts are written as integers, the way Excel writes them.
_CENTS = np.array([b""] + [b".%02d" % i for i in range(1, 100)])
# Integers are spelled four digits at a time by table look-up: numpy's own int-to-bytes cast
# goes through a Python object per value and is ten times slower.
_GROUP = 10_000
_PLAIN = np.array([b"%d" % i for i in range(_GROUP)])
_PADDED = np.array([b"%04d" % i for i in range(_GROUP)])


def escape_text(values: np.ndarray) -> np.ndarray:
    """Escape a StringDType array for XML element or attribute text."""
    if not values.size:
        return values
    if _NEEDS_ESCAPE.search("".join(values.tolist())):
        # Rare: replace each forbidden character by Excel's _xHHHH_ escape, one string at a time.
        values = np.array([_NEEDS_ESCAPE.sub(_excel_escape, v) for v in values.tolist()], dtype=STR)
    for raw, entity in ENTITIES:
        values = np.strings.replace(values, raw, entity)
    return values


def xml_bytes(values: np.ndarray) -> np.ndarray:
    """Escape a StringDType array for XML and encode it to UTF-8 bytes."""
    return np.strings.encode(escape_text(values), "utf-8")


def _excel_escape(match: re.Match[str]) -> str:
    text = match.group()
    if text.startswith("_x"):
        return "_x005F" + text
    return f"_x{ord(text):04X}_"


def int_text(values: np.ndarray) -> np.ndarray:
    """Return the decimal text of integers as a bytes array.

    >>> int_text(np.array([0, -7, 1234567])).tolist()
    [b'0', b'-7', b'1234567']
    """
    values = np.asarray(values, dtype=np.int64)
    text = _digits(np.abs(values))
    negative = values < 0
    return np.where(negative, np.strings.add(b"-", text), text) if negative.any() else text


def _digits(magnitude: np.ndarray) -> np.ndarray:
    low = magnitude % _GROUP
    high = magnitude // _GROUP
    if not high.any():
        return _PLAIN[low]
    return np.where(high > 0, np.strings.add(_digits(high), _PADDED[low]), _PLAIN[low])


def _money_text(values: pd.Series) -> np.ndarray:
    minor = values.to_numpy(dtype="int64", na_value=0)
    magnitude = np.abs(minor)
    text = np.strings.add(_digits(magnitude // 100), _CENTS[magnitude % 100])
    negative = minor < 0
    return np.where(negative, np.strings.add(b"-", text), text) if negative.any() else text


def _date_text(values: pd.Series, date1904: bool) -> np.ndarray:
    days = pd.to_datetime(values).to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    start = epoch(date1904)
    serial = (days - start).astype("int64")
    if not date1904:
        # Excel's 1900 system counts the non-existent 1900-02-29, so earlier serials shift by one.
        serial = np.where(serial < 61, serial - 1, serial)
    return int_text(serial)


def value_text(values: pd.Series, style: Style, date1904: bool) -> tuple[np.ndarray, np.ndarray]:
    """Return the stored text of every value and a mask of the missing ones.

    Args:
        values: one column of values, typed as ``style`` expects (see :class:`Style`).
        style: decides the conversion: MONEY integer minor units, DATE datetimes, INT whole
            numbers, NUMBER/PERCENT floats, any text style strings.
        date1904: whether the book counts dates from 1904.

    Returns:
        A bytes array (escaped for XML when text) and a boolean array, True where NA.
    """
    missing = values.isna().to_numpy(dtype=bool)
    style = value_style(style)
    if style == Style.MONEY:
        if pd.api.types.is_float_dtype(values.dtype):
            values = values.round().astype("Int64")
        text = _money_text(values)
    elif style == Style.DATE:
        text = _date_text(values.where(~missing, pd.Timestamp("2000-01-01")), date1904)
    elif style == Style.INT:
        text = int_text(values.to_numpy(dtype="float64", na_value=0).round().astype("int64"))
    elif style in TEXT_STYLES:
        codes, labels, _ = _text_labels(values)
        text = labels[codes]
    else:
        # Python's shortest round-trip spelling, as Excel writes doubles.
        text = values.to_numpy(dtype="float64", na_value=0.0).astype(np.bytes_)
    return text, missing


def _text_labels(values: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return each value's code, the escaped distinct texts ('' last) and which are padded."""
    # Few distinct texts (status, bucket) are escaped once and taken row by row.
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    labels = np.asarray([str(u) for u in uniques] + [""], dtype=STR)
    padded = np.strings.strip(labels) != labels
    return codes, xml_bytes(labels), padded


def cells(
    rows: np.ndarray,
    letter: str,
    style_id: int,
    values: pd.Series,
    style: Style,
    date1904: bool,
    *,
    styled_empty: bool = False,
) -> np.ndarray:
    """Return one ``<c>`` element per row, all in one column.

    A missing value gives b'', or with ``styled_empty`` a cell with the style and no value, so
    that an empty owned cell keeps its fill and number format.

    Args:
        rows: the 1-based row numbers as text (see :func:`int_text`).
        letter: the column letters.
        style_id: the ``cellXfs`` index of the cells' style.
        values: the values, typed as ``style`` expects.
        style: how the values are stored (see :func:`value_text`).
        date1904: whether the book counts dates from 1904.
        styled_empty: write missing values as empty cells with the style.
    """
    if style in TEXT_STYLES:
        codes, labels, padded = _text_labels(values)
        missing = codes < 0
        opening = np.where(padded, b'<is><t xml:space="preserve">', b"<is><t>")
        # The whole tail of a text cell is built once per distinct text.
        tails = np.strings.add(
            np.strings.add(b'" s="%d" t="inlineStr">' % style_id, opening),
            np.strings.add(labels, b"</t></is></c>"),
        )[codes]
    else:
        text, missing = value_text(values, style, date1904)
        tails = np.strings.add(np.strings.add(b'" s="%d"><v>' % style_id, text), b"</v></c>")
    head = np.strings.add(b'<c r="' + letter.encode(), rows)
    xml = np.strings.add(head, tails)
    if not missing.any():
        return xml
    empty = np.strings.add(head, b'" s="%d"/>' % style_id) if styled_empty else b""
    return np.where(missing, empty, xml)
