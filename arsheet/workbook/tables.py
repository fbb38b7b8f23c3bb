"""Excel Tables on a record sheet: a Table under the header row bounds the sheet's data rows.

When the header row of a record sheet heads an Excel Table (``xl/tables/tableN.xml``, reached
through the sheet's relationships), the records are exactly the Table's body: its totals row and
whatever the user typed below it (a ``=SUM(...)``, notes) are neither read nor written. A row
below the Table that looks like a record is reported, never dropped silently.

Only small package parts are read. Member names are matched the way calamine matches them
(any case, ``\\`` or ``/``), so the reader sees the same sheets as the spreadsheet parser does.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from arsheet.core.problems import Problem, Severity
from arsheet.workbook.address import column_letter, column_number
from arsheet.workbook.contract import Sheet
from arsheet.workbook.layout import SheetLayout
from arsheet.workbook.package import loose_name
from arsheet.workbook.rawbook import SheetCells

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
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
        Table's last body row, and one warning per record-looking row below the Table.
    """
    key = next(c.key for c in sheet.inputs if c.required)
    col = layout.columns.get(key)
    table = next(
        (
            t
            for t in sheet_tables(path, layout.name)
            if t.header_row == layout.header_row
            and col is not None
            and t.first_col <= col <= t.last_col
        ),
        None,
    )
    if table is None or col is None:
        return layout, found, []
    below = found.height > table.last_row
    problems = []
    if below:
        first = found.column(col, table.last_row + 1)
        typed = first[first.notna() & (first.astype("string").str.strip() != "")].index
        letter = column_letter(col)
        formulas = formula_cells(path, layout.name, [f"{letter}{row}" for row in typed])
        problems = [
            Problem(
                sheet.key,
                int(row),
                key,
                "below_table",
                Severity.WARNING,
                params=(("table", table.name),),
            )
            for row in typed
            if f"{letter}{row}" not in formulas
        ]
    height = min(found.height, table.last_body_row)
    cut = dataclasses.replace(found, height=height)
    return dataclasses.replace(layout, last_row=table.last_body_row), cut, problems


def sheet_tables(path: Path, sheet_name: str) -> tuple[TableRegion, ...]:
    """Return the Tables on sheet ``sheet_name`` of the book at ``path`` (none if unreadable)."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = _Parts(package)
            sheet = parts.sheet_part(sheet_name)
            if sheet is None:
                return ()
            tables = parts.related(sheet, "/table")
            return tuple(region for region in (_region(parts.parse(t)) for t in tables) if region)
    except (zipfile.BadZipFile, OSError, KeyError, etree.XMLSyntaxError):
        return ()


def formula_cells(path: Path, sheet_name: str, addresses: list[str]) -> set[str]:
    """Return which of the cells ``addresses`` (``"A120"``, top to bottom) hold a formula."""
    if not addresses:
        return set()
    try:
        with zipfile.ZipFile(path) as package:
            parts = _Parts(package)
            part = parts.sheet_part(sheet_name)
            xml = parts.read(part) if part else b""
    except (zipfile.BadZipFile, OSError, KeyError, etree.XMLSyntaxError):
        return set()
    found = set()
    pos = 0
    # The addresses go down the sheet, so each search starts where the one before ended.
    for address in addresses:
        cell = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="' + address.encode() + rb'"[^>]*?(/?)>')
        match = cell.search(xml, pos)
        if match is None:
            continue
        pos = match.end()
        if not match.group(1) and re.compile(rb"\s*<(?:\w+:)?f\b").match(xml, pos):
            found.add(address)
    return found


class _Parts:
    """The parts of a package, found by name in any case and with either slash."""

    def __init__(self, package: zipfile.ZipFile) -> None:
        self._package = package
        self._members = {loose_name(name): name for name in package.namelist()}

    def read(self, name: str) -> bytes:
        return self._package.read(self._members[loose_name(name)])

    def parse(self, name: str) -> etree._Element:
        return etree.fromstring(self.read(name))

    def related(self, part: str, type_suffix: str) -> list[str]:
        """Return the internal targets of ``part``'s relationships whose type ends so."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if loose_name(rels) not in self._members:
            return []
        return [
            posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            if not rel.get("Target", "").startswith("/")
            else rel.get("Target", "").lstrip("/")
            for rel in self.parse(rels).iter(_REL)
            if rel.get("Type", "").endswith(type_suffix) and rel.get("TargetMode") != "External"
        ]

    def sheet_part(self, sheet_name: str) -> str | None:
        workbook = next(iter(self.related("", "/officeDocument")), None)
        if workbook is None:
            return None
        rel_id = next(
            (
                s.get(f"{{{_DOC_REL}}}id")
                for s in self.parse(workbook).iter(f"{_MAIN}sheet")
                if s.get("name") == sheet_name
            ),
            None,
        )
        folder, name = posixpath.split(workbook)
        rels = self.parse(posixpath.join(folder, "_rels", name + ".rels"))
        target = next((r.get("Target", "") for r in rels.iter(_REL) if r.get("Id") == rel_id), "")
        if not target:
            return None
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join(folder, target))


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
