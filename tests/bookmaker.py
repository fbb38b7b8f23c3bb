"""Write small contract workbooks from inline rows, so tests read like the sheets they describe.

Example::

    make_book(tmp_path / "b.xlsx", {
        "customers": [["C1", "Acme"]],
        "transactions": [["INV-1", "C1", "Invoice", date(2024, 9, 1), None, 100]],
    })

Rows are in contract input-column order; the contract's header row (in ``lang``) is put on top
unless the rows already hold a header row of that sheet (any language, anywhere, e.g. below a
title). Customers, Transactions and Payments always exist (pass ``None`` to leave one out);
Settings rows are written as given. A key that is no contract sheet key is used as a tab name.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from arsheet.book.contract import (
    CUSTOMERS,
    PAYMENTS,
    RECORD_SHEETS,
    SETTINGS_SHEET,
    TRANSACTIONS,
)
from arsheet.book.headers import header_index, normalize

Rows = list[list[object]]
_SHEETS = {s.key: s for s in (*RECORD_SHEETS, SETTINGS_SHEET)}


def make_book(
    path: Path,
    sheets: dict[str, Rows | None],
    lang: str = "en",
    date1904: bool = False,
) -> Path:
    """Write a minimal workbook at ``path`` and return ``path``.

    Args:
        path: where to write the .xlsx file.
        sheets: contract sheet key (or literal tab name) -> rows; ``None`` omits the sheet.
        lang: language of the tab names and of added header rows.
        date1904: use the 1904 date system.
    """
    wanted: dict[str, Rows | None] = {s.key: [] for s in (CUSTOMERS, TRANSACTIONS, PAYMENTS)}
    wanted.update(sheets)
    workbook = openpyxl.Workbook()
    if date1904:
        workbook.epoch = CALENDAR_MAC_1904
    workbook.remove(workbook.active)
    for key, rows in wanted.items():
        if rows is None:
            continue
        sheet = _SHEETS.get(key)
        ws = workbook.create_sheet(sheet.name(lang) if sheet else key)
        if sheet is not None and sheet is not SETTINGS_SHEET and not _has_header(sheet, rows):
            rows = [[c.header(lang) for c in sheet.inputs], *rows]
        for row in rows:
            ws.append(row)
    workbook.save(path)
    return path


def _has_header(sheet: object, rows: Rows) -> bool:
    index = header_index(sheet)  # type: ignore[arg-type]
    return any(sum(normalize(cell) in index for cell in row) >= 2 for row in rows)
