"""``arsheet excel-setup``: the steps to the buttons for one book, and nothing about it changed.

Run through the real entry point on the committed templates (copied) and on books made from
them: a macro-enabled one with arsheet's buttons, one with VBA of the user's own, one whose name
Python cannot import, and files that are no workbook at all.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from openpyxl import Workbook

from arsheet.adapters.xlsx.workbookxml import with_defined_names
from arsheet.app import excel_setup
from arsheet.app.lite_files import REQUIREMENTS, main_py
from arsheet.book.marks import ACTION_NAME
from arsheet.cli import build_parser, main

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LITE = Path(__file__).resolve().parent.parent / "macros" / "xlwings_lite"


def template(folder: Path, lang: str = "en", name: str = "debt_tracker.xlsx") -> Path:
    """A copy of the committed template in ``lang``, called ``name``."""
    source = TEMPLATES / ("debt_tracker_zh.xlsx" if lang == "zh" else "debt_tracker.xlsx")
    return Path(shutil.copyfile(source, folder / name))


def macro_enabled(book: Path, *, arsheets: bool) -> Path:
    """``book`` as an .xlsm holding a VBA project; arsheet's (with its button panel) or not."""
    target = book.with_suffix(".xlsm")
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if arsheets and info.filename == "xl/workbook.xml":
                data = with_defined_names(data, [(ACTION_NAME, "'How to use'!$E$4")])
            out.writestr(info, data)
        out.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 a VBA project")
    return target


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["excel-setup", *args])
    said = capsys.readouterr()
    return code, said.out, said.err


def test_an_english_book_gets_every_route_and_stays_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = template(tmp_path)
    before = book.read_bytes()
    code, out, err = run(capsys, str(book))
    assert (code, err) == (0, "")
    assert out.startswith("debt_tracker.xlsx: an arsheet workbook in English, without buttons yet.")
    assert f"This Python ({sys.executable}) has xlwings {metadata.version('xlwings')}." in out
    elsewhere = "This computer runs no desktop Excel" in out
    assert elsewhere == (sys.platform not in ("win32", "darwin"))
    for line in (
        "   arsheet buttons debt_tracker.xlsx",
        "   xlwings config create --force",
        "   xlwings addin install",
        "   arsheet excel-setup debt_tracker.xlsx --lite lite",
    ):
        assert line in out.splitlines()
    assert "ArsheetRecalculate (Recalculate)" in out
    assert "D4 named arsheet_recalculate" in out
    assert "never saves it" in out
    assert book.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["debt_tracker.xlsx"]


def test_a_chinese_book_is_told_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, str(template(tmp_path, "zh", "应收账款.xlsx")))
    assert code == 0
    assert out.startswith("应收账款.xlsx：中文 arsheet 工作簿，尚无按钮。")
    assert "   arsheet buttons 应收账款.xlsx" in out.splitlines()
    assert "点击“仪表盘”上的“重新计算”" in out
    assert "ArsheetRecalculate（重新计算）" in out
    assert "在“使用说明”的 D4 上画一个形状" in out


@pytest.mark.parametrize(
    ("name", "suggested"),
    [("2026 receivables.xlsx", "book_2026_receivables.xlsx"), ("json.xlsx", "json_book.xlsx")],
)
def test_a_name_python_cannot_import_as_the_books_module_is_renamed_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, suggested: str
) -> None:
    code, out, _ = run(capsys, str(template(tmp_path, name=name)))
    assert code == 1
    assert f"rename the book {suggested} first" in out
    assert f"   arsheet buttons {suggested}" in out.splitlines()


def test_a_book_with_arsheets_buttons_needs_only_its_module_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = macro_enabled(template(tmp_path), arsheets=True)
    code, out, _ = run(capsys, str(book))
    assert code == 0
    assert "debt_tracker.xlsm: an arsheet workbook in English, with arsheet's buttons." in out
    assert "   It has them: open debt_tracker.xlsm in Excel and enable macros." in out
    assert "debt_tracker.py is missing beside it" in out
    module = "\n".join(
        line.removeprefix("       ") for line in out.splitlines() if line.startswith("       ")
    )
    assert "arsheet.excel.main()" in module
    ast.parse(module)
    book.with_suffix(".py").write_text(f'"""The buttons."""\n\n{module}\n', encoding="utf-8")
    code, out, _ = run(capsys, str(book))
    assert code == 0
    assert "missing" not in out
    assert "arsheet buttons" not in out


def test_a_book_with_macros_of_its_own_is_sent_to_the_add_in_route(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = macro_enabled(template(tmp_path), arsheets=False)
    code, out, _ = run(capsys, str(book))
    assert code == 1
    assert "with macros of its own" in out
    assert "Not for this book: its macros are yours" in out
    assert "arsheet buttons" not in out
    assert "save the book as .xlsm" not in out


def test_without_xlwings_the_desktop_routes_say_how_to_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(excel_setup, "_version", lambda distribution: None)
    code, out, _ = run(capsys, str(template(tmp_path)))
    assert code == 1
    assert 'has no xlwings: pip install "arsheet[excel]" installs it' in out


def test_a_workbook_without_arsheets_sheets_is_told_to_start_from_arsheet_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "budget.xlsx"
    Workbook().save(book)
    code, out, _ = run(capsys, str(book))
    assert code == 1
    assert out.startswith("budget.xlsx: it has none of arsheet's sheets (Customers, Transactions)")


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("missing.xlsx", None, "there is no such file"),
        ("notes.txt", b"hello", "buttons need an .xlsx or .xlsm workbook"),
        ("broken.xlsx", b"not a zip", "cannot be read as an arsheet workbook"),
    ],
)
def test_what_is_no_workbook_is_one_sentence_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
    said: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, str(path))
    assert (code, out) == (2, "")
    assert said in err
    assert len(err.strip().splitlines()) == 1


def test_lite_writes_main_and_requirements_for_the_books_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = template(tmp_path, "zh", "应收账款.xlsx")
    folder = tmp_path / "lite"
    code, out, _ = run(capsys, str(book), "--lite", str(folder))
    assert code == 0
    assert f"已为此工作簿写入 {folder / 'main.py'}、{folder / 'requirements.txt'}。" in out
    text = (folder / "main.py").read_text(encoding="utf-8")
    assert 'HOW_TO = "使用说明"' in text
    compile(text, "main.py", "exec")
    assert (folder / "requirements.txt").read_text(encoding="utf-8") == REQUIREMENTS
    assert run(capsys, str(book), "--lite", str(folder))[0] == 0


def test_lite_never_overwrites_a_main_py_of_yours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "lite"
    folder.mkdir()
    (folder / "main.py").write_text("# mine\n", encoding="utf-8")
    code, out, err = run(capsys, str(template(tmp_path)), "--lite", str(folder))
    assert (code, out) == (2, "")
    assert "main.py exists with other text" in err
    assert (folder / "main.py").read_text(encoding="utf-8") == "# mine\n"
    assert not (folder / "requirements.txt").exists()


def test_the_committed_lite_files_are_what_excel_setup_writes_for_an_english_book() -> None:
    assert (LITE / "main.py").read_text(encoding="utf-8") == main_py("en")
    assert (LITE / "requirements.txt").read_text(encoding="utf-8") == REQUIREMENTS


def test_every_commands_help_has_an_example() -> None:
    parser = build_parser()
    (verbs,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert "excel-setup" in verbs.choices
    for name, command in verbs.choices.items():
        assert "Example" in (command.description or ""), name
    assert "arsheet excel-setup" in (parser.epilog or "")
