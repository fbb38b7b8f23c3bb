"""Packages some tools write oddly are patched correctly or refused in one line, never half-done.

Member names in another case or with backslashes and sheets with namespace prefixes are refused
by the writer; sheet XML that does not parse is refused by the reader, which checks every sheet
it reads. Each with a one-line reason, the file left as it was.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from bookmaker import make_book
from lxml import etree

from arsheet.adapters.xlsx.package import REL_NS, Package
from arsheet.cli import main

TRANSACTIONS_PART = "xl/worksheets/sheet2.xml"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _rewritten(
    path: Path, name: Callable[[str], str], xml: Callable[[str, bytes], bytes] | None = None
) -> Path:
    """Rewrite the package at ``path`` with each member renamed and optionally edited."""
    source = make_book(
        path.with_suffix(".src.xlsx"),
        {
            "customers": [["C1", "Acme"]],
            "transactions": [["INV-1", "C1", "Invoice", date(2024, 1, 1), date(2024, 1, 31), 100]],
        },
    )
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(name(info.filename), xml(info.filename, data) if xml else data)
    return path


def _backslashed_sheets(member: str) -> str:
    if member.startswith("xl/worksheets/sheet"):
        return member.replace("xl/worksheets/sheet", "XL\\worksheets\\Sheet")
    return member


def _all_backslashed(member: str) -> str:
    return member.replace("/", "\\")


def _upper_case_sheets(member: str) -> str:
    return member.upper() if member.startswith("xl/worksheets/") else member


def _prefixed(member: str, xml: bytes) -> bytes:
    if not member.startswith("xl/worksheets/"):
        return xml
    xml = re.sub(rb"<(/?)(?![?!])(\w+)([\s>/])", rb"<\1x:\2\3", xml)
    return xml.replace(MAIN, MAIN.replace(b"xmlns=", b"xmlns:x="))


def _garbled(edit: Callable[[bytes], bytes]) -> Callable[[str, bytes], bytes]:
    def garble(member: str, xml: bytes) -> bytes:
        return edit(xml) if member == TRANSACTIONS_PART else xml

    return garble


def _same(member: str) -> str:
    return member


@pytest.mark.parametrize(
    ("name", "xml", "reason"),
    [
        (_backslashed_sheets, None, r"stored under names Excel does not write \(XL\\worksheets"),
        (_upper_case_sheets, None, r"stored under names Excel does not write \(XL/WORKSHEETS"),
        (_all_backslashed, None, r"stored under names Excel does not write \(\w+\\"),
        (_same, _prefixed, r"uses namespace prefixes \(<x:worksheet>\)"),
        # an end tag too many inside the data, which the spreadsheet reader lets through
        (_same, _garbled(lambda x: x.replace(b"</c></row>", b"</c></c></row>", 1)), "damaged"),
        # a control character XML forbids
        (_same, _garbled(lambda x: x.replace(b"<t>INV-1<", b"<t>INV\x01-1<", 1)), "damaged"),
    ],
    ids=[
        "backslashes",
        "upper-case",
        "all-backslashes",
        "prefixed",
        "extra-end-tag",
        "control-character",
    ],
)
def test_odd_packages_are_refused_in_one_line_and_left_unchanged(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: Callable[[str], str],
    xml: Callable[[str, bytes], bytes] | None,
    reason: str,
) -> None:
    book = _rewritten(tmp_path / "book.xlsx", name, xml)
    before = book.read_bytes()
    assert main(["recalc", str(book), "--as-of", "2024-03-31", "--no-backup"]) == 2
    out = capsys.readouterr()
    lines = (out.out + out.err).strip().splitlines()
    assert len(lines) == 1
    assert re.search(reason, lines[0])
    assert book.read_bytes() == before


@pytest.mark.parametrize("name", [_backslashed_sheets, _upper_case_sheets, _all_backslashed])
def test_odd_member_names_are_still_read(tmp_path: Path, name: Callable[[str], str]) -> None:
    book = _rewritten(tmp_path / "book.xlsx", name)
    assert main(["check", str(book)]) == 0


def test_a_damaged_sheet_is_refused_by_check_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garble = _garbled(lambda x: x.replace(b"</c></row>", b"</c></c></row>", 1))
    book = _rewritten(tmp_path / "book.xlsx", _same, garble)
    assert main(["check", str(book)]) == 2
    out = capsys.readouterr()
    assert (out.out + out.err).strip() == (
        "book.xlsx cannot be read as an arsheet workbook: the file is damaged or truncated "
        "(sheet 'Transactions': Opening and ending tag mismatch: row line 1 and c, line 1, "
        "column 948)."
    )


def _unaddressed_cells(member: str, xml: bytes) -> bytes:
    # Cells may leave out their address (r=): the writer refuses to place owned cells among them.
    return re.sub(rb'(<c) r="[A-Z]+\d+"', rb"\1", xml) if member == TRANSACTIONS_PART else xml


@pytest.mark.parametrize(
    ("name", "xml", "reason"),
    [
        (_backslashed_sheets, None, r"其部件的存储名称不是 Excel 所写的（XL\\worksheets"),
        (_same, _prefixed, r"的 XML 使用了命名空间前缀（<x:worksheet>）"),
        (_same, _unaddressed_cells, r"有(行或)?单元格没有地址"),
    ],
    ids=["backslashes", "prefixed", "unaddressed-cells"],
)
def test_a_refused_package_is_explained_in_chinese_throughout(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: Callable[[str], str],
    xml: Callable[[str, bytes], bytes] | None,
    reason: str,
) -> None:
    monkeypatch.setenv("ARSHEET_LANG", "zh")
    book = _rewritten(tmp_path / "book.xlsx", name, xml)
    assert main(["recalc", str(book), "--as-of", "2024-03-31", "--no-backup"]) == 2
    out = capsys.readouterr()
    line = (out.out + out.err).strip()
    assert re.search(reason, line)
    assert not re.search(r"[a-z]+ [a-z]+", line)  # no English sentence left in it


def _prefixed_lists(member: str, xml: bytes) -> bytes:
    # The package's lists written with namespace prefixes, as some libraries write them.
    if member == "xl/_rels/workbook.xml.rels":
        return re.sub(rb"<(/?)Relationship", rb"<\1pr:Relationship", xml).replace(
            b"<pr:Relationships xmlns=", b"<pr:Relationships xmlns:pr="
        )
    if member == "[Content_Types].xml":
        xml = re.sub(rb"<(/?)(Types|Default|Override)\b", rb"<\1ct:\2", xml)
        return xml.replace(b"<ct:Types xmlns=", b"<ct:Types xmlns:ct=")
    return xml


def test_sheets_are_added_to_package_lists_written_with_prefixes(tmp_path: Path) -> None:
    book = _rewritten(tmp_path / "book.xlsx", _same, _prefixed_lists)
    assert main(["recalc", str(book), "--as-of", "2024-03-31", "--no-backup"]) == 0
    with zipfile.ZipFile(book) as package:
        rels = etree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
        types = etree.fromstring(package.read("[Content_Types].xml"))
    package = Package(book)
    sheets = list(package.sheets)
    package.close()
    assert {child.tag for child in rels} == {f"{{{REL_NS}}}Relationship"}
    assert {etree.QName(child).namespace for child in types} == {TYPES_NS}
    assert "Summary" in sheets


def test_a_package_holding_a_part_twice_is_refused_and_left_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two copies of the Transactions sheet, the second with another amount: which one is the
    # sheet is anyone's guess, and patching one would lose the other.
    source = _rewritten(tmp_path / "source.xlsx", _same)
    book = tmp_path / "book.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(book, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
            if info.filename == TRANSACTIONS_PART:
                with pytest.warns(UserWarning, match="Duplicate name"):
                    new.writestr(info.filename, old.read(info).replace(b">100<", b">999<"))
    before = book.read_bytes()
    for command in (["check"], ["recalc", "--no-backup"]):
        assert main([*command, str(book)]) == 2
        out = capsys.readouterr()
        assert (out.out + out.err).strip() == (
            "book.xlsx cannot be read as an arsheet workbook: the file is damaged "
            f"(two of its parts are called {TRANSACTIONS_PART})."
        )
    assert book.read_bytes() == before
