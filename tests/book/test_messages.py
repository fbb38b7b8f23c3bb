"""Problems as the user reads them: ``Sheet!Cell: message`` in English and Chinese."""

from __future__ import annotations

import pytest

from arsheet.book.address import column_letter
from arsheet.book.contract import RECORD_SHEETS
from arsheet.book.layout import SheetLayout
from arsheet.book.messages import MESSAGES, describe, describe_all
from arsheet.core.problems import Problem, Severity

TX = {c.key: i for i, c in enumerate(RECORD_SHEETS[1].columns, start=1)}
EN = {"transactions": SheetLayout("transactions", "Transactions", 1, TX, 17, "en")}
ZH = {"transactions": SheetLayout("transactions", "交易明细", 1, TX, 17, "zh")}
BAD_DUE = Problem("transactions", 14, "due_date", "not_a_date", value="2024-13-01")


def test_a_bad_date_in_english_and_chinese() -> None:
    assert (
        describe(BAD_DUE, EN, "en").text == 'Transactions!E14: due date "2024-13-01" is not a date'
    )
    assert describe(BAD_DUE, ZH, "zh").text == "交易明细!E14：到期日“2024-13-01”不是有效日期"


@pytest.mark.parametrize(
    ("problem", "en"),
    [
        (
            Problem(
                "transactions",
                9,
                "document_no",
                "duplicate_id",
                value="INV-1",
                params=(("first", "3"),),
            ),
            'Transactions!A9: document No. "INV-1" is already used in row 3',
        ),
        (
            Problem("transactions", 4, "type", "unknown_choice", value="Bill"),
            'Transactions!C4: type "Bill" is not one of Invoice, Credit note',
        ),
        (
            Problem("plans", 1, "amount", "missing_column"),
            "'Payment plans'!1:1: the \"Amount\" column is missing,"
            " so this sheet's rows cannot be read",
        ),
        (
            Problem("payments", 5, "customer_id", "unknown_customer", value="C9"),
            'Payments!5:5: customer ID "C9" is not a valid customer on the Customers sheet',
        ),
        (
            Problem("plans", None, None, "no_header"),
            "'Payment plans': no header row found in the first 20 rows (expected columns such as"
            " Plan ID, Customer ID, Installment, Due date, Amount)",
        ),
    ],
)
def test_english_messages(problem: Problem, en: str) -> None:
    assert describe(problem, EN, "en").text == en


def test_every_code_has_both_languages_and_renders() -> None:
    for code, (en, zh) in MESSAGES.items():
        assert en, code
        assert zh, code
        for lang, layouts in (("en", EN), ("zh", ZH)):
            located = describe(Problem("transactions", 2, "amount", code, value="1"), layouts, lang)
            assert "{" not in located.message


def test_sorted_by_sheet_then_row_then_column_with_severity() -> None:
    problems = [
        Problem("payments", 2, "amount", "zero_amount"),
        Problem("transactions", 3, "amount", "zero_amount"),
        Problem("transactions", 3, "date", "not_a_date", Severity.WARNING, value="x"),
        Problem("customers", 7, "customer_name", "missing_value"),
    ]
    places = [x.place for x in describe_all(problems, EN, "en")]
    # Sheets without a layout (not found in the book) are located by row only.
    assert places == ["Customers!7:7", "Transactions!D3", "Transactions!F3", "Payments!2:2"]


def test_column_letters() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 702, 703)] == ["A", "Z", "AA", "ZZ", "AAA"]
