"""Rows appended to a record sheet of a file: where they go, what they look like, what stays.

Allowed to differ after an append, and why:
- the sheet appended to: the new rows, its used range, validation ranges grown over them;
- the sheet's Table part: its range, when the rows run past it;
- sharedStrings.xml, in a book that keeps its text there: the new texts and the counts;
- workbook.xml: the flag asking for a full calculation on load (formulas may read the rows).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from append_books import (
    DOUBLE,
    loaded,
    new_payment,
    parts,
    payments_table,
    shared_strings_book,
)
from bookmaker import make_book
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.book.contract import COLLECTION_LOG
from arsheet.errors import BookLocked, BookProtected, RowsRefused
from arsheet.pipeline import load

TEMPLATES = Path(__file__).parents[2] / "templates"
# The template's parts: Payments is sheet5 with Table table3; Collection log sheet7, table5.
PAYMENTS_PART, PAYMENTS_TABLE = "xl/worksheets/sheet5.xml", "xl/tables/table3.xml"
WORKBOOK = "xl/workbook.xml"


def template(tmp_path: Path, lang: str = "en") -> Path:
    name = "debt_tracker_zh.xlsx" if lang == "zh" else "debt_tracker.xlsx"
    return Path(shutil.copy(TEMPLATES / name, tmp_path / name))


def stored(path: Path) -> dict[str, tuple[int, int, int]]:
    """Return each member's CRC, compressed size and compression method, by name."""
    with zipfile.ZipFile(path) as package:
        return {i.filename: (i.CRC, i.compress_size, i.compress_type) for i in package.infolist()}


def append(path: Path, sheet: str, rows: list[dict]) -> None:
    XlsxBook.for_update(path).append(sheet, rows)


def test_template_takes_payments_in_its_empty_table_row_then_below(tmp_path: Path) -> None:
    book = template(tmp_path)
    before = parts(book)
    append(book, "customers", [{"customer_id": "C1", "customer_name": "Acme"}])
    append(
        book,
        "payments",
        [
            new_payment("P-1", Decimal("1234.50"), notes=" kept as typed "),
            new_payment("P-2", 100, method="现金", date="2024-10-01"),
            new_payment("P-3", "2,000.05", method="Cheque", applied_to=None),
        ],
    )
    read = loaded(book)
    assert read.located == ()
    payments = read.book.payments
    assert payments["payment_no"].to_dict() == {2: "P-1", 3: "P-2", 4: "P-3"}
    assert payments["amount"].tolist() == [123450, 10000, 200005]
    assert payments["method"].tolist() == ["bank_transfer", "cash", "cheque"]
    sept_30, oct_1 = date(2024, 9, 30), date(2024, 10, 1)
    assert payments["date"].dt.date.tolist() == [sept_30, oct_1, sept_30]
    assert payments.at[2, "notes"].strip() == "kept as typed"
    after = parts(book)
    changed = {name for name in before if before[name] != after[name]}
    customers_part, customers_table = "xl/worksheets/sheet3.xml", "xl/tables/table1.xml"
    # Customers fit in the Table's empty row: its range stays. The template asks for a full
    # calculation on load already, so workbook.xml stays too.
    assert changed == {customers_part, PAYMENTS_PART, PAYMENTS_TABLE}
    assert b'fullCalcOnLoad="1"' in after[WORKBOOK]
    assert before[customers_table] == after[customers_table]
    assert list(after) == list(before)


def test_new_rows_look_like_the_row_above_and_the_table_grows(tmp_path: Path) -> None:
    book = template(tmp_path)
    append(book, "payments", [new_payment("P-1"), new_payment("P-2")])
    sheet = openpyxl.load_workbook(book)["Payments"]
    assert sheet.tables["tblPayments"].ref == "A1:J3"
    assert sheet.tables["tblPayments"].autoFilter.ref == "A1:J3"
    assert [sheet.cell(3, c).value for c in range(1, 7)] == [
        "P-2",
        "C1",
        sheet.cell(3, 3).value,
        1234.5,
        None,
        "Bank transfer",
    ]
    assert sheet.cell(3, 3).value.date() == date(2024, 9, 30)
    for col in range(1, 11):  # every cell, the computed ones too, styled as the Table's row
        assert sheet.cell(3, col).style_id == sheet.cell(2, col).style_id
    assert sheet.cell(3, 3).number_format == sheet.cell(2, 3).number_format
    assert sheet.cell(3, 4).number_format == sheet.cell(2, 4).number_format
    assert sheet.calculate_dimension() == "A1:J3"


