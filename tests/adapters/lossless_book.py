"""A rich user workbook, made with XlsxWriter, to prove the writer leaves the user's work alone.

It has the contract's Customers, Transactions and Payments sheets with data and owned values from
an earlier run, user columns beside and between the owned ones, a missing owned column, an Excel
Table, comments, conditional formats, data validation, defined names, a user sheet with an image,
a chart and a form button running a macro, the VBA project of an Excel-made .xlsm, and a Dashboard
whose chart points at the fixed ranges arsheet refills. :func:`owned_inputs` gives the layouts and
new values a recalculation would write into it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from corpus import CORPUS

from arsheet.book.content import Block, Highlight, SheetContent, Style
from arsheet.book.contract import CUSTOMERS, PAYMENTS, TRANSACTIONS, Sheet
from arsheet.book.layout import OwnedColumns, SheetLayout

MACRO_BOOK = CORPUS / "XlsxWriter__macro01.xlsm"
ROWS = 20

# Sheet columns (1-based) of each sheet: contract keys, and user columns by their header.
TRANSACTION_COLUMNS = [
    *[c.key for c in TRANSACTIONS.inputs],
    "paid",
    "open_amount",
    "Checked by",  # a user column inside the owned block
    "status",
    "days_overdue",
    "aging_bucket",
    "dunning_level",
    "My notes",  # a user column after the owned block
]
PAYMENT_COLUMNS = [
    *[c.key for c in PAYMENTS.inputs[:4]],
    "Bank",  # a user column among the inputs: owned block still at the right end
    *[c.key for c in PAYMENTS.inputs[4:]],
    "applied",
    "unapplied",
]
# Customers lacks the owned "grade" and "credit_hold" columns: the writer adds them after
# "Region".
CUSTOMER_COLUMNS = [
    *[c.key for c in CUSTOMERS.inputs],
    "open_balance",
    "overdue_amount",
    "credit_score",
    "Region",
]


def tiny_png() -> bytes:
    """Return a valid 2×2 red PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _headers(sheet: Sheet, columns: list[str]) -> list[str]:
    keys = {c.key: c.en for c in sheet.columns}
    return [keys.get(c, c) for c in columns]


def _write_sheet(
    book: xlsxwriter.Workbook, sheet: Sheet, columns: list[str], rows: list[dict], formats: dict
) -> xlsxwriter.worksheet.Worksheet:
    ws = book.add_worksheet(sheet.en)
    for col, header in enumerate(_headers(sheet, columns)):
        ws.write_string(0, col, header, formats["header"])
    for r, row in enumerate(rows, start=1):
        for col, key in enumerate(columns):
            value = row.get(key)
            if value is None:
                continue
            if isinstance(value, dt.date):
                ws.write_datetime(r, col, dt.datetime.combine(value, dt.time()), formats["date"])
            elif isinstance(value, str) and value.startswith("="):
                ws.write_formula(r, col, value, None, 0)
            elif isinstance(value, str):
                ws.write_string(r, col, value)
            else:
                ws.write_number(r, col, value, formats["money"])
    return ws


