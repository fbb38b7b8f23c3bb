"""The Tables of a sheet in an .xlsx package, and which of a column's cells hold formulas.

Only small package parts are read, found as :mod:`.sheetparts` finds them; the whole sheet XML is
read only to find formulas below a Table (:func:`formula_rows`), which is rare.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from arsheet.adapters.xlsx.sheetparts import PACKAGE_ERRORS, SheetParts
from arsheet.book.address import column_letter, column_number
from arsheet.book.port import TableRegion

_RANGE = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")


def sheet_tables(path: Path, sheet_name: str) -> tuple[TableRegion, ...]:
    """Return the Tables on sheet ``sheet_name`` of the book at ``path`` (none if unreadable)."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = SheetParts(package)
            sheet = parts.sheet(sheet_name)
            if sheet is None:
                return ()
            tables = parts.related(sheet, "/table")
            return tuple(region for region in (_region(parts.parse(t)) for t in tables) if region)
    except PACKAGE_ERRORS:
        return ()


def formula_rows(path: Path, sheet_name: str, col: int) -> set[int]:
    """Return the rows whose cell in column ``col`` of sheet ``sheet_name`` holds a formula."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = SheetParts(package)
            part = parts.sheet(sheet_name)
            xml = parts.read(part) if part else b""
    except PACKAGE_ERRORS:
        return set()
    # One pass over the sheet, however many rows there are: a cell of the column, not empty
    # (its start tag not closed by "/>"), whose first child is a formula.
    cell = re.compile(
        rb'<(?:\w+:)?c\b[^>]*?\sr="' + column_letter(col).encode() + rb'(\d+)"[^>]*?(?<!/)>'
        rb"\s*<(?:\w+:)?f\b"
    )
    return {int(row) for row in cell.findall(xml)}


def _region(table: etree._Element) -> TableRegion | None:
    found = _RANGE.match(table.get("ref", ""))
    if found is None:
        return None
    first_col, first_row = column_number(found.group(1)), int(found.group(2))
    last_col = column_number(found.group(3) or found.group(1))
    last_row = int(found.group(4) or found.group(2))
    headers = int(table.get("headerRowCount", "1"))
    totals = int(table.get("totalsRowCount", "0"))
    return TableRegion(
        name=table.get("displayName") or table.get("name") or "",
        header_row=first_row if headers else None,
        first_col=first_col,
        last_col=last_col,
        last_body_row=last_row - totals,
        last_row=last_row,
    )
