"""A real client opens books with appended rows: LibreOffice reads the records and computes.

Books appended to: the template as arsheet builds it, the English and Chinese templates after
LibreOffice saved them (shared strings, its own styles and XML), and a Table with a calculated
column. Each is then saved again by LibreOffice (one run for all), and what LibreOffice made of
the new rows is read back with openpyxl.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from append_books import loaded, new_payment, parts, payments_table
from bookmaker import make_book
from conftest import LibreOffice

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.book.contract import PAYMENTS

pytestmark = pytest.mark.libreoffice

TEMPLATES = Path(__file__).parents[2] / "templates"
NEW = [new_payment("P-1"), new_payment("P-2", 100, method="cash", notes="第二笔")]


@pytest.fixture(scope="module")
def reopened(libreoffice: LibreOffice, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Book stem -> (the book after the append, it saved by LibreOffice, its parts before)."""
    folder = tmp_path_factory.mktemp("books")
    shutil.copy(TEMPLATES / "debt_tracker.xlsx", folder / "template.xlsx")
    shutil.copy(TEMPLATES / "debt_tracker_zh.xlsx", folder / "template_zh.xlsx")
    make_book(folder / "bare.xlsx", {})
    saved = libreoffice.convert(
        [folder / "template.xlsx", folder / "template_zh.xlsx", folder / "bare.xlsx"],
        "xlsx",
        folder / "saved",
    )
    books = {
        "template": folder / "template.xlsx",
        "libreoffice": shutil.copy(saved[0], folder / "libreoffice.xlsx"),
        "libreoffice_zh": shutil.copy(saved[1], folder / "libreoffice_zh.xlsx"),
        "bare": shutil.copy(saved[2], folder / "bare_libreoffice.xlsx"),
        "calculated": payments_table(
            folder / "calculated.xlsx", records=0, table_rows=1, calculated=True
        ),
    }
    before = {stem: parts(book) for stem, book in books.items()}
    for stem, book in books.items():
        if stem != "calculated":
            XlsxBook.for_update(book).append(
                "customers", [{"customer_id": "C1", "customer_name": "Acme"}]
            )
        XlsxBook.for_update(book).append("payments", NEW)
    again = libreoffice.convert(list(books.values()), "xlsx", folder / "again")
    return {stem: (books[stem], again[i], before[stem]) for i, stem in enumerate(books)}


@pytest.mark.parametrize("stem", ["template", "libreoffice", "libreoffice_zh"])
def test_libreoffice_reads_the_appended_records(reopened: dict, stem: str) -> None:
    book, saved, _ = reopened[stem]
    payments = loaded(book).book.payments
    assert payments["payment_no"].tolist() == ["P-1", "P-2"]
    sheet = openpyxl.load_workbook(saved)[PAYMENTS.zh if stem.endswith("zh") else PAYMENTS.en]
    method = "银行转账" if stem.endswith("zh") else "Bank transfer"
    rows = [[sheet.cell(r, c).value for c in range(1, 9)] for r in (2, 3)]
    assert rows[0] == ["P-1", "C1", datetime(2024, 9, 30), 1234.5, None, method, None, None]
    assert rows[1][3] == 100
    assert rows[1][7] == "第二笔"
    assert sheet.cell(2, 3).is_date
    assert sheet.tables[next(iter(sheet.tables))].ref.endswith("3")


def test_libreoffice_computes_the_calculated_column_carried_down(reopened: dict) -> None:
    _, saved, _ = reopened["calculated"]
    sheet = openpyxl.load_workbook(saved, data_only=True)["Payments"]
    assert [sheet.cell(r, 1).value for r in (2, 3)] == ["P-1", "P-2"]
    assert [sheet.cell(r, 9).value for r in (2, 3)] == [2469, 200]
    assert sheet.cell(3, 3).value.date() == date(2024, 9, 30)


def test_only_the_sheets_appended_to_and_their_lists_change_in_a_libreoffice_book(
    reopened: dict,
) -> None:
    book, _, before = reopened["libreoffice"]
    after = parts(book)
    assert list(after) == list(before)
    changed = sorted(name for name in before if before[name] != after[name])
    sheets = [name for name in changed if name.startswith("xl/worksheets/")]
    tables = [name for name in changed if name.startswith("xl/tables/")]
    # Customers and Payments; the Payments Table grew (LibreOffice dropped the empty row the
    # Customers Table had, which the new customer then took); the texts and the recalc flag.
    assert len(sheets) == 2
    assert len(tables) == 1
    assert set(changed) - {*sheets, *tables} <= {"xl/sharedStrings.xml", "xl/workbook.xml"}
    assert "xl/sharedStrings.xml" in changed


def test_a_date_in_a_book_without_date_styles_gets_one_and_no_member_moves(
    reopened: dict,
) -> None:
    # LibreOffice stores styles.xml before the sheets: the new style goes in its place.
    book, saved, before = reopened["bare"]
    after = parts(book)
    assert list(after) == list(before)
    assert before["xl/styles.xml"] != after["xl/styles.xml"]
    for path in (book, saved):
        cell = openpyxl.load_workbook(path)["Payments"].cell(2, 3)
        assert cell.is_date
        assert cell.value.date() == date(2024, 9, 30)
