"""A notice written out: in whose language, to which addresses, with which figures."""

from __future__ import annotations

import pytest

from arsheet.letters.compose import compose
from arsheet.letters.environment import environment

from .notice_book import book, line, notice


def test_the_worked_example_asks_for_110_41_with_0_41_interest() -> None:
    # 100.00 overdue 15 days at 10 % a year, a fee of 10.00.
    composed = compose(notice(1), book(), environment())
    for letter in (composed.text, composed.html):
        assert "100.00" in letter
        assert "0.41" in letter
        assert "10.00" in letter
        assert "CNY 110.41" in letter
    assert "CNY 110.41" in composed.subject


def test_a_customer_without_a_language_gets_the_books() -> None:
    assert compose(notice(1), book("en"), environment()).lang == "en"
    composed = compose(notice(1), book("zh"), environment())
    assert composed.lang == "zh"
    assert "尊敬的ACME Industries" in composed.text


def test_a_customers_own_language_wins_over_the_books() -> None:
    composed = compose(notice(1, "C2"), book("en"), environment())
    assert composed.lang == "zh"
    assert composed.customer_name == "华东贸易有限公司"
    assert "尊敬的华东贸易有限公司" in composed.html
    english = compose(notice(1), book("zh", language="en"), environment())
    assert english.lang == "en"
    assert "Dear Jane Doe," in english.text


@pytest.mark.parametrize(
    ("typed", "to"),
    [
        ("ap@acme.example; jane@acme.example", ("ap@acme.example", "jane@acme.example")),
        ("ap@acme.example,jane@acme.example,", ("ap@acme.example", "jane@acme.example")),
        ("  ap@acme.example  ", ("ap@acme.example",)),
        ("", ()),
    ],
)
def test_the_customers_addresses_are_split_on_semicolons_and_commas(
    typed: str, to: tuple[str, ...]
) -> None:
    assert compose(notice(1), book(email=typed), environment()).to == to


def test_the_chinese_letter_shows_the_total_in_capital_numerals() -> None:
    # 1,000.00 open, 0.00 interest, a fee of 5.00: 1,005.00, the zero inside the amount.
    owed = notice(1, "C2", lines=(line("INV-7", 100_000, 62, 0),), fee=500)
    composed = compose(owed, book(), environment())
    assert "人民币壹仟零伍元整" in composed.html
    assert "人民币壹仟零伍元整" in composed.text
    assert "¥1,005.00" in composed.text


def test_the_subject_is_one_line() -> None:
    subject = compose(notice(1), book(customer_name="ACME\nIndustries"), environment()).subject
    assert "\n" not in subject
