"""The package lists are edited in place: an entry added or cut, every other byte as it was."""

from __future__ import annotations

import pytest

from arsheet.adapters.xlsx import dashboard_charts
from arsheet.adapters.xlsx.packagelists import (
    free_rel_id,
    retargeted,
    with_overrides,
    with_relationships,
    without_override,
    without_relationship,
)
from arsheet.adapters.xlsx.workbookxml import with_sheets
from arsheet.adapters.xlsx.xmltext import escaped

TYPES = (
    b'<?xml version="1.0"?>\r\n<pr:Types xmlns:pr="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><pr:Default Extension="xml" ContentType="application/xml"/>'
    b'<pr:Override PartName="/xl/calcChain.xml" ContentType="calc"></pr:Override>'
    b'<pr:Override PartName="/xl/workbook.xml" ContentType="book"/></pr:Types>'
)
RELS = (
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\n'
    b'  <Relationship Id="rId1" Type="sheet" Target="worksheets/sheet1.xml"/>\n'
    b'  <Relationship Id="rId3" Type="calcChain" Target="calcChain.xml"/>\n'
    b"</Relationships>"
)


def test_an_override_is_added_last_in_the_files_own_prefix() -> None:
    new = with_overrides(TYPES, [("xl/worksheets/sheet9.xml", "sheet")])
    assert new == TYPES.replace(
        b"</pr:Types>",
        b'<pr:Override PartName="/xl/worksheets/sheet9.xml" ContentType="sheet"/></pr:Types>',
    )


def test_an_override_is_cut_where_it_stands_with_its_end_tag() -> None:
    assert without_override(TYPES, "xl/calcChain.xml") == TYPES.replace(
        b'<pr:Override PartName="/xl/calcChain.xml" ContentType="calc"></pr:Override>', b""
    )


def test_relationships_are_added_and_cut_by_id() -> None:
    added = with_relationships(RELS, [("rId2", "sheet", "worksheets/sheet2.xml")])
    assert added == RELS.replace(
        b"</Relationships>",
        b'<Relationship Id="rId2" Type="sheet" Target="worksheets/sheet2.xml"/></Relationships>',
    )
    assert without_relationship(RELS, "rId3") == RELS.replace(
        b'<Relationship Id="rId3" Type="calcChain" Target="calcChain.xml"/>', b""
    )
    assert free_rel_id({"rId1", "rId3"}) == "rId4"
    assert free_rel_id({"rId2", "rId3"}) == "rId4"


def test_targets_are_renamed_in_one_pass_as_package_paths() -> None:
    rels = b'<R Target="../charts/chart1.xml"/><R Target="../charts/chart2.xml"/>'
    renames = {"xl/charts/chart1.xml": "xl/charts/chart2.xml", "xl/charts/chart2.xml": "xl/c3.xml"}
    assert retargeted(rels, "xl/drawings/drawing1.xml", renames) == (
        b'<R Target="/xl/charts/chart2.xml"/><R Target="/xl/c3.xml"/>'
    )


def test_a_sheet_is_listed_with_its_name_escaped_and_r_declared_on_it() -> None:
    book = b'<x:workbook xmlns:x="main"><x:sheets><x:sheet name="A"/></x:sheets></x:workbook>'
    assert with_sheets(book, [('Q&A "1"', 7, "rId9")]) == book.replace(
        b"</x:sheets>",
        b'<x:sheet name="Q&amp;A &quot;1&quot;" sheetId="7" xmlns:r="http://schemas.openxmlformats'
        b'.org/officeDocument/2006/relationships" r:id="rId9"/></x:sheets>',
    )
    with pytest.raises(ValueError, match="no sheets"):
        with_sheets(b"<workbook/>", [("A", 1, "rId1")])


def test_quotes_are_escaped_in_attributes_only() -> None:
    assert escaped('<"a" & b>') == b"&lt;&quot;a&quot; &amp; b&gt;"
    assert escaped('<"a" & b>', quotes=False) == b'&lt;"a" &amp; b&gt;'


def test_a_new_dashboards_charts_do_not_build_the_template(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from arsheet.template import build

    def refused(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the whole template was built to borrow the Dashboard's charts")

    monkeypatch.setattr(build, "template_bytes", refused)
    charts = dashboard_charts.dashboard_charts("zh", lambda name: name.endswith("1.xml"), "看板")
    assert sorted(charts.members) == [
        "xl/charts/chart2.xml",
        "xl/charts/chart3.xml",
        "xl/charts/chart4.xml",
        "xl/charts/chart5.xml",
        "xl/drawings/_rels/drawing2.xml.rels",
        "xl/drawings/drawing2.xml",
    ]
    assert b"'\xe7\x9c\x8b\xe6\x9d\xbf'!" in charts.members["xl/charts/chart2.xml"]
    assert b'Target="/xl/drawings/drawing2.xml"' in charts.sheet_rels
