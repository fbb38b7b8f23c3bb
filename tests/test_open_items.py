"""The Open items sheet (未清明细): every open invoice by customer, as a collector works from it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import hypothesis
import openpyxl
import pytest
from core.test_properties import books

from arsheet.adapters.memory import MemoryBook
from arsheet.book.contract import (
    DASHBOARD,
    OPEN_ITEMS,
    OWNED_SHEETS,
    SUMMARY,
    TRANSACTIONS,
)
from arsheet.book.titles import is_arsheet_title, template_title
from arsheet.cli import main
from arsheet.core import compute
from arsheet.core.book import Book
from arsheet.core.priority import most_overdue_first
from arsheet.pipeline import recalculate
from arsheet.reports.labels import label
from arsheet.reports.open_items import open_items_table
from arsheet.template.build import build_template

AS_OF = date(2024, 12, 31)
D = date


def _invoice(no: str, customer: str, day: date, due: date, amount: str, **more: object) -> dict:
    return {
        "document_no": no,
        "customer_id": customer,
        "type": "invoice",
        "date": day,
        "due_date": due,
        "amount": Decimal(amount),
        **more,
    }


RECORDS = {
    "customers": [
        {"customer_id": "C1", "customer_name": "Acme"},
        {"customer_id": "C2", "customer_name": "北方贸易"},
        {"customer_id": "C3", "customer_name": "Clean Ltd"},
    ],
    # Sheet rows 2 to 8.
    "transactions": [
        _invoice("INV-1", "C1", D(2024, 9, 1), D(2024, 10, 1), "1000.00"),
        _invoice("INV-2", "C1", D(2024, 11, 15), D(2024, 12, 15), "300.00"),
        _invoice("INV-3", "C1", D(2024, 12, 20), D(2025, 1, 19), "200.00"),
        _invoice("INV-4", "C2", D(2024, 10, 1), D(2024, 10, 31), "500.00", disputed=True),
        _invoice("INV-5", "C2", D(2024, 6, 1), D(2024, 7, 1), "80.00"),
        _invoice("INV-6", "C3", D(2024, 11, 1), D(2024, 12, 1), "50.00"),
        {
            "document_no": "CN-1",
            "customer_id": "C1",
            "type": "credit_note",
            "date": D(2024, 12, 1),
            "amount": Decimal("100.00"),
            "against_document": "INV-2",
        },
    ],
    "payments": [
        {"payment_no": "P-1", "customer_id": "C2", "date": D(2024, 7, 1), "amount": 80},
        {"payment_no": "P-2", "customer_id": "C3", "date": D(2024, 12, 5), "amount": 50},
    ],
    "collection_log": [
        {"date": D(2024, 12, 10), "customer_id": "C1", "next_follow_up": D(2025, 1, 5)},
        {"date": D(2024, 11, 20), "customer_id": "C2", "next_follow_up": D(2024, 12, 1)},
        {"date": D(2025, 1, 2), "customer_id": "C2", "next_follow_up": D(2025, 1, 9)},
    ],
}

# As of 2024-12-31: C1 is the more overdue customer (1,200.00 against 500.00), so it comes
# first, as on the Summary; its invoices most overdue first; INV-2 is 300.00 less the credit
# note's 100.00; C3 has paid everything and has no rows. C2's follow-up of 1 December was not
# made (its call of 2 January is after the as-of date): still due. C1 has paid nothing yet: it
# is expected to pay as the book does, 2 days late (the median of C2's 0 and C3's 4), which
# for INV-1 and INV-2 is already past, so the next day; INV-4 is disputed: not expected.
EXPECTED = [
    ["Customer ID", "Customer name", "Document No.", "Date", "Due date", "Days overdue",
     "Aging bucket", "Open amount", "Dunning level", "Disputed", "Last contact",
     "Next follow-up", "Expected payment"],
    ["C1", "Acme", "INV-1", D(2024, 9, 1), D(2024, 10, 1), 91, "91–120", Decimal("1000.00"),
     "Final notice", None, D(2024, 12, 10), D(2025, 1, 5), D(2025, 1, 1)],
    ["C1", "Acme", "INV-2", D(2024, 11, 15), D(2024, 12, 15), 16, "1–30", Decimal("200.00"),
     "First notice", None, D(2024, 12, 10), D(2025, 1, 5), D(2025, 1, 1)],
    ["C1", "Acme", "INV-3", D(2024, 12, 20), D(2025, 1, 19), 0, "Current", Decimal("200.00"),
     None, None, D(2024, 12, 10), D(2025, 1, 5), D(2025, 1, 21)],
    ["C1", "Acme", "Subtotal", None, None, 91, None, Decimal("1400.00"),
     "Final notice", None, D(2024, 12, 10), D(2025, 1, 5), None],
    ["C2", "北方贸易", "INV-4", D(2024, 10, 1), D(2024, 10, 31), 61, "61–90", Decimal("500.00"),
     None, "Y", D(2024, 11, 20), D(2024, 12, 1), None],
    ["C2", "北方贸易", "Subtotal", None, None, 61, None, Decimal("500.00"),
     None, None, D(2024, 11, 20), D(2024, 12, 1), None],
    ["Total", None, None, None, None, None, None, Decimal("1900.00"),
     None, None, None, None, None],
]  # fmt: skip


def recalculated(lang: str = "en", **tabs: list[list[object]]) -> MemoryBook:
    book = MemoryBook.from_records(RECORDS, lang=lang)
    if tabs:
        book = MemoryBook({**{n: book.sheet(n) for n in book.sheet_names}, **tabs})
    recalculate(book, as_of=AS_OF)
    return book


def test_open_invoices_by_customer_most_overdue_first_with_subtotals() -> None:
    book = recalculated()
    sheet = book.sheet("Open items")
    assert sheet[0][0] == "Open items as of 2024-12-31"
    assert sheet[2:] == EXPECTED


def test_each_invoice_links_to_its_row_on_the_transactions_sheet() -> None:
    links = recalculated().links["Open items"]
    assert links == {
        (4, 3): "'Transactions'!A2",
        (5, 3): "'Transactions'!A3",
        (6, 3): "'Transactions'!A4",
        (8, 3): "'Transactions'!A5",
    }


def test_subtotals_are_the_summarys_open_amounts_and_the_total_the_dashboards() -> None:
    book = recalculated()
    items = book.sheet("Open items")[3:]
    subtotals = {row[0]: row[7] for row in items if row[2] == "Subtotal"}
    summary = book.sheet("Summary")
    header = summary[2]
    # The Summary's customers, without its totals row.
    customers = [row for row in summary[3:] if row[0] != "Total"]
    open_by_customer = {
        row[0]: row[header.index("Open")] for row in customers if row[header.index("Open")]
    }
    assert subtotals == open_by_customer
    assert list(subtotals) == [row[0] for row in customers][: len(subtotals)]
    dashboard = {row[0]: row[1] for row in book.sheet("Dashboard") if row and row[0]}
    assert items[-1][0] == "Total"
    assert items[-1][7] == dashboard["Total open"] == sum(subtotals.values())


def test_in_chinese() -> None:
    sheet = recalculated("zh").sheet("未清明细")
    assert sheet[0][0] == "未清明细（截至 2024-12-31）"
    assert sheet[2] == [
        "客户编号",
        "客户名称",
        "单据编号",
        "单据日期",
        "到期日",
        "逾期天数",
        "账龄区间",
        "未收金额",
        "催收级别",
        "有争议",
        "最近联系日",
        "下次跟进",
        "预计收款日",
    ]
    assert [row[2] for row in sheet[3:]] == [
        "INV-1",
        "INV-2",
        "INV-3",
        "小计",
        "INV-4",
        "小计",
        None,
    ]
    assert sheet[3][6] == "91–120天"
    assert sheet[7][9] == "是"
    assert sheet[-1][0] == "合计"


def test_a_users_sheet_called_open_items_is_left_alone() -> None:
    mine = [["Open items to chase"], ["INV-9", Decimal("12.00")]]
    book = recalculated(**{"open items": mine})
    assert book.sheet("open items") == mine
    assert book.sheet("Open items (arsheet)")[2:] == EXPECTED
    assert book.names["_arsheet.sheet.open_items"] == "'Open items (arsheet)'!$A$1"


def test_a_book_without_marks_knows_its_open_items_sheet_by_the_title() -> None:
    assert OPEN_ITEMS in OWNED_SHEETS
    assert is_arsheet_title(OPEN_ITEMS, "Open items as of 2024-12-31")
    assert is_arsheet_title(OPEN_ITEMS, "未清明细（截至 2024-12-31）")
    assert is_arsheet_title(OPEN_ITEMS, "未清明细 — 由 arsheet recalc 填写")
    assert not is_arsheet_title(OPEN_ITEMS, "Open items to chase")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_open_invoice_leaves_only_a_zero_total(lang: str) -> None:
    book = MemoryBook.from_records(
        {"customers": RECORDS["customers"][2:], "transactions": RECORDS["transactions"][5:6]},
        lang=lang,
    )
    book.append("payments", RECORDS["payments"][1:])
    recalculate(book, as_of=AS_OF)
    rows = book.sheet(OPEN_ITEMS.name(lang))[3:]
    assert [row[0] for row in rows] == ["Total" if lang == "en" else "合计"]
    assert rows[0][7] == Decimal("0.00")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_demo_books_open_items_add_up_link_back_and_are_bold_in_the_file(
    tmp_path: Path, lang: str
) -> None:
    path = tmp_path / "demo.xlsx"
    build_template(path, lang, demo=True, today=AS_OF)
    assert main(["recalc", str(path), "--as-of", AS_OF.isoformat(), "--no-backup"]) == 0
    wb = openpyxl.load_workbook(path)
    ws = wb[OPEN_ITEMS.name(lang)]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    subtotal, total = label("subtotal", lang), label("total", lang)
    subtotals = {r[0]: cents(r[7]) for r in rows if r[2] == subtotal}
    summary = list(wb[SUMMARY.name(lang)].iter_rows(min_row=3, values_only=True))
    column = summary[0].index(label("open_amount", lang))
    customers = [r for r in summary[1:] if r[0] != total]  # without the Summary's totals row
    owed = {r[0]: cents(r[column]) for r in customers if r[column]}
    assert subtotals == owed
    assert list(subtotals) == [r[0] for r in customers][: len(subtotals)]
    dashboard = {r[0]: r[1] for r in wb[DASHBOARD.name(lang)].iter_rows(values_only=True)}
    assert rows[-1][0] == total
    assert cents(rows[-1][7]) == cents(dashboard[label("total_open", lang)])
    assert cents(rows[-1][7]) == sum(subtotals.values()) > 0

    transactions = wb[TRANSACTIONS.name(lang)]
    invoices = [(i, r) for i, r in enumerate(rows, start=4) if r[3] is not None]
    for row, values in invoices:
        target = ws.cell(row, 3).hyperlink.location
        sheet, cell = target.rsplit("!", 1)
        assert sheet.strip("'") == transactions.title
        assert transactions[cell].value == values[2]

    (rule,) = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert rule.formula == ['$D4=""']
    assert rule.dxf.font.b
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == [f"A4:M{ws.max_row}"]


def cents(amount: object) -> int:
    """Return an amount read from a cell as integer cents."""
    return int((Decimal(str(amount)) * 100).to_integral_value())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_new_book_has_the_titled_empty_sheet_after_the_summary(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "new.xlsx"
    build_template(path, lang)
    wb = openpyxl.load_workbook(path)
    name = OPEN_ITEMS.name(lang)
    assert wb.sheetnames.index(name) == wb.sheetnames.index(SUMMARY.name(lang)) + 1
    ws = wb[name]
    assert (ws.dimensions, ws["A1"].value) == ("A1:A1", template_title(OPEN_ITEMS, lang))
    assert wb.defined_names["_arsheet.sheet.open_items"].attr_text == f"'{name}'!$A$1"
    how_to = "\n".join(str(c) for row in wb.worksheets[0].iter_rows(values_only=True) for c in row)
    assert name in how_to


@hypothesis.settings(max_examples=30, deadline=None)
@hypothesis.given(books())
def test_each_subtotal_is_the_customers_open_amount_and_the_total_the_books(
    case: tuple[Book, date],
) -> None:
    b, as_of = case
    results = compute(b, as_of)
    table = open_items_table(b, results, "en")
    subtotals = table[table["document_no"] == "Subtotal"].set_index("customer_id")
    owed = results.customers["open_amount"]
    assert subtotals["open_amount"].to_dict() == owed[owed > 0].to_dict()
    items = table[table["row"].notna()]
    assert items.groupby("customer_id")["open_amount"].sum().to_dict() == owed[owed > 0].to_dict()
    assert table["open_amount"].iloc[-1] == results.totals.open_amount
    order = list(most_overdue_first(results.customers))
    ranks = table["customer_id"].iloc[:-1].map(order.index)
    assert ranks.is_monotonic_increasing
