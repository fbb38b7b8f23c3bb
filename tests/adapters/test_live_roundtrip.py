"""An open workbook recalculated through LiveBook ends up as ``arsheet recalc`` leaves the file.

The book is made (template or demo, both languages), sent as xlwings' client would send it open
in Excel, recalculated through :class:`~arsheet.adapters.live.LiveBook`, and the actions played
back as Excel would (:mod:`tests.excel_payload`). The same file recalculated by the file adapter
is the reference: every cell of every owned column and owned sheet must hold the same value
(amounts to the cent, dates as serial numbers), and a second run on the applied book finds its
marks and writes the same values again.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import range_boundaries

import arsheet
from arsheet.adapters.live import LiveBook
from arsheet.adapters.live.actions import AddSheet
from arsheet.adapters.live.writes import new_sheet
from arsheet.book.marks import Marks, marks_from_names
from tests.excel_payload import Payload, apply, epoch_serial, excel_book, payload

AS_OF = dt.date(2026, 12, 1)


def _made(tmp_path: Path, lang: str, demo: bool) -> Path:
    return arsheet.new(tmp_path / "book.xlsx", lang=lang, demo=demo, today=AS_OF)


def _recalc_live(data: Payload) -> tuple[Payload, list[dict[str, Any]]]:
    book = excel_book(data)
    arsheet.recalc(LiveBook(book), as_of=AS_OF, today=AS_OF)
    actions = book.json()["actions"]
    return apply(data, actions)[0], actions


def _plain(value: Any) -> Any:
    """Return a cell as one comparable value: numbers rounded to the cent, dates as serials."""
    if value in ("", None):
        return None
    if isinstance(value, dt.datetime):
        value = epoch_serial(value)
    if isinstance(value, str) and value.endswith("Z") and value[:4].isdigit():
        value = epoch_serial(dt.datetime.fromisoformat(value[:-1]))
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return round(float(value), 2)
    return value


def _owned_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Return tab -> the cells arsheet owns in the recalculated file: owned columns and sheets."""
    book = openpyxl.load_workbook(path)
    names = {n: d.attr_text for n, d in book.defined_names.items()}
    marks = marks_from_names(names)
    owned: dict[str, set[tuple[int, int]]] = {}
    for cell in marks.columns.values():
        sheet = book[cell.sheet]
        rows = range(cell.row, sheet.max_row + 1)
        owned.setdefault(cell.sheet, set()).update((row, cell.col) for row in rows)
    for tab in marks.sheets.values():
        sheet = book[tab]
        owned.setdefault(tab, set()).update(
            (row, col)
            for row in range(1, sheet.max_row + 1)
            for col in range(1, sheet.max_column + 1)
        )
    return owned


def _values(data: Payload, tab: str) -> list[list[Any]]:
    return next(s["values"] for s in data["sheets"] if s["name"] == tab)


def _at(rows: list[list[Any]], row: int, col: int) -> Any:
    if row > len(rows) or col > len(rows[row - 1]):
        return None
    return rows[row - 1][col - 1]