def build_book(path: Path, *, date_1904: bool = False, rows: int = ROWS) -> Path:
    """Write the rich user workbook to ``path`` (an .xlsm) and return the path.

    Args:
        path: where to write.
        date_1904: use the 1904 date system.
        rows: data rows on Transactions (Payments and Customers get fewer).
    """
    book = xlsxwriter.Workbook(path, {"date_1904": date_1904})
    formats = {
        "header": book.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "white"}),
        "date": book.add_format({"num_format": "dd/mm/yyyy"}),
        "money": book.add_format({"num_format": "#,##0.00"}),
    }
    start = dt.date(2024, 1, 1)
    transactions = [
        {
            "document_no": f"INV-{i:04d}",
            "customer_id": f"C{i % 3 + 1}",
            "type": "Invoice",
            "date": start + dt.timedelta(days=i),
            "due_date": start + dt.timedelta(days=i + 30),
            "amount": 100 + i,
            "description": "Goods 货物",
            "paid": 1.5,
            "open_amount": f"=F{i + 2}-L{i + 2}",
            "Checked by": "Ann",
            "status": "old",
            "days_overdue": 3,
            "My notes": f"note {i}",
        }
        for i in range(rows)
    ]
    ws = _write_sheet(book, TRANSACTIONS, TRANSACTION_COLUMNS, transactions, formats)
    ws.add_table(
        0, 0, rows, len(TRANSACTION_COLUMNS) - 1,
        {
            "name": "tblTransactions",
            "header_row": True,
            "columns": [{"header": h} for h in _headers(TRANSACTIONS, TRANSACTION_COLUMNS)],
            "style": "Table Style Light 1",
        },
    )  # fmt: skip
    ws.write_comment(1, 0, "Checked against the delivery note")
    ws.conditional_format(1, 5, rows, 5, {"type": "cell", "criteria": ">", "value": 110})
    ws.data_validation(1, 2, rows, 2, {"validate": "list", "source": ["Invoice", "Credit note"]})
    ws.set_column(0, 0, 16)
    ws.freeze_panes(1, 0)

    payments = [
        {
            "payment_no": f"PAY-{i:03d}",
            "customer_id": "C1",
            "date": start + dt.timedelta(days=40 + i),
            "amount": 50 + i,
            "Bank": "ICBC",
            "applied_to": f"INV-{i:04d}",
            "applied": 10,
        }
        for i in range(rows // 2)
    ]
    _write_sheet(book, PAYMENTS, PAYMENT_COLUMNS, payments, formats)

    customers = [
        {"customer_id": f"C{i}", "customer_name": f"客户 {i}", "Region": "East", "credit_score": 5}
        for i in range(1, 4)
    ]
    cs = _write_sheet(book, CUSTOMERS, CUSTOMER_COLUMNS, customers, formats)
    cs.write_comment(1, 1, "Key account")

    notes = book.add_worksheet("My notes")
    notes.write_string(0, 0, "Scratch")
    notes.write_number(1, 0, 42)
    notes.insert_image(2, 2, "logo.png", {"image_data": io.BytesIO(tiny_png())})
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "='My notes'!$A$2:$A$2"})
    notes.insert_chart(8, 2, chart)
    notes.insert_button(1, 5, {"macro": "say_hello", "caption": "Hello"})

    dash = book.add_worksheet("Dashboard")
    dash.write_string(0, 0, "Receivables dashboard")  # the title of the template's Dashboard
    dash_chart = book.add_chart({"type": "bar"})
    dash_chart.add_series(
        {"categories": "=Dashboard!$D$4:$D$11", "values": "=Dashboard!$E$4:$E$11"}
    )
    dash.insert_chart(2, 7, dash_chart)
    dash.set_tab_color("#595959")

    book.define_name("Rate", "=0.05")
    book.define_name("Transactions!LocalName", "=Transactions!$A$1")
    book.set_vba_name("ThisWorkbook")
    book.add_vba_project(io.BytesIO(vba_project()), is_stream=True)
    book.close()
    return path


def vba_project() -> bytes:
    """Return the VBA project of the Excel-made macro book in the shared corpus."""
    with zipfile.ZipFile(MACRO_BOOK) as source:
        return source.read("xl/vbaProject.bin")


def layouts(lang: str = "en") -> dict[str, SheetLayout]:
    """Return where the reader would find the record sheets' columns in :func:`build_book`."""

    def layout(sheet: Sheet, columns: list[str]) -> SheetLayout:
        keys = {c.key for c in sheet.columns}
        found = {key: i for i, key in enumerate(columns, start=1) if key in keys}
        return SheetLayout(sheet.key, sheet.name(lang), 1, found, len(columns), lang)

    return {
        "transactions": layout(TRANSACTIONS, TRANSACTION_COLUMNS),
        "payments": layout(PAYMENTS, PAYMENT_COLUMNS),
        "customers": layout(CUSTOMERS, CUSTOMER_COLUMNS),
    }


