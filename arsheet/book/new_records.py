"""Rows to append to a record sheet, checked by the reader's own rules before anything is written.

A row is a mapping of contract column key -> Python value (the conventions are those of
:meth:`arsheet.book.port.BookSink.append`). Each value is turned into the text a cell holding it
would read as, and that text goes through the very parser the reader uses
(:func:`arsheet.book.records.parse_table`): a value is written only when reading the book back
gives exactly that value, and every value that would not is a located problem. What comes out is
each cell as a book adapter writes it: text (a choice or a flag as its label in the sheet's
language), an ``int``, a ``Decimal`` amount in the currency's major unit, or a ``date``.

Example::

    checked = check_new_records(PAYMENTS, layout, 12, [{"payment_no": "P-9", ...}], False)
    checked.problems    # () when every value fits its column
    checked.cells[0]    # {"payment_no": "P-9", "amount": Decimal("1234.50"), ...}
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa

from arsheet.book.contract import YES_NO, Column, Kind, Sheet
from arsheet.book.layout import SheetLayout
from arsheet.book.port import SheetCells
from arsheet.book.records import parse_table
from arsheet.core.problems import Problem, Severity

#: The most characters an Excel cell holds; Excel repairs a file with a longer one.
MAX_CELL_TEXT = 32_767

#: What no workbook can hold as text: half a UTF-16 pair is no character (UTF-8 has none), and
#: U+FFFE and U+FFFF, which XML forbids, Excel stores escaped and the reader reads escaped.
_UNSTORABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")

#: What a cell is written as: text, a whole number, an exact amount, a date.
CellValue = str | int | Decimal | date

#: The Python types each kind of column takes besides ``str`` (read as a cell's text would be).
_TAKES: dict[Kind, tuple[type, ...]] = {
    Kind.ID: (int,),
    Kind.DATE: (date,),
    Kind.MONEY: (Decimal, int),
    Kind.INT: (int,),
    Kind.FLAG: (bool,),
}


@dataclass(frozen=True)
class NewRecords:
    """Rows checked against a record sheet, ready for a book adapter to write.

    Attributes:
        layout: where the sheet's columns are.
        first_row: the sheet row of the first new record; the others follow it.
        cells: per new row, column key -> the value to write (columns left empty are absent).
        problems: every value that does not fit its column, located at the new rows; nothing
            is to be written unless this is empty.
    """

    layout: SheetLayout
    first_row: int
    cells: tuple[dict[str, CellValue], ...]
    problems: tuple[Problem, ...]


def check_new_records(
    sheet: Sheet,
    layout: SheetLayout,
    first_row: int,
    rows: Sequence[Mapping[str, object]],
    date1904: bool,
) -> NewRecords:
    """Check ``rows`` for record sheet ``sheet`` and return the cells to write.

    Args:
        sheet: the contract record sheet.
        layout: where the reader finds the sheet's columns.
        first_row: the sheet row the first new row goes to.
        rows: contract column key -> value, one mapping per new row.
        date1904: the book's date system.

    Returns:
        The cells to write, or the problems that stop the append (all errors: a value the
        reader would merely warn about is not written either).
    """
    rows = [{key: plain(value) for key, value in values.items()} for values in rows]
    problems: list[Problem] = []
    texts: dict[str, dict[int, str]] = {}
    for offset, values in enumerate(rows):
        problems += _row_texts(sheet, layout, first_row + offset, values, texts)
    last_row = first_row + len(rows) - 1
    parsed, found = _parse(sheet, layout, first_row, last_row, texts, date1904)
    # A value refused above is not given to the parser, which would call its cell empty too.
    told = {(p.row, p.field) for p in problems}
    problems += [
        dataclasses.replace(p, severity=Severity.ERROR)
        for p in found
        if (p.row, p.field) not in told
    ]
    if date1904:
        problems += _before_1904(sheet, parsed)
    if problems:
        return NewRecords(layout, first_row, (), tuple(problems))
    cells = tuple(
        {
            key: _cell(sheet.column(key), value, parsed.at[first_row + offset, key], layout.lang)
            for key, value in values.items()
            if not _empty(value)
        }
        for offset, values in enumerate(rows)
    )
    return NewRecords(layout, first_row, cells, ())


def _before_1904(sheet: Sheet, parsed: pd.DataFrame) -> list[Problem]:
    """Return a problem for each date before 1904-01-01, which a 1904 book cannot hold."""
    first = pd.Timestamp(1904, 1, 1)
    return [
        Problem(sheet.key, int(row), column.key, "before_1904", value=str(day.date()))
        for column in sheet.inputs
        if column.kind is Kind.DATE and column.key in parsed
        for row, day in parsed[column.key].items()
        if pd.notna(day) and day < first
    ]


def plain(value: object) -> object:
    """Return ``value`` as Python's own: numpy's and pandas' scalars as such, their blanks as None.

    A row of a frame (``df.iloc[n]``, ``itertuples``) holds ``numpy.int64``, ``Timestamp`` and
    NaN or NA where a cell is empty; those are what a user appends from pandas.
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).to_pydatetime()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _row_texts(
    sheet: Sheet,
    layout: SheetLayout,
    row: int,
    values: Mapping[str, object],
    texts: dict[str, dict[int, str]],
) -> list[Problem]:
    """Add the text of each value of one row to ``texts``; return what cannot be written."""
    if all(_empty(v) for v in values.values()):
        return [Problem(sheet.key, row, None, "append_empty_row")]
    columns = {c.key: c for c in sheet.columns}
    problems: list[Problem] = []
    for key, value in values.items():
        column = columns.get(key)
        if column is None:
            problems.append(Problem(sheet.key, row, None, "append_unknown_column", value=key))
        elif column.owned:
            problems.append(Problem(sheet.key, row, key, "append_owned_column"))
        elif _empty(value):
            continue
        elif key not in layout.columns:
            problems.append(Problem(sheet.key, row, key, "append_column_missing"))
        elif (text := _text(column, value)) is None:
            problems.append(_wrong_type(sheet, row, column, value))
        elif _UNSTORABLE.search(text):
            problems.append(Problem(sheet.key, row, key, "append_unstorable_text"))
        elif len(text) > MAX_CELL_TEXT:
            problems.append(
                Problem(sheet.key, row, key, "append_text_too_long", value=f"{len(text):,}")
            )
        else:
            texts.setdefault(key, {})[row] = text
    return problems


