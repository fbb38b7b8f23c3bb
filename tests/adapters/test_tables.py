"""A record sheet laid out as an Excel Table: its body is the data, the rest is the user's.

The totals row (SUBTOTAL formulas) and what the user typed below the Table are never read as
records and never written; a row below the Table that looks like a record is reported.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from contextlib import nullcontext
from datetime import date, datetime
from pathlib import Path
from unittest import mock

import openpyxl
import pandas as pd
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from payments_layout import PAYMENTS_LAYOUT

from arsheet.adapters.xlsx import sheetscan
from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.adapters.xlsx.patch import RecordPatch
from arsheet.book.content import Style
from arsheet.book.contract import CUSTOMERS, PAYMENTS, TRANSACTIONS
from arsheet.book.layout import OwnedColumns
from arsheet.book.messages import describe_all
from arsheet.cli import main
from arsheet.pipeline import load

SHEET = "xl/worksheets/sheet2.xml"
INVOICES = [
    # Document No., Customer ID, Type, Date, Due date, Amount
    ["INV-1", "C1", "Invoice", date(2024, 1, 1), date(2024, 1, 31), 100],
    ["INV-2", "C1", "Invoice", date(2024, 2, 1), date(2024, 3, 2), 250],
    ["INV-3", "C1", "Invoice", date(2024, 3, 1), date(2024, 3, 31), 50],
]


def _book(path: Path) -> Path:
    """Customers, Payments, and Transactions as a Table with a totals row and cells below it.

    Row 5 is the totals row; row 7 holds the user's own sums under Amount (F) and Open amount
    (M, an arsheet column); row 8 looks like a record; row 9 starts with a formula.
    """
    book = xlsxwriter.Workbook(path)
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    for sheet, rows in ((CUSTOMERS, [["C1", "Acme"]]), (TRANSACTIONS, []), (PAYMENTS, [])):
        ws = book.add_worksheet(sheet.en)
        if sheet is not TRANSACTIONS:
            ws.write_row(0, 0, [c.en for c in sheet.inputs])
            for r, row in enumerate(rows, start=1):
                ws.write_row(r, 0, row)
            continue
        columns = [{"header": c.en} for c in sheet.columns]
        columns[0]["total_string"] = "Total"
        for key in ("amount", "open_amount"):
            index = [c.key for c in sheet.columns].index(key)
            columns[index]["total_function"] = "sum"
        ws.add_table(
            0,
            0,
            len(INVOICES) + 1,
            len(columns) - 1,
            {"name": "tblTransactions", "columns": columns, "total_row": True},
        )
        for r, row in enumerate(INVOICES, start=1):
            ws.write_row(r, 0, row[:3])
            ws.write_datetime(r, 3, _datetime(row[3]), dates)
            ws.write_datetime(r, 4, _datetime(row[4]), dates)
            ws.write_number(r, 5, row[5])
        ws.write_formula("F7", "=SUM(F2:F4)", None, 400)
        ws.write_formula("M7", "=SUM(M2:M4)", None, 400)
        ws.write_row("A8", ["INV-9", "C1", "Invoice"])
        ws.write_datetime("D8", _datetime(date(2024, 3, 5)), dates)
        ws.write_number("F8", 40)
        ws.write_formula("A9", '="Note "&F7', None, "Note 400")
    book.close()
    return path


def _datetime(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _rows_from(path: Path, first: int) -> list[bytes]:
    """Return the XML of the Transactions rows from row ``first`` down."""
    return _row_xml(zipfile.ZipFile(path).read(SHEET), first)


def test_totals_row_and_cells_below_the_table_are_the_users(tmp_path: Path) -> None:
    book = _book(tmp_path / "book.xlsx")
    before = _rows_from(book, 5)
    loaded = load(XlsxBook(book))
    assert [p.text for p in loaded.located] == [
        "Transactions!A8: this row is below the table tblTransactions and is not read; "
        "resize the table to include it"
    ]
    assert main(["recalc", str(book), "--as-of", "2024-03-31", "--no-backup"]) == 0
    assert _rows_from(book, 5) == before
    sheet = openpyxl.load_workbook(book)["Transactions"]
    assert [sheet[f"M{row}"].value for row in (2, 3, 4)] == [100, 250, 50]
    assert sheet["M5"].value == "=SUBTOTAL(109,[Open amount])"
    assert sheet["M7"].value == "=SUM(M2:M4)"


def test_the_row_below_the_table_is_reported_in_chinese_too(tmp_path: Path) -> None:
    loaded = load(XlsxBook(_book(tmp_path / "book.xlsx")))
    located = describe_all(loaded.read.problems, loaded.read.layouts, "zh")
    assert [p.text for p in located] == [
        "Transactions!A8：此行位于表格 tblTransactions 下方，未被读取；请调整表格范围以包含此行"
    ]


def _payments_xml(rows: int) -> bytes:
    """Rows 2.. ``rows`` with a payment number and old owned cells I and J."""
    body = b"".join(
        b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="I%d" s="3"><v>1</v></c>'
        b'<c r="J%d"><f>SUM(I2:I%d)</f><v>9</v></c></row>' % (r, r, r, r, r, r)
        for r in range(2, rows + 1)
    )
    return (
        b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Payment No.</t>'
        b"</is></c></row>" + body + b"</sheetData></worksheet>"
    )


@settings(max_examples=40, deadline=None)
@given(
    last_row=st.integers(1, 30),
    rows=st.integers(1, 30),
    chunk=st.sampled_from([37, 150, 1 << 20]),
    general=st.booleans(),
)
def test_owned_cells_below_the_tables_last_row_are_never_touched(
    last_row: int, rows: int, chunk: int, general: bool
) -> None:
    xml = _payments_xml(rows)
    layout = dataclasses.replace(PAYMENTS_LAYOUT, last_row=last_row)
    index = list(range(2, min(rows, last_row) + 1))
    values = pd.DataFrame({"applied": pd.array([7] * len(index), dtype="Int64")}, index=index)
    patch = RecordPatch(
        OwnedColumns(layout, values), dict.fromkeys(Style, 5), 9, "en", False, Path("x")
    )
    with mock.patch.object(sheetscan, "scan", return_value=None) if general else nullcontext():
        out = b"".join(patch.apply(xml[i : i + chunk] for i in range(0, len(xml), chunk)))
    assert _row_xml(out, last_row + 1) == _row_xml(xml, last_row + 1)
    for row in index:
        assert (
            b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="I%d" s="5"><v>0.07</v></c>'
            % (row, row, row, row)
            in out
        )


def _row_xml(xml: bytes, first: int) -> list[bytes]:
    rows = re.finditer(rb'<row r="(\d+)".*?</row>', xml, re.DOTALL)
    return [row.group() for row in rows if int(row.group(1)) >= first]


def test_records_added_below_a_table_that_did_not_grow_are_read(tmp_path: Path) -> None:
    """LibreOffice, WPS and openpyxl's ``append`` add rows under a Table without growing it."""
    book = tmp_path / "b.xlsx"
    assert main(["new", str(book)]) == 0
    workbook = openpyxl.load_workbook(book)
    workbook["Customers"].append(["C1", "Acme"])
    transactions = workbook["Transactions"]
    table_end = int(re.sub(r"\D", "", transactions.tables["tblTransactions"].ref.split(":")[1]))
    for row in INVOICES:
        transactions.append(row)
    last = transactions.max_row
    transactions.cell(last + 2, 13, "=SUM(M2:M9)")  # the user's own sum, after a blank row
    workbook.save(book)
    assert last > table_end

    loaded = load(XlsxBook(book))
    grown = " did not grow when records were added below it, down to row "
    read = "; they are read as records: resize the table to include them"
    assert [p.text for p in loaded.located] == [
        f"Customers!3:3: the table tblCustomers{grown}3{read}",
        f"Transactions!{table_end + 1}:{table_end + 1}:"
        f" the table tblTransactions{grown}{last}{read}",
    ]
    assert loaded.book.transactions["document_no"].tolist() == ["INV-1", "INV-2", "INV-3"]
    assert main(["recalc", str(book), "--as-of", "2024-03-31", "--no-backup"]) == 0
    values = openpyxl.load_workbook(book)["Transactions"]
    assert [values.cell(r, 13).value for r in range(last - 2, last + 1)] == [100, 250, 50]
    assert values.cell(last + 2, 13).value == "=SUM(M2:M9)"
