"""Turn a located table's cells into a typed frame of its valid records plus located problems.

Used for the record sheets and for the Dunning levels table on the Settings sheet. The frame's
index is the 1-based sheet row; rows blank in every input column are skipped silently; a row with
an error is reported and left out of the frame. A bad value in a column the row can do without
(:attr:`Column.dispensable`, e.g. a negative credit limit) is a warning instead: the field is
read as empty and the row stays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from arsheet.book import cells
from arsheet.book.contract import Column, Kind, Sheet
from arsheet.book.layout import SheetLayout
from arsheet.book.port import SheetCells, UnreadCell
from arsheet.core.book import AMOUNT, DATE, FLAG, OPTIONAL, TEXT
from arsheet.core.problems import Problem, Severity

#: The smallest value allowed in whole-number columns and settings.
INT_MINIMUM = {
    "terms_days": 0,
    "installment": 1,
    "notice_level": 0,
    "level": 0,
    "days_overdue_from": -3650,
    "min_days_since_last": 0,
    "default_terms_days": 0,
    "grace_days": 0,
    # Credit scoring (Settings)
    "hold_days_overdue": 0,
    "weight": 0,
    "full_at": 1,
    "score_from": 0,
    "limit_months": 0,
}
#: The largest value allowed in whole-number columns and settings: ten years of days, more
#: installments or dunning levels than any plan or ladder has. Larger numbers are typing slips.
INT_MAXIMUM = {
    "terms_days": 3650,
    "installment": 1200,
    "notice_level": 99,
    "level": 99,
    "days_overdue_from": 3650,
    "min_days_since_last": 3650,
    "default_terms_days": 3650,
    "grace_days": 3650,
    # Credit scoring (Settings): points and scores out of 100, ten years of months
    "hold_days_overdue": 3650,
    "weight": 100,
    "full_at": 3650,
    "score_from": 100,
    "limit_months": 120,
}
#: The largest bound of the Aging buckets setting, ten years of days likewise (a bound beyond
#: int64 could not even be compared with days overdue).
AGING_BOUND_MAXIMUM = 3650


def empty_frame(sheet: Sheet) -> pd.DataFrame:
    """Return a frame with the sheet's input columns typed as :mod:`arsheet.core.book` says."""
    return pd.DataFrame(
        {c.key: pd.Series(dtype=_dtype(c)) for c in sheet.inputs},
        index=pd.Index([], dtype="int64"),
    )


def missing_column_problems(
    sheet: Sheet, layout: SheetLayout, keys: Sequence[str]
) -> list[Problem]:
    """Return one error per required column that the header lacks, placed at the header row."""
    return [Problem(sheet.key, layout.header_row, key, "missing_column") for key in keys]


def parse_table(
    sheet: Sheet,
    layout: SheetLayout,
    cells_found: SheetCells,
    date1904: bool,
    stop_at_blank: bool = False,
) -> tuple[pd.DataFrame, list[Problem], pd.DataFrame]:
    """Parse the rows below ``layout.header_row`` column by column.

    Args:
        sheet: the contract sheet or table.
        layout: where its header and columns are.
        cells_found: the sheet's cells.
        date1904: the workbook's date system.
        stop_at_blank: the table ends at its first blank row (a table among other content).

    Returns:
        The frame of rows without errors (index = sheet row), every problem found, and the rows
        left out for an error with the values that could be read (NA or blank where not), so
        that what they take out of the figures can be told.
    """
    present = [c for c in sheet.inputs if c.key in layout.columns]
    if layout.header_row + 1 > cells_found.height or not present:
        return empty_frame(sheet), [], empty_frame(sheet)
    raw, unread, parsed = _read_columns(present, layout, cells_found, date1904)
    blank_row = _blank_rows(parsed)
    if stop_at_blank and blank_row.any():
        blank_row[blank_row.argmax() :] = True
    keep = ~blank_row
    index = raw[present[0].key].index

    problems: list[Problem] = []
    for column in present:
        p = parsed[column.key]
        masks = {code: mask.to_numpy() for code, mask in p.problems.items()}
        if column.required:
            empty = p.blank.to_numpy()
            masks = {"missing_value": empty, **{k: m & ~empty for k, m in masks.items()}}
        severity = Severity.WARNING if column.dispensable else Severity.ERROR
        for code, mask in masks.items():
            for row in index[mask & keep]:
                value = _value(code, raw[column.key], unread[column.key], int(row))
                problems.append(Problem(sheet.key, int(row), column.key, code, severity, value))
        if column.dispensable and masks:
            faulty = np.logical_or.reduce(list(masks.values()))
            parsed[column.key] = cells.Parsed(
                p.values.mask(faulty, _empty(column)), p.blank, p.problems
            )

    bad = [p.row for p in problems if p.severity is Severity.ERROR]
    rejected = keep & index.isin(bad)
    keep &= ~rejected
    rows = index[keep]
    # Each column built with its dtype: text left to inference would become arrow strings.
    frame = pd.DataFrame(
        {
            c.key: pd.Series(
                _kept(parsed[c.key].values, keep) if c.key in parsed else _blank(c, len(rows)),
                index=rows,
                dtype=_dtype(c),
                copy=False,
            )
            for c in sheet.inputs
        },
        copy=False,
    )
    left_out = pd.DataFrame(
        {c.key: parsed[c.key].values.array[rejected] for c in present}, index=index[rejected]
    )
    return frame, problems, left_out


