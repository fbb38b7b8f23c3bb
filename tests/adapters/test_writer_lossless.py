"""Everything arsheet does not own survives a write byte for byte.

Allowed to differ, and why:
- the patched record sheets (Transactions, Payments, Customers): only in their owned cells, the
  header of an owned column added to the sheet, and the used range;
- the owned sheets (the Dashboard here; Summary, Aging and Check are new parts);
- styles.xml: entries appended, the original entries an unchanged prefix of every list;
- workbook.xml, its relationships and [Content_Types].xml: one line per new sheet; workbook.xml
  also gains arsheet's marks (hidden defined names) and keeps asking for a full calculation on load.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from lossless_book import CORPUS, build_book, owned_inputs, owned_sheets, parts, without_cells
from lxml import etree

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.book.layout import OwnedColumns, SheetLayout

WORKBOOK_LISTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml")
# Parts of the lossless book: Transactions, Payments, Customers, then the Dashboard.
PATCHED = {
    "xl/worksheets/sheet1.xml": ({"L", "M", "O", "P", "Q", "R"}, 1),
    "xl/worksheets/sheet2.xml": ({"J", "K"}, 1),
    "xl/worksheets/sheet3.xml": ({"M", "N", "O", "Q", "R"}, 0),
}
DASHBOARD = "xl/worksheets/sheet5.xml"
NEW_SHEETS = {"xl/worksheets/sheet6.xml", "xl/worksheets/sheet7.xml", "xl/worksheets/sheet8.xml"}


@pytest.fixture(scope="module")
def before_after(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    book = build_book(tmp_path_factory.mktemp("lossless") / "book.xlsm")
    before = parts(book)
    columns, sheets = owned_inputs()
    XlsxBook(book).write(columns, sheets, "en")
    return before, parts(book)


def test_every_part_arsheet_does_not_own_is_byte_identical(before_after: tuple) -> None:
    before, after = before_after
    owned = {*PATCHED, DASHBOARD, "xl/styles.xml", *WORKBOOK_LISTS}
    assert set(after) - set(before) == NEW_SHEETS
    assert [n for n in after if n in before] == list(before)  # same order, nothing dropped
    changed = {name for name in before if before[name] != after[name]}
    assert changed <= owned
    assert before["xl/vbaProject.bin"] == after["xl/vbaProject.bin"]


def test_patched_sheets_differ_only_in_owned_cells(before_after: tuple) -> None:
    before, after = before_after
    for name, (letters, header_row) in PATCHED.items():
        assert before[name] != after[name]
        old = without_cells(before[name], letters, header_row)
        new = without_cells(after[name], letters, header_row)
        assert old == new, name


def test_styles_are_only_appended(before_after: tuple) -> None:
    before, after = before_after
    old = etree.fromstring(before["xl/styles.xml"])
    new = etree.fromstring(after["xl/styles.xml"])
    assert [c.tag for c in new] == [c.tag for c in old] or len(new) >= len(old)
    for section in old:
        match = new.find(section.tag)
        kept = [etree.tostring(c) for c in section]
        assert [etree.tostring(c) for c in match][: len(kept)] == kept, section.tag
        if "count" in match.attrib:
            assert int(match.get("count")) == len(match)


def test_workbook_lists_gain_one_line_per_new_sheet(before_after: tuple) -> None:
    before, after = before_after
    line = re.compile(rb"<sheet name=\"(?:Summary|Aging|Check)\"[^>]*/>|<Relationship Id=\"rId\d+\""
                      rb"[^>]*worksheet\" Target=\"worksheets/sheet[678].xml\"/>|<Override "
                      rb"PartName=\"/xl/worksheets/sheet[678].xml\"[^>]*/>")  # fmt: skip
    marks = re.compile(
        rb'<definedName name="(?:_arsheet\.[^"]*" hidden="1"|_xlnm\.Print_Titles" localSheetId='
        rb'"\d+")>[^<]*</definedName>'
    )
    for name in WORKBOOK_LISTS:
        assert len(line.findall(after[name])) == 3, name
        assert marks.sub(b"", line.sub(b"", after[name])) == before[name], name
    # Owned columns, owned sheets, and the header row printed on each page of the Summary.
    assert len(marks.findall(after["xl/workbook.xml"])) == 13 + 4 + 1


def test_dashboard_keeps_its_chart_and_tab_colour(before_after: tuple) -> None:
    before, after = before_after
    drawing = re.search(rb"<drawing [^>]*/>", before[DASHBOARD]).group()
    assert drawing in after[DASHBOARD]
    # The sheet's properties are kept, told only to fit the page when printed.
    kept = re.search(rb"<sheetPr\b.*?</sheetPr>", before[DASHBOARD]).group()
    assert (
        kept.replace(b"</sheetPr>", b'<pageSetUpPr fitToPage="1"/></sheetPr>') in after[DASHBOARD]
    )
    rels = "xl/worksheets/_rels/sheet5.xml.rels"
    assert before[rels] == after[rels]


@pytest.mark.parametrize(
    "name", ["XlsxWriter__macro01.xlsm", "calamine__vba.xlsm", "poi__SimpleMacro.xlsm"]
)
def test_excel_made_macro_books_keep_every_part(tmp_path: Path, name: str) -> None:
    book = tmp_path / name
    shutil.copy(CORPUS / name, book)
    before = parts(book)
    XlsxBook(book).write([], owned_sheets(), "en")
    after = parts(book)
    for part, data in before.items():
        if part not in {"xl/styles.xml", *WORKBOOK_LISTS}:
            assert after[part] == data, part
    added = set(after) - set(before)
    # Four owned sheets, and the Dashboard's charts from the template: the sheet's
    # relationships, a drawing with its relationships, and four charts.
    assert len([p for p in added if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", p)]) == 4
    assert len([p for p in added if p.startswith("xl/charts/chart")]) == 4
    assert len([p for p in added if p.startswith("xl/drawings/")]) == 2
    assert len(added) == 4 + 1 + 2 + 4


def _calc_chain_book(tmp_path: Path, applied_col: int) -> tuple[Path, dict]:
    book = tmp_path / "chain.xlsx"
    shutil.copy(CORPUS / "sheetjs__1904_1904.xlsx", book)
    layout = SheetLayout(
        "payments", "Sheet1", 1, {"applied": applied_col, "unapplied": applied_col + 1}, 4, "en"
    )
    values = pd.DataFrame(
        {"applied": pd.array([1, 2], dtype="Int64"), "unapplied": pd.array([3, 4], "Int64")},
        index=[2, 3],
    )
    before = parts(book)
    XlsxBook(book).write([OwnedColumns(layout, values)], [], "en")
    return book, before


def test_calc_chain_naming_replaced_cells_goes_with_its_references(tmp_path: Path) -> None:
    book, _ = _calc_chain_book(tmp_path, 3)  # C and D hold formulas in the chain
    after = parts(book)
    assert "xl/calcChain.xml" not in after
    assert b"calcChain" not in after["xl/_rels/workbook.xml.rels"]
    assert b"calcChain" not in after["[Content_Types].xml"]


def test_calc_chain_naming_no_replaced_cell_stays(tmp_path: Path) -> None:
    book, before = _calc_chain_book(tmp_path, 7)
    after = parts(book)
    assert after["xl/calcChain.xml"] == before["xl/calcChain.xml"]
    assert after["xl/_rels/workbook.xml.rels"] == before["xl/_rels/workbook.xml.rels"]
