"""The Tables of a sheet in an .xlsx package, and which of a column's cells hold formulas.

Only small package parts are read, from the package the run opened; the whole sheet XML is read
only to find formulas below a Table (:func:`formula_rows`), which is rare.
"""

from __future__ import annotations

import re

from lxml import etree

from arsheet.adapters.xlsx.package import DAMAGE, Package
from arsheet.book.address import column_letter, column_number
from arsheet.book.port import TableRegion

_RANGE = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")


#: What reading a damaged package's small parts may raise; its Tables are then not known.
_PACKAGE_ERRORS = (*DAMAGE, KeyError, etree.XMLSyntaxError)


def sheet_tables(package: Package, sheet_name: str) -> tuple[TableRegion, ...]:
    """Return the Tables on sheet ``sheet_name`` of ``package`` (none if unreadable)."""
    sheet = package.sheets.get(sheet_name)
    if sheet is None:
        return ()
    try:
        tables = [etree.fromstring(package.read(t)) for t in package.related(sheet.part, "/table")]
    except _PACKAGE_ERRORS:
        return ()
    return tuple(region for region in map(_region, tables) if region)


def formula_rows(package: Package, sheet_name: str, col: int) -> set[int]:
    """Return the rows whose cell in column ``col`` of sheet ``sheet_name`` holds a formula."""
    sheet = package.sheets.get(sheet_name)
    try:
        xml = package.read(sheet.part) if sheet else b""
    except _PACKAGE_ERRORS:
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