@pytest.mark.parametrize("demo", [False, True], ids=["template", "demo"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_live_recalc_writes_what_the_file_recalc_writes(
    tmp_path: Path, lang: str, demo: bool
) -> None:
    made = _made(tmp_path, lang, demo)
    live, _ = _recalc_live(payload(made))
    reference = tmp_path / "reference.xlsx"
    shutil.copy(made, reference)
    arsheet.recalc(reference, as_of=AS_OF, today=AS_OF, backup=False)
    expected = openpyxl.load_workbook(reference, data_only=True)
    differ = []
    for tab, cells in _owned_cells(reference).items():
        rows = _values(live, tab)
        for row, col in sorted(cells):
            want = _plain(expected[tab].cell(row, col).value)
            got = _plain(_at(rows, row, col))
            if want != got:
                differ.append((tab, row, col, want, got))
    assert differ == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_second_run_finds_its_marks_and_writes_the_same(tmp_path: Path, lang: str) -> None:
    first, actions = _recalc_live(payload(_made(tmp_path, lang, demo=True)))
    second, again = _recalc_live(first)
    assert second == first
    # The second run adds no sheet and no name: it found its own by their marks.
    assert [a for a in again if a["func"] in ("addSheet", "namesAdd", "setNameRefersTo")] == []
    assert [a for a in actions if a["func"] == "namesAdd"] == []
    written = [a for a in again if a["func"] == "setValues"]
    assert written == [a for a in actions if a["func"] == "setValues"]


def test_a_missing_owned_sheet_is_added_where_a_new_book_has_it(tmp_path: Path) -> None:
    data = payload(_made(tmp_path, "en", demo=True))
    data["sheets"] = [s for s in data["sheets"] if s["name"] != "Aging"]
    data["names"] = [n for n in data["names"] if "aging" not in n["name"]]
    for name in data["names"]:
        name["sheet_index"] -= name["sheet_index"] > 10
    book = excel_book(data)
    live = LiveBook(book)
    arsheet.recalc(live, as_of=AS_OF, today=AS_OF)
    actions = book.json()["actions"]
    applied, _ = apply(data, actions)
    tabs = [s["name"] for s in applied["sheets"]]
    assert tabs.index("Aging") == tabs.index("Dunning") + 1
    assert live.added_sheets == ("Aging",)
    assert _values(applied, "Aging")[0][0]
    # Only the new sheet gets its columns fitted: the others keep the widths they have.
    fitted = [a["sheet_position"] for a in actions if a["func"] == "setSheetAutofit"]
    assert fitted == [tabs.index("Aging")]


def test_conditional_formats_are_laid_again_over_the_owned_sheets(tmp_path: Path) -> None:
    data = payload(_made(tmp_path, "en", demo=True))
    _, actions = _recalc_live(data)
    cleared = {a["sheet_position"] for a in actions if a["func"] == "rangeClearFormats"}
    added = [a for a in actions if a["func"] == "addConditionalFormat"]
    assert added
    assert {a["sheet_position"] for a in added} <= cleared
    assert all(a["args"][0]["formula"].startswith("=") for a in added)


def test_a_mark_whose_column_is_gone_points_at_the_column_added_again(tmp_path: Path) -> None:
    data = payload(_made(tmp_path, "en", demo=True))
    header = _values(data, "Transactions")[0]
    paid = header.index("Paid")
    header[paid] = "Paid by"
    first, actions = _recalc_live(data)
    moved = [a for a in actions if a["func"] == "setNameRefersTo"]
    assert [a["args"][0] for a in moved] == ["_arsheet.col.transactions.paid"]
    added = len(header) + 1
    assert _values(first, "Transactions")[0][added - 1] == "Paid"
    # The user's column keeps what it had; the second run finds the added one by its mark.
    assert _values(first, "Transactions")[0][paid] == "Paid by"
    second, again = _recalc_live(first)
    assert [a for a in again if a["func"] in ("setNameRefersTo", "namesAdd")] == []
    assert second == first


def test_owned_columns_get_the_number_formats_the_file_gets(tmp_path: Path) -> None:
    made = _made(tmp_path, "en", demo=True)
    data = payload(made)
    book = excel_book(data)
    arsheet.recalc(LiveBook(book), as_of=AS_OF, today=AS_OF)
    _, applied = apply(data, book.json()["actions"])
    reference = tmp_path / "reference.xlsx"
    shutil.copy(made, reference)
    arsheet.recalc(reference, as_of=AS_OF, today=AS_OF, backup=False)
    expected = openpyxl.load_workbook(reference)
    marks = marks_from_names({n: d.attr_text for n, d in expected.defined_names.items()})
    differ = []
    for mark in marks.columns.values():
        want = expected[mark.sheet].cell(mark.row + 1, mark.col).number_format
        covering = [
            fmt
            for (tab, area), fmt in applied.number_formats.items()
            if tab == mark.sheet and _covers(area, mark.row + 1, mark.col)
        ]
        got = covering[-1] if covering else "General"
        if got != want:
            differ.append((mark.sheet, mark.col, want, got))
    assert differ == []


def _covers(area: str, row: int, col: int) -> bool:
    left, top, right, bottom = range_boundaries(area)
    return top <= row <= bottom and left <= col <= right


def test_a_users_sheet_that_only_shares_an_owned_name_is_left_alone(tmp_path: Path) -> None:
    data = payload(_made(tmp_path, "en", demo=True))
    aging = next(s for s in data["sheets"] if s["name"] == "Aging")
    aging["values"] = [["My own aging notes", 42]]
    data["names"] = [n for n in data["names"] if n["name"] != "_arsheet.sheet.aging"]
    book = excel_book(data)
    live = LiveBook(book)
    arsheet.recalc(live, as_of=AS_OF, today=AS_OF)
    actions = book.json()["actions"]
    applied, _ = apply(data, actions)
    assert _values(applied, "Aging") == [["My own aging notes", 42]]
    assert live.added_sheets == ("Aging (arsheet)",)
    position = [s["name"] for s in applied["sheets"]].index("Aging")
    assert [a for a in actions if a.get("sheet_position") == position] == []


def test_a_new_sheet_goes_where_a_new_book_has_it_else_right_of_those_it_has() -> None:
    tabs = ["Customers", "Transactions", "Notes"]
    assert new_sheet("dashboard", "Dashboard", tabs, Marks()) == AddSheet(
        "Dashboard", after=None, before="Customers"
    )
    assert new_sheet("forecast", "Forecast", tabs, Marks()) == AddSheet(
        "Forecast", after="Transactions", before=None
    )
