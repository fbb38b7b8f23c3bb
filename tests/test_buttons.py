"""The Recalculate and Check buttons on xlwings' remote engine, as Excel would run them.

Each test builds the JSON Excel's xlwings client sends for a real workbook (the template, the
demo book, a book with a bad date), presses the button through its zero-argument entry point
(:mod:`arsheet.excel`, the caller mocked as xlwings' own tests mock it), and plays the actions it
returns back onto the payload as Excel would (``tests/excel_payload.py``).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from bookmaker import make_book
from excel_payload import Payload, apply, cell, epoch_serial, excel_book, payload
from openpyxl.utils import get_column_letter

import arsheet.api
import arsheet.buttons
import arsheet.excel
from arsheet.book.contract import DASHBOARD, OWNED_SHEETS, RECORD_SHEETS
from arsheet.book.look import RECORD_MONEY_FORMAT
from arsheet.buttons.actions import ACTIONS
from arsheet.buttons.figures import select_place
from arsheet.core.money import format_money

TODAY = dt.date.today()


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The template and the demo book in both languages, made as ``arsheet new`` makes them."""
    folder = tmp_path_factory.mktemp("books")
    return {
        f"{kind}-{lang}": arsheet.api.new(
            folder / f"{kind}-{lang}.xlsx", lang=lang, demo=kind == "demo", today=TODAY
        )
        for kind in ("template", "demo")
        for lang in ("en", "zh")
    }


def pressed(data: Payload, entry: str = "recalculate") -> tuple[Payload, Any, Any]:
    """Press the button ``entry`` on ``data``; return the payload after, what Excel did, and
    what the button returned."""
    book = excel_book(data)
    done = getattr(arsheet.excel, entry)()
    after, applied = apply(data, book.json()["actions"])
    return after, applied, done


@pytest.mark.parametrize("name", ["template-en", "template-zh", "demo-en", "demo-zh"])
def test_recalculate_tells_the_customers_overdue_and_the_total(
    books: dict[str, Path], name: str, tmp_path: Path
) -> None:
    path = books[name]
    _, applied, done = pressed(payload(path))
    copy = shutil.copy(path, tmp_path / path.name)
    figures = arsheet.api.recalc(copy, backup=False)
    ((prompt, title),) = applied.alerts
    assert title == ("arsheet：重新计算" if figures.lang == "zh" else "arsheet: Recalculate")
    overdue = format_money(figures.overdue_amount)
    assert (figures.customers_overdue > 0) is name.startswith("demo")
    if figures.lang == "zh":
        assert f"{figures.customers} 个客户中 {figures.customers_overdue} 个逾期" in prompt
        assert f"逾期 {overdue} CNY" in prompt
        assert "请保存" in prompt
    else:
        assert f"{figures.customers_overdue} of {figures.customers} customers overdue" in prompt
        assert f"{overdue} CNY overdue" in prompt
        assert "save it" in prompt
    assert done.done.overdue_amount == figures.overdue_amount
    if name.startswith("template"):
        return
    # Money written with the book's number format, in the owned Open amount column.
    layout = arsheet.api.load(copy).read.layouts["transactions"]
    letter = get_column_letter(layout.columns["open_amount"])
    formats = {
        number_format
        for (sheet, where), number_format in applied.number_formats.items()
        if sheet == layout.name and where.startswith(f"{letter}{layout.header_row + 1}:")
    }
    assert formats == {RECORD_MONEY_FORMAT}


@pytest.mark.parametrize("name", ["template-en", "template-zh", "demo-en", "demo-zh"])
def test_the_button_writes_what_arsheet_recalc_writes_into_every_owned_cell(
    books: dict[str, Path], name: str, tmp_path: Path
) -> None:
    path = books[name]
    # A week later than the book was made: every figure that ages moves.
    later = TODAY + dt.timedelta(days=7)
    data = payload(path)
    book = excel_book(data)
    arsheet.buttons.recalculate(book, today=later)
    after, _ = apply(data, book.json()["actions"])
    copy = Path(shutil.copy(path, tmp_path / path.name))
    arsheet.api.recalc(copy, backup=False, today=later)
    expected = owned_cells(copy)
    assert expected, "the recalculated book has owned cells to compare"
    differ = {
        place: (value, _comparable(cell(after, *place)))
        for place, value in expected.items()
        if _comparable(cell(after, *place)) != value
    }
    assert not differ, f"{len(differ)} owned cells differ, e.g. {list(differ.items())[:5]}"


def owned_cells(path: Path) -> dict[tuple[str, str], object]:
    """Return every owned cell of a recalculated book: (sheet, "D14") -> its value, compared."""
    loaded = arsheet.api.load(path)
    workbook = openpyxl.load_workbook(path, data_only=True)
    found: dict[tuple[str, str], object] = {}
    for sheet in RECORD_SHEETS:
        layout = loaded.read.layouts.get(sheet.key)
        if layout is None:
            continue
        rows = workbook[layout.name]
        for column in sheet.owned:
            number = layout.columns.get(column.key)
            for row in range(layout.header_row, rows.max_row + 1) if number else ():
                value = rows.cell(row, number).value
                found[(layout.name, f"{get_column_letter(number)}{row}")] = _comparable(value)
    for owned in OWNED_SHEETS:
        name = owned.name(loaded.lang)
        for line in workbook[name].iter_rows():
            for one in line:
                found[(name, one.coordinate)] = _comparable(one.value)
    return found