def unreadable_rows(
    sheet: Sheet, layout: SheetLayout, cells_found: SheetCells, date1904: bool
) -> pd.DataFrame:
    """Return the rows of a sheet that cannot be read (a required column is missing).

    They are left out of the figures like rows with an error: returned with the values of the
    columns present (the money on them, when the Amount column is there), so that the banner
    counts them.
    """
    present = [c for c in sheet.inputs if c.key in layout.columns]
    if layout.header_row + 1 > cells_found.height or not present:
        return empty_frame(sheet)
    _, _, parsed = _read_columns(present, layout, cells_found, date1904)
    filled = ~_blank_rows(parsed)
    index = parsed[present[0].key].blank.index
    return pd.DataFrame({k: p.values.array[filled] for k, p in parsed.items()}, index=index[filled])


def _read_columns(
    present: list[Column], layout: SheetLayout, cells_found: SheetCells, date1904: bool
) -> tuple[dict[str, pd.Series], dict[str, Mapping[int, UnreadCell]], dict[str, cells.Parsed]]:
    """Return the raw cells, the unread cells and the parsed values of each column present."""
    first = layout.header_row + 1
    raw = {c.key: cells_found.column(layout.columns[c.key], first) for c in present}
    unread = {c.key: cells_found.unread_in(layout.columns[c.key]) for c in present}
    parsed = {
        c.key: cells.flag_unread(
            _parse(c, raw[c.key], date1904),
            {row: cell.code for row, cell in unread[c.key].items()},
        )
        for c in present
    }
    return raw, unread, parsed


def _blank_rows(parsed: Mapping[str, cells.Parsed]) -> np.ndarray:
    """Return which rows are blank in every column read."""
    return np.logical_and.reduce([p.blank.to_numpy() for p in parsed.values()])


def _value(code: str, raw: pd.Series, unread: Mapping[int, UnreadCell], row: int) -> str:
    """Return the cell as the user sees it, for the problem's message."""
    if row in unread:
        return unread[row].value
    return "" if code == "missing_value" else cells.display(raw[row])


def _kept(values: pd.Series, keep: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Return the values of the rows kept (no copy when every row is kept)."""
    return values.array if keep.all() else values.array[keep]


def _parse(column: Column, raw: pd.Series, date1904: bool) -> cells.Parsed:
    match column.kind:
        case Kind.DATE:
            return cells.parse_dates(raw, date1904)
        case Kind.MONEY | Kind.PERCENT:
            return cells.parse_money(raw, column.required)
        case Kind.INT:
            return cells.parse_ints(raw, INT_MINIMUM[column.key], INT_MAXIMUM[column.key])
        case Kind.FLAG:
            assert column.choices is not None
            return cells.parse_flags(raw, column.choices)
        case Kind.CHOICE:
            assert column.choices is not None
            return cells.parse_choices(raw, column.choices)
        case _:
            text = cells.to_text(raw)
            return cells.Parsed(text, pd.Series(text.to_numpy() == "", index=text.index))


def _dtype(column: Column) -> str:
    match column.kind:
        case Kind.DATE:
            return DATE
        case Kind.MONEY | Kind.PERCENT:
            return AMOUNT if column.required else OPTIONAL
        case Kind.INT:
            return OPTIONAL
        case Kind.FLAG:
            return FLAG
        case _:
            return TEXT


def _empty(column: Column) -> object:
    """Return the value of an empty cell of ``column`` as :mod:`arsheet.core.book` types it."""
    return _blank(column, 1)[0]


def _blank(column: Column, n: int) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """Return ``n`` values of an absent optional column: empty, NA or No."""
    match column.kind:
        case Kind.DATE:
            return np.full(n, np.datetime64("NaT"), dtype=DATE)
        case Kind.MONEY | Kind.PERCENT | Kind.INT:
            return pd.array([pd.NA] * n, dtype=OPTIONAL)
        case Kind.FLAG:
            return np.zeros(n, dtype=FLAG)
        case _:
            return np.full(n, "", dtype=TEXT)
