"""Parse raw cell columns into the book's types, column by column, flagging cells that do not parse.

Every parser takes a column of raw cell values as python-calamine gives them (``str``, ``float``,
``bool``, ``date``, ``datetime``, ``time``, ``timedelta``; ``""`` when empty) and returns a
:class:`Parsed`: the typed values, which cells are blank, and one mask per problem code. The work
is done with pandas/numpy over whole columns; the only per-cell Python is ``display`` of the few
values that a problem message quotes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from arsheet.workbook.contract import ChoiceList

#: Dates outside [MIN_DATE, MAX_DATE] are typing mistakes (and beyond what datetime64[ns] holds).
MIN_DATE = pd.Timestamp("1900-03-01")
MAX_DATE = pd.Timestamp("2199-12-31")
EPOCH_1900 = np.datetime64("1899-12-30", "D")  # serial 61 is 1900-03-01 (Excel's 1900 leap bug)
EPOCH_1904 = np.datetime64("1904-01-01", "D")
#: Cents that differ from a whole number by less than this are float noise from formulas.
CENT_TOLERANCE = 1e-6

DATE_TEXT = re.compile(
    r"^(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?"
    r"(?:[T\s]+00:00(?::00(?:\.0+)?)?)?$"
)
_MONEY_NOISE = r"[\s,，¥￥$€£]|(?i:cny|rmb|usd|eur)|元"
_NUMBER_TEXT = r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$"
_NUMBER_TYPES = (float, int)
_DATE_TYPES = (dt.date, dt.datetime)


@dataclass(frozen=True)
class Parsed:
    """One parsed column.

    Attributes:
        values: the typed values, NA where blank or unparseable.
        blank: cells that are empty or only whitespace.
        problems: problem code -> mask of the cells that have it (at most one code per cell).
    """

    values: pd.Series
    blank: pd.Series
    problems: dict[str, pd.Series] = field(default_factory=dict)


def cell_types(raw: pd.Series) -> pd.Series:
    """Return the Python type of every cell (one vectorised map, the basis of all masks).

    The types are factorized, so masks are comparisons of small integers, not of objects.
    """
    positions, uniques = pd.factorize(raw.map(type))
    return pd.Series(pd.Categorical.from_codes(positions, uniques), index=raw.index)


def display(value: object) -> str:
    """Return a raw cell value as the user sees it, for quoting in a message.

    >>> display(45536.0), display(dt.date(2024, 9, 1)), display(" 1,2 ")
    ('45536', '2024-09-01', '1,2')
    """
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def to_text(raw: pd.Series, types: pd.Series | None = None) -> pd.Series:
    """Return every cell as stripped text (``object`` of ``str``; ``""`` when empty).

    Whole numbers lose their ``.0`` (an ID typed as 1001 reads ``"1001"``), dates read as ISO.
    """
    types = cell_types(raw) if types is None else types
    text = raw.astype("str")
    numbers = _is(types, *_NUMBER_TYPES)
    if numbers.any():
        values = raw[numbers].astype(float)
        whole = (values == np.floor(values)) & (values.abs() < 1e15)
        text[whole[whole].index] = values[whole].astype("int64").astype("str")
    stamps = _is(types, dt.datetime)
    if stamps.any():
        text[stamps] = pd.to_datetime(raw[stamps]).dt.strftime("%Y-%m-%d %H:%M:%S")
        text[stamps] = text[stamps].str.removesuffix(" 00:00:00")
    return text.str.strip().astype(object)


def _is(types: pd.Series, *wanted: type) -> pd.Series:
    """Return the mask of cells whose type is one of ``wanted`` (an integer comparison)."""
    codes = [i for i, t in enumerate(types.cat.categories) if t in wanted]
    return pd.Series(np.isin(types.cat.codes.to_numpy(), codes), index=types.index)


def _text_cells(raw: pd.Series, types: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return the stripped text cells and the blank mask of a column."""
    strings = raw[_is(types, str)].astype("str").str.strip()
    blank = pd.Series(False, index=raw.index)
    blank[strings.index] = strings.eq("")
    return strings[strings.ne("")], blank


def parse_dates(raw: pd.Series, date1904: bool, types: pd.Series | None = None) -> Parsed:
    """Parse a date column: typed dates, serial numbers, ISO/``2024/9/1``/``2024年9月1日`` text.

    Args:
        raw: the raw cells.
        date1904: the workbook uses the 1904 date system (serial 0 is 1904-01-01).
        types: the cells' types, when already known.

    Returns:
        ``datetime64[ns]`` values at midnight; problems ``not_a_date`` and ``date_out_of_range``.
    """
    types = cell_types(raw) if types is None else types
    values = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    found = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[s]")
    strings, blank = _text_cells(raw, types)

    typed = _is(types, *_DATE_TYPES)
    if typed.any():
        found[typed] = pd.to_datetime(raw[typed], errors="coerce").astype("datetime64[s]")
    numbers = _is(types, *_NUMBER_TYPES)
    if numbers.any():
        days = np.floor(raw[numbers].astype(float).clip(-1e6, 1e7)).astype("int64")
        epoch = EPOCH_1904 if date1904 else EPOCH_1900
        found[numbers] = (epoch + days.to_numpy().astype("timedelta64[D]")).astype("datetime64[s]")
    if len(strings):
        parts = strings.str.extract(DATE_TEXT).astype(float)
        found[strings.index] = pd.to_datetime(parts, errors="coerce").astype("datetime64[s]")

    out_of_range = found.notna() & ((found < MIN_DATE) | (found > MAX_DATE))
    ok = found.notna() & ~out_of_range
    values[ok] = found[ok].dt.normalize().astype("datetime64[ns]")
    not_a_date = ~blank & found.isna()
    return Parsed(
        values,
        blank,
        _first_code(not_a_date=not_a_date, date_out_of_range=out_of_range),
    )


