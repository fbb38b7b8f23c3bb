"""An open workbook reads as the same book in a file: the cells xlwings users trip over most.

Each book is written as a file, sent as Excel's client sends it open (:mod:`tests.excel_payload`),
and read through :class:`~arsheet.adapters.live.LiveBook` with xlwings' own conversion. The
records and the located problems must be those the file adapter reads from the file. Cells a
file cannot carry as Excel sends them (``60.0`` from COM, an error at a given cell, a huge
number) are put into the payload itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd

import arsheet
from arsheet.adapters.live import LiveBook
from arsheet.adapters.live.read import is_date1904
from arsheet.pipeline import Loaded
from tests.bookmaker import make_book
from tests.excel_payload import Payload, excel_book, iso, payload

D = dt.date
CUSTOMERS = [
    ["00123", "Acme 公司", None, None, None, None, 60],
    ["C2", "=x", None, None, None, None, None, None, None, None, None, "TRUE"],
    ["C3", "北京贸易有限公司", None, None, None, None, 30],
]
TRANSACTIONS = [
    ["INV-1", "00123", "Invoice", D(2024, 9, 1), None, 100],
    ["2024-09-01", "00123", "Invoice", D(2024, 9, 2), None, "1,234.50"],
    ["INV-3", "C2", "Invoice", 45536, None, 250.5],
    ["INV-4", "C3", "发票", "2024-09-03", None, 80],
]


def _book(tmp_path: Path, transactions: list[list[Any]] | None = None) -> Path:
    path = make_book(
        tmp_path / "book.xlsx",
        {"customers": CUSTOMERS, "transactions": transactions or TRANSACTIONS},
    )
    # "=x" typed as text (with an apostrophe), not the formula openpyxl makes of it.
    book = openpyxl.load_workbook(path)
    book["Customers"]["B3"].data_type = "s"
    book.save(path)
    return path


def _read(data: Payload) -> Loaded:
    return arsheet.load(LiveBook(excel_book(data)), today=D(2024, 12, 31))


def _sheet(data: Payload, name: str) -> list[list[Any]]:
    return next(s["values"] for s in data["sheets"] if s["name"] == name)


def _same(live: Loaded, file: Loaded) -> None:
    for frame in ("customers", "transactions", "payments"):
        pd.testing.assert_frame_equal(getattr(live.book, frame), getattr(file.book, frame))
    assert [(p.place, p.message) for p in live.located] == [
        (p.place, p.message) for p in file.located
    ]


def test_typed_text_dates_and_cjk_read_as_from_the_file(tmp_path: Path) -> None:
    path = _book(tmp_path)
    data = payload(path)
    live = _read(data)
    _same(live, arsheet.load(path, today=D(2024, 12, 31)))
    documents = live.book.transactions.set_index("document_no")
    assert list(documents.index) == ["INV-1", "2024-09-01", "INV-3", "INV-4"]
    assert list(documents["customer_id"]) == ["00123", "00123", "C2", "C3"]
    assert list(documents["amount"]) == [10000, 123450, 25050, 8000]
    assert list(documents["date"]) == list(
        pd.to_datetime(["2024-09-01", "2024-09-02", "2024-09-01", "2024-09-03"])
    )
    customers = live.book.customers.set_index("customer_id")
    assert customers.loc["C2", "customer_name"] == "=x"
    assert customers.loc["00123", "customer_name"] == "Acme 公司"
    # The date-formatted cell arrived as Excel's client sends it.
    assert _sheet(data, "Transactions")[1][3] == iso(D(2024, 9, 1))


def test_whole_numbers_as_floats_read_as_whole_numbers(tmp_path: Path) -> None:
    path = _book(tmp_path)
    data = payload(path)
    # Excel through COM hands every number over as a float.
    _sheet(data, "Customers")[1][6] = 60.0
    _sheet(data, "Transactions")[1][5] = 100.0
    _same(_read(data), arsheet.load(path, today=D(2024, 12, 31)))
    assert _read(data).book.customers["terms_days"].iloc[0] == 60


def test_blank_cells_trailing_blanks_and_an_empty_sheet_read_as_nothing(tmp_path: Path) -> None:
    path = _book(tmp_path)
    data = payload(path)
    transactions = _sheet(data, "Transactions")
    for row in transactions:
        row.extend(["", "", ""])
    transactions.extend([[""] * len(transactions[0]) for _ in range(5)])
    data["sheets"].append({"name": "Notes", "values": [[]], "pictures": [], "tables": []})
    live = _read(data)
    _same(live, arsheet.load(path, today=D(2024, 12, 31)))
    assert LiveBook(excel_book(data)).cells("Notes").height == 0


def test_an_error_cell_is_located_at_its_cell(tmp_path: Path) -> None:
    rows = [[f"INV-{n}", "C3", "Invoice", D(2024, 9, 1), None, 10] for n in range(1, 13)]
    path = _book(tmp_path, [*rows, ["INV-14", "C3", "Invoice", "#N/A", None, 10]])
    data = payload(path)
    assert _sheet(data, "Transactions")[13][3] == "#N/A"
    live = _read(data)
    _same(live, arsheet.load(path, today=D(2024, 12, 31)))
    assert [p.place for p in live.located if p.place.startswith("Transactions")] == [
        "Transactions!D14"
    ]


def test_a_huge_amount_is_a_problem_at_its_cell_as_in_the_file(tmp_path: Path) -> None:
    path = _book(tmp_path, [*TRANSACTIONS, ["INV-9", "C3", "Invoice", D(2024, 9, 1), None, 1e15]])
    live = _read(payload(path))
    _same(live, arsheet.load(path, today=D(2024, 12, 31)))
    assert "Transactions!F6" in [p.place for p in live.located]


def test_the_date_system_is_the_one_the_engine_tells(tmp_path: Path) -> None:
    class Com:
        Date1904 = True

    class Book:
        api = Com()

    assert is_date1904(Book())  # type: ignore[arg-type]
    assert not is_date1904(excel_book(payload(_book(tmp_path))))
