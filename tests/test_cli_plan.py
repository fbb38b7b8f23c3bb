"""``arsheet plan``: an even schedule printed and appended to the Payment plans sheet."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from bookmaker import make_book

import arsheet
from arsheet.cli import main
from arsheet.planning import next_plan_id

CUSTOMERS = [["C1", "Acme"], ["C2", "Beta"]]
TRANSACTIONS = [
    ["INV-1", "C1", "Invoice", date(2024, 9, 1), date(2024, 10, 1), Decimal("1200.00")],
    ["INV-2", "C1", "Invoice", date(2024, 9, 5), date(2024, 10, 5), 500],
    ["INV-3", "C2", "Invoice", date(2024, 9, 5), date(2024, 10, 5), 800],
    ["CN-1", "C1", "Credit note", date(2024, 9, 6), None, 10],
]
# 190.00 paid on INV-1 and the credit note's 10.00 leave 1,000.00 on it; INV-2 is paid.
PAYMENTS = [
    ["P-1", "C1", date(2024, 9, 20), 190, "INV-1", "Cash"],
    ["P-2", "C1", date(2024, 9, 21), 500, "INV-2", "Cash"],
]
PLANS = [
    ["P0003", "C2", "INV-3", 1, date(2024, 11, 30), 400],
    ["P0003", "C2", "INV-3", 2, date(2024, 12, 31), 400],
]


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": TRANSACTIONS,
            "payments": PAYMENTS,
            "plans": PLANS,
            "settings": [["Setting", "Value"], ["As-of date", date(2025, 1, 15)]],
        },
    )


def plan_rows(path: Path) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(path)["Payment plans"]
    return [row[:9] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]


def test_a_thousand_in_three_months_from_a_31st(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["plan", str(book), "--customer", "C1", "--document", "INV-1", "--count", "3"]
    assert main([*args, "--start", "2025-01-31"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "P0004 for C1, INV-1: 1,000.00 in 3 monthly instalments",
        "    1  2025-01-31        333.33",
        "    2  2025-02-28        333.33",
        "    3  2025-03-31        333.34",
        "appended to b.xlsx (Payment plans); previous version kept as b.xlsx.bak",
    ]
    new = plan_rows(book)[2:]
    assert [row[:6] for row in new] == [
        ("P0004", "C1", "INV-1", 1, datetime(2025, 1, 31), 333.33),
        ("P0004", "C1", "INV-1", 2, datetime(2025, 2, 28), 333.33),
        ("P0004", "C1", "INV-1", 3, datetime(2025, 3, 31), 333.34),
    ]
    assert book.with_name("b.xlsx.bak").exists()
    # recalc fills the plans' Paid and Status: the old plan, nothing paid, missed then upcoming.
    assert main(["recalc", str(book)]) == 0
    assert [row[7:] for row in plan_rows(book)] == [
        (0, "Missed"),
        (0, "Missed"),
        (0, "Upcoming"),
        (0, "Upcoming"),
        (0, "Upcoming"),
    ]


def test_weekly_from_one_week_after_the_as_of_date_for_the_customers_balance(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["plan", str(book), "--customer", "C1", "--count", "2", "--every", "week"]
    assert main(args) == 0
    # C1's balance is what is left on INV-1.
    assert capsys.readouterr().out.splitlines()[:3] == [
        "P0004 for C1: 1,000.00 in 2 weekly instalments",
        "    1  2025-01-22        500.00",
        "    2  2025-01-29        500.00",
    ]


def test_a_dry_run_writes_nothing(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = book.read_bytes()
    args = ["plan", str(book), "--customer", "C1", "--document", "INV-1", "--count", "2"]
    assert main([*args, "--amount", "600", "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "dry run: nothing was written"
    assert book.read_bytes() == before
    assert not book.with_name("b.xlsx.bak").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--customer", "C9"],
            "'Payment plans': customer ID \"C9\" is not a valid customer on the Customers sheet",
        ),
        (
            ["--customer", "C1", "--document", "INV-9"],
            "'Payment plans': document No. \"INV-9\" is not a valid document on the "
            "Transactions sheet",
        ),
        (
            ["--customer", "C1", "--document", "INV-3"],
            'Transactions!A4: document No. "INV-3" belongs to another customer (C2)',
        ),
        (
            ["--customer", "C1", "--document", "INV-2"],
            'Transactions!A3: document No. "INV-2" has nothing left to pay; a plan needs an '
            "open invoice",
        ),
        (
            ["--customer", "C1", "--document", "CN-1"],
            'Transactions!A5: document No. "CN-1" is a credit note; a plan pays an invoice',
        ),
        (
            ["--customer", "C1", "--document", "INV-1", "--plan-id", "P0003"],
            "'Payment plans'!A2: plan ID \"P0003\" is already used in row 2",
        ),
        (
            ["--customer", "C1", "--document", "INV-1", "--amount", "1000.01"],
            "'Payment plans': the plan's amount 1,000.01 is more than the 1,000.00 still open "
            "on INV-1",
        ),
        (
            # The money toward INV-3 would count toward both plans.
            ["--customer", "C2", "--document", "INV-3"],
            "'Payment plans'!A2: INV-3 has plan P0003 with instalments still to pay; money paid "
            "would count toward both plans: delete its rows first to plan anew",
        ),
        (
            # One problem for the schedule, not one per instalment past the last date.
            ["--customer", "C1", "--document", "INV-1", "--start", "2199-12-31"],
            "'Payment plans': due date \"2200-02-28\" is outside 1900-03-01 to 2199-12-31",
        ),
    ],
)
def test_what_the_book_refuses_is_told_at_its_place_and_nothing_is_written(
    book: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = book.read_bytes()
    assert main(["plan", str(book), "--count", "3", *args]) == 2
    assert capsys.readouterr().err == (
        f"No rows were appended to b.xlsx, which is unchanged: {message}\n"
    )
    assert book.read_bytes() == before


def test_a_refusal_in_chinese(
    book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ARSHEET_LANG", "zh")
    assert main(["plan", str(book), "--customer", "C9", "--count", "3"]) == 2
    assert capsys.readouterr().err == (
        "未向 b.xlsx 添加任何行，文件未改动：'Payment plans'：客户编号“C9”不是客户表中的有效客户\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--count", "0"],
        ["--count", "3", "--start", "2025-02-30"],
        ["--count", "3", "--amount", "1.001"],
    ],
)
def test_bad_arguments_exit_2(
    book: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(book), "--customer", "C1", *args]) == 2
    assert capsys.readouterr().err.startswith("arsheet plan: ")


def test_a_document_dated_after_the_as_of_date_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    later = ["INV-9", "C1", "Invoice", date(2025, 2, 1), date(2025, 3, 1), 100]
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": [*TRANSACTIONS, later],
            "plans": [],
            "settings": [["As-of date", date(2025, 1, 15)]],
        },
    )
    args = ["--customer", "C1", "--document", "INV-9", "--count", "2"]
    assert main(["plan", str(book), *args]) == 2
    assert capsys.readouterr().err == (
        "No rows were appended to b.xlsx, which is unchanged: Transactions!A6: document No. "
        '"INV-9" is dated after the as-of date 2025-01-15; set a later As-of date on Settings '
        "to plan it\n"
    )


@pytest.mark.parametrize(
    ("typed", "next_id"),
    [
        ("P99999999999999999999", "P100000000000000000000"),  # beyond an int64
        ("P\u0669", "P0004"),  # an Arabic-Indic nine is not arsheet's numbering
    ],
)
def test_the_next_plan_id_follows_any_typed_number(
    tmp_path: Path, typed: str, next_id: str
) -> None:
    plans = [[typed, "C2", "INV-3", 1, date(2024, 11, 30), 800], *PLANS]
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": TRANSACTIONS,
            "payments": PAYMENTS,
            "plans": plans,
            "settings": [["As-of date", date(2025, 1, 15)]],
        },
    )
    done = arsheet.plan(book, customer="C1", count=2, dry_run=True)
    assert done.plan_id == next_id


def test_the_library_function_plans_a_book_in_memory_and_recalc_fills_its_status() -> None:
    book = arsheet.MemoryBook.from_records(
        {
            "customers": [{"customer_id": "C1", "customer_name": "Acme"}],
            "transactions": [
                {
                    "document_no": "INV-1",
                    "customer_id": "C1",
                    "type": "invoice",
                    "date": date(2024, 9, 1),
                    "amount": Decimal("1000.00"),
                }
            ],
            "collection_log": [
                {
                    "date": date(2024, 12, 10),
                    "customer_id": "C1",
                    "promised_date": date(2024, 12, 20),
                    "promised_amount": Decimal("333.33"),
                }
            ],
        }
    )
    planned = arsheet.plan(book, customer="C1", document="INV-1", count=3, start="2024-10-31")
    assert planned.plan_id == "P0001"
    assert [i[2] for i in planned.instalments] == [
        Decimal("333.33"),
        Decimal("333.33"),
        Decimal("333.34"),
    ]
    assert sum(i[2] for i in planned.instalments) == planned.amount == Decimal("1000.00")
    arsheet.recalc(book, as_of=date(2024, 12, 15))
    header, *rows = book.sheet("Payment plans")
    plan = [dict(zip(header, row, strict=True)) for row in rows]
    assert [(r["Due date"], r["Status"]) for r in plan] == [
        (date(2024, 10, 31), "Missed"),
        (date(2024, 11, 30), "Missed"),
        (date(2024, 12, 31), "Upcoming"),
    ]
    header, promise = book.sheet("Collection log")
    assert dict(zip(header, promise, strict=True))["Promise status"] == "Open"


def test_a_chinese_book_gets_its_plan_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = make_book(
        tmp_path / "zh.xlsx",
        {"customers": CUSTOMERS, "transactions": TRANSACTIONS[:1], "plans": []},
        lang="zh",
    )
    args = ["plan", str(book), "--customer", "C1", "--document", "INV-1", "--count", "2"]
    assert main([*args, "--start", "2025-01-31", "--no-backup"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "P0001（C1, INV-1）：1,200.00，分 2 期每月付款",
        "    1  2025-01-31        600.00",
        "    2  2025-02-28        600.00",
        "已添加到 zh.xlsx（付款计划）",
    ]
    notes = [
        row[6]
        for row in openpyxl.load_workbook(book)["付款计划"].iter_rows(min_row=2, values_only=True)
    ]
    assert notes == ["第 1 期，共 2 期", "第 2 期，共 2 期"]
    assert not book.with_name("zh.xlsx.bak").exists()


def test_an_unexpected_error_is_one_line_and_the_book_is_unchanged(
    book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("arsheet.planning.even_schedule", broken)
    before = book.read_bytes()
    assert main(["plan", str(book), "--customer", "C1", "--count", "2"]) == 2
    assert capsys.readouterr().err == (
        "b.xlsx: the plan failed with an unexpected error (RuntimeError: boom); "
        "the book is unchanged\n"
    )
    assert book.read_bytes() == before


@pytest.mark.parametrize(
    ("ids", "next_id"),
    [
        (["PP2026-01", "PP2026-02"], "PP2026-03"),
        (["P0003", "PP2026-09"], "PP2026-10"),
        (["PP2026-02", "P0003"], "P0004"),
        (["P9", "P10"], "P11"),
        (["计划-007", "备注"], "计划-008"),
        (["none", ""], "P0001"),
        ([], "P0001"),
    ],
)
def test_a_new_plan_is_numbered_as_the_book_numbers_its_last_plan(
    ids: list[str], next_id: str
) -> None:
    assert next_plan_id(pd.Series(ids, dtype=object)) == next_id
