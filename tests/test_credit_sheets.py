"""Credit as ``recalc`` writes it: score, grade and hold on Customers; reasons on Summary."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from bookmaker import make_book
from credit_books import paid_rows
from python_calamine import CalamineWorkbook

import arsheet
from arsheet.book.contract import CUSTOMERS, SUMMARY
from arsheet.cli import main
from arsheet.reports.labels import label
from arsheet.reports.reasons import hold_texts


def _book(path: Path, lang: str) -> Path:
    """C1 pays 15 days late and is over its limit of 100; C2 pays on time; C3 is new."""
    late_inv, late_pay = paid_rows("C1", 15)
    good_inv, good_pay = paid_rows("C2", 0)
    book = make_book(
        path,
        {
            "customers": [
                ["C1", "Acme", "", "", "", "", 30, 100],
                ["C2", "Globex"],
                ["C3", "Initech"],
            ],
            "transactions": [
                *late_inv,
                *good_inv,
                ["C1-9", "C1", "Invoice", date(2024, 12, 20), None, 150],
            ],
            "payments": [*late_pay, *good_pay],
        },
        lang=lang,
    )
    assert main(["recalc", str(book), "--as-of", "2024-12-31", "--no-backup"]) in (0, 1)
    return book


def _rows(book: Path, name: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(book)).get_sheet_by_name(name).to_python()


@pytest.mark.parametrize(
    ("lang", "yes", "no", "new"), [("en", "Y", "N", "New"), ("zh", "是", "否", "新客户")]
)
def test_customers_get_score_grade_and_hold(
    tmp_path: Path, lang: str, yes: str, no: str, new: str
) -> None:
    rows = _rows(_book(tmp_path / "b.xlsx", lang), CUSTOMERS.name(lang))
    header = rows[0]
    columns = [
        header.index(CUSTOMERS.column(k).header(lang))
        for k in ("credit_score", "grade", "credit_hold")
    ]
    got = {r[0]: [r[c] for c in columns] for r in rows[1:]}
    # C1: 70 for paying 15 days late, less 10 for using 150 % of its limit (its 150.00 is not
    # yet due): 60, grade C, held for being over the limit. C3 has no history: no score.
    assert got == {"C1": [60.0, "C", yes], "C2": [80.0, "A", no], "C3": ["", new, no]}


def test_the_summary_shows_score_hold_suggestions_and_reasons(tmp_path: Path) -> None:
    rows = _rows(_book(tmp_path / "b.xlsx", "en"), SUMMARY.name("en"))
    header = rows[2]
    c1 = dict(zip(header, next(r for r in rows[3:] if r[0] == "C1"), strict=True))
    assert c1[label("credit_score", "en")] == 60
    assert c1[label("credit_hold", "en")] == "Y"
    # Grade C: one month of the last 365 days' sales (100 + 100 + 150) / 12 = 29.16, whole units.
    assert c1[label("suggested_limit", "en")] == 29
    assert c1[label("suggested_terms", "en")] == 15
    assert c1[label("hold_reasons", "en")] == "over the credit limit"
    assert c1[label("credit_reasons", "en")] == (
        "pays 15 days late on average; uses 150 % of the limit"
    )


def test_the_api_gives_the_credit_columns_with_money_as_decimals(tmp_path: Path) -> None:
    customers = arsheet.compute(_book(tmp_path / "b.xlsx", "en"), as_of="2024-12-31").customers
    assert customers.loc["C1", "suggested_limit"] == Decimal("29.00")
    assert customers.loc["C1", "long_overdue_amount"] == Decimal("0.00")
    assert customers.loc["C3", "suggested_limit"] is None
    assert customers["grade"].tolist() == ["C", "A", "New"]


@pytest.mark.parametrize(
    ("lang", "both"),
    [
        ("en", "over the credit limit; over 1,000.00 overdue 60+ days"),
        ("zh", "超出信用额度；逾期 60 天以上超过 1,000.00"),
    ],
)
def test_why_a_customer_is_held_in_words(lang: str, both: str) -> None:
    customers = pd.DataFrame(
        {"hold_over_limit": [True, False, True], "hold_overdue": [False, False, True]},
        index=["C1", "C2", "C3"],
    )
    texts = hold_texts(customers, lang, 60, 100_000)
    assert texts.tolist() == [both.split("；" if lang == "zh" else "; ")[0], "", both]
