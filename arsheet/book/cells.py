"""Parse columns of cell text into the book's types, flagging cells that do not parse.

The loaders (:mod:`arsheet.adapters.xlsx.rawbook`) hand every cell over as text, the form both
engines can give cheaply: numbers as plain decimals (``"45000"``, ``"385.28"``), typed dates as
``"2024-09-01 00:00:00"``, booleans as ``"TRUE"``/``"FALSE"``, times as ``"12:30:00"``, empty
cells as NA. Columns of Python values (``str``, ``float``, ``bool``, ``date``, ``datetime``, …, as
python-calamine gives them) are accepted too and converted to that text first (:func:`as_text`).

Every parser returns a :class:`Parsed`: the typed values, which cells are blank, and one mask per
problem code. Each runs one fast vectorised pass (pyarrow compute) for the form almost every cell
has, then the slower general rules only on the cells that pass missed. Text alone cannot tell a
number typed as text from a real number, so a date column also reads text such as ``"45566"`` as a
serial; Excel turns such typing into numbers anyway.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from arsheet.book.contract import ChoiceList
from arsheet.book.excel_dates import epoch

#: Dates outside [MIN_DATE, MAX_DATE] are typing mistakes (and beyond what datetime64[ns] holds).
MIN_DATE = pd.Timestamp("1900-03-01")
MAX_DATE = pd.Timestamp("2199-12-31")
#: Cents that differ from a whole number by less than this are float noise from formulas.
CENT_TOLERANCE = 1e-6
#: The largest amount, 9,999,999,999.99: a full sheet of them (1,048,576 rows) sums to about
#: 1.05e18 cents, well inside int64 (9.2e18), and each has at most 12 significant digits.
MAX_AMOUNT_CENTS = 10**12 - 1

DATE_TEXT = re.compile(
    r"^(?P<year>\d{4})\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?"
    r"(?:[T\s]+00:00(?::00(?:\.0+)?)?)?$"
)
#: A typed date-time with its time of day (read as that day), as the loaders write it.
_STAMP_TEXT = r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}) \d{2}:\d{2}:\d{2}(?:\.\d+)?$"
_STAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$")
_CURRENCY = r"[¥￥$€£]|(?i:cny|rmb|usd|eur)|元"
_NUMBER_TEXT = r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$"
_EXPONENT_TEXT = r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)[eE][-+]?\d+$"
# Thousands separators: commas (also full-width) or spaces (also no-break), in groups of three
# after a first group without a leading zero ("0,500" is a half with a decimal comma, not 500).
_SPACES = r"[ \x{00A0}\x{202F}]"
_GROUPS = r"[,，]|" + _SPACES
_GROUPED_TEXT = r"^[-+]?[1-9]\d{0,2}(?:(?:[,，]\d{3})+|(?:" + _SPACES + r"\d{3})+)(?:\.\d*)?$"
# A comma as the decimal sign, the digits before it plain or grouped by points or spaces.
_DECIMAL_COMMA_TEXT = r"^[-+]?(?:\d{1,3}(?:(?:\.\d{3})+|(?:" + _SPACES + r"\d{3})+)|\d+)[,，]\d+$"
#: fastexcel writes a number that is not whole with nine decimals: 123456789.12 as
#: "123456789.120000005".
_NINE_DECIMALS = r"^-?\d+\.\d{9}$"
#: Longer number texts are quoted in exponent form (the loaders write 1e300 with all its digits);
#: shorter ones, such as a bank account number in the Settings, as they are.
_LONGEST_NUMBER = 40
_STRING = pa.string()
#: Full-width forms (U+FF01..U+FF5E: digits, signs, ￥ ...) and the ideographic space, and their
#: ASCII counterparts.
_FULL_WIDTH = "[\uff01-\uff5e\u3000]"
_HALF_WIDTH = {0x3000: " ", **{wide: wide - 0xFEE0 for wide in range(0xFF01, 0xFF5F)}}


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


def text_series(cells: pa.ChunkedArray | pa.Array, index: pd.Index) -> pd.Series:
    """Wrap a column of cell text (NA when empty) as a pandas column, without copying it."""
    if isinstance(cells, pa.Array):
        cells = pa.chunked_array([cells], type=_STRING)
    return pd.Series(pd.arrays.ArrowExtensionArray(cells), index=index, copy=False)


def arrow_text(text: pd.Series) -> pa.ChunkedArray:
    """Return a column of cell text (see :func:`as_text`) as an arrow column."""
    array = text.array.__arrow_array__()
    return array if isinstance(array, pa.ChunkedArray) else pa.chunked_array([array])


def as_text(raw: pd.Series) -> pd.Series:
    """Return a column of cells as cell text: unchanged if it is text already, else converted.

    >>> as_text(pd.Series([45536.0, 0.5, True, dt.date(2024, 9, 1), "x", ""])).tolist()
    ['45536', '0.5', 'TRUE', '2024-09-01 00:00:00', 'x', '']
    """
    if not pd.api.types.is_object_dtype(raw.dtype):
        return raw
    values = raw.to_numpy(dtype=object)
    # Factorised, not compared: ``array == numpy.float64`` or ``== pd.Timestamp`` broadcasts
    # the class itself instead of comparing each type with it.
    codes, kinds = pd.factorize(pd.Series(values, dtype=object).map(type))
    text = np.empty(len(values), dtype=object)
    for number, kind in enumerate(kinds):
        where = codes == number
        text[where] = _typed_text(kind, values[where])
    return text_series(pa.array(text, type=_STRING), raw.index)


def _typed_text(kind: type, values: np.ndarray) -> np.ndarray | list[str | None]:
    """Return the cell text of values that all have the Python type ``kind``."""
    if kind is str:
        return values
    # numpy's scalars come from frames and arrays: a bool, a number, like Python's own.
    if issubclass(kind, bool | np.bool_):
        return np.where(values.astype(bool), "TRUE", "FALSE")
    if issubclass(kind, int | float | np.integer | np.floating):
        return [_number_text(v) for v in values.astype(float)]
    if kind is type(pd.NaT):
        return [None] * len(values)
    if issubclass(kind, dt.datetime):
        return [v.isoformat(sep=" ") for v in values]
    if kind is dt.date:
        return [f"{v.isoformat()} 00:00:00" for v in values]
    if kind is dt.time:
        return [v.isoformat() for v in values]
    if kind is type(None):
        return [None] * len(values)
    return [str(v) for v in values]


def _number_text(value: float) -> str:
    """Return a number as plain decimal text: ``45000``, ``0.3``, ``0.0000001`` (no exponent)."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return np.format_float_positional(value, trim="-")


