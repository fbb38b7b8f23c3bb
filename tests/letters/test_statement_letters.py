"""Statements written out: golden files in each language, escaping, and the user's templates."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from bookmaker import make_book

import arsheet
from arsheet.letters.statement import file_name

from .statement_books import COMPANY, statement_book

GOLDEN = Path(__file__).parent.parent / "golden" / "statements"
UPDATE_ENV = "ARSHEET_UPDATE_GOLDEN"


@pytest.mark.parametrize(
    "name", ["ACME-statement.html", "ACME-statement.txt", "HX-statement.html", "HX-statement.txt"]
)
def test_the_statements_are_the_golden_ones(tmp_path: Path, name: str) -> None:
    """Acme's is English, 恒信's Chinese. ``ARSHEET_UPDATE_GOLDEN=1`` rewrites them."""
    arsheet.statement(statement_book(tmp_path / "b.xlsx"), out=tmp_path / "out")
    made = (tmp_path / "out" / name).read_text(encoding="utf-8")
    golden = GOLDEN / name
    if os.environ.get(UPDATE_ENV):
        golden.write_text(made, encoding="utf-8")
    assert made == golden.read_text(encoding="utf-8")


def test_the_chinese_statement_gives_the_balance_in_capital_numerals(tmp_path: Path) -> None:
    html = arsheet.statement_html(statement_book(tmp_path / "b.xlsx"), "HX")
    # 1,005.00 disputed, less 500.00 paid beyond H-2's 10,000.50.
    assert "505.00 元（大写：人民币伍佰零伍元整）" in html
    assert "对账确认回执" in html
    assert "单位（盖章）" in html


def test_a_written_off_invoice_shows_its_write_off_on_its_own_date(tmp_path: Path) -> None:
    done = arsheet.statement(statement_book(tmp_path / "b.xlsx"), "ACME", out=tmp_path)
    (acme,) = done.statements
    lines = [(m.day, m.kind, m.number, m.credit) for m in acme.movements]
    assert (date(2026, 11, 4), "write_off", "A-3", 12000) in lines
    assert acme.opening == 100000
    assert acme.closing == 240000  # 1,000 + 2,500.50 − 100.50 − 1,000


def test_markup_and_template_code_in_a_name_are_printed_as_typed(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [["C1", "<b>Evil</b> {{ 7*7 }}"]],
            "transactions": [["I-1", "C1", "Invoice", date(2026, 11, 2), None, 10]],
            "settings": [["As-of date", date(2026, 11, 30)]],
        },
    )
    html = arsheet.statement_html(book, "C1")
    assert "&lt;b&gt;Evil&lt;/b&gt; {{ 7*7 }}" in html
    assert "<b>Evil</b>" not in html
    arsheet.statement(book, "C1", out=tmp_path, formats=["txt"])
    assert "<b>Evil</b> {{ 7*7 }}" in (tmp_path / "C1-statement.txt").read_text(encoding="utf-8")


def test_a_template_in_a_letters_folder_beside_the_book_replaces_arsheets(tmp_path: Path) -> None:
    book = statement_book(tmp_path / "b.xlsx")
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "statement.en.txt").write_text(
        "{{ customer.name }} owes {{ closing|money }} at {{ end|day }}\n", encoding="utf-8"
    )
    arsheet.statement(book, "ACME", out=tmp_path / "out", formats=["txt"])
    written = (tmp_path / "out" / "ACME-statement.txt").read_text(encoding="utf-8")
    assert written == "Acme Ltd owes 2,400.00 at 30 November 2026\n"


def test_a_customer_without_a_language_gets_the_books(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [["C1", "Acme"]],
            "transactions": [["I-1", "C1", "Invoice", date(2026, 11, 2), None, 10]],
            "settings": [*COMPANY, ["Language", "Chinese"]],
        },
    )
    assert arsheet.statement(book, "C1", out=tmp_path).languages == {"C1": "zh"}


def test_file_names_are_safe_on_every_system() -> None:
    assert file_name('A/B\\C:D*E?"F<G>H|', "html") == "A_B_C_D_E__F_G_H_-statement.html"
    assert file_name("..", "txt") == "_-statement.txt"


def test_two_customers_never_share_a_file(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [["A/B", "Slash"], ["a_b", "Underscore"]],
            "transactions": [
                ["I-1", "A/B", "Invoice", date(2026, 11, 2), None, 10],
                ["I-2", "a_b", "Invoice", date(2026, 11, 2), None, 20],
            ],
            "settings": [["As-of date", date(2026, 11, 30)]],
        },
    )
    with pytest.raises(ValueError, match="A/B and a_b would both be written to a_b-statement"):
        arsheet.statement(book, out=tmp_path / "out")
    assert not (tmp_path / "out").exists()
