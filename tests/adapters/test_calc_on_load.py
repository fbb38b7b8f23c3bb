"""After a recalculation the book asks the spreadsheet to recalculate formulas when it opens.

Formulas the user wrote over owned cells (``=SUM(Transactions!M:M)``) would otherwise show the
values cached at the last save, whichever program wrote the book before.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from bookmaker import make_book

from arsheet.adapters.xlsx.marks import read_marks
from arsheet.adapters.xlsx.package import MAIN_NS
from arsheet.adapters.xlsx.workbookxml import with_defined_names, with_full_calc_on_load
from arsheet.cli import main

INVOICES = [["INV-1", "C1", "Invoice", date(2024, 1, 1), date(2024, 1, 31), 100]]
CALC_PR = re.compile(rb"<calcPr\b[^>]*/>")


def replace_member(path: Path, name: str, data: bytes) -> None:
    """Rewrite one member of the package at ``path``."""
    with zipfile.ZipFile(path) as old:
        members = [(info, old.read(info)) for info in old.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info, content in members:
            new.writestr(info, data if info.filename == name else content)
    path.write_bytes(out.getvalue())


def recalculated_workbook_xml(tmp_path: Path, calc_pr: bytes) -> bytes:
    """Return workbook.xml after a recalc of a book whose calcPr was ``calc_pr``."""
    path = make_book(tmp_path / "b.xlsx", {"customers": [["C1", "Acme"]], "transactions": INVOICES})
    with zipfile.ZipFile(path) as package:
        xml = package.read("xl/workbook.xml")
    replace_member(path, "xl/workbook.xml", CALC_PR.sub(calc_pr, xml))
    assert main(["recalc", str(path), "--no-backup"]) == 0
    with zipfile.ZipFile(path) as package:
        return package.read("xl/workbook.xml")


def test_a_calc_pr_without_the_flag_gets_it_and_keeps_its_other_settings(tmp_path: Path) -> None:
    xml = recalculated_workbook_xml(tmp_path, b'<calcPr calcId="191029" iterate="1"/>')
    assert CALC_PR.findall(xml) == [b'<calcPr calcId="191029" iterate="1" fullCalcOnLoad="1"/>']


def test_a_book_without_calc_pr_gets_one(tmp_path: Path) -> None:
    xml = recalculated_workbook_xml(tmp_path, b"")
    assert CALC_PR.findall(xml) == [b'<calcPr fullCalcOnLoad="1"/>']
    assert xml.index(b"</definedNames>") < xml.index(b"<calcPr")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # Turned off by an earlier writer; an open tag with children; prefixed, before extLst.
        (b'<calcPr fullCalcOnLoad="0" calcId="1"/>', b'<calcPr fullCalcOnLoad="1" calcId="1"/>'),
        (b'<calcPr calcId="1"></calcPr>', b'<calcPr calcId="1" fullCalcOnLoad="1"></calcPr>'),
        (
            b"<x:workbook><x:sheets/><x:extLst/></x:workbook>",
            b'<x:workbook><x:sheets/><x:calcPr fullCalcOnLoad="1"/><x:extLst/></x:workbook>',
        ),
    ],
)
def test_full_calc_on_load_is_set_where_the_schema_wants_it(before: bytes, after: bytes) -> None:
    if not before.startswith(b"<x:"):
        before, after = (b"<workbook><sheets/>" + x + b"</workbook>" for x in (before, after))
    assert with_full_calc_on_load(before) == after
    assert with_full_calc_on_load(after) == after


def test_marks_replace_their_old_selves_and_leave_other_names() -> None:
    xml = (
        b'<workbook><sheets/><definedNames><definedName name="Rates">Settings!$B$2</definedName>'
        b'<definedName function="false" hidden="false" name="_arsheet.sheet.check" '
        b'vbProcedure="false">Check!$A$1</definedName></definedNames><calcPr/></workbook>'
    )
    marks = [("_arsheet.sheet.check", "'Check'!$A$1"), ("_arsheet.sheet.aging", "'A&B'!$A$1")]
    assert with_defined_names(xml, marks) == (
        b'<workbook><sheets/><definedNames><definedName name="Rates">Settings!$B$2</definedName>'
        b'<definedName name="_arsheet.sheet.check" hidden="1">\'Check\'!$A$1</definedName>'
        b'<definedName name="_arsheet.sheet.aging" hidden="1">\'A&amp;B\'!$A$1</definedName>'
        b"</definedNames><calcPr/></workbook>"
    )


def test_a_mark_given_twice_in_any_case_is_kept_once_and_read_as_kept() -> None:
    xml = (
        b'<workbook xmlns="' + MAIN_NS.encode() + b'"><sheets/><definedNames>'
        b'<definedName name="_arsheet.sheet.check" hidden="1">Check!$A$1</definedName>'
        b'<definedName name="Rates">Settings!$B$2</definedName>'
        b'<definedName name="_ARSHEET.SHEET.CHECK">Summary!$A$1</definedName>'
        b"</definedNames></workbook>"
    )
    assert read_marks(xml).sheets == {"check": "Check"}
    assert with_defined_names(xml, [("_arsheet.sheet.check", "'Check'!$A$1")]) == (
        b'<workbook xmlns="' + MAIN_NS.encode() + b'"><sheets/><definedNames>'
        b'<definedName name="_arsheet.sheet.check" hidden="1">\'Check\'!$A$1</definedName>'
        b'<definedName name="Rates">Settings!$B$2</definedName>'
        b"</definedNames></workbook>"
    )


def test_a_book_without_defined_names_gets_them_before_calc_pr() -> None:
    xml = b"<workbook><sheets/><calcPr/></workbook>"
    assert with_defined_names(xml, [("_arsheet.sheet.check", "'Check'!$A$1")]) == (
        b'<workbook><sheets/><definedNames><definedName name="_arsheet.sheet.check" '
        b"hidden=\"1\">'Check'!$A$1</definedName></definedNames><calcPr/></workbook>"
    )