def test_chinese_template_writes_choices_in_chinese(tmp_path: Path) -> None:
    book = template(tmp_path, "zh")
    append(book, "customers", [{"customer_id": "C1", "customer_name": "甲公司"}])
    log = {"date": date(2024, 9, 30), "customer_id": "C1", "channel": "email", "summary": "催款"}
    append(book, "collection_log", [log])
    sheet = openpyxl.load_workbook(book)[COLLECTION_LOG.zh]
    assert [sheet.cell(2, c).value for c in (2, 4, 6)] == ["C1", "邮件", "催款"]
    read = loaded(book)
    assert read.book.collection_log["channel"].tolist() == ["email"]


def test_rows_go_after_the_last_record_inside_a_table_longer_than_its_data(
    tmp_path: Path,
) -> None:
    book = payments_table(tmp_path / "long.xlsx", records=2, table_rows=4)
    append(book, "payments", [new_payment("P-3")])
    sheet = openpyxl.load_workbook(book)["Payments"]
    assert sheet.cell(4, 1).value == "P-3"
    assert sheet.tables["tblPayments"].ref == "A1:I5"  # the empty rows took it: no growth
    append(book, "payments", [new_payment(f"P-{n}") for n in range(4, 7)])
    sheet = openpyxl.load_workbook(book)["Payments"]
    assert [sheet.cell(r, 1).value for r in range(2, 8)] == [f"P-{n}" for n in range(1, 7)]
    assert sheet.tables["tblPayments"].ref == "A1:I7"
    assert loaded(book).book.payments["payment_no"].tolist() == [f"P-{n}" for n in range(1, 7)]


def test_a_tables_calculated_column_is_carried_down(tmp_path: Path) -> None:
    book = payments_table(tmp_path / "calc.xlsx", records=2, table_rows=2, calculated=True)
    append(book, "payments", [new_payment("P-3"), new_payment("P-4")])
    sheet = openpyxl.load_workbook(book)["Payments"]
    assert [sheet.cell(r, 9).value for r in (4, 5)] == [f"={DOUBLE}"] * 2
    assert sheet.tables["tblPayments"].ref == "A1:I5"
    xml = parts(book)["xl/worksheets/sheet3.xml"]
    assert b'<c r="I5"><f>' + DOUBLE.encode() + b"</f></c>" in xml  # no stale cached value
    assert b'fullCalcOnLoad="1"' in parts(book)[WORKBOOK]


def test_the_row_aboves_formula_is_moved_down_as_excel_fills_it(tmp_path: Path) -> None:
    book = payments_table(tmp_path / "f.xlsx", records=2, table_rows=2, formula="D{row}*2+$D$2")
    append(book, "payments", [new_payment("P-3"), new_payment("P-4")])
    sheet = openpyxl.load_workbook(book)["Payments"]
    assert [sheet.cell(r, 9).value for r in (3, 4, 5)] == [
        "=D3*2+$D$2",
        "=D4*2+$D$2",
        "=D5*2+$D$2",
    ]


def test_validation_and_formats_over_the_records_grow_over_the_new_rows(tmp_path: Path) -> None:
    book = payments_table(tmp_path / "v.xlsx", records=2, table_rows=2, validation="F2:F3 H9")
    workbook = openpyxl.load_workbook(book)
    big = CellIsRule(operator="greaterThan", formula=["1000"], font=Font(bold=True))
    workbook["Payments"].conditional_formatting.add("D2:D3", big)
    workbook.save(book)
    append(book, "payments", [new_payment("P-3", method="cash"), new_payment("P-4")])
    sheet = openpyxl.load_workbook(book)["Payments"]
    (validation,) = sheet.data_validations.dataValidation
    assert str(validation.sqref) == "F2:F5 H9"
    assert [str(r.sqref) for r in sheet.conditional_formatting] == ["D2:D5"]
    assert b'sqref="A1"' in parts(book)["xl/worksheets/sheet3.xml"]  # the selection stays


def test_a_sheet_without_a_table_takes_rows_after_its_used_range(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "plain.xlsx",
        {"customers": [["C1", "Acme"]], "payments": [["P-1", "C1", date(2024, 9, 1), 50]]},
    )
    append(book, "payments", [new_payment("P-2", 7)])
    assert loaded(book).book.payments["amount"].to_dict() == {2: 5000, 3: 700}
    assert openpyxl.load_workbook(book)["Payments"].calculate_dimension() == "A1:H3"


