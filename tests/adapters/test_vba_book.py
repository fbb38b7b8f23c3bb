"""A macro-enabled book with arsheet's buttons: its parts, and what a recalculation keeps of them.

The VBA project is xlwings' own (its quickstart book's), the buttons are form buttons in legacy
drawings running ``SampleCall``, the How to use panel's cells are named and have drop-downs; a
recalculation rewrites the Dashboard but keeps every byte of the project and the buttons.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from importlib import resources
from pathlib import Path

import openpyxl
import pytest
from conftest import LibreOffice
from lxml import etree
from openpyxl.comments import Comment

from arsheet import api
from arsheet.adapters.xlsx.book_module import MODULE_TEXT
from arsheet.adapters.xlsx.button_sheet import Cell, with_cells
from arsheet.buttons.actions import ACTIONS
from arsheet.errors import CannotWrite

MACRO_CONTENT = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
DAY = date(2026, 12, 3)


def _xlwings_project() -> bytes:
    book = resources.files("xlwings").joinpath("quickstart_standalone.xlsm")
    with book.open("rb") as stream, zipfile.ZipFile(stream) as package:
        return package.read("xl/vbaProject.bin")


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def _sheet(parts: dict[str, bytes], name: str) -> tuple[str, bytes]:
    """Return the part and XML of tab ``name``."""
    workbook = parts["xl/workbook.xml"].decode()
    rel_id = re.search(rf'<sheet [^>]*name="{name}"[^>]*r:id="(\w+)"', workbook)
    assert rel_id is not None, name
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'Target="/?(?:xl/)?([^"]+)" Id="{rel_id.group(1)}"', rels)
    assert target is not None
    part = "xl/" + target.group(1)
    return part, parts[part]


def _drawing(parts: dict[str, bytes], part: str, xml: bytes) -> str:
    """Return the legacy drawing (VML) of sheet ``part``."""
    rel_id = re.search(rb'<legacyDrawing [^>]*r:id="(\w+)"', xml)
    assert rel_id is not None, f"{part} has no legacy drawing"
    folder, name = part.rsplit("/", 1)
    rels = etree.fromstring(parts[f"{folder}/_rels/{name}.rels"])
    (target,) = [r.get("Target") for r in rels if r.get("Id") == rel_id.group(1).decode()]
    return parts["xl/drawings/" + target.rsplit("/", 1)[1]].decode()


@pytest.mark.parametrize(
    ("lang", "how_to", "dashboard", "run"),
    [("en", "How to use", "Dashboard", "Run"), ("zh", "使用说明", "仪表盘", "运行")],
)
def test_new_xlsm_holds_xlwings_project_and_buttons_running_sample_call(
    tmp_path: Path, lang: str, how_to: str, dashboard: str, run: str
) -> None:
    book = api.new(tmp_path / "ledger.xlsm", lang=lang, today=DAY)
    parts = _parts(book)

    types = parts["[Content_Types].xml"].decode()
    assert f'PartName="/xl/workbook.xml" ContentType="{MACRO_CONTENT}"' in types
    assert "spreadsheetml.sheet.main+xml" not in types
    assert 'PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"' in (
        types
    )
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    assert re.search(r'relationships/vbaProject" Target="vbaProject.bin"', rels)
    assert parts["xl/vbaProject.bin"] == _xlwings_project()
    workbook = parts["xl/workbook.xml"].decode()
    assert '<workbookPr codeName="ThisWorkbook"/>' in workbook

    part, xml = _sheet(parts, dashboard)
    assert b'<sheetPr codeName="Sheet2">' in xml
    vml = _drawing(parts, part, xml)
    assert re.findall(r"<font [^>]*>([^<]*)</font>", vml) == [ACTIONS[0].label(lang)]
    assert re.findall(r"<x:FmlaMacro>([^<]*)</x:FmlaMacro>", vml) == ["[0]!SampleCall"]
    assert 'ObjectType="Button"' in vml

    part, xml = _sheet(parts, how_to)
    assert b'<sheetPr codeName="Sheet1">' in xml
    vml = _drawing(parts, part, xml)
    assert re.findall(r"<font [^>]*>([^<]*)</font>", vml) == [run]
    assert re.findall(r"<x:FmlaMacro>([^<]*)</x:FmlaMacro>", vml) == ["[0]!SampleCall"]
    # The panel: the action cell holds the first action, a drop-down of them all; the
    # customer cell a drop-down of the Customers sheet's IDs.
    labels = [action.label(lang) for action in ACTIONS]
    assert f'name="_arsheet.button.action" hidden="1">\'{how_to}\'!$E$1<' in workbook
    assert f'name="_arsheet.button.customer" hidden="1">\'{how_to}\'!$E$2<' in workbook
    text = xml.decode()
    assert '<c r="E1" s="' in text
    assert f"<t>{labels[0]}</t>" in text
    assert f'sqref="E1"><formula1>"{",".join(labels)}"</formula1>' in text
    customers = "客户" if lang == "zh" else "Customers"
    assert (
        f"sqref=\"E2\"><formula1>OFFSET('{customers}'!$A$2,0,0,"
        f"MAX(1,COUNTA('{customers}'!$A$2:$A$1048576)),1)</formula1>"
    ) in text

    assert (tmp_path / "ledger.py").read_text() == MODULE_TEXT
    namespace: dict[str, object] = {}
    exec(compile(MODULE_TEXT, "ledger.py", "exec"), namespace)
    assert callable(namespace["main"])


def test_buttons_on_the_demo_book_changes_only_what_it_must(tmp_path: Path) -> None:
    source = api.new(tmp_path / "demo.xlsx", demo=True, today=DAY)
    before = source.read_bytes()
    done = api.buttons(source)
    assert (done.book, done.module, done.added) == (
        tmp_path / "demo.xlsm",
        tmp_path / "demo.py",
        True,
    )
    assert source.read_bytes() == before
    old, new = _parts(source), _parts(done.book)
    how_to, _ = _sheet(old, "How to use")
    dashboard, _ = _sheet(old, "Dashboard")
    must = {"[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/workbook.xml", how_to}
    must |= {dashboard, dashboard.replace("worksheets/", "worksheets/_rels/") + ".rels"}
    # styles.xml only when it lacks the panel's styles (the recalculated demo has them).
    changed = {name for name in old if old[name] != new.get(name)}
    assert must <= changed <= must | {"xl/styles.xml"}
    assert set(new) - set(old) == {
        "xl/vbaProject.bin",
        "xl/drawings/vmlDrawing1.vml",
        "xl/drawings/vmlDrawing2.vml",
        how_to.replace("worksheets/", "worksheets/_rels/") + ".rels",
    }
    # The buttons' drawings number their shapes in blocks no other drawing uses (openpyxl
    # gives every comments drawing block 1).
    blocks = {
        name: re.search(rb'idmap [^>]*data="(\d+)"', xml).group(1)  # type: ignore[union-attr]
        for name, xml in new.items()
        if name.endswith(".vml")
    }
    ours = [blocks.pop("xl/drawings/vmlDrawing1.vml"), blocks.pop("xl/drawings/vmlDrawing2.vml")]
    assert len(set(ours)) == 2
    assert not set(ours) & set(blocks.values())


def test_an_xlsm_without_macros_gets_them_in_place_with_a_backup(tmp_path: Path) -> None:
    api.new(tmp_path / "made.xlsx", today=DAY)
    book = tmp_path / "plain.xlsm"
    book.write_bytes((tmp_path / "made.xlsx").read_bytes())
    before = book.read_bytes()
    done = api.buttons(book)
    assert done.book == book
    assert done.added
    assert (tmp_path / "plain.xlsm.bak").read_bytes() == before
    assert _parts(book)["xl/vbaProject.bin"] == _xlwings_project()


def test_recalculating_keeps_the_project_and_every_button(tmp_path: Path) -> None:
    book = api.new(tmp_path / "demo.xlsm", demo=True, today=DAY)
    before = _parts(book)
    api.recalc(book, as_of="2027-01-15")
    after = _parts(book)
    _, old_xml = _sheet(before, "Dashboard")
    _, new_xml = _sheet(after, "Dashboard")
    assert new_xml != old_xml  # the figures moved on
    kept = [
        name
        for name in before
        if name.endswith((".vml", ".bin", ".rels")) or name == "[Content_Types].xml"
    ]
    assert [name for name in kept if after[name] != before[name]] == []
    for element in (rb"<sheetPr codeName=\"Sheet2\"", rb"<legacyDrawing [^>]*/>"):
        assert re.search(element, old_xml).group() == re.search(element, new_xml).group()  # type: ignore[union-attr]
    how_to, _ = _sheet(before, "How to use")
    assert after[how_to] == before[how_to]
    assert b'codeName="ThisWorkbook"' in after["xl/workbook.xml"]
    assert b"_arsheet.button.action" in after["xl/workbook.xml"]


def test_a_sheet_with_comments_gets_its_button_in_their_drawing(
    tmp_path: Path, libreoffice: LibreOffice
) -> None:
    made = api.new(tmp_path / "made.xlsx", today=DAY)
    workbook = openpyxl.load_workbook(made)
    workbook["How to use"]["B3"].comment = Comment("Ask Jane before changing this", "Jane")
    workbook.save(tmp_path / "noted.xlsx")
    old = _parts(tmp_path / "noted.xlsx")
    how_to, xml = _sheet(old, "How to use")
    comments = _drawing(old, how_to, xml)

    book = api.buttons(tmp_path / "noted.xlsx").book
    new = _parts(book)
    rels = how_to.replace("worksheets/", "worksheets/_rels/") + ".rels"
    assert new[rels] == old[rels]
    vml = _drawing(new, how_to, new[how_to])
    assert vml.startswith(comments[: comments.rindex("</")])
    ids = re.findall(r'<[\w:]*shape [^>]*\bid="(_x0000_s\d+)"', vml)
    assert len(ids) == 2
    assert len(set(ids)) == 2
    assert re.findall(r"<x:FmlaMacro>([^<]*)</x:FmlaMacro>", vml) == ["[0]!SampleCall"]

    (ods,) = libreoffice.convert([book], "ods", tmp_path / "out")
    with zipfile.ZipFile(ods) as package:
        content = package.read("content.xml").decode()
    assert "Ask Jane before changing this" in content
    assert re.findall(r'<form:button [^>]*form:label="([^"]*)"', content) == ["Run", "Recalculate"]


def test_a_sheet_in_prefixed_xml_is_refused(tmp_path: Path) -> None:
    made = api.new(tmp_path / "made.xlsx", today=DAY)
    parts = _parts(made)
    how_to, xml = _sheet(parts, "How to use")
    parts[how_to] = re.sub(rb"<(/?)(?=[a-zA-Z])", rb"<\1x:", xml).replace(
        b"<x:worksheet xmlns=", b"<x:worksheet xmlns:x="
    )
    book = tmp_path / "prefixed.xlsx"
    with zipfile.ZipFile(book, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    with pytest.raises(CannotWrite, match="namespace prefixes"):
        api.buttons(book)
    assert not book.with_suffix(".xlsm").exists()


def test_how_to_use_prints_without_the_panel_unless_the_user_chose_a_print_area(
    tmp_path: Path,
) -> None:
    workbook = api.new(tmp_path / "book.xlsm", today=DAY)
    names = _parts(workbook)["xl/workbook.xml"]
    text = openpyxl.load_workbook(api.new(tmp_path / "text.xlsx", today=DAY))["How to use"]
    last = max(c.row for row in text.iter_rows() for c in row if c.value is not None)
    area = (
        b'<definedName name="_xlnm.Print_Area" localSheetId="0">\'How to use\'!$A$1:$B$%d<' % last
    )
    assert area in names

    made = api.new(tmp_path / "made.xlsx", today=DAY)
    book = openpyxl.load_workbook(made)
    book["How to use"].print_area = "A1:B10"
    book.save(tmp_path / "chosen.xlsx")
    names = _parts(api.buttons(tmp_path / "chosen.xlsx").book)["xl/workbook.xml"]
    assert re.findall(rb"_xlnm.Print_Area[^>]*>([^<]*)<", names) == [b"'How to use'!$A$1:$B$10"]


def test_the_panel_goes_in_rows_and_sheets_of_any_shape() -> None:
    empty = b'<worksheet xmlns="m"><sheetData/><pageMargins/></worksheet>'
    cells = [Cell(1, 4, "Action", 3), Cell(2, 4, "Tom & Jerry", 0)]
    assert with_cells(empty, cells) == (
        b'<worksheet xmlns="m"><sheetData><row r="1"><c r="D1" s="3" t="inlineStr"><is><t>'
        b'Action</t></is></c></row><row r="2"><c r="D2" s="0" t="inlineStr"><is><t>Tom &amp; '
        b"Jerry</t></is></c></row></sheetData><pageMargins/></worksheet>"
    )
    rows = b'<worksheet><sheetData ><row r="2"><c r="A2"/><c r="F2"/></row></sheetData></worksheet>'
    assert with_cells(rows, cells) == (
        b'<worksheet><sheetData ><row r="1"><c r="D1" s="3" t="inlineStr"><is><t>Action</t></is>'
        b'</c></row><row r="2"><c r="A2"/><c r="D2" s="0" t="inlineStr"><is><t>Tom &amp; Jerry'
        b'</t></is></c><c r="F2"/></row></sheetData></worksheet>'
    )
    with pytest.raises(ValueError, match="no row number"):
        with_cells(b"<worksheet><sheetData><row><c/></row></sheetData></worksheet>", cells)
