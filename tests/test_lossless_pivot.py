"""A pivot table made by a real spreadsheet application survives a recalculation untouched.

XlsxWriter and openpyxl cannot make pivot tables, so LibreOffice makes one: the test writes a
flat OpenDocument spreadsheet with the contract's sheets and a DataPilot over Transactions, and
LibreOffice exports it to .xlsx with its own pivot table and pivot cache parts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from conftest import LibreOffice
from golden import parts

from arsheet.book.contract import CUSTOMERS, PAYMENTS, TRANSACTIONS, Sheet
from arsheet.cli import main

pytestmark = pytest.mark.libreoffice

ROWS = {
    CUSTOMERS: [["C1", "Acme Trading"], ["C2", "北方贸易"]],
    TRANSACTIONS: [
        ["INV-1", "C1", "Invoice", date(2024, 1, 1), date(2024, 1, 31), 100],
        ["INV-2", "C2", "Invoice", date(2024, 2, 1), date(2024, 3, 2), 250.5],
        ["INV-3", "C1", "Invoice", date(2024, 3, 1), date(2024, 3, 31), 75],
    ],
    PAYMENTS: [["P-1", "C1", date(2024, 2, 10), 120]],
}

PIVOT = """<table:data-pilot-tables>
<table:data-pilot-table table:name="ByCustomer" table:target-range-address="Pivot.A1:Pivot.B6"
 table:buttons="Pivot.A1">
<table:source-cell-range table:cell-range-address="Transactions.A1:Transactions.F4"/>
<table:data-pilot-field table:source-field-name="Customer ID" table:orientation="row"/>
<table:data-pilot-field table:source-field-name="Amount" table:orientation="data"
 table:function="sum"/>
</table:data-pilot-table>
</table:data-pilot-tables>"""


def _cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    text = escape(str(value))
    return (
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


def _table(name: str, rows: list[list[object]]) -> str:
    body = "".join(
        "<table:table-row>" + "".join(map(_cell, row)) + "</table:table-row>" for row in rows
    )
    return f'<table:table table:name="{escape(name)}">{body}</table:table>'


def flat_ods(sheets: dict[Sheet, list[list[object]]]) -> str:
    """Return a flat OpenDocument spreadsheet: the contract sheets, a Pivot sheet, the pivot."""
    tables = [_table(s.en, [[c.en for c in s.inputs], *rows]) for s, rows in sheets.items()]
    tables.append(_table("Pivot", [[None]]))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
        ' office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
        "<office:body><office:spreadsheet>" + "".join(tables) + PIVOT + "</office:spreadsheet>"
        "</office:body></office:document>"
    )


def test_pivot_parts_stay_byte_identical_and_open_again(
    libreoffice: LibreOffice, tmp_path: Path
) -> None:
    source = tmp_path / "pivot_book.fods"
    source.write_text(flat_ods(ROWS), encoding="utf-8")
    (book,) = libreoffice.convert([source], "xlsx", tmp_path / "made")
    before = parts(book)
    pivots = [n for n in before if n.startswith(("xl/pivotTables/", "xl/pivotCache/"))]
    assert len(pivots) >= 3, sorted(before)

    assert main(["recalc", str(book), "--as-of", "2024-03-31", "--no-backup"]) == 0

    after = parts(book)
    for name in pivots:
        assert after[name] == before[name], name
    assert b"pivotCaches" in after["xl/workbook.xml"]

    (reopened,) = libreoffice.convert([book], "xlsx", tmp_path / "reopened")
    assert any(n.startswith("xl/pivotTables/") for n in parts(reopened))