def display(value: object) -> str:
    """Return a cell as the user sees it, for quoting in a message.

    >>> display(45536.0), display(dt.date(2024, 9, 1)), display(" 1,2 ")
    ('45536', '2024-09-01', '1,2')
    >>> display("2024-09-01 00:00:00"), display(True), display("0.100000001")
    ('2024-09-01', 'TRUE', '0.100000001')
    >>> display("1" + "0" * 300)
    '1E+300'

    """
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if value is None or value is pd.NA:
        return ""
    text = _MIDNIGHT.sub(r"\1", str(value).strip())
    if len(text) > _LONGEST_NUMBER and re.match(_NUMBER_TEXT, text):
        return f"{float(text):G}"  # as Excel shows a huge number: 1E+300
    return _shortest(text) if re.match(_NINE_DECIMALS, text) else text


def _stripped(raw: pd.Series) -> tuple[pa.ChunkedArray, np.ndarray]:
    """Return the cells' text without surrounding whitespace (null when blank), and the blanks."""
    text = pc.utf8_trim_whitespace(arrow_text(as_text(raw)))
    blank = pc.fill_null(pc.equal(text, ""), True)
    text = pc.if_else(blank, pa.scalar(None, _STRING), text)
    return text, _numpy(blank)


def _numpy(mask: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Return a boolean arrow column as a numpy mask (null counts as False)."""
    return pc.fill_null(mask, False).to_numpy(zero_copy_only=False)


def _take(text: pa.ChunkedArray, mask: np.ndarray) -> tuple[np.ndarray, pa.ChunkedArray]:
    """Return the positions where ``mask`` holds and the text cells there."""
    where = np.flatnonzero(mask)
    return where, text.take(pa.array(where))


def _half_width(text: pa.ChunkedArray) -> pa.ChunkedArray:
    """Return cells with full-width digits and signs as ASCII (``１，２３４．５`` -> ``1,234.5``).

    They are the same characters typed in a full-width input mode. Only the full-width forms
    change: a wider normalisation (NFKC) would also read ``5²`` as 52. Only the cells the fast
    pass missed come here, and only those with a full-width character are rewritten.
    """
    wide = ~_numpy(pc.string_is_ascii(text))  # cheap, and rules out most cells
    if wide.any():
        candidates = np.flatnonzero(wide)
        wide[candidates] = _matches(text.take(pa.array(candidates)), _FULL_WIDTH)
    if not wide.any():
        return text
    where = np.flatnonzero(wide)
    narrow = [cell.translate(_HALF_WIDTH) for cell in text.take(pa.array(where)).to_pylist()]
    return pa.chunked_array(
        [pc.replace_with_mask(text.combine_chunks(), pa.array(wide), pa.array(narrow, _STRING))]
    )


def _matches(text: pa.ChunkedArray | pa.Array, pattern: str) -> np.ndarray:
    return _numpy(pc.match_substring_regex(text, pattern))


def to_text(raw: pd.Series) -> pd.Series:
    """Return every cell as stripped text (``object`` of ``str``; ``""`` when empty).

    Whole numbers have no ``.0`` (an ID typed as 1001 reads ``"1001"``), dates read as ISO.
    """
    text, _ = _stripped(raw)
    if pc.any(pc.ends_with(text, " 00:00:00")).as_py():
        text = pc.replace_substring_regex(text, _MIDNIGHT.pattern, r"\1")
    values = pc.fill_null(text, "").to_numpy(zero_copy_only=False)
    # Only cells with a point can be a number fastexcel rounded; finding them is cheap.
    dotted = np.flatnonzero(_numpy(pc.greater_equal(pc.find_substring(text, "."), 0)))
    if len(dotted):
        rounded = dotted[_matches(text.take(pa.array(dotted)), _NINE_DECIMALS)]
        values[rounded] = [_shortest(v) for v in values[rounded]]
    return pd.Series(values, index=raw.index, dtype=object)


def _shortest(number: str) -> str:
    """Return a number fastexcel wrote with nine decimals in its shortest form (as Python would).

    >>> _shortest("123456789.120000005")
    '123456789.12'
    """
    return np.format_float_positional(float(number), trim="-")


def parse_dates(raw: pd.Series, date1904: bool) -> Parsed:
    """Parse a date column: typed dates, serial numbers, ISO/``2024/9/1``/``2024年9月1日`` text.

    Args:
        raw: the cells.
        date1904: the workbook uses the 1904 date system (serial 0 is 1904-01-01).

    Returns:
        ``datetime64[ns]`` values at midnight; problems ``not_a_date`` and ``date_out_of_range``.
    """
    text, blank = _stripped(raw)
    # Typed dates (almost every cell of a real book) in one C pass; the rest by the rules below.
    stamps = pc.strptime(text, format=_STAMP_FORMAT, unit="s", error_is_null=True)
    found = stamps.to_numpy(zero_copy_only=False).astype("datetime64[s]")
    missed = np.isnat(found) & ~blank
    if missed.any():
        where, rest = _take(text, missed)
        found[where] = _dates_by_rules(rest, date1904)
    days = found.astype("datetime64[D]")  # a time of day on the last day is still that day
    out_of_range = ~np.isnat(days) & (
        (days < MIN_DATE.to_datetime64()) | (days > MAX_DATE.to_datetime64())
    )
    ok = ~np.isnat(days) & ~out_of_range
    values = np.where(ok, days, np.datetime64("NaT"))
    index = raw.index
    not_a_date = ~blank & np.isnat(found)
    return Parsed(
        pd.Series(values.astype("datetime64[ns]"), index=index),
        pd.Series(blank, index=index),
        _first_code(
            not_a_date=pd.Series(not_a_date, index=index),
            date_out_of_range=pd.Series(out_of_range, index=index),
        ),
    )


def _dates_by_rules(text: pa.ChunkedArray, date1904: bool) -> np.ndarray:
    """Return ``datetime64[s]`` days of cells that are serials, date texts or stamps, else NaT."""
    found = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[s]")
    text = _half_width(text)
    serial = _matches(text, _NUMBER_TEXT)
    if serial.any():
        numbers = pc.cast(text.filter(pa.array(serial)), pa.float64()).to_numpy()
        days = np.floor(np.clip(numbers, -1e6, 1e7)).astype("int64")
        start = epoch(date1904)
        found[serial] = (start + days.astype("timedelta64[D]")).astype("datetime64[s]")
    for pattern in (DATE_TEXT.pattern, _STAMP_TEXT):
        todo = np.isnat(found) & _matches(text, pattern)
        if todo.any():
            cells = pd.Series(text.filter(pa.array(todo)).to_pylist(), dtype=object)
            parts = cells.str.extract(pattern).astype(float)
            stamps = pd.to_datetime(parts[["year", "month", "day"]], errors="coerce")
            found[todo] = stamps.to_numpy().astype("datetime64[s]")
    return found


def _numbers(raw: pd.Series) -> tuple[pa.ChunkedArray, np.ndarray, np.ndarray]:
    """Return the stripped text, the float values of plain decimals (NaN elsewhere), the blanks.

    Plain decimals go straight through arrow's correctly rounded text-to-float cast; so does a
    number in exponent form (``1e300``, as a script may write it) or in full-width digits.
    """
    text, blank = _stripped(raw)
    values = np.full(len(text), np.nan)
    plain = _matches(text, _NUMBER_TEXT)
    if plain.any():
        values[plain] = pc.cast(text.filter(pa.array(plain)), pa.float64()).to_numpy()
    rest = ~plain & ~blank
    if rest.any():
        where, cells = _take(text, rest)
        cells = _half_width(cells)
        number = _matches(cells, _NUMBER_TEXT) | _matches(cells, _EXPONENT_TEXT)
        if number.any():
            found = pc.cast(cells.filter(pa.array(number)), pa.float64())
            values[where[number]] = found.to_numpy()
    return text, values, blank


def _amounts_by_rules(raw: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the amounts of money cells, the blanks, and the cells with a decimal comma.

    Only cells that are not plain decimals take the rules: currency signs and codes are dropped,
    then the digits may be grouped by threes with commas (``1,234,567.89``, ``1，234``) or spaces
    (``1 234``). Any other comma (``12,50``, ``1.234,50``) is a decimal comma, which is not read.
    """
    text, values, blank = _numbers(raw)
    decimal_comma = np.zeros(len(values), dtype=bool)
    rest = np.isnan(values) & ~blank
    if rest.any():
        where, cells = _take(text, rest)
        unsigned = pc.replace_substring_regex(_half_width(cells), _CURRENCY, "")
        cleaned = pc.utf8_trim_whitespace(unsigned)
        number = _matches(cleaned, _NUMBER_TEXT) | _matches(cleaned, _GROUPED_TEXT)
        if number.any():
            digits = pc.replace_substring_regex(cleaned.filter(pa.array(number)), _GROUPS, "")
            values[where[number]] = pc.cast(digits, pa.float64()).to_numpy()
        decimal_comma[where[~number & _matches(cleaned, _DECIMAL_COMMA_TEXT)]] = True
    return values, blank, decimal_comma


def with_decimal_point(text: str) -> str:
    """Return an amount typed with a decimal comma as arsheet reads it, to suggest to the user.

    >>> with_decimal_point("1.234,50"), with_decimal_point("¥ 12,5"), with_decimal_point("１２，５")
    ('1234.50', '12.5', '12.5')
    """
    digits = re.sub(_CURRENCY, "", text.translate(_HALF_WIDTH)).strip()
    return re.sub(r"[.\s]", "", digits).replace(",", ".")


def parse_money(raw: pd.Series, positive: bool) -> Parsed:
    """Parse an amount column into ``Int64`` minor units (cents/分).

    Text such as ``"1,234.56"`` or ``"¥1,234.56"`` is read as a number; a decimal comma
    (``"12,50"``) is a problem, never read as 1250. Float noise from formulas (less than a
    millionth of a cent) is tolerated. Amounts are at most :data:`MAX_AMOUNT_CENTS`; with at
    most two decimals they have at most 12 significant digits, so the nearest double times 100,
    rounded, is exactly their number of cents.

    Args:
        raw: the cells.
        positive: zero is a problem too (document and payment amounts).

    Returns:
        Problems ``decimal_comma``, ``not_a_number``, ``too_large``, ``too_many_decimals``,
        ``negative_amount``, ``zero_amount``.
    """
    values, blank, decimal_comma = _amounts_by_rules(raw)
    bad = ~blank & np.isnan(values) & ~decimal_comma
    with np.errstate(invalid="ignore", over="ignore"):
        too_large = np.abs(values) * 100 > MAX_AMOUNT_CENTS + 0.5
        finite = np.where(too_large, np.nan, values)
        cents = finite * 100
    rounded = np.round(cents)
    # The rounding error of a double grows with its size: allow a few units in the last place
    # too, still under a thousandth of a cent for any amount up to the maximum.
    tolerance = np.maximum(CENT_TOLERANCE, 4 * np.spacing(np.abs(cents)))
    too_many_decimals = np.abs(cents - rounded) > tolerance
    minor = pd.array(rounded, dtype="Int64")
    minor[np.isnan(rounded) | too_many_decimals] = pd.NA
    index = raw.index
    problems = _first_code(
        decimal_comma=pd.Series(decimal_comma, index=index),
        not_a_number=pd.Series(bad, index=index),
        too_large=pd.Series(too_large, index=index),
        too_many_decimals=pd.Series(too_many_decimals, index=index),
        # Judged on the cents read: formula noise around zero (=0.3-0.1-0.2) is zero.
        negative_amount=pd.Series(rounded < 0, index=index),
        zero_amount=pd.Series(rounded == 0 if positive else False, index=index),
    )
    return Parsed(pd.Series(minor, index=index), pd.Series(blank, index=index), problems)


def parse_ints(raw: pd.Series, minimum: int, maximum: int) -> Parsed:
    """Parse a whole-number column into ``Int64``.

    Args:
        raw: the cells.
        minimum: the smallest allowed value.
        maximum: the largest allowed value.

    Returns:
        Problems ``not_a_whole_number``, ``too_small``, ``too_large``.
    """
    _, values, blank = _numbers(raw)
    with np.errstate(invalid="ignore"):
        bad = ~blank & (np.isnan(values) | (values != np.floor(values)))
        small = ~bad & (values < minimum)
        large = ~bad & (values > maximum)
    ints = pd.array(np.where(bad | small | large, np.nan, values), dtype="Int64")
    index = raw.index
    problems = _first_code(
        not_a_whole_number=pd.Series(bad, index=index),
        too_small=pd.Series(small, index=index),
        too_large=pd.Series(large, index=index),
    )
    return Parsed(pd.Series(ints, index=index), pd.Series(blank, index=index), problems)


def flag_unread(parsed: Parsed, unread: Mapping[int, str]) -> Parsed:
    """Return ``parsed`` with cells that the engines read as empty, but are not, flagged.

    Args:
        parsed: a parsed column, indexed by sheet row.
        unread: sheet row -> problem code (a formula without a computed value, an error value).

    Returns:
        The column with those cells not blank and carrying their code alone.
    """
    if not unread:
        return parsed
    index = parsed.blank.index
    codes = pd.Series(unread, dtype=object).reindex(index)
    masks = {code: codes.eq(code).to_numpy() for code in sorted(set(unread.values()))}
    flagged = codes.notna().to_numpy()
    return Parsed(
        parsed.values,
        parsed.blank & ~flagged,
        _first_code(**{c: pd.Series(m, index=index) for c, m in masks.items()}, **parsed.problems),
    )


def parse_choices(raw: pd.Series, choices: ChoiceList) -> Parsed:
    """Map every accepted label or alias (any language, any case) to its code.

    Distinct values are few, so the cells are dictionary-encoded and only those converted.

    Returns:
        Codes as ``object`` (``""`` when blank); problem ``unknown_choice``.
    """
    text, blank = _stripped(raw)
    encoded = pc.dictionary_encode(text).combine_chunks()
    positions = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
    lookup = choices.lookup()
    found = [lookup.get(label.casefold()) for label in encoded.dictionary.to_pylist()]
    # Position -1 (a blank cell) picks the last entry: no code, not unknown.
    codes = np.array([code or "" for code in found] + [""], dtype=object)
    unknown = np.array([code is None for code in found] + [False])[positions]
    values = codes[positions]
    index = raw.index
    return Parsed(
        pd.Series(values, index=index, dtype=object),
        pd.Series(blank, index=index),
        {"unknown_choice": pd.Series(unknown, index=index)},
    )


def parse_flags(raw: pd.Series, choices: ChoiceList) -> Parsed:
    """Parse a Y/N column into ``bool`` (blank is No); problem ``unknown_choice``."""
    parsed = parse_choices(raw, choices)
    yes = parsed.values.to_numpy() == "yes"
    return Parsed(pd.Series(yes, index=raw.index), parsed.blank, parsed.problems)


def _first_code(**masks: pd.Series) -> dict[str, pd.Series]:
    """Keep at most one code per cell: the first mask that flags it."""
    taken: np.ndarray | None = None
    out: dict[str, pd.Series] = {}
    for code, mask in masks.items():
        flags = mask.to_numpy(dtype=bool, na_value=False)
        if taken is not None:
            flags = flags & ~taken
        out[code] = pd.Series(flags, index=mask.index)
        taken = flags if taken is None else taken | flags
    return out
