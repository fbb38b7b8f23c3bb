"""Books to append rows to, and what to look at after: parts, cells and records read back.

Example::

    book = payments_table(tmp_path / "b.xlsx", records=2, table_rows=2, formula=True)
    XlsxBook.for_update(book).append("payments", [new_payment("P-9")])
    records(book)["payments"]      # the Payments frame as arsheet reads it back
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableColumn, TableFormula, TableStyleInfo

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.book.contract import CUSTOMERS, PAYMENTS, TRANSACTIONS
from arsheet.pipeline import Loaded, load

#: The header of a Payments sheet with one user formula column (I) after the inputs.
PAYMENT_HEADER = [*(c.en for c in PAYMENTS.inputs), "Double"]
#: A Table's calculated column formula over that header, as Excel stores it.
DOUBLE = "tblPayments[[#This Row],[Amount]]*2"


def parts(path: Path) -> dict[str, bytes]:
    """Return every member of the package by name, in stored order."""
    with zipfile.ZipFile(path) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def loaded(path: Path) -> Loaded:
    """Return the book read back and validated, as ``arsheet check`` reads it."""
    return load(XlsxBook(path))


def new_payment(number: str, amount: object = Decimal("1234.50"), **more: object) -> dict:
    """Return a payment of customer C1 on 2024-09-30 as the rows of an append give it."""
    return {
        "payment_no": number,
        "customer_id": "C1",
        "date": date(2024, 9, 30),
        "amount": amount,
        "method": "bank_transfer",
        **more,
    }


def payments_table(
    path: Path,
    *,
    records: int,
    table_rows: int,
    formula: str | None = None,
    calculated: bool = False,
    totals: bool = False,
    validation: str | None = None,
) -> Path:
    """Write a book whose Payments sheet is a Table tblPayments over columns A:I.

    Args:
        path: where.
        records: how many payments P-1, P-2, ... (customer C1, 100.00 each).
        table_rows: how many body rows the Table has (more than ``records``: empty ones).
        formula: a formula for column I of each record (``{row}`` for its row), e.g. "D{row}*2".
        calculated: column I is the Table's calculated column ``=[@Amount]*2``.
        totals: the Table has a totals row below its body.
        validation: a list validation on Method over the records' rows only, e.g. "F2:F3".
    """
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    customers = workbook.create_sheet(CUSTOMERS.en)
    customers.append([c.en for c in CUSTOMERS.inputs])
    customers.append(["C1", "Acme"])
    workbook.create_sheet(TRANSACTIONS.en).append([c.en for c in TRANSACTIONS.inputs])
    sheet = workbook.create_sheet(PAYMENTS.en)
    sheet.append(PAYMENT_HEADER)
    for n in range(1, records + 1):
        row = n + 1
        cell = f"={DOUBLE}" if calculated else (f"={formula.format(row=row)}" if formula else None)
        sheet.append([f"P-{n}", "C1", date(2024, 9, n), 100, None, "Cash", None, None, cell])
        sheet.cell(row, 4).number_format = "#,##0.00"
    last = 1 + table_rows + (1 if totals else 0)
    table = Table(
        displayName="tblPayments", ref=f"A1:I{last}", totalsRowCount=1 if totals else None
    )
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    table.tableColumns = [
        TableColumn(id=n, name=name) for n, name in enumerate(PAYMENT_HEADER, start=1)
    ]
    if calculated:
        table.tableColumns[8].calculatedColumnFormula = TableFormula(attr_text=DOUBLE)
    if totals:
        sheet.cell(last, 1).value = "Total"
        sheet.cell(last, 4).value = "=SUBTOTAL(109,tblPayments[Amount])"
    sheet.add_table(table)
    if validation:
        check = DataValidation(type="list", formula1='"Cash,Cheque"', sqref=validation)
        sheet.add_data_validation(check)
    workbook.save(path)
    return path


def shared_strings_book(path: Path) -> Path:
    """Write a book as Excel does, text in sharedStrings.xml (xlsxwriter writes it so)."""
    workbook = xlsxwriter.Workbook(path)
    for sheet in (CUSTOMERS, PAYMENTS):
        workbook.add_worksheet(sheet.en).write_row(0, 0, [c.en for c in sheet.inputs])
    workbook.get_worksheet_by_name(CUSTOMERS.en).write_row(1, 0, ["C1", "Acme"])
    payments = workbook.get_worksheet_by_name(PAYMENTS.en)
    payments.write_row(1, 0, ["P-1", "C1"])
    payments.write_datetime(1, 2, datetime(2024, 9, 1), workbook.add_format({"num_format": 14}))
    payments.write_row(1, 3, [100, None, "Cash"])
    workbook.add_worksheet("Transactions").write_row(0, 0, ["Document No.", "Customer ID"])
    workbook.close()
    return path
