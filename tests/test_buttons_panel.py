"""``arsheet.excel.main``: the macro-enabled book's one macro, dispatched by its panel.

On the How to use sheet the panel's cells, named ``_arsheet.button.action`` and
``_arsheet.button.customer``, choose the button and its customer; anywhere else the macro
recalculates. The payloads are the demo book's with those names added, as the panel has them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from excel_payload import Payload, apply, cell, excel_book, payload

import arsheet.api
import arsheet.excel
from arsheet.buttons.panel import ACTION_NAME, CUSTOMER_NAME


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    return arsheet.api.new(folder / "demo.xlsx", demo=True, today=dt.date.today())


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def with_panel(data: Payload, action: object, customer: object = "") -> Payload:
    """Return ``data`` with the How to use sheet's panel: the action in D1, the customer in D2."""
    sheets = [s["name"] for s in data["sheets"]]
    how_to = data["sheets"][sheets.index("How to use")]
    # The client sends a rectangle, A1 to the last used cell.
    rows = how_to["values"] = [[*r, *[""] * (4 - len(r))] for r in how_to["values"]]
    rows[0][3], rows[1][3] = action, customer
    for name, address in ((ACTION_NAME, "$D$1"), (CUSTOMER_NAME, "$D$2")):
        data["names"].append(
            {
                "name": name,
                "sheet_index": sheets.index("How to use"),
                "address": address,
                "scope_sheet_name": None,
                "scope_sheet_index": None,
                "book_scope": True,
            }
        )
    return data


def run_main(data: Payload) -> tuple[Any, Any]:
    book = excel_book(data)
    done = arsheet.excel.main()
    return apply(data, book.json()["actions"])[1], done


@pytest.mark.parametrize("label", ["Check the book", "检查数据", "check"])
def test_the_panels_action_runs_on_the_how_to_use_sheet(demo: Path, label: str) -> None:
    applied, done = run_main(with_panel(payload(demo, active="How to use"), label))
    assert done.action == "check"
    assert applied.alerts == [("No problems found.", "arsheet: Check the book")]


def test_the_panels_customer_is_the_one_acted_on(demo: Path, home: Path) -> None:
    data = with_panel(payload(demo, active="How to use"), "生成对账单", "C003")
    applied, done = run_main(data)
    assert done.action == "statement"
    assert list(done.done.files) == ["C003"]
    assert applied.alerts[0][0].startswith("Statement for C003 (")


def test_a_numeric_customer_id_in_the_panel_is_read_as_the_book_reads_it(demo: Path) -> None:
    data = with_panel(payload(demo, active="How to use"), "Statement for the customer", 7.0)
    _, done = run_main(data)
    # The demo has no customer "7": told so, as a number would be as text in the book.
    assert done.prompt.startswith("the book has no customer 7 ")


def test_an_empty_panel_recalculates(demo: Path) -> None:
    applied, done = run_main(with_panel(payload(demo, active="How to use"), ""))
    assert done.action == "recalculate"
    assert applied.alerts[0][1] == "arsheet: Recalculate"


def test_elsewhere_the_macro_recalculates(demo: Path) -> None:
    data = with_panel(payload(demo, active="Dashboard"), "Check the book")
    applied, done = run_main(data)
    assert done.action == "recalculate"
    assert applied.alerts[0][0].startswith("Recalculated as of ")


def test_an_action_the_panel_does_not_know_is_told(demo: Path) -> None:
    applied, done = run_main(with_panel(payload(demo, active="How to use"), "Make coffee"))
    ((prompt, _),) = applied.alerts
    assert prompt.startswith("The panel's action \"Make coffee\" is not one of arsheet's: ")
    assert "New payment plan" in prompt
    assert done.done is None


def test_a_book_without_the_panel_recalculates_from_how_to_use(demo: Path) -> None:
    _, done = run_main(payload(demo, active="How to use"))
    assert done.action == "recalculate"


def test_a_plan_for_the_panels_customer_covers_its_balance(demo: Path) -> None:
    data = payload(demo, active="How to use")
    # A customer with money open: the Summary's first.
    customer = cell(data, "Summary", "A4")
    assert cell(data, "Summary", "H4") > 0
    applied, done = run_main(with_panel(data, "New payment plan", customer))
    assert done.action == "new_plan"
    assert (done.done.customer_id, done.done.document_no) == (customer, "")
    assert applied.alerts[0][0].startswith(f"Payment plan {done.done.plan_id} for {customer}: ")
