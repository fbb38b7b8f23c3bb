"""Reading workbooks: header languages and order, blank rows, dates, amounts, choices, settings."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from bookmaker import make_book

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.book.reader import read_book
from arsheet.errors import NotABook

CUSTOMERS = [["C1", "Acme Ltd"], ["C2", "北京华信"]]


def problems_of(result: object) -> set[tuple[str, int | None, str | None, str, str]]:
    return {(p.table, p.row, p.field, p.code, p.value) for p in result.problems}  # type: ignore[attr-defined]


def test_a_clean_book_reads_typed_records_indexed_by_sheet_row(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": [
                ["INV-1", "C1", "Invoice", date(2024, 9, 1), date(2024, 10, 1), 1200.50],
                [],
                ["CN-1", "C1", "Credit note", "2024/9/5", None, "¥200", "INV-1", "", "Y"],
            ],
            "payments": [["P-1", "C2", "2024年9月3日", "1,000.00", "", "wire"]],
        },
    )
    result = read_book(XlsxBook(book))
    assert result.problems == ()
    tx = result.book.transactions
    assert list(tx.index) == [2, 4]
    assert tx["type"].tolist() == ["invoice", "credit_note"]
    assert tx["amount"].tolist() == [120050, 20000]
    assert tx["date"].tolist() == [pd.Timestamp("2024-09-01"), pd.Timestamp("2024-09-05")]
    assert tx["disputed"].tolist() == [False, True]
    assert str(tx["date"].dtype) == "datetime64[ns]"
    assert result.book.payments.loc[2, "method"] == "bank_transfer"
    assert result.lang == "en"
    assert result.layouts["transactions"].columns["amount"] == 6


def test_chinese_headers_any_order_extra_columns_and_a_title_above(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [["客户名称", "我的列", "客户编号"], ["华信", "x", "C1"]],
            "transactions": [
                ["2024 年应收账款"],
                [],
                ["金额", "客户编号", "单据编号", "类型", "单据日期", "备注 ", " DUE  date"],
                [88, "C1", "FP-1", "发票", "2024.9.1", "", "2024-09-30"],
            ],
            "payments": [],
        },
        lang="zh",
    )
    result = read_book(XlsxBook(book))
    assert result.problems == ()
    layout = result.layouts["transactions"]
    assert (layout.header_row, layout.lang, layout.name) == (3, "zh", "交易明细")
    assert layout.columns["due_date"] == 7
    assert result.lang == "zh"
    assert result.book.transactions.loc[4, "amount"] == 8800
    assert result.book.customers.loc[2, "customer_id"] == "C1"


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("2024-13-01", "not_a_date"),
        ("next week", "not_a_date"),
        (5, "date_out_of_range"),
        (True, "not_a_date"),
    ],
)
def test_bad_due_dates_are_located(tmp_path: Path, cell: object, code: str) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": [["INV-1", "C1", "Invoice", date(2024, 9, 1), cell, 10]],
        },
    )
    result = read_book(XlsxBook(book))
    assert [(p.row, p.field, p.code) for p in result.problems] == [(2, "due_date", code)]
    assert result.book.transactions.empty


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        ("abc", "not_a_number"),
        (-5, "negative_amount"),
        (0, "zero_amount"),
        (10.005, "too_many_decimals"),
        ("1,234.567", "too_many_decimals"),
        (None, "missing_value"),
    ],
)
def test_bad_amounts(tmp_path: Path, amount: object, code: str) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "payments": [["P-1", "C1", date(2024, 9, 1), amount]]},
    )
    assert {p.code for p in read_book(XlsxBook(book)).problems} == {code}


def test_float_noise_from_formulas_is_not_a_third_decimal(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "payments": [["P-1", "C1", date(2024, 9, 1), 0.1 + 0.2]]},
    )
    result = read_book(XlsxBook(book))
    assert result.problems == ()
    assert result.book.payments["amount"].tolist() == [30]


def test_every_problem_of_a_row_is_reported_not_just_the_first(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": [["", "C1", "Bill", "yesterday", "", "-1", "", "", "maybe"]],
        },
    )
    assert problems_of(read_book(XlsxBook(book))) == {
        ("transactions", 2, "document_no", "missing_value", ""),
        ("transactions", 2, "type", "unknown_choice", "Bill"),
        ("transactions", 2, "date", "not_a_date", "yesterday"),
        ("transactions", 2, "amount", "negative_amount", "-1"),
        ("transactions", 2, "disputed", "unknown_choice", "maybe"),
    }


def test_numbers_typed_as_ids_read_without_decimals(tmp_path: Path) -> None:
    book = make_book(tmp_path / "b.xlsx", {"customers": [[1001, "Acme"]]})
    assert read_book(XlsxBook(book)).book.customers["customer_id"].tolist() == ["1001"]


def test_a_missing_required_column_is_one_error_at_the_header(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "payments": [["Payment No.", "Customer ID"], ["P-1", "C1"]]},
    )
    result = read_book(XlsxBook(book))
    assert problems_of(result) == {
        ("payments", 1, "date", "missing_column", ""),
        ("payments", 1, "amount", "missing_column", ""),
    }
    assert result.book.payments.empty


def test_optional_sheets_may_be_absent_and_settings_default(tmp_path: Path) -> None:
    result = read_book(XlsxBook(make_book(tmp_path / "b.xlsx", {"customers": CUSTOMERS})))
    assert result.book.plans.empty
    assert list(result.book.collection_log.columns)[:2] == ["date", "customer_id"]
    assert result.book.settings.aging_bounds == (30, 60, 90, 120)
    assert result.book.settings.dunning_levels[1].name == "First notice"


def test_settings_and_dunning_levels_anywhere_on_the_sheet(tmp_path: Path) -> None:
    settings = [
        ["设置项", "值", "", "级别", "名称", "逾期天数起", "费用", "渠道"],
        ["统计截止日", "2024/12/31", "", 1, "First", 1, 0, "邮件"],
        ["账龄分段", "30，60，90", "", 2, "Final", 30, 50, "信函"],
        ["语言", "中文", "", "", "", "", "", ""],
        ["年利率%", "4.35%", "", "", "", "", "", ""],
        ["Grace days", 3],
    ]
    result = read_book(XlsxBook(make_book(tmp_path / "b.xlsx", {"settings": settings})))
    s = result.book.settings
    assert result.problems == ()
    assert (s.as_of, s.aging_bounds, s.language, s.grace_days) == (
        date(2024, 12, 31),
        (30, 60, 90),
        "zh",
        3,
    )
    assert s.annual_interest_rate == Decimal("4.35")
    assert [(d.level, d.fee, d.channel) for d in s.dunning_levels] == [
        (1, 0, "email"),
        (2, 5000, "letter"),
    ]
    assert result.lang == "zh"


def test_an_interest_rate_below_one_percent_is_kept_and_warned_of(tmp_path: Path) -> None:
    """10% typed into a percent-formatted cell is stored as 0.1: never guessed, but said."""
    settings = [["Annual interest rate %", 0.1], ["Company name", "X"]]
    result = read_book(XlsxBook(make_book(tmp_path / "b.xlsx", {"settings": settings})))
    assert result.book.settings.annual_interest_rate == Decimal("0.1")
    assert problems_of(result) == {
        ("settings", 1, "annual_interest_rate", "interest_rate_below_one", "0.1")
    }


def test_a_chinese_book_without_a_ladder_names_the_default_levels_in_chinese(
    tmp_path: Path,
) -> None:
    settings = [["语言", "中文"], ["年利率%", 6]]
    result = read_book(XlsxBook(make_book(tmp_path / "b.xlsx", {"settings": settings})))
    names = [level.name for level in result.book.settings.dunning_levels]
    assert names == ["到期提醒", "第一次催款", "第二次催款", "最后通牒"]


def test_bad_settings_are_located_and_fall_back_to_defaults(tmp_path: Path) -> None:
    settings = [["Aging buckets", "30,abc"], ["As-of date", "soon"], ["Language", "fr"]]
    result = read_book(XlsxBook(make_book(tmp_path / "b.xlsx", {"settings": settings})))
    assert problems_of(result) == {
        ("settings", 1, "aging_bounds", "bad_aging_buckets", "30,abc"),
        ("settings", 2, "as_of", "not_a_date", "soon"),
        ("settings", 3, "language", "unknown_choice", "fr"),
    }
    assert result.book.settings.aging_bounds == (30, 60, 90, 120)
    assert result.layouts["settings"].columns["as_of"] == 2


def test_both_date_systems_give_the_same_dates(tmp_path: Path) -> None:
    rows = [["INV-1", "C1", "Invoice", datetime(2024, 9, 1), 45566, 10]]
    for date1904 in (False, True):
        serial = 45566 - 1462 if date1904 else 45566
        rows[0][4] = serial
        result = read_book(
            XlsxBook(
                make_book(
                    tmp_path / f"b{date1904}.xlsx",
                    {"customers": CUSTOMERS, "transactions": rows},
                    date1904=date1904,
                )
            )
        )
        assert result.date1904 is date1904
        assert result.book.transactions.loc[2, "date"] == pd.Timestamp("2024-09-01")
        assert result.book.transactions.loc[2, "due_date"] == pd.Timestamp("2024-10-01")


@pytest.mark.parametrize("missing", ["customers", "transactions", "payments"])
def test_a_book_without_a_required_sheet_is_not_a_book(tmp_path: Path, missing: str) -> None:
    book = make_book(tmp_path / "b.xlsx", {missing: None})
    with pytest.raises(NotABook) as caught:
        read_book(XlsxBook(book))
    assert missing.capitalize() in caught.value.message("en")
