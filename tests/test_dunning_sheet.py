"""The Dunning sheet (催收队列): the collectors' worklist, built from the dunning policy's columns.

These tests give the policy's per-customer columns by hand (a small inline table beside the
book), so each one shows exactly which figure lands where on the sheet.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from arsheet.adapters.memory import MemoryBook
from arsheet.book.content import Style
from arsheet.book.contract import DUNNING, DUNNING_LEVELS, HOW_TO, OPEN_ITEMS, SETTINGS
from arsheet.book.marks import sheet_mark
from arsheet.book.titles import is_arsheet_title, template_title
from arsheet.core.book import Book
from arsheet.core.left_out import LeftOut
from arsheet.core.results import Results
from arsheet.pipeline import computed, load
from arsheet.reports.dunning_sheet import KEYS, dunning_sheet, dunning_table
from arsheet.template.build import template_bytes

AS_OF = date(2026, 12, 2)
D = date


def _invoice(no: str, customer: str, due: date, amount: str, **more: object) -> dict:
    return {
        "document_no": no,
        "customer_id": customer,
        "type": "invoice",
        "date": due.replace(day=1) if due.day > 1 else due,
        "due_date": due,
        "amount": Decimal(amount),
        **more,
    }


RECORDS = {
    "customers": [
        {"customer_id": "C1", "customer_name": "Acme", "owner": "Li", "phone": "138",
         "email": "ap@acme.test"},
        {"customer_id": "C2", "customer_name": "北方贸易", "owner": "Li"},
        {"customer_id": "C3", "customer_name": "Held Ltd", "hold_dunning": True},
        {"customer_id": "C4", "customer_name": "Promiser", "owner": "Wang"},
        {"customer_id": "C5", "customer_name": "Paid up", "owner": "Li"},
        {"customer_id": "C6", "customer_name": "Big Co", "owner": "Li"},
    ],
    "transactions": [
        _invoice("INV-1", "C1", D(2026, 10, 18), "100.00"),
        _invoice("INV-2", "C1", D(2026, 11, 1), "50.00"),
        _invoice("INV-3", "C2", D(2026, 11, 20), "80.00"),
        _invoice("INV-4", "C3", D(2026, 9, 1), "500.00"),
        _invoice("INV-5", "C4", D(2026, 10, 1), "70.00"),
        _invoice("INV-6", "C6", D(2026, 11, 1), "900.00"),
        _invoice("INV-7", "C6", D(2026, 11, 5), "1.00"),
        _invoice("INV-8", "C6", D(2026, 11, 6), "1.00"),
        _invoice("INV-9", "C6", D(2026, 11, 7), "1.00"),
        _invoice("INV-10", "C6", D(2026, 11, 8), "1.00"),
    ],
    "plans": [
        {"plan_id": "P1", "customer_id": "C4", "document_no": "INV-5", "installment": 1,
         "due_date": D(2026, 11, 15), "amount": Decimal("70.00")},
    ],
    "collection_log": [
        {"date": D(2026, 11, 20), "customer_id": "C1", "next_follow_up": D(2026, 12, 1)},
        {"date": D(2026, 11, 25), "customer_id": "C2", "next_follow_up": D(2026, 12, 9)},
        {"date": D(2026, 11, 28), "customer_id": "C4", "promised_date": D(2026, 12, 5),
         "promised_amount": Decimal("70.00")},
    ],
}  # fmt: skip

NA = pd.NA
NaT = pd.NaT
# The policy's columns, as the dunning policy step would add them: C1 is due its Second notice
# today, C2 waits for its First notice until 9 December, C3 is on hold, C4 has promised, C5
# has nothing to dun; C6 is due its First notice on five documents. Each level's name is the
# book's (the Settings' Dunning levels, in the book's language).
POLICY = pd.DataFrame(
    {
        "notice_level": [2, 1, NA, NA, NA, 1],
        "notice_due": [True, False, False, False, False, True],
        "notice_on": [D(2026, 12, 2), D(2026, 12, 9), NaT, NaT, NaT, D(2026, 12, 2)],
        "last_notice": [D(2026, 11, 1), D(2026, 11, 25), NaT, NaT, NaT, NaT],
        "last_notice_level": [1, 1, NA, NA, NA, NA],
        "dunned_amount": [15_000, 8_000, NA, NA, NA, 90_400],
        "interest": [72, 2, NA, NA, NA, 0],
        "fee": [1_000, 0, NA, NA, NA, 0],
        "notice_total": [16_072, 8_002, NA, NA, NA, 90_400],
        "not_dunned": ["", "", "hold", "promise", "", ""],
    },
    index=pd.Index(["C1", "C2", "C3", "C4", "C5", "C6"], name="customer_id"),
).astype(
    {
        "notice_level": "Int64",
        "last_notice_level": "Int64",
        "notice_on": "datetime64[ns]",
        "last_notice": "datetime64[ns]",
        **dict.fromkeys(["dunned_amount", "interest", "fee", "notice_total"], "Int64"),
    }
)
# Interest per dunnable document, as the policy adds it to the transactions (NA: not dunned).
INTEREST = {"INV-1": 60, "INV-2": 12, "INV-3": 2, **dict.fromkeys(
    ["INV-6", "INV-7", "INV-8", "INV-9", "INV-10"], 0)}  # fmt: skip


def worklist(lang: str = "en") -> tuple[Book, Results]:
    loaded, results = computed(load(MemoryBook.from_records(RECORDS, lang=lang)), as_of=AS_OF)
    numbers = loaded.book.transactions["document_no"]
    names = {lv.level: lv.name for lv in loaded.book.settings.dunning_levels}
    policy = POLICY.assign(notice_name=POLICY["notice_level"].map(names))
    results = replace(
        results,
        customers=results.customers.drop(columns=policy.columns, errors="ignore").join(policy),
        transactions=results.transactions.assign(interest=numbers.map(INTEREST).astype("Int64")),
    )
    return loaded.book, results


def test_one_row_per_customer_with_a_level_or_undunned_overdue_money() -> None:
    book, results = worklist()
    table = dunning_table(book, results, "en")
    assert list(table.columns) == KEYS
    # By owner (Li, Wang, none last), then the highest level, then the largest amount.
    shown = table[["owner", "customer_id", "notice_name", "notice_state"]].fillna("")
    assert shown.values.tolist() == [
        ["Li", "C1", "Second notice", "Due now"],
        ["Li", "C6", "First notice", "Due now"],
        ["Li", "C2", "First notice", "Waiting"],
        ["Wang", "C4", "", "Not dunned: promise to pay"],
        ["(no owner)", "C3", "", "Not dunned: on hold"],
    ]


def test_documents_are_the_notices_oldest_due_first_and_long_lists_are_counted() -> None:
    book, results = worklist()
    table = dunning_table(book, results, "en").set_index("customer_id")
    assert table.loc["C1", "document_numbers"] == "INV-1, INV-2"
    assert table.loc["C6", "document_numbers"] == "INV-6, INV-7, INV-8 +2 more"
    assert table["documents"].to_dict() == {"C1": 2, "C6": 5, "C2": 1, "C4": 1, "C3": 1}
    # Not dunned: the overdue invoices, so the collector sees what is held back.
    assert table.loc["C3", "document_numbers"] == "INV-4"


def test_next_actions_in_words() -> None:
    book, results = worklist()
    table = dunning_table(book, results, "en").set_index("customer_id")
    assert table["next_action"].to_dict() == {
        # The default ladder sends the Second notice by letter, the First by e-mail.
        "C1": "Send Second notice by letter",
        "C6": "Send First notice by e-mail",
        "C2": "Wait: First notice on 2026-12-09",
        "C4": "Call: promised 2026-12-05",
        "C3": "On hold",
    }
    # C4's plan missed its instalment of 15 November; its promise still holds the notices.
    assert table.loc["C4", "promise_plan"] == "Promised by 2026-12-05; Plan missed"
    assert table.loc["C1", "promise_plan"] == ""


def test_a_follow_up_due_today_or_missed_is_the_waiting_customers_next_action() -> None:
    book, results = worklist()
    customers = results.customers.copy()
    customers.loc["C2", "next_follow_up"] = pd.Timestamp(2026, 12, 1)
    table = dunning_table(book, replace(results, customers=customers), "en")
    assert table.set_index("customer_id").loc["C2", "next_action"] == (
        "Follow up: planned 2026-12-01"
    )


def test_the_sheet_totals_the_amounts_and_marks_missed_follow_ups() -> None:
    book, results = worklist()
    table = dunning_table(book, results, "en")
    sheet = dunning_sheet(table, AS_OF, "CNY", "en", LeftOut())
    assert sheet.key == DUNNING.key
    assert sheet.name == "Dunning"
    header, total = sheet.blocks[-2], sheet.blocks[-1]
    assert header.row == 3
    assert header.headers is not None
    assert header.headers[:6] == (
        "Owner", "Customer ID", "Customer name", "Level due", "Notice", "Next notice on",
    )  # fmt: skip
    row = total.frame.iloc[0]
    assert row["owner"] == "Total"
    assert total.bold
    assert row["notice_total"] == 16_072 + 8_002 + 90_400
    assert row["documents"] == 10
    assert row["fee"] == 1_000
    assert sheet.autofilter == "A3:V8"
    assert sheet.freeze_rows == 3
    (red,) = sheet.highlights
    assert red.style is Style.BAD
    assert red.ref == "S4:S8"
    assert red.formula == 'AND($S4<>"",$S4<=DATE(2026,12,2))'


def test_in_chinese() -> None:
    book, results = worklist("zh")
    table = dunning_table(book, results, "zh").set_index("customer_id")
    assert table.loc["C3", "owner"] == "（未分配）"
    assert table.loc["C3", "notice_state"] == "不催收：暂停催收"
    assert table.loc["C6", "document_numbers"] == "INV-6, INV-7, INV-8 等 2 张"
    assert table.loc["C2", "notice_state"] == "等待"
    assert table.loc["C4", "promise_plan"] == "承诺 2026-12-05 前付款；分期逾期"
    # The level's name is the book's own, whatever its language.
    assert table.loc["C6", "next_action"] == "邮件发送" + table.loc["C6", "notice_name"]
    sheet = dunning_sheet(table.reset_index(), AS_OF, "CNY", "zh", LeftOut())
    assert sheet.name == "催收队列"
    assert sheet.blocks[0].frame.iloc[0, 0] == "催收队列（截至 2026-12-02）"


def test_a_book_without_marks_knows_its_dunning_sheet_by_the_title() -> None:
    assert is_arsheet_title(DUNNING, "Dunning worklist as of 2026-12-02")
    assert is_arsheet_title(DUNNING, "催收队列（截至 2026-12-02）")
    assert not is_arsheet_title(DUNNING, "Dunning to do")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_template_has_a_blank_dunning_sheet_after_open_items(lang: str) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(lang)))
    names = wb.sheetnames
    assert names.index(DUNNING.name(lang)) == names.index(OPEN_ITEMS.name(lang)) + 1
    assert wb[DUNNING.name(lang)]["A1"].value == template_title(DUNNING, lang)
    assert sheet_mark(DUNNING.key) in wb.defined_names


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Dunning", "arsheet letters", "arsheet statement", "arsheet send", "letters"]),
        ("zh", ["催收队列", "arsheet letters", "arsheet statement", "arsheet send", "letters"]),
    ],
)
def test_how_to_use_explains_the_worklist_the_letters_and_the_dunning_settings(
    lang: str, words: list[str]
) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(lang)))
    text = "\n".join(
        str(cell.value) for row in wb[HOW_TO.name(lang)].iter_rows() for cell in row if cell.value
    )
    for word in words:
        assert word in text
    for key in ("annual_interest_rate", "dunning_minimum", "company_email"):
        assert next(s for s in SETTINGS if s.key == key).label(lang) in text
    assert DUNNING_LEVELS.name(lang) in text
