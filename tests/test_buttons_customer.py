"""The buttons for the selected row's customer: its letter, its statement, a new payment plan.

On xlwings' remote engine (``tests/excel_payload.py``): the demo book's payload with a row
selected, the button pressed, the actions played back as Excel would. The demo book is made for
a fixed day and the buttons run on that day, so that its customers' notices are known; the
entry points (which run on the system date) are pressed where no figure is asserted on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from excel_payload import Payload, apply, cell, excel_book, iso, payload
from openpyxl.utils import range_boundaries

import arsheet.api
import arsheet.buttons
import arsheet.excel

#: The day the demo book is made for and the buttons run on.
DAY = dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return arsheet.api.new(tmp_path_factory.mktemp("demo") / "demo.xlsx", demo=True, today=DAY)


@pytest.fixture(scope="module")
def demo_zh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo-zh")
    return arsheet.api.new(folder / "账本.xlsx", demo=True, lang="zh", today=DAY)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own: where a book without a folder gets its letters."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def pressed(data: Payload, entry: str, *, on_day: bool = True) -> tuple[Payload, Any, Any]:
    """Press ``entry`` on ``data``; return the payload after, what Excel did, what it returned.

    ``on_day``: run on :data:`DAY`; else through the entry point, on the system date.
    """
    book = excel_book(data)
    if on_day:
        done = getattr(arsheet.buttons, entry)(book, today=DAY)
    else:
        done = getattr(arsheet.excel, entry)()
    after, applied = apply(data, book.json()["actions"])
    return after, applied, done


def row_of(data: Payload, sheet: str, column: int, value: str) -> int:
    """Return the 1-based row whose ``column`` (0-based) holds ``value`` on ``sheet``."""
    rows = next(s["values"] for s in data["sheets"] if s["name"] == sheet)
    return next(i + 1 for i, r in enumerate(rows) if len(r) > column and r[column] == value)


def table_end(data: Payload, sheet: str) -> int:
    """Return the last row of the Table on ``sheet``."""
    table = next(s for s in data["sheets"] if s["name"] == sheet)["tables"][0]
    return int(range_boundaries(table["range_address"])[3])


def test_letters_for_a_selected_dunning_row_writes_and_records_its_notice(
    demo: Path, home: Path
) -> None:
    # C010's Second notice goes by letter: issued, it is recorded in the Collection log.
    data = payload(demo, active="Dunning")
    row = row_of(data, "Dunning", 1, "C010")
    data["book"]["selection"] = f"C{row}"
    log = table_end(data, "Collection log")
    after, applied, done = pressed(data, "letters")
    folder = home / "arsheet" / "demo" / "letters" / DAY.isoformat()
    assert sorted(p.name for p in folder.iterdir()) == [
        "C010-second_notice.docx",
        "C010-second_notice.html",
    ]
    ((prompt, title),) = applied.alerts
    assert title == "arsheet: Letters for the customer"
    assert prompt.startswith("Second notice for C010 (")
    assert f"written to {folder}: C010-second_notice.html, C010-second_notice.docx." in prompt
    assert "Recorded in the Collection log" in prompt
    last = log + 1
    assert table_end(after, "Collection log") == last
    assert cell(after, "Collection log", f"B{last}") == "C010"
    assert cell(after, "Collection log", f"E{last}") == 2
    assert done.done.recorded == 1


def test_letters_for_a_selected_customers_row(demo: Path, home: Path) -> None:
    data = payload(demo, active="Customers")
    data["book"]["selection"] = f"D{row_of(data, 'Customers', 0, 'C018')}"
    _, applied, done = pressed(data, "letters")
    ((prompt, _),) = applied.alerts
    assert prompt.startswith("First notice for C018 (")
    # An e-mail notice is recorded by arsheet send when it is delivered, not when previewed.
    assert "arsheet send records it" in prompt
    assert done.done.recorded == 0
    assert (home / "arsheet" / "demo" / "letters" / DAY.isoformat()).is_dir()


def test_letters_for_a_selected_transactions_row(demo: Path) -> None:
    data = payload(demo, active="Transactions")
    row = row_of(data, "Transactions", 1, "C003")
    data["book"]["selection"] = f"H{row}:J{row + 2}"
    _, applied, _ = pressed(data, "letters")
    assert applied.alerts[0][0].startswith("First notice for C003 (")


def test_letters_for_a_customer_on_hold_says_why_there_is_none(demo: Path, home: Path) -> None:
    data = payload(demo, active="Dunning")
    data["book"]["selection"] = f"A{row_of(data, 'Dunning', 1, 'C004')}"
    _, applied, done = pressed(data, "letters")
    assert applied.alerts[0][0].startswith("C004 gets no notice: ")
    assert not (home / "arsheet").exists()
    assert done.done.notices == ()


def test_letters_beside_a_book_open_from_its_folder(demo: Path, tmp_path: Path) -> None:
    # Excel on the desktop names the book by its full path: the letters go beside it.
    data = payload(demo, active="Dunning")
    data["book"]["name"] = str(tmp_path / "demo.xlsx")
    data["book"]["selection"] = f"B{row_of(data, 'Dunning', 1, 'C010')}"
    pressed(data, "letters")
    assert (tmp_path / "letters" / DAY.isoformat() / "C010-second_notice.html").is_file()


def test_letters_beside_a_book_take_the_users_templates_there(demo: Path, tmp_path: Path) -> None:
    (tmp_path / "letters").mkdir()
    own = "<p>请付清 {{ total|amount }}。please pay</p>"
    (tmp_path / "letters" / "second_notice.zh.html").write_text(own, encoding="utf-8")
    data = payload(demo, active="Dunning")
    data["book"]["name"] = str(tmp_path / "demo.xlsx")
    data["book"]["selection"] = f"B{row_of(data, 'Dunning', 1, 'C010')}"
    pressed(data, "letters")
    letter = tmp_path / "letters" / DAY.isoformat() / "C010-second_notice.html"
    assert "please pay" in letter.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("sheet", "address"),
    [("How to use", "A1"), ("Dunning", "B2"), ("Customers", "A1"), ("Customers", None)],
)
@pytest.mark.parametrize("entry", ["letters", "statement", "new_plan"])
def test_no_customer_selected_says_what_to_select(
    demo: Path, home: Path, sheet: str, address: str, entry: str
) -> None:
    data = payload(demo, active=sheet, selection=address)
    _, applied, done = pressed(data, entry, on_day=False)
    ((prompt, _),) = applied.alerts
    assert prompt.startswith("Select ")
    assert "Customer ID" in prompt
    assert [a["func"] for a in applied.actions] == ["alert"]
    assert done.done is None
    assert not home.exists()


def test_statement_for_the_selected_customer_in_chinese(demo_zh: Path, home: Path) -> None:
    data = payload(demo_zh, active="客户汇总", selection="A4")
    customer = cell(data, "客户汇总", "A4")
    _, applied, done = pressed(data, "statement")
    ((prompt, title),) = applied.alerts
    assert title == "arsheet：生成对账单"
    assert prompt.startswith(f"{customer} 的对账单（")
    folder = home / "arsheet" / "账本" / "letters" / DAY.isoformat()
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{customer}-statement.docx",
        f"{customer}-statement.html",
    ]
    assert done.done.files[customer][0].parent == folder


def test_new_plan_appends_three_instalments_to_the_payment_plans_table(demo: Path) -> None:
    data = payload(demo, active="Open items")
    # An open invoice selected on Transactions: the plan pays it.
    document = cell(data, "Open items", "C4")
    data["book"]["active_sheet_index"] = [s["name"] for s in data["sheets"]].index("Transactions")
    data["book"]["selection"] = f"A{row_of(data, 'Transactions', 0, document)}"
    plans = table_end(data, "Payment plans")
    after, applied, done = pressed(data, "new_plan")
    planned = done.done
    assert planned.document_no == document
    assert len(planned.instalments) == 3
    assert table_end(after, "Payment plans") == plans + 3
    first = plans + 1
    assert cell(after, "Payment plans", f"A{first}") == planned.plan_id
    assert cell(after, "Payment plans", f"C{first}") == document
    ((prompt, _),) = applied.alerts
    assert prompt.startswith(
        f"Payment plan {planned.plan_id} for {planned.customer_id}, {document}"
    )
    assert "Edit its rows on the Payment plans sheet" in prompt
    # Recalculated after: the plan's own status column is filled in.
    status = next(s for s in after["sheets"] if s["name"] == "Payment plans")["values"][0]
    column = status.index("Status") + 1
    assert all(
        cell(after, "Payment plans", f"{chr(64 + column)}{row}") for row in range(first, first + 3)
    )


def test_new_plan_for_a_paid_invoice_is_refused_in_an_alert(demo: Path) -> None:
    data = payload(demo, active="Transactions", selection="A2")
    after, applied, done = pressed(data, "new_plan")
    ((prompt, _),) = applied.alerts
    assert prompt.startswith("No rows were appended to demo.xlsx")
    assert "Transactions!A2" in prompt
    assert done.done is None
    assert after == data


def test_a_customer_named_by_the_caller_needs_no_selection(demo: Path) -> None:
    book = excel_book(payload(demo, active="How to use"))
    done = arsheet.buttons.statement(book, customer="C001", today=DAY)
    assert done.done.files["C001"]


def test_an_unknown_customer_is_told(demo: Path) -> None:
    book = excel_book(payload(demo))
    done = arsheet.buttons.letters(book, customer="C999", today=DAY)
    assert done.done is None
    assert done.prompt.startswith("the book has no customer C999")


def test_letters_in_chinese_for_a_selected_dunning_row(demo_zh: Path, home: Path) -> None:
    data = payload(demo_zh, active="催收队列")
    data["book"]["selection"] = f"B{row_of(data, '催收队列', 1, 'C010')}"
    _, applied, done = pressed(data, "letters")
    ((prompt, title),) = applied.alerts
    assert title == "arsheet：生成催款函"
    notice = done.done.notices[0]
    folder = home / "arsheet" / "账本" / "letters" / DAY.isoformat()
    assert prompt.startswith(f"C010 的{notice.level_name}（")
    assert f"已写入 {folder}：C010-second_notice.html、C010-second_notice.docx。" in prompt
    assert "已在“催收记录”中登记。工作簿尚未保存" in prompt


def test_no_customer_selected_in_chinese(demo_zh: Path) -> None:
    _, applied, _ = pressed(payload(demo_zh, active="使用说明"), "new_plan", on_day=False)
    ((prompt, title),) = applied.alerts
    assert title == "arsheet：新建还款计划"
    assert prompt.startswith("请先选中有“客户编号”的一行")
    assert prompt.endswith("计划即为该单据而定。")


def test_letters_that_cannot_be_written_are_told_and_nothing_is_recorded(
    demo: Path, tmp_path: Path
) -> None:
    (tmp_path / "letters").write_text("a file where the letters' folder would go")
    data = payload(demo, active="Dunning")
    data["book"]["name"] = str(tmp_path / "demo.xlsx")
    data["book"]["selection"] = f"B{row_of(data, 'Dunning', 1, 'C010')}"
    _, applied, done = pressed(data, "letters")
    ((prompt, _),) = applied.alerts
    assert prompt.startswith(f"cannot write {tmp_path / 'letters'}")
    assert [a["func"] for a in applied.actions] == ["alert"]
    assert done.done is None


def test_a_notice_dated_after_today_is_refused_in_an_alert(demo: Path) -> None:
    data = payload(demo, active="Dunning")
    settings = next(s["values"] for s in data["sheets"] if s["name"] == "Settings")
    as_of = next(row for row in settings if row[0] == "As-of date")
    as_of[1] = iso(DAY + dt.timedelta(days=30))
    data["book"]["selection"] = f"B{row_of(data, 'Dunning', 1, 'C010')}"
    _, applied, done = pressed(data, "letters")
    ((prompt, _),) = applied.alerts
    assert prompt.startswith("the notices would be dated 2027-01-01, after today (2026-12-02)")
    assert done.done is None


@pytest.mark.parametrize("entry", ["letters", "statement"])
def test_in_xlwings_lite_letters_and_statements_are_neither_written_nor_recorded(
    entry: str, demo: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = payload(demo, active="Dunning")
    data["book"]["selection"] = f"A{row_of(data, 'Dunning', 1, 'C010')}"
    monkeypatch.setattr("sys.platform", "emscripten")
    _, applied, done = pressed(data, entry)
    ((prompt, _),) = applied.alerts
    assert prompt.startswith("xlwings Lite runs in the browser")
    assert f"arsheet {entry} BOOK --customer ID" in prompt
    assert [a["func"] for a in applied.actions] == ["alert"]
    assert not home.exists()
    assert done.done is None