def _comparable(value: object) -> object:
    """Return a cell's value as both sides can be compared: dates and numbers as numbers."""
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.endswith("Z") and "T" in value:
        value = dt.datetime.fromisoformat(value[:-1])
    if isinstance(value, dt.datetime):
        return round(epoch_serial(value), 6)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return round(float(value), 6)
    return value


def test_recalculate_adds_a_missing_dashboard_and_says_its_charts_come_with_arsheet_new(
    books: dict[str, Path],
) -> None:
    data = payload(books["demo-en"])
    data["sheets"] = [s for s in data["sheets"] if s["name"] != DASHBOARD.en]
    data["names"] = [n for n in data["names"] if n["sheet_index"] != 1]
    for name in data["names"]:
        name["sheet_index"] -= name["sheet_index"] > 1
    data["book"]["active_sheet_index"] = 0
    after, applied, _ = pressed(data)
    assert DASHBOARD.en in [s["name"] for s in after["sheets"]]
    ((prompt, _),) = applied.alerts
    assert "charts come with a book made by arsheet new" in prompt


def test_recalculate_on_a_book_arsheet_cannot_read_says_why_in_an_alert(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "groceries"
    workbook.save(tmp_path / "list.xlsx")
    data = payload(tmp_path / "list.xlsx")
    _, applied, done = pressed(data)
    ((prompt, _),) = applied.alerts
    assert "cannot be read as an arsheet workbook" in prompt
    assert done.done is None
    assert [a["func"] for a in applied.actions] == ["alert"]


def bad_dates(path: Path) -> Path:
    """Return a book whose Transactions row 3 has a due date that is no date, and Payments row 2
    an amount that is no number: the first problem, as arsheet check sorts them, is E3."""
    return make_book(
        path,
        {
            "customers": [["C1", "Acme"]],
            "transactions": [
                ["INV-1", "C1", "Invoice", dt.date(2024, 9, 1), dt.date(2024, 10, 1), 100],
                ["INV-2", "C1", "Invoice", dt.date(2024, 9, 2), "2024-13-01", 50],
            ],
            "payments": [["PAY-1", "C1", dt.date(2024, 9, 20), "ten"]],
        },
    )


def test_check_selects_the_first_problems_cell_and_says_how_many(tmp_path: Path) -> None:
    data = payload(bad_dates(tmp_path / "bad.xlsx"), active="Payments")
    after, applied, done = pressed(data, "check")
    assert applied.selected == ("Transactions", "E3:E3")
    assert after["sheets"][after["book"]["active_sheet_index"]]["name"] == "Transactions"
    ((prompt, title),) = applied.alerts
    assert title == "arsheet: Check the book"
    assert prompt.startswith("2 errors, 0 warnings. The first: Transactions!E3: ")
    assert '"2024-13-01" is not a date' in prompt
    assert prompt.endswith("(selected)")
    assert done.done.errors == 2
    # A check changes nothing.
    assert {a["func"] for a in applied.actions} == {"alert", "activateSheet", "rangeSelect"}


def test_check_in_chinese(tmp_path: Path) -> None:
    path = make_book(
        tmp_path / "zh.xlsx",
        {
            "customers": [["C1", "甲公司"]],
            "transactions": [["INV-1", "C1", "发票", dt.date(2024, 9, 1), "下周", 100]],
        },
        lang="zh",
    )
    _, applied, _ = pressed(payload(path), "check")
    ((prompt, title),) = applied.alerts
    assert title == "arsheet：检查数据"
    assert prompt.startswith("错误 1 个，警告 0 个。第一个：交易明细!E2：")
    assert prompt.endswith("（已选中该单元格）")
    assert applied.selected == ("交易明细", "E2:E2")


def test_check_of_a_clean_book_selects_nothing(books: dict[str, Path]) -> None:
    _, applied, _ = pressed(payload(books["demo-en"]), "check")
    assert applied.alerts == [("No problems found.", "arsheet: Check the book")]
    assert applied.selected is None


def test_every_button_has_its_entry_point() -> None:
    for action in ACTIONS:
        assert callable(getattr(arsheet.excel, action.name)), action.name
        assert callable(getattr(arsheet.buttons, action.name)), action.name


def test_the_buttons_import_neither_xlwings_nor_a_file_engine() -> None:
    code = (
        "import sys, arsheet.buttons; "
        "print(sorted(m for m in ('xlwings', 'python_calamine', 'fastexcel', 'openpyxl') "
        "if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("place", "selected"),
    [
        ("'Payment plans'!E3", ("Payment plans", "E3:E3")),
        ("'Payment plans'!3:3", ("Payment plans", "A3:A3")),
        ("Settings", ("Settings", "A1:A1")),
        ("Ledger!B2", None),
    ],
)
def test_a_problems_place_is_selected_as_arsheet_check_names_it(
    books: dict[str, Path], place: str, selected: tuple[str, str] | None
) -> None:
    data = payload(books["demo-en"])
    book = excel_book(data)
    assert select_place(book, place) is (selected is not None)
    _, applied = apply(data, book.json()["actions"])
    assert applied.selected == selected
