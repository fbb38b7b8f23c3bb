"""The memory adapter on its own: books built from records, appends, styles, marks, formulas."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from arsheet.adapters.memory import CellError, Formula, MemoryBook
from arsheet.book.content import Style
from arsheet.book.port import TableRegion
from arsheet.errors import RowsRefused
from arsheet.pipeline import load, recalculate

AS_OF = date(2024, 12, 31)
ACME = {"customer_id": "C1", "customer_name": "Acme"}
INVOICE = {
    "document_no": "INV-1",
    "customer_id": "C1",
    "type": "invoice",
    "date": date(2024, 9, 1),
    "amount": Decimal("100.50"),
}


def test_records_become_a_book_in_the_language_asked() -> None:
    book = MemoryBook.from_records(
        {
            "customers": pd.DataFrame([ACME]),
            "transactions": [{**INVOICE, "disputed": True}],
            "payments": [
                {
                    "payment_no": "P1",
                    "customer_id": "C1",
                    "date": date(2024, 9, 5),
                    "amount": 40,
                    "method": "Cash",
                }
            ],
        },
        lang="zh",
        settings={"currency": "USD"},
    )
    assert book.sheet_names == ("客户", "交易明细", "收款记录", "付款计划", "催收记录", "设置")
    assert book.sheet("交易明细")[1][:6] == [
        "INV-1",
        "C1",
        "发票",
        date(2024, 9, 1),
        None,
        Decimal("100.50"),
    ]
    assert book.sheet("交易明细")[1][8] == "是"
    assert book.sheet("收款记录")[1][5] == "现金"
    loaded = load(book)
    assert (loaded.lang, loaded.book.settings.currency, loaded.located) == ("zh", "USD", ())
    assert loaded.book.transactions["disputed"].tolist() == [True]


def test_a_recalculation_writes_values_styles_and_marks() -> None:
    book = MemoryBook.from_records({"customers": [ACME], "transactions": [INVOICE]})
    recalculate(book, as_of=AS_OF)
    header, row = book.sheet("Transactions")
    status = header.index("Status") + 1
    assert row[status - 1] == "Unpaid"
    assert row[header.index("Open amount")] == Decimal("100.50")
    styles = book.styles["Transactions"]
    assert styles[(1, status)] is Style.HEADER
    assert styles[(2, header.index("Open amount") + 1)] is Style.MONEY
    assert book.names["_arsheet.col.transactions.status"] == f"'Transactions'!${'N'}$1"
    assert book.styles["Summary"][(1, 1)] is Style.TITLE
    assert book.sheet("Check")[0][0] == "Data check as of 2024-12-31"


def test_an_owned_sheet_never_takes_a_users_sheet_of_that_name() -> None:
    tabs = _tabs()
    tabs["Check"] = [["Cheque register"], ["#1001", Decimal("20.00")]]
    book = MemoryBook(tabs)
    recalculate(book, as_of=date(2025, 1, 1))
    assert book.sheet("Check") == [["Cheque register"], ["#1001", Decimal("20.00")]]
    assert book.sheet("Check (arsheet)")[0][0] == "Data check as of 2025-01-01"
    assert book.names["_arsheet.sheet.check"] == "'Check (arsheet)'!$A$1"
    banner = [link for link in book.links["Summary"].values() if "Check" in link]
    assert banner
    assert all(link.startswith("'Check (arsheet)'!") for link in banner)


def _tabs() -> dict[str, list[list[object]]]:
    """Return the tabs of a book with a document number given twice: an error to link to."""
    book = MemoryBook.from_records(
        {"customers": [ACME], "transactions": [INVOICE, {**INVOICE, "document_no": "INV-1"}]}
    )
    return {name: book.sheet(name) for name in book.sheet_names}


def test_formulas_and_error_values_are_read_as_the_file_engines_read_them() -> None:
    book = MemoryBook.from_records(
        {"customers": [ACME], "transactions": [INVOICE]}, settings={"as_of": Formula("=TODAY()")}
    )
    rows = book.sheet("Transactions")
    rows.append(["INV-2", "C1", "Invoice", date(2024, 9, 2), CellError("#REF!"), Formula("=1+1")])
    rows.append(["INV-3", "C1", "Invoice", date(2024, 9, 3), None, Formula("=1+1", 2)])
    loaded = load(book, today=date(2024, 10, 1))
    assert loaded.book.settings.as_of == date(2024, 10, 1)
    assert [p.text for p in loaded.located] == [
        "Transactions!E3: due date is an error value (#REF!)",
        "Transactions!F3: amount is a formula without a computed value: open and save the book "
        "in Excel, or run arsheet from the button",
    ]
    assert loaded.book.transactions["amount"].tolist() == [10050, 200]
    assert book.formula_rows("Transactions", 6) == {3, 4}


def test_appended_rows_go_after_the_last_record_with_labels_in_the_books_language() -> None:
    book = MemoryBook.from_records({"customers": [ACME], "transactions": [INVOICE]}, lang="zh")
    book.append(
        "payments",
        [
            {
                "payment_no": "P1",
                "customer_id": "C1",
                "date": date(2024, 9, 5),
                "amount": Decimal("40.25"),
                "method": "bank_transfer",
            },
            {
                "payment_no": "P2",
                "customer_id": "C1",
                "date": date(2024, 9, 6),
                "amount": 1,
                "method": "Cash",
                "applied_to": "INV-1",
            },
        ],
    )
    assert book.sheet("收款记录")[1:] == [
        ["P1", "C1", date(2024, 9, 5), Decimal("40.25"), None, "银行转账"],
        ["P2", "C1", date(2024, 9, 6), 1, "INV-1", "现金"],
    ]
    assert load(book).book.payments["amount"].tolist() == [4025, 100]


@pytest.mark.parametrize(
    "row",
    [
        {"payment_no": "P1", "method": "Bitcoin"},
        {"payment_no": "P1", "applied": Decimal("1")},
        {"payment_no": "P1", "colour": "red"},
        {"payment_no": "P1", "amount": 12.5},
        {"payment_no": "P1", "date": {"day": 1}},
    ],
)
def test_a_row_that_does_not_fit_is_refused_and_nothing_is_appended(row: dict) -> None:
    book = MemoryBook.from_records({"customers": [ACME]})
    before = [list(r) for r in book.sheet("Payments")]
    good = {"payment_no": "P0", "customer_id": "C1", "date": date(2024, 9, 5), "amount": 1}
    with pytest.raises(RowsRefused):
        book.append("payments", [good, row])
    assert book.sheet("Payments") == before


def test_rows_appended_to_a_table_fill_it_and_then_grow_it() -> None:
    header = ["Customer ID", "Customer name"]
    rows = [header, ["C1", "Acme"], [None, None], [None, None]]
    table = TableRegion("tblCustomers", 1, 1, 2, 3, 3)
    book = MemoryBook(
        {"Customers": rows, "Transactions": [], "Payments": []}, tables={"Customers": [table]}
    )
    book.append("customers", [{"customer_id": "C2", "customer_name": "x"}])
    assert book.tables("Customers") == (table,)
    book.sheet("Customers")[3] = ["C9", "typed below the Table"]
    # The record typed under the Table counts: new rows go after it, and the Table grows.
    book.append("customers", [{"customer_id": f"C{n}", "customer_name": "x"} for n in (3, 4)])
    assert [r[0] for r in book.sheet("Customers")] == ["Customer ID", "C1", "C2", "C9", "C3", "C4"]
    assert book.tables("Customers") == (TableRegion("tblCustomers", 1, 1, 2, 6, 6),)
    assert load(book).book.customers["customer_id"].tolist() == ["C1", "C2", "C9", "C3", "C4"]


def test_a_totals_row_in_the_way_refuses_the_rows() -> None:
    rows = [["Customer ID", "Customer name"], ["C1", "Acme"], ["Total", Formula("=ROWS(A2)", 1)]]
    table = TableRegion("tblCustomers", 1, 1, 2, 2, 3)
    book = MemoryBook(
        {"Customers": rows, "Transactions": [], "Payments": []}, tables={"Customers": [table]}
    )
    with pytest.raises(RowsRefused, match="totals row"):
        book.append("customers", [{"customer_id": "C2", "customer_name": "x"}])
    assert book.sheet("Customers")[2][0] == "Total"
    with pytest.raises(ValueError, match="not the key of a record sheet"):
        book.append("settings", [{"setting": "x"}])


def test_one_row_given_alone_is_refused_as_the_file_refuses_it() -> None:
    book = MemoryBook.from_records({"customers": [{"customer_id": "C1", "customer_name": "Acme"}]})
    with pytest.raises(TypeError, match=r"give \[row\] for one row"):
        book.append("customers", {"customer_id": "C2"})  # type: ignore[arg-type]
