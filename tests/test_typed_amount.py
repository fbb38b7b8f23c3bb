"""Amounts typed for ``arsheet plan`` and ``arsheet credit``: read exactly or refused."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from bookmaker import make_book

from arsheet.cli import main
from arsheet.typed_amount import typed_cents


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("1000", 100000),
        (" 1,000.00 ", 100000),
        ("1,234,567.8", 123456780),
        ("0.01", 1),
        ("９９", 9900),  # full-width digits, as a Chinese input method types them
        (Decimal("1.230"), 123),
        (12, 1200),
        ("9,999,999,999.99", 10**12 - 1),
    ],
)
def test_an_amount_is_read_to_the_cent(typed: str | Decimal | int, cents: int) -> None:
    assert typed_cents(typed) == cents


@pytest.mark.parametrize(
    "typed",
    [
        "1.000,00",  # a thousand where the decimal comma is used: not 1.00
        "1,00",  # one with a decimal comma: not 100.00
        "1,0000.00",
        "1e3",
        "1E+400",
        "1e309",
        "NaN",
        "Infinity",
        "五千",
        "-5",
        "0",
        "0.001",
        "",
        Decimal("1E+400"),
        Decimal("sNaN"),
        Decimal("-0.01"),
        "10,000,000,000.00",
        1.5,
        True,
    ],
)
def test_what_could_be_read_more_than_one_way_is_refused(typed: object) -> None:
    with pytest.raises(ValueError, match="amount"):
        typed_cents(typed)  # type: ignore[arg-type]


def test_an_order_may_be_zero_a_plan_may_not() -> None:
    assert typed_cents("0", zero=True) == 0
    with pytest.raises(ValueError, match="more than 0"):
        typed_cents("0")


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [["C1", "Acme", "", "", "", "", 30, 5000]],
            "transactions": [["INV-1", "C1", "Invoice", "2024-12-20", "2025-01-19", 2000]],
            "settings": [["As-of date", "2024-12-31"]],
        },
    )


@pytest.mark.parametrize("typed", ["1e309", "1E+400", "1.000,00"])
def test_credit_and_plan_refuse_an_unreadable_amount_in_one_line(
    book: Path, typed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = book.read_bytes()
    assert main(["credit", str(book), "--customer", "C1", "--amount", typed]) == 2
    plan = ["plan", str(book), "--customer", "C1", "--count", "2", "--amount", typed]
    assert main(plan) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert all(f"amount {typed!r}" in line for line in err)
    assert book.read_bytes() == before


def test_credit_reads_thousands_separators_as_plan_does(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["credit", str(book), "--customer", "C1", "--amount", "3,000.00"]) == 0
    assert main(["credit", str(book), "--customer", "C1", "--amount", "3,000.01"]) == 1
    assert "order 3,000.00 CNY: exposure 5,000.00" in capsys.readouterr().out
