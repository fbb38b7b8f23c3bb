"""arsheet's marks survive a LibreOffice round trip: the next run finds its columns and sheets."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from conftest import LibreOffice
from python_calamine import CalamineWorkbook

from arsheet.adapters.xlsx.marks import read_marks
from arsheet.cli import main
from arsheet.template.build import template_bytes

pytestmark = pytest.mark.libreoffice


def test_a_book_saved_by_libreoffice_is_recalculated_in_place(
    libreoffice: LibreOffice, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(template_bytes("en", demo=True, today=date(2024, 9, 30)))
    assert main(["recalc", str(book), "--no-backup"]) in (0, 1)
    (resaved,) = libreoffice.convert([book], "xlsx", tmp_path / "lo")
    before = CalamineWorkbook.from_path(str(resaved))
    with zipfile.ZipFile(resaved) as package:
        assert b'hidden="false" name="_arsheet.' in package.read("xl/workbook.xml")

    assert main(["recalc", str(resaved), "--no-backup"]) in (0, 1)
    capsys.readouterr()
    main(["check", str(resaved)])
    assert "arsheet name" not in capsys.readouterr().out

    after = CalamineWorkbook.from_path(str(resaved))
    assert after.sheet_names == before.sheet_names  # no "Summary (arsheet)" beside Summary
    for sheet in ("Customers", "Transactions", "Payments"):
        header = after.get_sheet_by_name(sheet).to_python(nrows=1)[0]
        assert header == before.get_sheet_by_name(sheet).to_python(nrows=1)[0]  # none added
    with zipfile.ZipFile(resaved) as package:
        workbook = package.read("xl/workbook.xml")
    assert b'hidden="false" name="_arsheet.' not in workbook  # hidden again
    marks = read_marks(workbook)
    assert set(marks.sheets) == {"dashboard", "summary", "open_items", "dunning", "aging", "check"}
    assert len(marks.columns) == 16