def owned_inputs(rows: int = ROWS) -> tuple[list[OwnedColumns], list[SheetContent]]:
    """Return new owned values and owned sheets for :func:`build_book`'s workbook."""
    found = layouts()
    index = np.arange(2, rows + 2)
    statuses = np.array(["Paid", "Unpaid", "Partially paid", "R&D <ok>", " padded "], dtype=object)
    transactions = pd.DataFrame(
        {
            "paid": pd.array([i * 101 - 250 for i in range(rows)], dtype="Int64"),
            "open_amount": pd.array([None if i % 4 == 0 else i * 7 for i in range(rows)], "Int64"),
            "status": pd.array(statuses[np.arange(rows) % 5], dtype="str"),
            "days_overdue": pd.array([i - 5 if i % 3 else None for i in range(rows)], "Int64"),
            "aging_bucket": pd.array(["1–30"] * rows, dtype="str"),
            "dunning_level": pd.array([None] * (rows - 1) + ["最后通牒"], dtype="str"),
        },
        index=index,
    )
    half = rows // 2
    payments = pd.DataFrame(
        {
            "applied": pd.array(range(half), dtype="Int64") * 100,
            "unapplied": pd.array([5] * half, dtype="Int64"),
        },
        index=np.arange(2, half + 2),
    )
    customers = pd.DataFrame(
        {
            "open_balance": pd.array([123456, 0, -99], dtype="Int64"),
            "overdue_amount": pd.array([1, 2, 3], dtype="Int64"),
            "credit_score": pd.array([80, 55, None], dtype="Int64"),
            "grade": pd.array(["A", "C", "D"], dtype="str"),
            "credit_hold": pd.array(["N", "N", "Y"], dtype="str"),
        },
        index=[2, 3, 4],
    )
    columns = [
        OwnedColumns(found["transactions"], transactions),
        OwnedColumns(found["payments"], payments),
        OwnedColumns(found["customers"], customers),
    ]
    return columns, owned_sheets()


def owned_sheets() -> list[SheetContent]:
    """Return Dashboard, Summary, Aging and Check contents in the layout the template expects."""
    headlines = pd.DataFrame({"label": ["Total open", "Overdue %"], "value": [0.0, 0.25]})
    aging = pd.DataFrame(
        {"bucket": ["Current", "1–30", "31+"], "open": pd.array([100, 250, 1], dtype="Int64")}
    )
    dashboard = SheetContent(
        "dashboard",
        "Dashboard",
        (
            Block(1, 1, pd.DataFrame({"t": ["Dashboard"]}), (Style.TITLE,)),
            Block(3, 1, headlines, (Style.TEXT, Style.PERCENT)),
            Block(3, 4, aging, (Style.TEXT, Style.MONEY), headers=("Bucket", "Open")),
        ),
        widths=(24, 14, 2, 16, 14),
    )
    summary_frame = pd.DataFrame(
        {
            "customer": ["C1", "C2"],
            "open": pd.array([123456, None], dtype="Int64"),
            "last": pd.to_datetime(["2024-02-29", "1900-01-01"]),
            "score": pd.array([80, 55], dtype="Int64"),
            "days": [12.5, 0.0],
        }
    )
    summary = SheetContent(
        "summary",
        "Summary",
        (
            Block(
                1,
                1,
                summary_frame,
                (Style.TEXT, Style.MONEY, Style.DATE, Style.INT, Style.NUMBER),
                headers=("Customer", "Open", "Last payment", "Score", "Avg days"),
            ),
        ),
        widths=(12, 14, 14, 8, 10),
        freeze_rows=1,
        highlights=(Highlight("A2:E3", "$B2>100000", Style.BAD),),
    )
    aging_sheet = SheetContent(
        "aging",
        "Aging",
        (Block(1, 1, aging, (Style.TEXT, Style.MONEY), headers=("Bucket", "Open")),),
    )
    problems = pd.DataFrame(
        {"place": ["Transactions!D14", "Payments!C3"], "message": ["bad date", "no customer"]}
    )
    check = SheetContent(
        "check",
        "Check",
        (
            Block(1, 1, pd.DataFrame({"n": ["2 problems"]}), (Style.BAD,)),
            Block(
                3,
                1,
                problems,
                (Style.TEXT, Style.NOTE),
                headers=("Place", "Message"),
                links=pd.Series(["'Transactions'!D14", "'Payments'!C3"]),
            ),
        ),
    )
    return [dashboard, summary, aging_sheet, check]


def parts(path: Path) -> dict[str, bytes]:
    """Return every member of a zip package by name, in stored order."""
    with zipfile.ZipFile(path) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def without_cells(xml: bytes, letters: set[str], below: int) -> bytes:
    """Return sheet XML without the cells of ``letters`` below row ``below`` and its dimension.

    Rows rebuilt with fewer cells compare equal to the originals this way; the used range may grow.
    """
    alternatives = "|".join(sorted(letters)).encode()
    cell = re.compile(rb'<c r="(?:' + alternatives + rb')(\d+)"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)
    xml = cell.sub(lambda m: b"" if int(m.group(1)) > below else m.group(), xml)
    return re.sub(rb"<dimension [^>]*/>", b"", xml)
