"""How the owned sheets look once written: widths, wrapped headers, formats, print setup."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.adapters.xlsx.cellxml import STR
from arsheet.adapters.xlsx.widths import LINE_HEIGHT, fit, header_lines, text_widths
from arsheet.adapters.xlsx.workbookxml import with_print_titles
from arsheet.book import look
from arsheet.book.content import Block, SheetContent, Style
from arsheet.book.contract import SUMMARY
from arsheet.template.build import template_bytes

HEADERS = ("Customer ID", "Customer name", "Open", "Weighted days late", "Over limit", "客户名称")
STYLES = (Style.TEXT, Style.TEXT, Style.MONEY, Style.NUMBER, Style.TEXT, Style.TEXT)


def _summary(widths: tuple[float, ...] = (12, 10, 8, 8, 8, 8)) -> SheetContent:
    """A Summary whose figures and names outgrow the widths asked for."""
    customers = pd.DataFrame(
        {
            "customer_id": ["C1", "C2", "C3"],
            "customer_name": ["Acme", "Pacific Rim Foods Pty Ltd", "Lakeside"],
            "open_amount": [123_456_789_00, 0, -5_00],
            "weighted_days_late": [12.4, 0.0, 3.6],
            "over_limit": ["Y", "N", "N"],
            "name_zh": ["北京中科信达软件有限公司", "天津", None],
        }
    )
    title = Block(1, 1, pd.DataFrame({"t": ["Customer summary as of 2024-12-31, a long title"]}),
                  (Style.TITLE,))  # fmt: skip
    return SheetContent(
        SUMMARY.key,
        SUMMARY.name("en"),
        (title, Block(3, 1, customers, STYLES, HEADERS)),
        widths=widths,
        freeze_rows=3,
    )


def _book(tmp_path: Path, content: SheetContent, summary_xml: bytes | None = None) -> Path:
    """Return a new template book with ``content`` written over its Summary."""
    path = tmp_path / "book.xlsx"
    path.write_bytes(template_bytes("en"))
    if summary_xml is not None:
        _replace_member(path, "xl/worksheets/sheet8.xml", summary_xml)
    XlsxBook(path).write([], [content], "en")
    return path


def _replace_member(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as src:
        members = {info.filename: src.read(info) for info in src.infolist()}
    members[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for member, content in members.items():
            out.writestr(member, content)


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.worksheet.worksheet.Worksheet:
    path = _book(tmp_path_factory.mktemp("look"), _summary())
    return openpyxl.load_workbook(path)["Summary"]


def _width(ws: openpyxl.worksheet.worksheet.Worksheet, letter: str) -> float:
    return ws.column_dimensions[letter].width


def test_columns_fit_their_longest_text_and_figure(summary) -> None:
    assert 12 <= _width(summary, "A") <= 16  # as asked, or a little more for "Customer ID"
    assert _width(summary, "B") >= len("Pacific Rim Foods Pty Ltd") * 1.1
    assert _width(summary, "C") >= len("123,456,789.00") + 1  # and the bracket's space
    assert _width(summary, "F") >= 2 * len("北京中科信达软件有限公司")  # a CJK character counts two


def test_the_title_runs_across_and_widens_nothing(summary) -> None:
    assert _width(summary, "A") < len("Customer summary as of 2024-12-31, a long title")


def test_long_headers_wrap_and_their_row_grows(summary) -> None:
    header = summary["D3"]
    assert header.value == "Weighted days late"
    assert header.alignment.wrap_text
    assert _width(summary, "D") < len("Weighted days late")  # wrapped, not widened
    assert summary.row_dimensions[3].height == 2 * LINE_HEIGHT


def test_number_headers_are_right_aligned_and_text_headers_left(summary) -> None:
    assert summary["C3"].alignment.horizontal == "right"
    assert summary["D3"].alignment.horizontal == "right"
    assert summary["B3"].alignment.horizontal in (None, "general", "left")
    assert summary["E3"].alignment.horizontal in (None, "general", "left")


def test_report_zeros_show_a_dash_and_days_are_whole(summary) -> None:
    assert summary["C5"].value == 0
    assert summary["C5"].number_format == look.REPORT_MONEY_FORMAT
    assert look.REPORT_MONEY_FORMAT.split(";")[2] == '"–"_)'
    assert summary["D4"].number_format == "0_)"


def test_gridlines_are_off_and_the_page_is_a4_landscape_one_wide(summary) -> None:
    assert summary.sheet_view.showGridLines is False
    setup = summary.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
        "landscape",
        9,
        1,
        0,
    )
    assert summary.sheet_properties.pageSetUpPr.fitToPage


def test_the_header_row_prints_on_every_page(summary) -> None:
    assert summary.print_title_rows == "$3:$3"


def test_the_books_paper_size_and_printer_are_kept(tmp_path: Path) -> None:
    template = template_bytes("en")
    with zipfile.ZipFile(io.BytesIO(template)) as z:
        old = z.read("xl/worksheets/sheet8.xml")
    letter = old.replace(
        b"</worksheet>", b'<pageSetup paperSize="1" orientation="portrait" copies="2"/></worksheet>'
    )
    ws = openpyxl.load_workbook(_book(tmp_path, _summary(), letter))["Summary"]
    assert (ws.page_setup.paperSize, ws.page_setup.orientation) == (1, "landscape")
    assert ws.page_setup.copies == 2


def test_a_second_write_changes_nothing(tmp_path: Path) -> None:
    path = _book(tmp_path, _summary())
    first = path.read_bytes()
    XlsxBook(path).write([], [_summary()], "en")
    with zipfile.ZipFile(path) as a, zipfile.ZipFile(io.BytesIO(first)) as b:
        for name in a.namelist():
            assert a.read(name) == b.read(name), name


WORKBOOK = (
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>'
    b'<sheet name="Customers" sheetId="1"/><sheet name="Check" sheetId="7"/></sheets>'
    b"<definedNames>"
    b'<definedName name="_xlnm.Print_Titles" localSheetId="0">\'Customers\'!$1:$1</definedName>'
    b"</definedNames></workbook>"
)


def test_print_titles_are_local_to_their_sheet_and_go_with_the_table() -> None:
    with_table = with_print_titles(WORKBOOK, [("Check", (4, 4))])
    assert b'<definedName name="_xlnm.Print_Titles" localSheetId="1">\'Check\'!$4:$4' in with_table
    assert b"'Customers'!$1:$1" in with_table  # the user's sheet keeps its own
    assert with_print_titles(with_table, [("Check", (4, 4))]) == with_table
    assert with_print_titles(with_table, [("Check", None)]) == WORKBOOK


def test_text_widths_count_cjk_double() -> None:
    widths = text_widths(np.array(["Acme Ltd", "北京中科", "Zoë"], dtype=STR))
    assert widths.tolist()[:2] == [8.0, 8.0]
    assert 3 <= widths[2] < 4


@given(
    st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=5),
    st.lists(st.floats(min_value=0, max_value=30), min_size=0, max_size=6),
)
def test_no_column_is_narrower_than_asked_and_no_header_word_is_split(
    headers: list[str], asked: list[float]
) -> None:
    frame = pd.DataFrame({f"c{i}": ["x"] for i in range(len(headers))})
    content = SheetContent(
        "summary",
        "Summary",
        (Block(1, 1, frame, (Style.TEXT,) * len(headers), tuple(headers)),),
        widths=tuple(asked),
    )
    sized = fit(content)
    for col, width in enumerate(asked, start=1):
        assert sized.widths[col] >= width
    for col, header in enumerate(headers, start=1):
        lines = header_lines(header, sized.widths[col])
        words = [w for w in re.split(r"\s+", header) if w]
        assert lines <= max(1, len(header))
        if lines > 1:
            assert sized.heights[1] >= lines * LINE_HEIGHT
        assert all(header_lines(w, sized.widths[col]) == 1 for w in words if w.isascii())
