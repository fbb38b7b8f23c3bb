"""The Settings sheet's credit policy: hold thresholds, Credit score factors and Credit grades."""

from __future__ import annotations

from pathlib import Path

from bookmaker import make_book

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.book.messages import describe_all
from arsheet.book.reader import read_book
from arsheet.core.settings import (
    DEFAULT_CREDIT_FACTORS,
    DEFAULT_CREDIT_GRADES,
    CreditFactor,
    CreditGrade,
)

CUSTOMERS = [["C1", "Acme"]]


def read(tmp_path: Path, settings: list[list[object]]):  # type: ignore[no-untyped-def]
    book = make_book(tmp_path / "b.xlsx", {"customers": CUSTOMERS, "settings": settings})
    return read_book(XlsxBook(book))


def test_the_user_tunes_factors_grades_and_holds_anywhere_on_the_sheet(tmp_path: Path) -> None:
    settings = [
        ["Setting", "Value", "", "Factor", "Weight (points)", "Full at", "", "Grade", "Score from"],
        ["Credit hold: days overdue", 45, "", "Limit used %", 30, 90, "", "Top", 70],
        [
            "Credit hold: overdue amount",
            "2,500.00",
            "",
            "Broken promises (12 months)",
            15,
            3,
            "",
            "Rest",
            0,
        ],
        ["Language", "en", "", "", "", "", "", "", ""],
    ]
    result = read(tmp_path, settings)
    s = result.book.settings
    assert result.problems == ()
    assert (s.hold_days_overdue, s.hold_overdue_amount) == (45, 250_000)
    assert s.credit_factors == (
        CreditFactor("utilisation", 30, 90),
        CreditFactor("broken_promises", 15, 3),
    )
    # Without the limit and terms columns a grade suggests no credit and keeps the terms.
    assert s.credit_grades == (CreditGrade("Top", 70, 0, None), CreditGrade("Rest", 0, 0, None))


def test_without_the_tables_the_defaults_apply(tmp_path: Path) -> None:
    s = read(tmp_path, [["Language", "en"]]).book.settings
    assert s.credit_factors == DEFAULT_CREDIT_FACTORS
    assert s.credit_grades == DEFAULT_CREDIT_GRADES
    assert (s.hold_days_overdue, s.hold_overdue_amount) == (60, 100_000)


def test_bad_credit_settings_are_located_in_both_languages(tmp_path: Path) -> None:
    settings = [
        ["Credit hold: overdue amount", "12,50", "", "Factor", "Weight (points)", "Full at"],
        ["Grade", "Score from", "", "Limit used %", 30, 0],
        ["A", 80, "", "Charm", 10, 5],
        ["A", 50, "", "", "", ""],
        ["B", 101, "", "", "", ""],
    ]
    result = read(tmp_path, settings)
    located = [p.text for p in describe_all(result.problems, result.layouts, "en")]
    assert located == [
        'Settings!B1: credit hold: overdue amount "12,50" has a decimal comma; type 12.50',
        'Settings!F2: full at "0" is less than 1',
        'Settings!D3: factor "Charm" is not one of Overdue share %, Broken promises (12 months),'
        " Missed instalments (12 months), Limit used %, History days, Written off %",
        'Settings!A4: grade "A" is already used in row 3',
        'Settings!B5: score from "101" is too large (at most 100)',
    ]
    assert all(p.text for p in describe_all(result.problems, result.layouts, "zh"))
    s = result.book.settings
    # Each bad row is left out; the rows that are right stay.
    assert s.credit_grades == (CreditGrade("A", 80, 0, None),)
    assert s.hold_overdue_amount == 100_000
    assert s.credit_factors == DEFAULT_CREDIT_FACTORS
