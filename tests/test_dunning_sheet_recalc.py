"""The Dunning sheet as ``recalc`` writes it, from the dunning policy: it agrees with the notices.

Each customer's row asks for exactly what its notice asks for (:func:`arsheet.core.notices.
notices`): the same documents, amount, interest, fee and total; the customers due now are the
notices ``arsheet letters`` and ``arsheet send`` issue today.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import hypothesis
import pytest
from core.test_properties import books

from arsheet.adapters.memory import MemoryBook
from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.core import compute
from arsheet.core.book import Book
from arsheet.core.notices import notices
from arsheet.pipeline import computed, load, recalculate
from arsheet.reports.dunning_sheet import SHOWN_DOCUMENTS, dunning_table
from arsheet.template.build import build_template

AS_OF = date(2026, 12, 2)
D = date


def _invoice(no: str, customer: str, due: date, amount: str, **more: object) -> dict:
    return {
        "document_no": no,
        "customer_id": customer,
        "type": "invoice",
        "date": D(2026, 9, 1),
        "due_date": due,
        "amount": Decimal(amount),
        **more,
    }


SETTINGS = {"annual_interest_rate": "10", "dunning_minimum": "20.00"}
RECORDS = {
    "customers": [
        {"customer_id": "C1", "customer_name": "Acme", "owner": "Li", "email": "ap@acme.test"},
        {"customer_id": "C2", "customer_name": "Held Ltd", "owner": "Li", "hold_dunning": True},
        {"customer_id": "C3", "customer_name": "Small", "owner": "Wang"},
        {"customer_id": "C4", "customer_name": "Quarrel", "owner": "Wang"},
        {"customer_id": "C5", "customer_name": "Recent"},
    ],
    "transactions": [
        # 100.00 due 17 November: 15 days overdue at 10 %, interest 0.41.
        _invoice("INV-1", "C1", D(2026, 11, 17), "100.00"),
        _invoice("INV-2", "C1", D(2026, 10, 1), "250.00"),
        _invoice("INV-3", "C2", D(2026, 10, 1), "500.00"),
        _invoice("INV-4", "C3", D(2026, 11, 1), "10.00"),
        _invoice("INV-5", "C4", D(2026, 10, 1), "300.00", disputed=True),
        _invoice("INV-6", "C5", D(2026, 11, 20), "80.00"),
    ],
    "collection_log": [
        # C5 had its First notice yesterday: its next one waits.
        {"date": D(2026, 12, 1), "customer_id": "C5", "channel": "email", "notice_level": 1},
    ],
}


def book(lang: str = "en") -> MemoryBook:
    return MemoryBook.from_records(RECORDS, lang=lang, settings=SETTINGS)


def test_recalc_writes_the_worklist_with_each_customers_reason() -> None:
    written = book()
    recalculate(written, as_of=AS_OF)
    sheet = written.sheet("Dunning")
    assert sheet[0][0] == "Dunning worklist as of 2026-12-02"
    header, *rows = sheet[2:]
    rows = [dict(zip(header, row, strict=True)) for row in rows]
    listed = {row["Customer ID"]: row for row in rows}
    assert listed["C1"]["Notice"] == "Due now"
    assert listed["C1"]["Next action"] == "Send First notice by e-mail"
    assert listed["C2"]["Notice"] == "Not dunned: on hold"
    assert listed["C3"]["Notice"] == "Not dunned: below minimum"
    assert listed["C4"]["Notice"] == "Not dunned: disputed"
    assert listed["C5"]["Notice"] == "Waiting"
    assert rows[-1]["Owner"] == "Total"


def test_the_worklist_asks_for_what_each_notice_asks_for() -> None:
    loaded, results = computed(load(book()), as_of=AS_OF)
    table = dunning_table(loaded.book, results, "en").set_index("customer_id")
    dunned = table[table["notice_name"].notna()]
    made = {n.customer_id: n for n in notices(loaded.book, results, customers=dunned.index)}
    assert set(made) == set(dunned.index)
    for customer, notice in made.items():
        row = dunned.loc[customer]
        assert row["dunned_amount"] == notice.open_amount
        assert row["interest"] == notice.interest
        assert row["fee"] == notice.fee
        assert row["notice_total"] == notice.total
        assert row["documents"] == len(notice.lines)
        shown = notice.document_numbers[:SHOWN_DOCUMENTS]
        assert row["document_numbers"].startswith(", ".join(shown))
    # The worked example: 100.00 15 days overdue at 10 % a year.
    assert made["C1"].lines[-1].interest == 41
    due = table[table["notice_state"] == "Due now"]
    today = notices(loaded.book, results)
    assert sorted(due.index) == sorted(n.customer_id for n in today)
    assert due["notice_total"].sum() == sum(n.total for n in today)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_demo_books_worklist_totals_are_its_notices_totals(lang: str, tmp_path: Path) -> None:
    demo = tmp_path / "demo.xlsx"
    build_template(demo, lang, demo=True, today=AS_OF)
    loaded, results = computed(load(XlsxBook(demo)), as_of=AS_OF)
    table = dunning_table(loaded.book, results, lang)
    due = table[table["notice_state"] == ("今日发送" if lang == "zh" else "Due now")]
    today = notices(loaded.book, results)
    assert len(today) > 0
    assert int(due["notice_total"].sum()) == sum(n.total for n in today)
    assert int(due["documents"].sum()) == sum(len(n.lines) for n in today)
    # Every customer with overdue money is listed: dunned, waiting, or not dunned and why.
    overdue = results.customers.index[results.customers["overdue_amount"].fillna(0) > 0]
    assert set(overdue) <= set(table["customer_id"])


def test_in_chinese_the_sheet_is_called_cui_shou_dui_lie() -> None:
    written = book("zh")
    recalculate(written, as_of=AS_OF)
    sheet = written.sheet("催收队列")
    assert sheet[0][0] == "催收队列（截至 2026-12-02）"
    assert sheet[2][:5] == ["负责人", "客户编号", "客户名称", "应发级别", "催收状态"]
    states = {row[1]: row[4] for row in sheet[3:-1]}
    assert states["C2"] == "不催收：暂停催收"
    assert sheet[-1][0] == "合计"


@hypothesis.settings(max_examples=40, deadline=None)
@hypothesis.given(books())
def test_every_customer_with_a_notice_or_held_back_money_is_listed_once_and_adds_up(
    case: tuple[Book, date],
) -> None:
    b, as_of = case
    results = compute(b, as_of)
    table = dunning_table(b, results, "en")
    people = results.customers
    expected = people.index[people["notice_level"].notna() | people["not_dunned"].ne("")]
    assert sorted(table["customer_id"]) == sorted(expected)
    due = table[table["notice_state"] == "Due now"]
    today = notices(b, results)
    assert int(due["notice_total"].sum()) == sum(n.total for n in today)
    assert int(due["documents"].sum()) == sum(len(n.lines) for n in today)
