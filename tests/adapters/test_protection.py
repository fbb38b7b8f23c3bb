"""A protected sheet arsheet would write, or a locked workbook structure: the book is left as is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from bookmaker import make_book
from openpyxl.workbook.protection import WorkbookProtection

from arsheet.adapters.xlsx.protection import check_sheet, checked_stream
from arsheet.cli import main
from arsheet.errors import BookProtected
from arsheet.template.build import template_bytes

INVOICES = [["INV-1", "C1", "Invoice", date(2024, 1, 1), date(2024, 1, 31), 100]]


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return make_book(
        tmp_path / "book.xlsx", {"customers": [["C1", "Acme"]], "transactions": INVOICES}
    )


def refused(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Recalculate ``path`` through the CLI; assert it failed and left the folder as it was."""
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["recalc", str(path)]) == 2
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no backup, no temp file
    return capsys.readouterr().out


def test_a_protected_record_sheet_is_refused(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.load_workbook(book)
    wb["Transactions"].protection.sheet = True
    wb.save(book)

    out = refused(book, capsys)

    assert "'Transactions' is protected" in out
    assert "Review > Unprotect Sheet" in out


def test_a_locked_workbook_structure_is_refused(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.load_workbook(book)
    wb.security = WorkbookProtection(lockStructure=True)
    wb.save(book)

    assert "workbook's structure is protected" in refused(book, capsys)


def test_a_protected_owned_sheet_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(template_bytes("zh"))
    wb = openpyxl.load_workbook(path)
    wb["客户汇总"].protection.sheet = True
    wb.save(path)

    assert "客户汇总" in refused(path, capsys)


def test_the_message_says_how_to_unprotect_in_both_languages() -> None:
    sheet, structure = (
        BookProtected(Path("b.xlsx"), "交易明细"),
        BookProtected(Path("b.xlsx"), None),
    )
    assert "“交易明细”受保护" in sheet.message("zh")
    assert "撤消工作表保护" in sheet.message("zh")
    assert "工作簿结构受保护" in structure.message("zh")
    assert "Review > Protect Workbook" in structure.message("en")


@pytest.mark.parametrize(
    ("xml", "protected"),
    [
        (b'<sheetProtection sheet="1" objects="1"/>', True),
        (b"<x:sheetProtection scenarios='1' sheet='true'/>", True),  # LibreOffice, prefixed
        (b'<sheetProtection sheet="0"/>', False),
        (b"<sheetProtection/>", False),
    ],
)
def test_sheet_protection_is_read_as_every_writer_writes_it(xml: bytes, protected: bool) -> None:
    xml = b"<worksheet><sheetData/>" + xml + b"</worksheet>"
    if protected:
        with pytest.raises(BookProtected):
            check_sheet(Path("b.xlsx"), "S", xml)
    else:
        check_sheet(Path("b.xlsx"), "S", xml)


@pytest.mark.parametrize("cut", [1, 10, 30, 45])
def test_protection_cut_across_streamed_chunks_is_seen(cut: int) -> None:
    xml = b"<sheetData>" + b"<row/>" * 1000 + b'</sheetData><sheetProtection sheet="1"/>'
    at = len(xml) - 47 + cut
    with pytest.raises(BookProtected):
        list(checked_stream(Path("b.xlsx"), "S", [xml[:at], xml[at:]]))
