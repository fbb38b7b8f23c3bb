"""The Python API: one function per command, any book, figures as frames with exact money."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from bookmaker import make_book

import arsheet
from arsheet.errors import NotABook

AS_OF = date(2024, 12, 31)
# Three invoices of C1 (one paid by a cent short of a third), one of C2 and a payment left over.
BOOK = {
    "customers": [["C1", "Acme"], ["C2", "Beta"]],
    "transactions": [
        ["INV-1", "C1", "Invoice", date(2024, 9, 1), date(2024, 10, 1), 100.10],
        ["INV-2", "C1", "Invoice", date(2024, 9, 1), date(2024, 10, 1), 100.10],
        ["INV-3", "C1", "Invoice", date(2024, 12, 1), date(2024, 12, 31), 100.10],
        ["INV-4", "C2", "Invoice", date(2024, 11, 1), date(2024, 11, 15), 0.30],
    ],
    "payments": [
        ["P-1", "C1", date(2024, 10, 5), 33.36, "INV-1"],
        ["P-2", "C2", date(2024, 11, 20), 1000, None],
    ],
}


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return make_book(tmp_path / "book.xlsx", BOOK)


def test_compute_gives_documents_payments_customers_aging_and_totals(book: Path) -> None:
    figures = arsheet.compute(book, as_of="2024-12-31")
    documents = figures.documents.set_index("document_no")
    assert documents["open_amount"].to_dict() == {
        "INV-1": Decimal("66.74"),
        "INV-2": Decimal("100.10"),
        "INV-3": Decimal("100.10"),
        "INV-4": Decimal("0.00"),
    }
    assert documents.loc["INV-2", "days_overdue"] == 91
    assert documents.loc["INV-1", "status"] == "partially_paid"
    assert figures.payments.set_index("payment_no")["unapplied"].to_dict() == {
        "P-1": Decimal("0.00"),
        "P-2": Decimal("999.70"),
    }
    customers = figures.customers
    assert customers.loc["C1", "customer_name"] == "Acme"
    assert customers.loc["C1", "open_amount"] == Decimal("266.94")
    assert customers.loc["C2", "net_balance"] == Decimal("-999.70")
    assert list(figures.aging.columns) == ["Current", "1–30", "31–60", "61–90", "91–120", "121+"]
    assert figures.aging.loc["C1"].tolist() == [
        Decimal("100.10"),
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("166.84"),
        Decimal("0.00"),
    ]
    assert figures.totals["open_amount"] == Decimal("266.94")
    assert figures.totals["91–120"] == Decimal("166.84")
    assert (figures.as_of, figures.currency) == (AS_OF, "CNY")


def test_money_adds_up_exactly_in_pandas(book: Path) -> None:
    figures = arsheet.compute(book, as_of=AS_OF)
    # Floats would give 266.93999999999997 here.
    assert figures.documents["open_amount"].sum() == Decimal("266.94")
    assert figures.aging.sum(axis=1).equals(figures.customers["open_amount"].rename(None))
    assert figures.documents.groupby("customer_id")["amount"].sum()["C1"] == Decimal("300.30")


def test_compute_takes_a_path_a_port_or_a_loaded_book_alike(book: Path) -> None:
    by_path = arsheet.compute(str(book), as_of=AS_OF)
    loaded = arsheet.load(book)
    by_loaded = arsheet.compute(loaded, as_of=AS_OF)
    by_port = arsheet.compute(arsheet.XlsxBook(book), as_of=AS_OF)
    for other in (by_loaded, by_port):
        pd.testing.assert_frame_equal(by_path.customers, other.customers)
        pd.testing.assert_frame_equal(by_path.documents, other.documents)


def test_check_lists_problems_with_their_place(tmp_path: Path) -> None:
    path = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [["C1", "Acme"]],
            "transactions": [["INV-1", "C1", "Invoice", "2024-13-01", None, "12,50"]],
        },
    )
    checked = arsheet.check(path, today=AS_OF)
    assert checked.problems.to_dict("records") == [
        {
            "place": "Transactions!D2",
            "severity": "error",
            "message": 'date "2024-13-01" is not a date',
        },
        {
            "place": "Transactions!F2",
            "severity": "error",
            "message": 'amount "12,50" has a decimal comma; type 12.50',
        },
    ]
    assert (checked.errors, checked.warnings, checked.lang) == (2, 0, "en")


def test_compute_reports_problems_found_from_the_as_of_date(tmp_path: Path) -> None:
    path = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [["C1", "Acme"]],
            "transactions": [["INV-1", "C1", "Invoice", date(2025, 3, 1), None, 10]],
            "payments": [["P-1", "C1", date(2024, 12, 1), 10, "INV-1"]],
        },
    )
    figures = arsheet.compute(path, as_of=AS_OF)
    assert [p.place for p in figures.checked.located] == ["Payments!E2"]
    assert figures.documents["status"].isna().all()


def test_recalc_writes_back_and_keeps_a_backup_where_asked(book: Path, tmp_path: Path) -> None:
    before = book.read_bytes()
    done = arsheet.recalc(book, as_of=AS_OF)
    assert (done.customers, done.open_amount, done.errors) == (2, 26694, 0)
    assert Path(f"{book}.bak").read_bytes() == before != book.read_bytes()
    elsewhere = tmp_path / "kept.xlsx.old"
    arsheet.recalc(book, as_of=AS_OF, backup=elsewhere)
    assert elsewhere.exists()
    Path(f"{book}.bak").unlink()
    arsheet.recalc(book, as_of=AS_OF, backup=False)
    assert not Path(f"{book}.bak").exists()


def test_recalc_of_a_book_in_memory_writes_into_it() -> None:
    book = arsheet.MemoryBook.from_records(
        {
            "customers": [{"customer_id": "C1", "customer_name": "Acme"}],
            "transactions": [
                {
                    "document_no": "INV-1",
                    "customer_id": "C1",
                    "type": "invoice",
                    "date": date(2024, 9, 1),
                    "amount": Decimal("100.50"),
                }
            ],
        }
    )
    done = arsheet.recalc(book, as_of=AS_OF)
    assert done.open_amount == 10050
    header, row = book.sheet("Transactions")
    assert dict(zip(header, row, strict=True))["Open amount"] == Decimal("100.50")
    assert "Summary" in book.sheet_names


def test_new_creates_a_book_and_refuses_to_overwrite_one(tmp_path: Path) -> None:
    path = arsheet.new(tmp_path / "demo.xlsx", demo=True, today=AS_OF)
    assert arsheet.compute(path, as_of=AS_OF).totals["paid_documents"] > 0
    with pytest.raises(FileExistsError):
        arsheet.new(path)
    with pytest.raises(ValueError, match=r"must end in \.xlsx or \.xlsm"):
        arsheet.new(tmp_path / "demo.xls")
    assert arsheet.new(path, lang="zh", force=True) == path
    assert arsheet.load(path).lang == "zh"


@pytest.mark.parametrize("as_of", ["1899-12-31", "2200-01-01", "31/12/2024"])
def test_an_as_of_date_arsheet_cannot_handle_is_refused(book: Path, as_of: str) -> None:
    with pytest.raises(ValueError, match="as-of date"):
        arsheet.compute(book, as_of=as_of)
    with pytest.raises(ValueError, match="as-of date"):
        arsheet.recalc(book, as_of=as_of)


def test_a_file_that_is_no_book_is_told_as_such(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("hello")
    with pytest.raises(NotABook):
        arsheet.compute(path)


@pytest.mark.parametrize(
    "as_of", [datetime(2024, 12, 31, 17, 30), pd.Timestamp("2024-12-31 09:00"), date(2024, 12, 31)]
)
def test_an_as_of_date_and_time_stands_for_its_day(book: Path, as_of: date) -> None:
    assert arsheet.compute(book, as_of=as_of).as_of == AS_OF


@pytest.mark.parametrize("as_of", [20241231, np.datetime64("2024-12-31"), pd.NaT, ""])
def test_an_as_of_date_of_another_kind_is_refused_with_what_it_should_be(
    book: Path, as_of: object
) -> None:
    with pytest.raises(ValueError, match="is not a date like 2024-12-31"):
        arsheet.compute(book, as_of=as_of)  # type: ignore[arg-type]


@pytest.mark.parametrize("book", [None, 42, b"book.xlsx", ["book.xlsx"]])
def test_what_is_no_path_and_no_book_is_told_what_a_book_is(book: object) -> None:
    for function in (arsheet.load, arsheet.check, arsheet.compute, arsheet.recalc):
        with pytest.raises(TypeError, match="a book is a path to an"):
            function(book)  # type: ignore[arg-type]


def test_new_tells_what_is_in_the_way_in_the_users_own_names(tmp_path: Path) -> None:
    (tmp_path / "book.xlsx").write_bytes(b"mine")
    with pytest.raises(FileExistsError, match="force=True") as exists:
        arsheet.new(tmp_path / "book.xlsx")
    assert exists.value.filename == str(tmp_path / "book.xlsx")
    with pytest.raises(FileNotFoundError, match="no such folder") as missing:
        arsheet.new(tmp_path / "nowhere" / "book.xlsx")
    assert missing.value.filename == str(tmp_path / "nowhere")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


def test_today_is_taken_and_checked_as_the_as_of_date_is(book: Path) -> None:
    at_ten = datetime(2024, 12, 31, 10)
    assert arsheet.compute(book, today=at_ten).as_of == AS_OF
    assert arsheet.compute(book, today="2024-12-31").as_of == AS_OF  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="today 'Tuesday' is not a date"):
        arsheet.check(book, today="Tuesday")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="today 1066-10-14 is outside"):
        arsheet.recalc(book, today=date(1066, 10, 14))
