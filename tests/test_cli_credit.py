"""``arsheet credit``: may this order ship on credit? Exit 0: it fits, 1: not, 2: no answer."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from bookmaker import make_book
from credit_books import paid_rows

import arsheet
from arsheet.cli import main
from arsheet.errors import UnknownCustomer

AS_OF = "2024-12-31"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """Good pays on time, owes 300 of a 500 limit; Late pays 90 days late (grade D)."""
    good_inv, good_pay = paid_rows("GOOD", 0)
    late_inv, late_pay = paid_rows("LATE", 90)
    return make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [
                ["GOOD", "Good Ltd", "", "", "", "", 30, 500],
                ["LATE", "Late Ltd", "", "", "", "", 30, 10000],
                ["NEW", "New Ltd"],
            ],
            "transactions": [
                *good_inv,
                *late_inv,
                ["GOOD-9", "GOOD", "Invoice", date(2024, 12, 20), None, 300],
            ],
            "payments": [*good_pay, *late_pay],
            "settings": [["As-of date", date(2024, 12, 31)]],
        },
    )


def test_an_order_within_the_limit_fits(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["credit", str(book), "--customer", "GOOD", "--amount", "200"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "GOOD Good Ltd — grade B, score 74",
        "order 200.00 CNY: exposure 500.00 against a limit of 500.00 (0.00 left)",
        "fits: it may ship on credit",
        "why: uses 60 % of the limit",
    ]


def test_an_order_beyond_the_limit_does_not(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["credit", str(book), "--customer", "GOOD", "--amount", "200.01"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "order 200.01 CNY: exposure 500.01 against a limit of 500.00 (0.01 over)"
    assert out[2] == "does not fit: the order takes the balance over the credit limit"


def test_a_late_payer_is_asked_for_prepayment(book: Path) -> None:
    answer = arsheet.credit_check(book, "LATE", Decimal("10"))
    assert (answer.grade, answer.score, answer.fits) == ("D", 30, False)
    assert answer.blocks == ("the grade asks for prepayment",)
    assert answer.reasons == ("pays 90 days late on average",)
    assert answer.headroom == Decimal("9990.00")


def test_json_gives_exact_money_and_the_reasons(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["credit", str(book), "--customer", "NEW", "--amount", "1", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["grade"] == "New"
    assert answer["score"] is None
    assert (answer["exposure"], answer["credit_limit"], answer["headroom"]) == ("1.00", None, None)
    assert answer["reasons"] == ["0 paid invoices so far", "0 days of history"]


def test_the_customer_id_is_taken_as_the_book_reads_its_ids_stripped(book: Path) -> None:
    assert main(["credit", str(book), "--customer", " GOOD ", "--amount", "200"]) == 0
    assert arsheet.credit_check(book, "GOOD\t", 1).customer_id == "GOOD"


def test_an_unknown_customer_or_a_bad_amount_exits_2(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["credit", str(book), "--customer", "NOPE", "--amount", "1"]) == 2
    assert "has no customer NOPE" in capsys.readouterr().err
    assert main(["credit", str(book), "--customer", "GOOD", "--amount", "1.234"]) == 2
    assert main(["credit", str(book), "--customer", "GOOD", "--amount", "-1"]) == 2
    assert (
        main(["credit", str(book.with_name("none.xlsx")), "--customer", "GOOD", "--amount", "1"])
        == 2
    )
    with pytest.raises(UnknownCustomer):
        arsheet.credit_check(book, "NOPE", 1)


def test_the_installed_command_answers_with_its_exit_status(book: Path) -> None:
    def status(customer: str, amount: str) -> int:
        command = [sys.executable, "-m", "arsheet", "credit", str(book), "--customer", customer]
        return subprocess.run([*command, "--amount", amount], capture_output=True).returncode

    assert (status("GOOD", "100"), status("GOOD", "201"), status("NOPE", "1")) == (0, 1, 2)


def test_the_answer_speaks_the_books_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inv, pay = paid_rows("C1", 15)
    book = make_book(
        tmp_path / "zh.xlsx",
        {"customers": [["C1", "甲公司"]], "transactions": inv, "payments": pay},
        lang="zh",
    )
    assert main(["credit", str(book), "--customer", "C1", "--amount", "5", "--as-of", AS_OF]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "C1 甲公司 — 信用等级 B，评分 70",
        "订单 5.00 CNY：加上后欠款 5.00，未设信用额度",
        "可以赊销发货",
        "评分原因：平均逾期 15 天付款",
    ]
