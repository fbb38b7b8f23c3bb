"""Records (contract column key -> domain value) as the cells a user would type in a record sheet.

The conventions of :meth:`arsheet.book.port.BookSink.append`: money in major units as ``Decimal``
or ``int``, never ``float`` (not exact); dates as ``date``/``datetime``; flags as ``bool``;
choices as their code or any of their labels, written as the label in the sheet's language; None
(or NaN, as pandas gives a blank) leaves the cell empty. A value a column cannot take (an unknown
choice, an owned column, a key the contract does not know) is refused before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from arsheet.book.contract import Kind, Sheet
from arsheet.errors import CannotWrite
from arsheet.template.record_sheets import cell_value


def record_cells(
    path: Path, sheet: Sheet, records: Sequence[Mapping[str, object]], lang: str
) -> list[dict[str, object]]:
    """Return each record's cells by column key, as a book of language ``lang`` shows them.

    Args:
        path: the book, named in errors.
        sheet: the contract record sheet.
        records: contract column key -> value, one mapping per record.
        lang: the book's language, for the labels of choices and flags.

    Raises:
        CannotWrite: a key is no input column of ``sheet``, or a choice is not in its list.
    """
    inputs = {c.key: c for c in sheet.inputs}
    rows = []
    for number, record in enumerate(records, start=1):
        unknown = sorted(set(record) - set(inputs))
        if unknown:
            raise CannotWrite(
                path,
                f"{sheet.en}, new row {number}: {', '.join(unknown)} is no column one types in",
                f"{sheet.zh}，新增第 {number} 行：{'、'.join(unknown)} 不是可填写的列",
            )
        rows.append(
            {key: _cell(path, sheet, number, key, value, lang) for key, value in record.items()}
        )
    return rows


def _cell(path: Path, sheet: Sheet, number: int, key: str, value: object, lang: str) -> object:
    column = sheet.column(key)
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):  # type: ignore[call-overload]
        return None
    if column.choices is not None and not isinstance(value, bool):
        code = column.choices.lookup().get(str(value).strip().casefold())
        if code is None:
            raise CannotWrite(
                path,
                f"{sheet.en}, new row {number}: {column.en} {value!r} is not one of "
                f"{', '.join(column.choices.labels('en'))}",
                f"{sheet.zh}，新增第 {number} 行：{column.zh}“{value}”不在"
                f"{'、'.join(column.choices.labels('zh'))}之中",
            )
        value = code == "yes" if column.kind is Kind.FLAG else code
    if isinstance(value, float):
        if column.kind is Kind.MONEY:
            raise CannotWrite(
                path,
                f"{sheet.en}, new row {number}: {column.en} {value!r} is a float, not an exact "
                f"amount; give Decimal({str(value)!r})",
                f"{sheet.zh}，新增第 {number} 行：{column.zh} {value!r} 是浮点数，不是精确金额；"
                f"请用 Decimal({str(value)!r})",
            )
        return value
    try:
        return cell_value(column, value, lang)
    except TypeError as exc:
        raise CannotWrite(
            path,
            f"{sheet.en}, new row {number}: {column.en} cannot hold {value!r}",
            f"{sheet.zh}，新增第 {number} 行：{column.zh}不能填入 {value!r}",
        ) from exc


def header_row(sheet: Sheet, lang: str) -> list[object]:
    """Return the header row of a record sheet's input columns in language ``lang``."""
    return [c.header(lang) for c in sheet.inputs]


def record_rows(
    path: Path, sheet: Sheet, records: Sequence[Mapping[str, object]], lang: str
) -> list[list[object]]:
    """Return records as rows laid out like :func:`header_row` (contract input-column order)."""
    keys = [c.key for c in sheet.inputs]
    return [[row.get(key) for key in keys] for row in record_cells(path, sheet, records, lang)]
