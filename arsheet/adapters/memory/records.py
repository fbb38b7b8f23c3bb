"""Records (contract column key -> domain value) as the rows of a new record sheet in memory.

A record is checked as an appended row is (:mod:`arsheet.book.new_records`): each value must
read back as itself, and what is written is what a file would hold (a choice or a flag as its
label in the sheet's language, money as a ``Decimal``). A pandas frame's blanks (NaN, NaT) and
numpy scalars are taken as the Python values they stand for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from arsheet.book.contract import Sheet
from arsheet.book.layout import SheetLayout
from arsheet.book.new_records import check_new_records
from arsheet.book.next_rows import rows_refused


def header_row(sheet: Sheet, lang: str) -> list[object]:
    """Return the header row of a record sheet's input columns in language ``lang``."""
    return [c.header(lang) for c in sheet.inputs]


def record_rows(
    path: Path, sheet: Sheet, records: Sequence[Mapping[str, object]], lang: str
) -> list[list[object]]:
    """Return records as the rows below :func:`header_row` (contract input-column order).

    Args:
        path: the book, named in errors.
        sheet: the contract record sheet.
        records: contract column key -> value, one mapping per record.
        lang: the book's language, for the labels of choices and flags.

    Raises:
        RowsRefused: a value does not fit its column, located at its cell.
    """
    if not records:
        return []
    keys = [c.key for c in sheet.inputs]
    layout = SheetLayout(
        sheet.key,
        sheet.name(lang),
        1,
        {key: col for col, key in enumerate(keys, 1)},
        len(keys),
        lang,
    )
    rows = [{key: _plain(value) for key, value in record.items()} for record in records]
    checked = check_new_records(sheet, layout, 2, rows, date1904=False)
    if checked.problems:
        raise rows_refused(path, checked.problems, {sheet.key: layout})
    return [[cells.get(key) for key in keys] for cells in checked.cells]


def _plain(value: object) -> object:
    """Return a pandas or numpy value as the Python value it stands for (a blank as None)."""
    if isinstance(value, np.generic):
        value = value.item()
    if not isinstance(value, str) and bool(pd.isna(value)):  # type: ignore[call-overload]
        return None
    return value
