"""``arsheet buttons`` and ``arsheet new book.xlsm`` through the real entry point: what is refused.

Each refusal is one sentence and leaves every file as it was: a book name Python cannot import,
a book with macros of its own, a book open in another program, a Python file of the user's
where the buttons' goes. A second run says the buttons are there and changes nothing.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from corpus import CORPUS

from arsheet import api
from arsheet.cli import main

DAY = date(2026, 12, 3)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return api.new(tmp_path / "ledger.xlsx", today=DAY)


def test_buttons_make_an_xlsm_beside_the_xlsx(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["buttons", str(book)]) == 0
    assert "buttons added: ledger.xlsm (from ledger.xlsx, unchanged)" in capsys.readouterr().out
    assert sorted(_files(book.parent)) == ["ledger.py", "ledger.xlsm", "ledger.xlsx"]


def test_a_second_run_changes_nothing(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["buttons", str(book)]) == 0
    before = _files(book.parent)
    for again in (book, book.with_suffix(".xlsm")):
        capsys.readouterr()
        assert main(["buttons", str(again)]) == 0
        assert "has arsheet's buttons already; nothing was changed" in capsys.readouterr().out
        assert _files(book.parent) == before


@pytest.mark.parametrize(
    ("name", "suggested"),
    [("debt tracker.xlsx", "debt_tracker.xlsm"), ("2024.xlsx", "book_2024.xlsm")],
)
def test_a_name_python_cannot_import_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, suggested: str
) -> None:
    book = tmp_path / name
    api.new(book, today=DAY)
    before = _files(tmp_path)
    assert main(["buttons", str(book)]) == 2
    err = capsys.readouterr().err
    assert "must be named like a Python module" in err
    assert f"try {suggested}" in err
    assert _files(tmp_path) == before
    assert main(["new", str(tmp_path / "json.xlsm")]) == 2
    assert _files(tmp_path) == before


def test_chinese_names_are_module_names(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "应收账款.xlsm"), "--lang", "zh"]) == 0
    assert (tmp_path / "应收账款.py").is_file()


def test_the_users_own_macros_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "mine.xlsm"
    shutil.copyfile(CORPUS / "XlsxWriter__macro01.xlsm", book)
    before = _files(tmp_path)
    assert main(["buttons", str(book)]) == 2
    assert "import macros/arsheet.bas" in capsys.readouterr().err
    assert _files(tmp_path) == before


def test_an_open_book_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "open.xlsm"
    api.new(tmp_path / "made.xlsx", today=DAY)
    shutil.copyfile(tmp_path / "made.xlsx", book)
    (tmp_path / "~$open.xlsm").write_bytes(b"")
    before = _files(tmp_path)
    assert main(["buttons", str(book)]) == 2
    assert "is open in another program" in capsys.readouterr().err
    assert _files(tmp_path) == before


def test_a_python_file_of_the_users_is_not_overwritten(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (book.parent / "ledger.py").write_text("print('mine')\n")
    before = _files(book.parent)
    assert main(["buttons", str(book)]) == 2
    assert "ledger.py exists already with other contents" in capsys.readouterr().err
    assert _files(book.parent) == before
    assert main(["new", str(book.with_suffix(".xlsm"))]) == 2
    assert _files(book.parent) == before


def test_an_xlsm_that_is_not_arsheets_is_not_replaced(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copyfile(CORPUS / "XlsxWriter__macro01.xlsm", book.with_suffix(".xlsm"))
    before = _files(book.parent)
    assert main(["buttons", str(book)]) == 2
    assert "ledger.xlsm exists already and is not a book with arsheet's buttons" in (
        capsys.readouterr().err
    )
    assert _files(book.parent) == before


def test_without_xlwings_the_user_is_told_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib import metadata

    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    assert main(["new", str(tmp_path / "book.xlsm")]) == 2
    assert 'pip install "arsheet[excel]"' in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_book_with_no_sheet_for_the_buttons_is_refused(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = openpyxl.load_workbook(book)
    del workbook["How to use"], workbook["Dashboard"]
    bare = book.with_name("bare.xlsx")
    workbook.save(bare)
    before = _files(book.parent)
    assert main(["buttons", str(bare)]) == 2
    assert "neither a Dashboard nor a How to use sheet" in capsys.readouterr().err
    assert _files(book.parent) == before