def test_text_goes_into_shared_strings_when_the_book_keeps_it_there(tmp_path: Path) -> None:
    book = shared_strings_book(tmp_path / "sst.xlsx")
    members = parts(book)
    before = members["xl/sharedStrings.xml"]
    append(book, "payments", [new_payment("P-2"), new_payment("P-3")])
    after = parts(book)
    changed = {name for name in members if members[name] != after[name]}
    assert changed == {"xl/worksheets/sheet2.xml", "xl/sharedStrings.xml"}
    sheet = after["xl/worksheets/sheet2.xml"]
    assert b"inlineStr" not in sheet
    strings = openpyxl.load_workbook(book)["Payments"]
    assert [strings.cell(r, 1).value for r in (2, 3, 4)] == ["P-1", "P-2", "P-3"]
    assert strings.cell(4, 2).value == "C1"
    old_count = int(before.split(b'count="')[1].split(b'"')[0])
    old_unique = int(before.split(b'uniqueCount="')[1].split(b'"')[0])
    new = after["xl/sharedStrings.xml"]
    # Six texts written (two IDs, two customers, two methods); new ones: P-2, P-3, Bank transfer.
    assert b'count="%d"' % (old_count + 6) in new
    assert b'uniqueCount="%d"' % (old_unique + 3) in new
    assert new.count(b"<t>C1</t>") == 1
    assert before[before.index(b"<si>") : before.index(b"</sst>")] in new
    assert new.endswith(
        b"<si><t>P-2</t></si><si><t>Bank transfer</t></si><si><t>P-3</t></si></sst>"
    )


def test_a_value_that_does_not_fit_refuses_the_whole_append(tmp_path: Path) -> None:
    book = template(tmp_path)
    before = book.read_bytes()
    rows = [
        new_payment("P-1"),
        new_payment("P-2", "12,50"),
        new_payment("P-3", 12.5),
        {**new_payment("P-4", method="Barter"), "applied": 5, "colour": "red"},
        {"payment_no": "P-5", "amount": Decimal("1.005")},
    ]
    with pytest.raises(RowsRefused) as refused:
        append(book, "payments", rows)
    assert book.read_bytes() == before
    assert not (tmp_path / "debt_tracker.xlsx.bak").exists()
    message = refused.value.message("en")
    for place, text in (
        ("D3", 'amount "12,50" has a decimal comma; type 12.50'),
        ("D4", 'amount "12.5" is a float; give a Decimal or int or str'),
        ("F5", 'method "Barter" is not one of'),
        ("I5", "applied is computed by arsheet and cannot be given"),
        ("5:5", '"colour" is not a column of this sheet'),
        ("B6", "customer ID is missing"),
        ("D6", 'amount "1.005" has more than 2 decimals'),
    ):
        assert f"Payments!{place}: {text}" in message
    # A value refused for its type is told once, not also as a missing amount.
    assert message.count("Payments!D4") == 1
    assert "收款记录" not in message
    assert "Payments!D3：金额“12,50”使用了小数逗号" in refused.value.message("zh")


def test_a_cell_in_the_way_of_the_new_rows_refuses_them(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "sum.xlsx",
        {"payments": [["P-1", "C1", date(2024, 9, 1), 50], [None] * 8 + ["=SUM(D2:D2)"]]},
    )
    before = book.read_bytes()
    with pytest.raises(RowsRefused, match=r"Payments!I3: this cell is not empty"):
        append(book, "payments", [new_payment("P-2")])
    assert book.read_bytes() == before


def test_a_full_table_above_its_totals_row_refuses_rows(tmp_path: Path) -> None:
    book = payments_table(tmp_path / "t.xlsx", records=2, table_rows=3, totals=True)
    append(book, "payments", [new_payment("P-3")])  # its one empty row takes one
    before = book.read_bytes()
    with pytest.raises(RowsRefused, match="totals row"):
        append(book, "payments", [new_payment("P-4")])
    assert book.read_bytes() == before


def test_a_locked_or_protected_book_is_left_alone(tmp_path: Path) -> None:
    book = template(tmp_path)
    lock = tmp_path / ".~lock.debt_tracker.xlsx#"
    lock.write_text("x")
    with pytest.raises(BookLocked):
        XlsxBook(book).append("payments", [new_payment("P-1")])
    lock.unlink()
    workbook = openpyxl.load_workbook(book)
    workbook["Payments"].protection.sheet = True
    workbook.save(book)
    before = book.read_bytes()
    with pytest.raises(BookProtected):
        append(book, "payments", [new_payment("P-1")])
    assert book.read_bytes() == before


