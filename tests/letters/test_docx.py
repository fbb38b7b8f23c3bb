"""A letter's HTML as a Word document: what python-docx reads back from what arsheet writes.

Every document these tests make comes from :data:`SAMPLES`, so that
``test_docx_libreoffice.py`` can open each one in LibreOffice too.
"""

from __future__ import annotations

import doctest
import html
import io
import re
import time
import zipfile
from datetime import date

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from hypothesis import given, settings
from hypothesis import strategies as st

import arsheet.letters.docx
import arsheet.letters.measure
from arsheet.letters.docx import EAST_ASIAN_FONT, LATIN_FONT, html_to_docx
from arsheet.letters.measure import column_widths

LETTER_EN = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>First notice – ACME Industries</title>
<style>
  body { font-size: 10.5pt; }
  .date { text-align: right }
  table.lines th { background-color: #e8eef5; }
  table.lines .num { text-align: right; }
  table.lines tr.total td { font-weight: bold; }
  hr.cut { border: 0; border-top: 1px dashed #555; }
  li:first-child { font-weight: bold; }
</style>
<script>document.write("not a letter")</script></head>
<body>
<p class="company" style="font-size: 16pt; color: #1f4e79; font-weight: bold">Northwind Trading</p>
<p>ACME Industries<br>
   1 Main Street<br>Springfield</p>
<p class="date">2 December 2026</p>
<h1>First notice</h1>
<p>Dear   Jane Doe,</p>
<p>Our records show <b>CNY 110.41</b> overdue. Please <i>pay</i> within <u>seven days</u>.</p>
<table class="lines">
<thead><tr><th>Document</th><th>Due date</th><th class="num">Open</th></tr></thead>
<tbody>
<tr><td>INV-1</td><td>17 November 2026</td><td class="num">100.00</td></tr>
<tr><td>INV-2</td><td>1 December 2026</td><td class="num">0.41</td></tr>
</tbody>
<tfoot><tr class="total"><td colspan="2">Total to pay</td><td class="num">110.41</td></tr></tfoot>
</table>
<ul><li>place your account on hold</li><li>pass the debt on</li></ul>
<div style="display: none">Internal: call on Friday</div>
<hr class="cut">
<p style="text-align: center"><strong>Reply slip</strong></p>
<p>We confirm the balance of 110.41 as at 2 December 2026.&nbsp;&nbsp;Signature: ______</p>
</body></html>
"""

LETTER_ZH = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>催款通知函</title>
<style>
  p.body { text-indent: 2em; }
  .sign { text-align: right; }
  table.documents th { border: 1px solid #8096b0; }
  table.documents .num { text-align: right; }
</style></head>
<body>
<h1 style="text-align:center">催款通知函</h1>
<p>尊敬的华东贸易有限公司：</p>
<p class="body">根据我司账务记录，贵司下列款项已逾期，合计应付<strong>¥1,005.00</strong>。</p>
<table class="documents">
<tr><th>单据编号</th><th>到期日</th><th class="num">未付金额</th></tr>
<tr><td>INV-7</td><td>2026年11月17日</td><td class="num">1,005.00</td></tr>
<tr><td colspan="3">应付总额（大写）：人民币壹仟零伍元整</td></tr>
</table>
<p class="sign">上海某某贸易有限公司<br>2026年12月2日</p>
<hr>
<p align="center">对账确认回执</p>
<p>本公司确认截至2026年12月2日所欠金额无误。</p>
</body></html>
"""

#: A letterhead laid out in a table: no rules, no header.
LAYOUT = """<table class="head"><tr>
<td><p>客户名称：<b>华东贸易</b></p><p>对账期间：2026年11月</p></td>
<td class="right" align="right"><p>Northwind Trading</p></td>
</tr></table>"""

#: Cells that span rows and columns, as a statement's aging summary may.
SPANS = """<table border="1">
<tr><td rowspan="2">Aging</td><td colspan="2">Overdue</td></tr>
<tr><td>1-30</td><td>31-60</td></tr>
<tr><td>Total</td><td>10.00</td><td>20.00</td></tr>
</table>"""

#: Nested lists, a stylesheet with rules arsheet cannot match, and characters XML cannot hold.
ODDS = """<style>
p:hover { font-weight: bold } p[title] { font-style: italic } #note { text-decoration: underline }
.a .b { font-weight: bold }
</style>
<ol><li>first<ul><li>inner</li></ul></li><li>second</li></ol>
<p title="t" id="note">A note\x01 with a control character</p>
<div class="a"><p>plain <span class="b">bold</span></p></div>
<div class="b">not bold</div>"""

#: A payment-details box around two paragraphs and a table, and a heading underlined by CSS.
BOXED = """<style>
.pay { border: 1px solid #b0b0b0; background-color: #f6f6f6; }
h2 { border-bottom: 1px dotted; }
</style>
<h2>Payment</h2>
<div class="pay"><p><strong>Please pay to</strong><br>Bank of Example</p><p>Reference: C1</p>
<table><tr><td>IBAN</td><td>CN00 1234</td></tr></table></div>
<p>Yours sincerely,</p>"""

_SHORT_LINES = "".join(f"<p>Line {n}</p>" for n in range(12))
_LONG_LINE = "One line longer than any on the left"
_HEADINGS = "".join(f"<th>{h}</th>" for h in ["单据编号", "逾期天数", "利息"] + ["金额"] * 6)
_SENTENCE = "根据我司账务记录贵司下列款项已超过约定付款期限尚未支付" * 3

SAMPLES = {
    "letter_en": LETTER_EN,
    "letter_zh": LETTER_ZH,
    "layout": LAYOUT,
    "spans": SPANS,
    "odds": ODDS,
    "empty": "",
    "boxed": BOXED,
    "solid_rule": '<p>a</p><hr style="border: 0; border-top: 2px solid #1f4e79"><p>b</p>',
    # Twelve short lines in one cell, one long line in the other.
    "short_lines": f"<table><tr><td>{_SHORT_LINES}</td><td>{_LONG_LINE}</td></tr></table>",
    "chinese_headings": f"<table><tr>{_HEADINGS}</tr><tr><td>{_SENTENCE}</td></tr></table>",
}


def _read(html_text: str) -> Document:
    return docx.Document(io.BytesIO(html_to_docx(html_text)))


def _texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_an_english_letter_reads_back_paragraph_by_paragraph() -> None:
    texts = _texts(_read(SAMPLES["letter_en"]))
    assert texts == [
        "Northwind Trading",
        "ACME Industries\n1 Main Street\nSpringfield",
        "2 December 2026",
        "First notice",
        "Dear Jane Doe,",
        "Our records show CNY 110.41 overdue. Please pay within seven days.",
        "place your account on hold",
        "pass the debt on",
        "",
        "Reply slip",
        "We confirm the balance of 110.41 as at 2 December 2026.\xa0\xa0Signature: ______",
    ]


def test_a_chinese_letter_keeps_its_text_and_names_an_east_asian_font() -> None:
    document = _read(SAMPLES["letter_zh"])
    assert _texts(document)[:3] == [
        "催款通知函",
        "尊敬的华东贸易有限公司：",
        "根据我司账务记录，贵司下列款项已逾期，合计应付¥1,005.00。",
    ]
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == LATIN_FONT
    assert fonts.get(qn("w:eastAsia")) == EAST_ASIAN_FONT
    # A theme font would win over the named ones in Word.
    assert fonts.get(qn("w:eastAsiaTheme")) is None
    language = defaults.find(qn("w:rPr")).find(qn("w:lang"))
    assert (language.get(qn("w:val")), language.get(qn("w:eastAsia"))) == ("zh-CN", "zh-CN")
    heading_fonts = document.styles["Heading 1"].element.rPr.rFonts
    assert heading_fonts.get(qn("w:eastAsia")) == EAST_ASIAN_FONT


def test_a_table_of_figures_is_a_ruled_word_table_with_its_header_row_repeated() -> None:
    (table,) = _read(SAMPLES["letter_en"]).tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Document", "Due date", "Open"],
        ["INV-1", "17 November 2026", "100.00"],
        ["INV-2", "1 December 2026", "0.41"],
        ["Total to pay", "Total to pay", "110.41"],
    ]
    assert table.style.name == "Table Grid"
    header = [
        row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows
    ]
    assert header == [True, False, False, False]
    assert table.rows[0].cells[0]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "E8EEF5"


def test_amounts_are_right_aligned_where_the_css_aligns_them() -> None:
    (table,) = _read(SAMPLES["letter_en"]).tables
    alignments = [[c.paragraphs[0].alignment for c in row.cells] for row in table.rows]
    right, center = WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.CENTER
    assert alignments[0] == [center, center, right]
    assert alignments[1] == [None, None, right]
    (zh_table,) = _read(SAMPLES["letter_zh"]).tables
    assert zh_table.rows[1].cells[2].paragraphs[0].alignment == right
    assert zh_table.style.name == "Table Grid"


def test_a_rule_reaches_only_the_cells_its_selector_names() -> None:
    (table,) = _read(SAMPLES["letter_en"]).tables
    bold = [[c.paragraphs[0].runs[0].bold for c in row.cells] for row in table.rows]
    assert bold[1] == [None, None, None]
    assert bold[3] == [True, True, True]
    document = _read(SAMPLES["odds"])
    runs = {r.text.strip(): r for p in document.paragraphs for r in p.runs}
    assert runs["bold"].bold
    assert runs["not bold"].bold is None
    # Pseudo-classes and attribute selectors are left out, not guessed at; an id is matched.
    assert runs["first"].bold is None
    note = runs["A note with a control character"]
    assert (note.italic, note.underline) == (None, True)


def test_emphasis_size_and_colour_are_kept_and_a_gap_is_not_underlined() -> None:
    paragraphs = _read(SAMPLES["letter_en"]).paragraphs
    company = paragraphs[0].runs[0]
    assert (company.bold, company.font.size, str(company.font.color.rgb)) == (
        True,
        Pt(16),
        "1F4E79",
    )
    runs = [(r.text, r.bold, r.italic, r.underline) for r in paragraphs[5].runs]
    assert runs == [
        ("Our records show ", None, None, None),
        ("CNY 110.41", True, None, None),
        (" overdue. Please ", None, None, None),
        ("pay", None, True, None),
        (" within ", None, None, None),
        ("seven days", None, None, True),
        (".", None, None, None),
    ]
    assert paragraphs[5].runs[0].font.size == Pt(10.5)


def test_alignment_and_the_chinese_first_line_indent_are_kept() -> None:
    en = _read(SAMPLES["letter_en"]).paragraphs
    assert en[2].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert en[9].alignment == WD_ALIGN_PARAGRAPH.CENTER
    zh = _read(SAMPLES["letter_zh"]).paragraphs
    assert zh[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    # Two characters of the 11-point text.
    assert zh[2].paragraph_format.first_line_indent == Pt(22)
    assert zh[1].paragraph_format.first_line_indent is None
    assert zh[3].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert zh[5].alignment == WD_ALIGN_PARAGRAPH.CENTER


@pytest.mark.parametrize(("sample", "line"), [("letter_en", "dashed"), ("letter_zh", "dashed")])
def test_hr_is_a_cut_line_above_the_reply_slip(sample: str, line: str) -> None:
    paragraphs = _read(SAMPLES[sample]).paragraphs
    (cut,) = [
        p for p in paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
    ]
    assert cut.text == ""
    assert cut._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == line
    following = paragraphs[paragraphs.index(cut) + 1].text
    assert following in ("Reply slip", "对账确认回执")


def test_hr_draws_the_line_its_css_names() -> None:
    document = _read(SAMPLES["solid_rule"])
    border = document.paragraphs[1]._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:val")) == "single"


def _box(paragraph: Paragraph) -> dict[str, str]:
    """Return the sides of the box around ``paragraph`` and their lines."""
    properties = paragraph._p.pPr
    border = None if properties is None else properties.find(qn("w:pBdr"))
    if border is None:
        return {}
    return {edge.tag.rpartition("}")[2]: edge.get(qn("w:val")) for edge in border}


def test_a_boxed_block_draws_one_box_and_background_around_its_paragraphs() -> None:
    document = _read(SAMPLES["boxed"])
    heading, pay_to, reference, closing = document.paragraphs
    assert (pay_to.text, reference.text) == ("Please pay to\nBank of Example", "Reference: C1")
    box = {"top": "single", "left": "single", "bottom": "single", "right": "single"}
    assert _box(pay_to) == _box(reference) == box
    assert pay_to._p.pPr.find(qn("w:shd")).get(qn("w:fill")) == "F6F6F6"
    # Only the side the CSS draws; the cells of a table inside the box are not boxed themselves.
    assert _box(heading) == {"bottom": "dotted"}
    (table,) = document.tables
    assert _box(table.rows[0].cells[0].paragraphs[0]) == {}
    assert _box(closing) == {}


def test_scripts_styles_and_hidden_blocks_are_left_out() -> None:
    text = "\n".join(_texts(_read(SAMPLES["letter_en"])))
    assert "not a letter" not in text
    assert "Internal" not in text
    assert "font-size" not in text


def test_a_layout_table_is_not_ruled_and_holds_its_paragraphs() -> None:
    (table,) = _read(SAMPLES["layout"]).tables
    assert table.style.name != "Table Grid"
    left, right = table.rows[0].cells
    assert [p.text for p in left.paragraphs] == ["客户名称：华东贸易", "对账期间：2026年11月"]
    assert right.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_cells_spanning_rows_and_columns_are_merged_on_the_grid() -> None:
    (table,) = _read(SAMPLES["spans"]).tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Aging", "Overdue", "Overdue"],
        ["Aging", "1-30", "31-60"],
        ["Total", "10.00", "20.00"],
    ]
    assert table.style.name == "Table Grid"


def test_table_columns_share_the_text_width_and_no_word_is_broken() -> None:
    (table,) = _read(SAMPLES["letter_en"]).tables
    widths = [column.width for column in table.columns]
    # Word keeps lengths in twentieths of a point: a column may be off by a fraction of one.
    assert sum(widths) == pytest.approx(Mm(210 - 25 - 20), abs=Mm(0.1))
    # The due dates are the longest lines: their column is the widest.
    assert widths[1] == max(widths)


def test_a_cells_lines_are_measured_one_by_one() -> None:
    (table,) = _read(SAMPLES["short_lines"]).tables
    left, right = (column.width for column in table.columns)
    assert right > 2 * left


def test_an_amount_that_must_not_break_gets_its_whole_line() -> None:
    amount = '<td style="white-space: nowrap">CNY 1,234,567.89</td>'
    words = "".join(f"<td>{'A long description of goods ' * 4}</td>" for _ in range(3))
    (table,) = _read(f"<table><tr>{words}{amount}</tr></table>").tables
    # "CNY 1,234,567.89" at 11 points (capitals, a space, digits, points), the cell's margins,
    # less what Word rounds off.
    least = 11 * (3 * 0.72 + 0.36 + 9 * 0.65 + 3 * 0.36 + 1.2)
    assert table.columns[3].width >= Pt(least - 0.1)


def test_the_nowrap_attribute_keeps_a_line_whole_as_the_css_does() -> None:
    words = "".join(f"<td>{'A long description of goods ' * 4}</td>" for _ in range(3))
    (table,) = _read(f"<table><tr>{words}<td nowrap>CNY 1,234,567.89</td></tr></table>").tables
    least = 11 * (3 * 0.72 + 0.36 + 9 * 0.65 + 3 * 0.36 + 1.2)
    assert table.columns[3].width >= Pt(least - 0.1)


def test_when_not_every_whole_line_fits_no_word_is_broken() -> None:
    # Seven columns: each longest word fits the page, the lines kept whole do not.
    cells = [(column, 1, 40.0, 90.0, 90.0, 10.0) for column in range(7)]
    widths = column_widths(7, cells, int(Mm(165)))
    assert sum(widths) == int(Mm(165))
    assert min(widths) >= Pt(40 + 12)
    assert max(widths) < Pt(90 + 12)


def test_a_chinese_column_heading_is_not_broken_between_its_characters() -> None:
    (table,) = _read(SAMPLES["chinese_headings"]).tables
    # Four bold 11-point characters and the cell's margins, less what Word rounds off.
    assert table.columns[1].width >= Pt(4 * 11 * 1.1 + 1.2 * 11 * 1.1 - 0.1)


def test_the_docstring_examples_hold() -> None:
    for module in (arsheet.letters.docx, arsheet.letters.measure):
        assert doctest.testmod(module).failed == 0


def test_lists_are_word_lists_nested_by_depth() -> None:
    paragraphs = _read(SAMPLES["odds"]).paragraphs
    styles = {p.text: p.style.name for p in paragraphs}
    assert styles["first"] == "List Number"
    assert styles["inner"] == "List Bullet 2"
    assert styles["second"] == "List Number"
    letter = _read(SAMPLES["letter_en"]).paragraphs
    assert [p.text for p in letter[6:8]] == ["place your account on hold", "pass the debt on"]
    assert letter[6].style.name == "List Bullet"
    # Word sets a table's next line right under it; a browser leaves a gap.
    assert letter[6].paragraph_format.space_before == Pt(8)


def test_the_page_is_a4_with_business_letter_margins() -> None:
    section = _read(SAMPLES["letter_en"]).sections[0]
    sizes = [section.page_width, section.page_height, section.left_margin, section.right_margin]
    # Word keeps lengths in twentieths of a point.
    assert sizes == pytest.approx([Mm(210), Mm(297), Mm(25), Mm(20)], abs=Mm(0.1))


def test_the_document_is_titled_and_dated_as_the_letter() -> None:
    properties = docx.Document(
        io.BytesIO(html_to_docx(SAMPLES["letter_en"], day=date(2026, 12, 2)))
    ).core_properties
    assert properties.title == "First notice – ACME Industries"
    assert properties.created.date() == date(2026, 12, 2)
    assert properties.modified == properties.created


def test_the_same_html_gives_the_same_bytes_whenever_it_is_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(time, "time", lambda: 1_800_000_000.0)
    first = html_to_docx(SAMPLES["letter_zh"])
    monkeypatch.setattr(time, "time", lambda: 1_900_000_000.0)
    assert html_to_docx(SAMPLES["letter_zh"]) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {entry.date_time for entry in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_an_empty_page_is_an_empty_document() -> None:
    document = _read(SAMPLES["empty"])
    assert (_texts(document), document.tables) == ([], [])


#: Text a cell may hold: any printable character, markup and template syntax included.
_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(" \t\n\xa0<>&{}%#中"),
    max_size=40,
)


@settings(max_examples=30, deadline=None)
@given(_TEXT, _TEXT)
def test_a_paragraphs_text_comes_back_as_a_browser_shows_it(first: str, second: str) -> None:
    page = f"<p>{html.escape(first)}<b>{html.escape(second)}</b></p>"
    shown = re.sub(r"[ \t\n\r\f]+", " ", first + second).strip(" ")
    assert "".join(_texts(_read(page))) == shown
