"""What the writer puts in the cells reads back, in calamine and openpyxl, as what was written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from lossless_book import ROWS, build_book, owned_inputs
from python_calamine import CalamineWorkbook

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.book import look


def _written(tmp_path: Path, date_1904: bool = False) -> Path:
    book = build_book(tmp_path / "book.xlsm", date_1904=date_1904)
    columns, sheets = owned_inputs()
    XlsxBook(book).write(columns, sheets, "en")
    return book


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _written(tmp_path_factory.mktemp("values"))


def test_transactions_owned_columns_read_back_in_calamine(book: Path) -> None:
    columns, _ = owned_inputs()
    expected = columns[0].values
    rows = CalamineWorkbook.from_path(book).get_sheet_by_name("Transactions").to_python()
    for row_number, row in zip(expected.index, rows[1 : ROWS + 1], strict=True):
        new = expected.loc[row_number]
        assert row[11] == pytest.approx(new["paid"] / 100)  # L
        assert row[12] == ("" if new["open_amount"] is None or new.isna()["open_amount"]
                           else pytest.approx(new["open_amount"] / 100))  # fmt: skip
        assert row[13] == "Ann"  # the user's column inside the owned block
        assert row[14] == new["status"]
        assert row[15] == ("" if new.isna()["days_overdue"] else new["days_overdue"])
        assert row[16] == "1–30"
        assert row[17] == ("" if new.isna()["dunning_level"] else new["dunning_level"])
        assert row[18] == f"note {row_number - 2}"  # the user's column after the owned block
    assert rows[0][14] == "Status"


def test_owned_cells_have_the_owned_look_in_openpyxl(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Transactions"]
    assert ws["L2"].value == pytest.approx(-2.5)
    assert ws["L2"].number_format == look.RECORD_MONEY_FORMAT
    assert ws["L2"].fill.fgColor.rgb == look.OWNED_CELL_FILL
    assert ws["L2"].protection.locked
    assert ws["O5"].value == "R&D <ok>"
    assert ws["O6"].value == " padded "
    assert ws["R21"].value == "最后通牒"


def test_a_missing_owned_column_gets_a_header_and_values(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Customers"]
    assert [ws["Q1"].value, ws["Q2"].value, ws["Q3"].value, ws["Q4"].value] == [
        "Grade",
        "A",
        "C",
        "D",
    ]
    assert ws["Q1"].fill.fgColor.rgb == look.OWNED_HEADER_FILL
    assert ws["P2"].value == "East"
    assert ws["M2"].value == pytest.approx(1234.56)
    assert ws["M4"].value == pytest.approx(-0.99)
    assert [ws["R1"].value, ws["R2"].value, ws["R4"].value] == ["Credit hold", "N", "Y"]
    assert ws.max_column == 18


def test_owned_sheets_read_back(book: Path) -> None:
    wb = CalamineWorkbook.from_path(book)
    assert wb.sheet_names[-3:] == ["Summary", "Aging", "Check"]
    summary = wb.get_sheet_by_name("Summary").to_python()
    assert summary[0] == ["Customer", "Open", "Last payment", "Score", "Avg days"]
    assert summary[1][:4] == ["C1", pytest.approx(1234.56), dt.date(2024, 2, 29), 80]
    assert summary[2][1] == ""
    dashboard = wb.get_sheet_by_name("Dashboard").to_python()
    assert dashboard[0][0] == "Dashboard"
    assert dashboard[3][3:5] == ["Current", 1.0]


def test_check_links_point_at_the_cells(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Check"]
    assert ws["A4"].value == "Transactions!D14"
    assert ws["A4"].hyperlink.location == "'Transactions'!D14"
    assert ws["A5"].hyperlink.location == "'Payments'!C3"
    assert ws["A1"].fill.fgColor.rgb == look.BAD_FILL


def test_summary_has_frozen_header_widths_and_highlight(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Summary"]
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width == 12
    rules = ws.conditional_formatting
    assert [r.formula for cf in rules for r in cf.rules] == [["$B2>100000"]]


def test_1904_books_get_their_dates_right(tmp_path: Path) -> None:
    book = _written(tmp_path, date_1904=True)
    summary = CalamineWorkbook.from_path(book).get_sheet_by_name("Summary").to_python()
    assert summary[1][2] == dt.date(2024, 2, 29)
    ws = openpyxl.load_workbook(book)["Summary"]
    assert ws["C2"].value == dt.datetime(2024, 2, 29)


def test_1900_dates_before_march_count_excels_leap_day(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Summary"]
    assert ws["C3"].value == dt.datetime(1900, 1, 1)
