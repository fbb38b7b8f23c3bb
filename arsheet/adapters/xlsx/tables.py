"""Excel Tables on a record sheet: a Table under the header row bounds the sheet's data rows.

When the header row of a record sheet heads an Excel Table (``xl/tables/tableN.xml``, reached
through the sheet's relationships), the records are the Table's body: its totals row and whatever
the user typed below it (a ``=SUM(...)``, notes) are neither read nor written. Excel grows a Table
as rows are typed under it; LibreOffice, WPS and scripts (openpyxl's ``append``) do not, so under
a Table without a totals row the records go on down to the last row below it that looks like one
(a value, not a formula, in the sheet's first required column), with one warning to resize the
Table. A record-looking row below a totals row is reported, never dropped silently.

Only small package parts are read, found as :mod:`.sheetparts` finds them.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from arsheet.adapters.xlsx.rawbook import SheetCells
from arsheet.adapters.xlsx.sheetparts import PACKAGE_ERRORS, SheetParts
from arsheet.book.address import column_letter, column_number
from arsheet.book.contract import Sheet
from arsheet.book.layout import SheetLayout
from arsheet.core.problems import Problem, Severity

_RANGE = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")


@dataclass(frozen=True)
class TableRegion:
    """Where one Table lies on its sheet (1-based rows and columns).

    Attributes:
        name: the Table's name as Excel shows it (``displayName``).
        header_row: the row of its header, or None for a Table without one.
        first_col: its leftmost column.
        last_col: its rightmost column.
        last_body_row: the last row of its body (above the totals row, if any).
        last_row: its last row, the totals row included.
    """

    name: str
    header_row: int | None
    first_col: int
    last_col: int
    last_body_row: int
    last_row: int


def fit_to_table(
    path: Path, sheet: Sheet, layout: SheetLayout, found: SheetCells
) -> tuple[SheetLayout, SheetCells, list[Problem]]:
    """Bound a record sheet's data rows by the Table its header row heads, if there is one.

    Args:
        path: the workbook.
        sheet: the contract sheet.
        layout: where its header was found.
        found: the sheet's cells.

    Returns:
        The layout (with ``last_row`` set when a Table bounds the data), the cells down to the
        last data row, and the warnings: one for record-looking rows read below a Table without
        a totals row, one per record-looking row left below a totals row.
    """
    key = next(c.key for c in sheet.inputs if c.required)
    col = layout.columns.get(key)
    table = next(
        (
            t
            for t in sheet_tables(path, layout.name)
            if col is not None
            and t.header_row == layout.header_row
            and t.first_col <= col <= t.last_col
        ),
        None,
    )
    if table is None or col is None:
        return layout, found, []
    below = _records_below(path, layout.name, found, table, col)
    named = (("table", table.name),)
    if below and table.last_row == table.last_body_row:
        last_row = below[-1]
        problems = [
            Problem(
                sheet.key,
                table.last_row + 1,
                None,
                "rows_below_table",
                Severity.WARNING,
                params=(*named, ("last", str(last_row))),
            )
        ]
    else:
        last_row = table.last_body_row
        problems = [
            Problem(sheet.key, row, key, "below_table", Severity.WARNING, params=named)
            for row in below
        ]
    cut = dataclasses.replace(found, height=min(found.height, last_row))
    return dataclasses.replace(layout, last_row=last_row), cut, problems


def _records_below(
    path: Path, sheet_name: str, found: SheetCells, table: TableRegion, col: int
) -> list[int]:
    """Return the rows below ``table`` with a value, not a formula, in column ``col``."""
    if found.height <= table.last_row:
        return []
    first = found.column(col, table.last_row + 1)
    typed = first.index[(first.fillna("").str.strip() != "").to_numpy(dtype=bool)]
    if not len(typed):
        return []
    formulas = formula_rows(path, sheet_name, col)
    return [int(row) for row in typed if int(row) not in formulas]


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