def _numbers(raw: pd.Series, types: pd.Series, noise: str | None) -> tuple[pd.Series, pd.Series]:
    """Return float values of number cells and number-like text cells, and the blank mask."""
    values = pd.Series(np.nan, index=raw.index, dtype="float64")
    numbers = _is(types, *_NUMBER_TYPES)
    values[numbers] = raw[numbers].astype(float)
    strings, blank = _text_cells(raw, types)
    if len(strings):
        cleaned = strings.str.replace(noise, "", regex=True) if noise else strings
        numeric = cleaned.str.fullmatch(_NUMBER_TEXT)
        values[numeric[numeric].index] = cleaned[numeric].astype(float)
    return values, blank


def parse_money(raw: pd.Series, positive: bool, types: pd.Series | None = None) -> Parsed:
    """Parse an amount column into ``Int64`` minor units (cents/分).

    Text such as ``"1,234.56"`` or ``"¥1,234.56"`` is read as a number. Float noise from
    formulas (less than a millionth of a cent) is tolerated.

    Args:
        raw: the raw cells.
        positive: zero is a problem too (document and payment amounts).
        types: the cells' types, when already known.

    Returns:
        Problems ``not_a_number``, ``too_many_decimals``, ``negative_amount``, ``zero_amount``.
    """
    types = cell_types(raw) if types is None else types
    values, blank = _numbers(raw, types, _MONEY_NOISE)
    bad = ~blank & values.isna()
    finite = values.where(values.abs() < 1e13)
    cents = finite * 100
    too_many_decimals = (cents - cents.round()).abs() > CENT_TOLERANCE
    negative = values < 0
    zero = values.eq(0) if positive else pd.Series(False, index=raw.index)
    bad |= values.notna() & finite.isna()
    minor = cents.round().where(~too_many_decimals).astype("Int64")
    problems = _first_code(
        not_a_number=bad,
        too_many_decimals=too_many_decimals,
        negative_amount=negative,
        zero_amount=zero,
    )
    return Parsed(minor, blank, problems)


def parse_ints(raw: pd.Series, minimum: int | None, types: pd.Series | None = None) -> Parsed:
    """Parse a whole-number column into ``Int64``; problems ``not_a_whole_number``, ``too_small``.

    Args:
        raw: the raw cells.
        minimum: the smallest allowed value, or ``None``.
        types: the cells' types, when already known.
    """
    types = cell_types(raw) if types is None else types
    values, blank = _numbers(raw, types, None)
    bad = ~blank & (values.isna() | (values != np.floor(values)) | (values.abs() >= 1e9))
    small = ~bad & (values < minimum) if minimum is not None else pd.Series(False, raw.index)
    ints = values.where(~bad).astype("Int64")
    return Parsed(ints, blank, _first_code(not_a_whole_number=bad, too_small=small))


def parse_choices(raw: pd.Series, choices: ChoiceList) -> Parsed:
    """Map every accepted label or alias (any language, any case) to its code.

    Distinct values are few, so the cells are factorized and only the distinct values converted.

    Returns:
        Codes as ``object`` (``""`` when blank); problem ``unknown_choice``.
    """
    positions, uniques = pd.factorize(raw.astype(object), use_na_sentinel=False)
    labels = to_text(pd.Series(uniques, dtype=object))
    codes = labels.str.casefold().map(choices.lookup())
    unknown = (codes.isna() & labels.ne("")).to_numpy()[positions]
    values = pd.Series(codes.fillna("").to_numpy(dtype=object)[positions], index=raw.index)
    blank = pd.Series(labels.eq("").to_numpy()[positions], index=raw.index)
    return Parsed(values, blank, {"unknown_choice": pd.Series(unknown, index=raw.index)})


def parse_flags(raw: pd.Series, choices: ChoiceList) -> Parsed:
    """Parse a Y/N column into ``bool`` (blank is No); problem ``unknown_choice``."""
    parsed = parse_choices(raw, choices)
    return Parsed(parsed.values.eq("yes"), parsed.blank, parsed.problems)


def _first_code(**masks: pd.Series) -> dict[str, pd.Series]:
    """Keep at most one code per cell: the first mask that flags it."""
    taken: pd.Series | None = None
    out: dict[str, pd.Series] = {}
    for code, mask in masks.items():
        mask = mask.fillna(False).astype(bool)
        if taken is not None:
            mask &= ~taken
        out[code] = mask
        taken = mask if taken is None else taken | mask
    return out
