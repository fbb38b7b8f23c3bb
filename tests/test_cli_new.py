"""``arsheet new`` through the real entry point: a usable book appears whole, or nothing does."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import differences
from python_calamine import CalamineWorkbook

from arsheet.book.contract import TEMPLATE_ORDER
from arsheet.cli import main

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.mark.parametrize(
    ("lang", "golden"), [("en", "debt_tracker.xlsx"), ("zh", "debt_tracker_zh.xlsx")]
)
def test_new_writes_the_committed_template(tmp_path: Path, lang: str, golden: str) -> None:
    book = tmp_path / "book.xlsx"
    assert main(["new", str(book), "--lang", lang]) == 0
    assert differences(book, TEMPLATES / golden) == []
    assert CalamineWorkbook.from_path(str(book)).sheet_names == [
        s.name(lang) for s in TEMPLATE_ORDER
    ]


def test_demo_book_has_records(tmp_path: Path) -> None:
    book = tmp_path / "demo.xlsx"
    assert main(["new", str(book), "--demo"]) == 0
    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("Transactions").to_python()
    assert len(rows) > 100


def test_an_existing_file_is_kept_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"mine")
    assert main(["new", str(book)]) == 2
    assert book.read_bytes() == b"mine"
    assert "already exists" in capsys.readouterr().err
    assert main(["new", str(book), "--force"]) == 0
    assert book.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("name", ["book.xls", "book"])
def test_only_xlsx_and_xlsm_names_are_accepted(tmp_path: Path, name: str) -> None:
    assert main(["new", str(tmp_path / name)]) == 2
    assert list(tmp_path.iterdir()) == []