def _text(column: Column, value: object) -> str | None:
    """Return the text a cell holding ``value`` reads as, or None if the column cannot take it."""
    if isinstance(value, str):
        return value
    takes = _TAKES.get(column.kind, ())
    # bool is an int and datetime a date: each is taken only where it is named.
    if isinstance(value, bool):
        return ("yes" if value else "no") if bool in takes else None
    if isinstance(value, datetime):
        midnight = value.tzinfo is None and value.time() == time()
        return value.date().isoformat() if midnight and date in takes else None
    if not isinstance(value, takes):
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _wrong_type(sheet: Sheet, row: int, column: Column, value: object) -> Problem:
    expected = " or ".join(t.__name__ for t in (*_TAKES.get(column.kind, ()), str))
    return Problem(
        sheet.key,
        row,
        column.key,
        "append_wrong_type",
        value=str(value),
        params=(("type", type(value).__name__), ("expected", expected)),
    )


def _parse(
    sheet: Sheet,
    layout: SheetLayout,
    first_row: int,
    last_row: int,
    texts: dict[str, dict[int, str]],
    date1904: bool,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse the new rows' texts as the reader parses cells, at their sheet rows."""
    above = first_row - 1
    columns = {}
    for column in sheet.inputs:
        if column.key in layout.columns:
            by_row = texts.get(column.key, {})
            new = [by_row.get(row) for row in range(first_row, last_row + 1)]
            # The rows above are never looked at: nulls, which arrow holds without text.
            columns[layout.columns[column.key]] = pa.chunked_array(
                [pa.nulls(above, pa.string()), pa.array(new, pa.string())]
            )
    at_new_rows = dataclasses.replace(layout, header_row=above, last_row=None)
    frame, problems, _ = parse_table(sheet, at_new_rows, SheetCells(columns, last_row), date1904)
    return frame, problems


def _cell(column: Column, value: object, parsed: object, lang: str) -> CellValue:
    """Return what to write for ``value``: as given where the reader reads it unchanged."""
    match column.kind:
        case Kind.DATE:
            return pd.Timestamp(parsed).date()  # type: ignore[arg-type]
        case Kind.MONEY:
            return Decimal(int(parsed)).scaleb(-2)  # type: ignore[call-overload]
        case Kind.INT:
            return int(parsed)  # type: ignore[call-overload]
        case Kind.CHOICE:
            assert column.choices is not None
            return column.choices.label_of(str(parsed), lang)
        case Kind.FLAG:
            return YES_NO.label_of("yes" if parsed else "no", lang)
        case _:
            return value if isinstance(value, int) else str(value)
