"""A problem never makes the figures silently smaller: warnings keep rows, left-out rows show."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import openpyxl
from bookmaker import make_book

from arsheet.app.check import run_check
from arsheet.app.recalc import run_recalc

# Customer ID, name, contact, phone, e-mail, address, terms days, credit limit
CUSTOMERS = [["C1", "Acme", "", "", "", "", 30, -5], ["C2", None], ["C3", "Gamma"]]
TRANSACTIONS = [
    ["INV-1", "C1", "Invoice", date(2024, 1, 1), date(2024, 1, 31), 100],
    ["INV-2", "C2", "Invoice", date(2024, 1, 1), date(2024, 1, 31), 200],
    ["INV-3", "C2", "Invoice", date(2024, 2, 1), date(2024, 3, 2), 50.25],
    ["INV-4", "C3", "Invoice", date(2024, 2, 1), date(2024, 3, 2), 10],
]
PAYMENTS = [["P-1", "C2", date(2024, 2, 10), 20], ["P-2", "C3", date(2024, 2, 10), 4, "INV-9"]]
BANNER = (
    "⚠ Left out of these figures because of errors: 4 rows, of which documents: 2 (250.25),"
    " payments: 1 (20.00). See the Check sheet."
)


def lines(path: Path) -> list[str]:
    out = io.StringIO()
    run_check(path, out)
    return out.getvalue().splitlines()


def recalc(path: Path, *args: str) -> str:
    out = io.StringIO()
    run_recalc([path], as_of="2024-03-31", backup=False, as_json="--json" in args, out=out)
    return out.getvalue().strip()


def test_a_negative_credit_limit_is_a_warning_and_the_customer_stays(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS[:1], "transactions": TRANSACTIONS[:1]},
    )
    assert lines(book) == [
        'Customers!H2: warning: credit limit "-5" is negative; read as empty, the row stays in'
        " the figures",
        "0 errors, 1 warning.",
    ]
    assert "open 100.00 CNY" in recalc(book)
    sheets = openpyxl.load_workbook(book)
    assert sheets["Customers"]["M2"].value == 100
    assert sheets["Dashboard"]["B4"].value == 100  # the first tile: total open
    assert sheets["Dashboard"]["D2"].value is None  # nothing left out: no banner


def test_a_customer_left_out_is_one_error_and_one_line_not_one_per_record(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "transactions": TRANSACTIONS, "payments": PAYMENTS},
    )
    assert lines(book)[1:] == [
        "Customers!A3: error: this customer row is left out, and with it the rows of C2:"
        " documents: 2 (250.25), payments: 1 (20.00), plans and log: 0",
        "Customers!B3: error: customer name is missing",
        'Payments!E3: warning: applied to "INV-9" is not a valid document on the Transactions'
        " sheet; treated as no link",
        "2 errors, 2 warnings.",
    ]


def test_left_out_rows_show_as_a_banner_and_in_the_recalc_line(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "transactions": TRANSACTIONS, "payments": PAYMENTS},
    )
    assert (
        "2 errors, 2 warnings (see the Check sheet), left out of the figures: 4 rows"
        " (documents: 2, 250.25; payments: 1, 20.00), "
    ) in recalc(book)
    sheets = openpyxl.load_workbook(book)
    for name in ("Dashboard", "Summary", "Aging"):
        cell = sheets[name]["D2"]
        assert cell.value == BANNER, name
        assert cell.hyperlink is not None, name
        assert cell.hyperlink.location == "'Check'!A1", name
    # C3's payment with a bad link still counts: 10 − 4 open, from the pool
    assert sheets["Customers"]["M4"].value == 6
    assert json.loads(recalc(book, "--json"))["left_out"] == {
        "rows": 4,
        "customers": 1,
        "documents": 2,
        "document_amount": "250.25",
        "payments": 1,
        "payment_amount": "20.00",
    }


def test_the_banner_speaks_the_books_language(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [["C1", "甲公司"]],
            "transactions": [["INV-1", "C1", "发票", "不是日期", None, 80]],
        },
        lang="zh",
    )
    assert "，1 行未计入统计（单据 1 张 80.00，收款 0 笔 0.00），" in recalc(book)
    cell = openpyxl.load_workbook(book)["仪表盘"]["D2"]
    assert cell.value == (
        "⚠ 有 1 行因错误未计入本表数字：1 张单据（80.00）、0 笔收款（0.00）。详见“数据检查”表。"
    )


def test_the_banner_links_to_arsheets_check_sheet_where_a_user_sheet_holds_the_name(
    tmp_path: Path,
) -> None:
    cheques = [["Cheque No.", "Payee", "Amount"], ["000123", "Landlord", 1500]]
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": TRANSACTIONS,
            "payments": PAYMENTS,
            "Check": cheques,
        },
    )
    recalc(book)
    sheets = openpyxl.load_workbook(book)
    assert [list(r) for r in sheets["Check"].values] == cheques
    for name in ("Dashboard", "Summary", "Aging"):
        assert sheets[name]["D2"].hyperlink.location == "'Check (arsheet)'!A1", name


def test_rows_of_a_sheet_missing_a_required_column_show_in_the_banner(tmp_path: Path) -> None:
    # No Type column: the Transactions rows cannot be read; their money is still told.
    header = ["Document No.", "Customer ID", "Date", "Due date", "Amount"]
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [["C1", "Acme"]],
            "transactions": [header, ["INV-1", "C1", date(2024, 1, 1), None, 100]],
        },
    )
    assert lines(book) == [
        'Transactions!1:1: error: the "Type" column is missing, so this sheet\'s rows cannot be'
        " read",
        "1 error, 0 warnings.",
    ]
    assert "left out of the figures: 1 row (documents: 1, 100.00; payments: 0, 0.00)" in recalc(
        book
    )
    assert openpyxl.load_workbook(book)["Dashboard"]["D2"].value.startswith(
        "⚠ Left out of these figures because of errors: 1 row, of which documents: 1 (100.00)"
    )


def test_customers_missing_their_name_column_take_their_records_along_once(
    tmp_path: Path,
) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [["Customer ID", "Phone"], ["C1", "555"]],
            "transactions": TRANSACTIONS[:1],
        },
    )
    assert lines(book) == [
        'Customers!1:1: error: the "Customer name" column is missing, so this sheet\'s rows'
        " cannot be read",
        "Customers!A2: error: this customer row is left out, and with it the rows of C1:"
        " documents: 1 (100.00), payments: 0 (0.00), plans and log: 0",
        "2 errors, 0 warnings.",
    ]
