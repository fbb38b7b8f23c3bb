"""The xlwings Lite route: main.py has one script per button, each calling its library function.

Read as source (the scripts are exactly :data:`ACTIONS`' names, each calling
``arsheet.buttons.<name>(book)``), then imported for real with the ``script`` decorator xlwings
Lite and xlwings Server use, which registers each script's name and sheet button the way the
add-in reads them, and run through xlwings' own script dispatcher.
"""

from __future__ import annotations

import ast
import asyncio
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import load_workbook
from packaging.requirements import Requirement

import arsheet.buttons
from arsheet.app.lite_files import main_py
from arsheet.book.contract import HOW_TO
from arsheet.buttons.actions import ACTIONS
from arsheet.template.howto_buttons import LITE_BUTTONS

LITE = Path(__file__).resolve().parent.parent / "macros" / "xlwings_lite"
MAIN = LITE / "main.py"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
NAMES = [action.name for action in ACTIONS]
# The buttons that act on the selected row: a sheet button would move the selection first.
ON_THE_SELECTION = {"letters", "statement", "new_plan"}
_BUTTON = re.compile(r"^\[(?P<shape>\w+)\](?P<sheet>[^!]+)!(?P<cell>[A-Z]+[0-9]+)$")


def _scripts(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    """Return main.py's functions decorated with ``script`` (bare or called), by name."""

    def is_script(decorator: ast.expr) -> bool:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        return isinstance(target, ast.Name) and target.id == "script"

    return {
        node.name: node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and any(map(is_script, node.decorator_list))
    }


@pytest.mark.parametrize("lang", ["committed", "zh"])
def test_main_has_one_script_per_button_each_calling_its_library_function(lang: str) -> None:
    source = MAIN.read_text(encoding="utf-8") if lang == "committed" else main_py(lang)
    scripts = _scripts(ast.parse(source))
    assert list(scripts) == NAMES
    for name, function in scripts.items():
        (book,) = function.args.args
        assert ast.unparse(book.annotation) == "xw.Book", name
        *_, last = function.body
        assert ast.unparse(last) == f"arsheet.buttons.{name}({book.arg})", name


def test_the_source_check_fails_a_script_calling_another_button() -> None:
    wrong = MAIN.read_text(encoding="utf-8").replace(
        "arsheet.buttons.check(book)", "arsheet.buttons.recalculate(book)"
    )
    function = _scripts(ast.parse(wrong))["check"]
    assert ast.unparse(function.body[-1]) != "arsheet.buttons.check(book)"


@pytest.fixture
def lite_main(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """main.py imported with the ``script`` decorator of xlwings Lite and xlwings Server."""
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings
    from xlwings.pro import udfs_officejs

    monkeypatch.setattr(xlwings, "script", udfs_officejs.script)
    spec = importlib.util.spec_from_file_location("arsheet_lite_main", MAIN)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_xlwings_registers_each_script_with_its_sheet_button(lite_main: ModuleType) -> None:
    from xlwings.pro.udfs_officejs import custom_scripts_meta

    meta = {entry["function_name"]: entry for entry in custom_scripts_meta(lite_main)}
    assert sorted(meta) == sorted(NAMES)
    buttons = {name: entry["button"] for name, entry in meta.items() if entry["button"]}
    assert set(buttons) == set(NAMES) - ON_THE_SELECTION
    places = [_BUTTON.match(button) for button in buttons.values()]
    assert all(places), buttons
    assert len({p["shape"] for p in places if p}) == len(places)
    assert len({p["cell"] for p in places if p}) == len(places)
    assert {p["sheet"] for p in places if p} == {HOW_TO.name("en")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_sheet_buttons_cells_are_free_on_the_templates_how_to_use_sheet(
    lite_main: ModuleType, lang: str
) -> None:
    from xlwings.pro.udfs_officejs import custom_scripts_meta

    template = TEMPLATES / ("debt_tracker_zh.xlsx" if lang == "zh" else "debt_tracker.xlsx")
    sheet = load_workbook(template)[HOW_TO.name(lang)]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    for entry in custom_scripts_meta(lite_main):
        place = _BUTTON.match(entry["button"] or "")
        if place:
            assert sheet[place["cell"]].value is None
            assert place["shape"] in text
            assert place["cell"] in text


def test_each_script_hands_the_open_book_to_its_button(
    lite_main: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xlwings as xw
    from xlwings.pro.udfs_officejs import custom_scripts_call

    called: list[tuple[str, object]] = []
    for name in NAMES:
        monkeypatch.setattr(
            arsheet.buttons,
            name,
            lambda book, name=name: called.append((name, book)),
            raising=False,
        )
    book = object()
    for name in NAMES:
        returned = asyncio.run(
            custom_scripts_call(lite_main, name, typehint_to_value={xw.Book: book})
        )
        assert returned is book
    assert called == [(name, book) for name in NAMES]


def test_requirements_install_arsheet_and_a_recent_xlwings() -> None:
    lines = (LITE / "requirements.txt").read_text(encoding="utf-8").splitlines()
    wanted = {r.name: r for r in (Requirement(x) for x in lines if x and not x.startswith("#"))}
    assert set(wanted) == {"xlwings", "arsheet"}
    xlwings = wanted["xlwings"]
    assert xlwings.specifier.contains("0.33.0")
    assert not xlwings.specifier.contains("0.32.9")
    from importlib.metadata import version

    assert xlwings.specifier.contains(version("xlwings")), "the tests' xlwings is allowed"
    assert not wanted["arsheet"].extras
    assert not wanted["arsheet"].specifier


def test_the_how_to_names_every_button_its_macro_and_the_sheet_buttons_cells() -> None:
    text = (LITE.parent / "README.md").read_text(encoding="utf-8")
    for action in ACTIONS:
        for said in (action.en, action.zh, f"`{action.macro}`", f"`{action.name}`"):
            assert said in text, said
    for shape, cell in LITE_BUTTONS.values():
        assert f"cell {cell}, name it `{shape}`" in text or f"over {cell} named `{shape}`" in text