def test_the_previous_version_is_kept_as_the_backup(tmp_path: Path) -> None:
    book = template(tmp_path)
    before = book.read_bytes()
    backup = tmp_path / "debt_tracker.xlsx.bak"
    XlsxBook.for_update(book, backup=backup).append("payments", [new_payment("P-1")])
    assert backup.read_bytes() == before
    assert book.read_bytes() != before
    with zipfile.ZipFile(book) as package:
        assert package.testzip() is None


@settings(max_examples=25, deadline=None)
@given(cents=st.integers(min_value=1, max_value=10**12 - 1))
def test_any_amount_reads_back_to_the_cent(
    tmp_path_factory: pytest.TempPathFactory, cents: int
) -> None:
    book = payments_table(tmp_path_factory.mktemp("cents") / "c.xlsx", records=0, table_rows=1)
    append(book, "payments", [new_payment("P-1", Decimal(cents).scaleb(-2))])
    assert loaded(book).book.payments["amount"].tolist() == [cents]


def test_a_date_with_no_style_to_take_gets_a_date_style(tmp_path: Path) -> None:
    book = make_book(tmp_path / "bare.xlsx", {"customers": [["C1", "Acme"]]})
    before = parts(book)
    append(book, "payments", [new_payment("P-1")])
    cell = openpyxl.load_workbook(book)["Payments"].cell(2, 3)
    assert cell.is_date
    assert cell.value.date() == date(2024, 9, 30)
    assert before["xl/styles.xml"] != parts(book)["xl/styles.xml"]
    # A second date finds the style the first one added: styles.xml stays as it is now.
    styles = parts(book)["xl/styles.xml"]
    append(book, "payments", [new_payment("P-2")])
    assert parts(book)["xl/styles.xml"] == styles


def test_rows_typed_below_a_table_that_did_not_grow_stay_above_the_new_ones(
    tmp_path: Path,
) -> None:
    book = payments_table(tmp_path / "below.xlsx", records=3, table_rows=1)
    append(book, "payments", [new_payment("P-4")])
    sheet = openpyxl.load_workbook(book)["Payments"]
    assert [sheet.cell(r, 1).value for r in range(2, 6)] == ["P-1", "P-2", "P-3", "P-4"]
    assert sheet.tables["tblPayments"].ref == "A1:I5"


def test_new_rows_go_in_order_before_the_users_cells_further_down(tmp_path: Path) -> None:
    book = payments_table(tmp_path / "notes.xlsx", records=1, table_rows=1)
    workbook = openpyxl.load_workbook(book)
    workbook["Payments"]["K20"] = "checked by Li"
    workbook.save(book)
    append(book, "payments", [new_payment("P-2"), new_payment("P-3")])
    xml = parts(book)["xl/worksheets/sheet3.xml"].decode()
    rows = [int(r) for r in re.findall(r'<row r="(\d+)"', xml)]
    assert rows == [1, 2, 3, 4, 20]
    assert openpyxl.load_workbook(book)["Payments"]["K20"].value == "checked by Li"


def test_a_shared_formula_of_the_row_above_is_moved_down_from_its_master(
    tmp_path: Path,
) -> None:
    book = payments_table(tmp_path / "shared.xlsx", records=3, table_rows=3, formula="D{row}*2")
    # As Excel stores a formula filled down: once in its master cell, then by reference.
    members = parts(book)
    sheet = members["xl/worksheets/sheet3.xml"]
    sheet = sheet.replace(b"<f>D2*2</f>", b'<f t="shared" ref="I2:I4" si="0">D2*2</f>')
    for row in (3, 4):
        sheet = sheet.replace(b"<f>D%d*2</f>" % row, b'<f t="shared" si="0"/>')
    members["xl/worksheets/sheet3.xml"] = sheet
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    append(book, "payments", [new_payment("P-4"), new_payment("P-5")])
    sheet_after = openpyxl.load_workbook(book)["Payments"]
    assert [sheet_after.cell(r, 9).value for r in (5, 6)] == ["=D5*2", "=D6*2"]
    assert b'<f t="shared" si="0"/>' in parts(book)["xl/worksheets/sheet3.xml"]


def test_the_same_book_reads_the_new_rows_after_appending_them(tmp_path: Path) -> None:
    book = XlsxBook.for_update(template(tmp_path))
    book.append("customers", [{"customer_id": "C1", "customer_name": "Acme"}])
    assert load(book).book.payments.empty
    book.append("payments", [new_payment("P-1")])
    assert load(book).book.payments["payment_no"].tolist() == ["P-1"]
