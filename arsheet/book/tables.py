"""Excel Tables on a record sheet: a Table under the header row bounds the sheet's data rows.

When the header row of a record sheet heads an Excel Table (``xl/tables/tableN.xml``, reached
through the sheet's relationships), the records are the Table's body: its totals row and whatever
the user typed below it (a ``=SUM(...)``, notes) are neither read nor written. Excel grows a Table
as rows are typed under it; LibreOffice, WPS and scripts (openpyxl's ``append``) do not, so under
a Table without a totals row the records go on down to the last row below it that looks like one
(a value, not a formula, in the sheet's first required column), with one warning to resize the
Table. A record-looking row below a totals row is reported, never dropped silently.
"""

from __future__ import annotations

import dataclasses

from arsheet.book.contract import Sheet
from arsheet.book.layout import SheetLayout
from arsheet.book.port import BookSource, SheetCells, TableRegion
from arsheet.core.problems import Problem, Severity


def fit_to_table(
    source: BookSource, sheet: Sheet, layout: SheetLayout, found: SheetCells
) -> tuple[SheetLayout, SheetCells, list[Problem]]:
    """Bound a record sheet's data rows by the Table its header row heads, if there is one.

    Args:
        source: the book.
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
            for t in source.tables(layout.name)
            if col is not None
            and t.header_row == layout.header_row
            and t.first_col <= col <= t.last_col
        ),
        None,
    )
    if table is None or col is None:
        return layout, found, []
    below = _records_below(source, layout.name, found, table, col)
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
    source: BookSource, sheet_name: str, found: SheetCells, table: TableRegion, col: int
) -> list[int]:
    """Return the rows below ``table`` with a value, not a formula, in column ``col``."""
    if found.height <= table.last_row:
        return []
    first = found.column(col, table.last_row + 1)
    typed = first.index[(first.fillna("").str.strip() != "").to_numpy(dtype=bool)]
    if not len(typed):
        return []
    formulas = source.formula_rows(sheet_name, col)
    return [int(row) for row in typed if int(row) not in formulas]
