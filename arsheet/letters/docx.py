"""A letter's HTML as a Word document (.docx), for people who edit their letters in Word.

Every letter and statement is rendered from one HTML template, which the user may override; the
.docx is made from that HTML, so an override changes the Word document too. The HTML is walked
with lxml and written with python-docx: headings, paragraphs (boxed and shaded as the HTML
boxes and shades its blocks), line breaks, bold, italic, underline, sizes and colours, text
alignment and first-line indents, lists, tables (real Word tables, ruled when the HTML rules
them, header cells shaded as in the HTML and repeated on each page, amounts right-aligned as the
HTML aligns them), and ``<hr>`` as the line its CSS draws, or a dashed cut line above a reply
slip when it names none. What a Word document cannot hold
(scripts, images, margins and paddings) is left out; the text never is.

The page is A4 with DIN 5008's margins, the Latin font Calibri and the East Asian font SimSun,
which Word names for Chinese text, so a Chinese letter shows in Word, WPS and LibreOffice (which
substitutes an installed Chinese font). The same HTML always gives the same bytes: the
document's dates are fixed and the package's entries carry no clock time.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, time

import lxml.html
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.html import HtmlElement

from arsheet.letters.htmlstyle import BASE_SIZE, Look, StyleSheet
from arsheet.letters.measure import BOLDER, column_widths, extent

LATIN_FONT = "Calibri"
EAST_ASIAN_FONT = "SimSun"
#: The documents' date when the caller names none: fixed, so that output is reproducible.
UNDATED = date(2000, 1, 1)
_PAGE_WIDTH, _PAGE_HEIGHT = Mm(210), Mm(297)
#: DIN 5008's margins for a business letter: 25 mm on the left for filing, 20 mm elsewhere.
_LEFT_MARGIN, _MARGIN = Mm(25), Mm(20)
#: Zip entries' time stamp: the earliest a zip can hold, the same for every run.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

#: What follows a border and a shading in a paragraph's and a cell's properties (OOXML's order).
_AFTER_PARAGRAPH_BORDER = ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr")
_AFTER_PARAGRAPH_SHADING = _AFTER_PARAGRAPH_BORDER[1:]
_AFTER_CELL_SHADING = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign")

_PARSER = lxml.html.HTMLParser(encoding="utf-8")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: The most characters a document property may hold (a title with a customer's long name).
_LONGEST_PROPERTY = 255
#: HTML's own whitespace; a no-break space is text and stays.
_SPACE = re.compile(r"[ \t\n\r\f]+")
_LEFT_OUT = frozenset({"head", "style", "script", "title", "meta", "link", "img", "template"})
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "main", "address", "blockquote"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "hr", "pre", "center"}
    | {"dl", "dt", "dd", "figure", "figcaption", "nav", "aside", "form", "fieldset"}
)
_HEADINGS = {f"h{n}": f"Heading {n}" for n in range(1, 7)}
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def html_to_docx(html: str, *, day: date | None = None) -> bytes:
    """Return the Word document of a letter's HTML.

    Args:
        html: a whole HTML document (``<html><head><style>…</style></head><body>…``) or a
            fragment.
        day: the letter's date, kept as the document's created and modified dates;
            :data:`UNDATED` when None.

    Returns:
        The .docx file's bytes; the same ``html`` and ``day`` always give the same bytes.

    >>> html_to_docx("<p>Dear customer,</p>")[:2]
    b'PK'
    """
    # A character XML cannot hold (a control character pasted into a name) is invisible anyway.
    text = _NOT_XML.sub("", html)
    # As bytes in a parser told the encoding, so an XML declaration or a meta charset is moot.
    source = (text if text.strip() else "<html></html>").encode("utf-8")
    root = lxml.html.document_fromstring(source, parser=_PARSER)
    document = _blank(root, day or UNDATED)
    sheet = StyleSheet("\n".join(style.text_content() for style in root.iter("style")))
    body = root.find("body")
    start = body if body is not None else root
    _Writer(sheet).blocks(start, _Flow(document), sheet.look(start, Look()))
    buffer = io.BytesIO()
    document.save(buffer)
    return _without_clock(buffer.getvalue())


def _blank(root: HtmlElement, day: date) -> WordDocument:
    """Return an empty A4 document with arsheet's fonts, titled as the HTML is."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = _PAGE_WIDTH, _PAGE_HEIGHT
    section.left_margin = _LEFT_MARGIN
    section.right_margin = section.top_margin = section.bottom_margin = _MARGIN
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(defaults)
    language = defaults.find(qn("w:lang"))
    # Word picks the font of characters both scripts share (quotes, dashes) by this language.
    language.set(qn("w:eastAsia"), "zh-CN")
    if root.get("lang", "").lower().startswith("zh"):
        language.set(qn("w:val"), "zh-CN")
    for name in [*_HEADINGS.values(), "Title"]:
        heading = document.styles[name]
        _fonts(heading.element.get_or_add_rPr())
        heading.font.color.rgb = RGBColor(0, 0, 0)
    properties = document.core_properties
    title = root.find("head/title")
    text = "" if title is None else _SPACE.sub(" ", title.text_content()).strip()
    properties.title = text[:_LONGEST_PROPERTY]
    properties.author = properties.last_modified_by = "arsheet"
    properties.created = properties.modified = datetime.combine(day, time(), UTC)
    properties.last_printed = properties.created
    properties.revision = 1
    return document


def _fonts(run_properties: object) -> None:
    """Name Calibri and SimSun outright in ``run_properties``, instead of the theme's fonts."""
    fonts = run_properties.get_or_add_rFonts()  # type: ignore[attr-defined]
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _without_clock(package: bytes) -> bytes:
    """Return the zip ``package`` with every entry stamped :data:`_ZIP_TIME`, in its order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            stamped = zipfile.ZipInfo(entry.filename, _ZIP_TIME)
            stamped.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamped, source.read(entry))
    return out.getvalue()


class _Flow:
    """Where blocks go: the document's body, or a table cell (which starts with a paragraph)."""

    def __init__(self, container: WordDocument | _Cell) -> None:
        self.container = container
        self._spare = container.paragraphs[0] if isinstance(container, _Cell) else None
        self._after_table = False

    def paragraph(self, style: str | None, look: Look) -> Paragraph:
        """Return a new paragraph at the end, in ``style``, aligned and indented as ``look``."""
        if self._spare is not None:
            paragraph, self._spare = self._spare, None
            if style:
                paragraph.style = style
        else:
            paragraph = self.container.add_paragraph(style=style)
        if look.frame:
            _borders(paragraph, look.frame)
        if look.fill is not None:
            _fill(paragraph._p.get_or_add_pPr(), look.fill, _AFTER_PARAGRAPH_SHADING)
        if look.align is not None:
            paragraph.alignment = _ALIGN[look.align]
        if look.indent is not None:
            paragraph.paragraph_format.first_line_indent = Pt(look.indent)
        if isinstance(self.container, _Cell):
            paragraph.paragraph_format.space_after = Pt(0)
        if self._after_table and style not in _HEADINGS.values():
            # Word sets a table's next line right under it; a browser leaves a gap.
            paragraph.paragraph_format.space_before = Pt(8)
        self._after_table = False
        return paragraph

    def table(self, rows: int, columns: int) -> Table:
        """Return a new table at the end."""
        self._spare = None
        self._after_table = True
        return self.container.add_table(rows, columns)

    def width(self) -> int:
        """Return the width blocks have here, in EMU."""
        if isinstance(self.container, _Cell):
            return int(self.container.width or Mm(40))
        return int(_PAGE_WIDTH - _LEFT_MARGIN - _MARGIN)


class _Line:
    """The paragraph inline content is flowing into, opened at its first visible character.

    HTML collapses runs of whitespace to one space and drops it at a line's ends; a space is
    therefore held back, with the look of the text it came with (an underline does not reach
    back over the gap before it), until the next text shows it falls inside the line.
    """

    def __init__(self, flow: _Flow, style: str | None, look: Look) -> None:
        self._flow, self._style, self._look = flow, style, look
        self._paragraph: Paragraph | None = None
        self._space: Look | None = None
        self._at_start = True
        self._last: tuple[Run, Look] | None = None

    def text(self, text: str | None, look: Look) -> None:
        """Add ``text`` with ``look``'s emphasis."""
        if not text:
            return
        collapsed = _SPACE.sub(" ", text)
        if collapsed.startswith(" ") and not self._at_start and self._space is None:
            self._space = look
        words = collapsed.strip(" ")
        if not words:
            return
        if self._space == look:
            words = " " + words
        elif self._space is not None:
            self._run(" ", self._space)
        self._run(words, look)
        self._space = look if collapsed.endswith(" ") else None
        self._at_start = False

    def line_break(self) -> None:
        """End the line: ``<br>``."""
        self._open().add_run().add_break()
        self._space = None
        self._at_start = True
        self._last = None

    def _run(self, text: str, look: Look) -> None:
        """Add ``text`` to the last run when it looks the same, else as a run of its own."""
        if self._last is not None and self._last[1] == look:
            self._last[0].text += text
            return
        run = self._open().add_run(text)
        self._last = (run, look)
        # None rather than False: the run inherits its paragraph style's emphasis (a heading).
        run.bold = look.bold or None
        run.italic = look.italic or None
        run.underline = look.underline or None
        if look.size is not None:
            run.font.size = Pt(look.size)
        if look.color is not None:
            run.font.color.rgb = RGBColor.from_string(look.color)

    def _open(self) -> Paragraph:
        if self._paragraph is None:
            self._paragraph = self._flow.paragraph(self._style, self._look)
        return self._paragraph


class _Writer:
    """Walks an HTML tree and writes its blocks into a document."""

    def __init__(self, sheet: StyleSheet) -> None:
        self._sheet = sheet
        self._lists: list[str] = []

    def blocks(
        self, element: HtmlElement, flow: _Flow, look: Look, style: str | None = None
    ) -> None:
        """Write what ``element`` holds into ``flow``: its text and inline children as
        paragraphs in ``style``, its block children as what they are."""
        line = _Line(flow, style, look)
        line.text(element.text, look)
        for child in element:
            child_look = self._shown(child, look)
            if child_look is not None and child.tag in _BLOCKS:
                self._block(child, flow, child_look)
                line = _Line(flow, style, look)
            elif child_look is not None:
                self._inline(child, line, child_look)
            line.text(child.tail, look)

    def _shown(self, element: HtmlElement, parent: Look) -> Look | None:
        """Return the look of ``element``, or None when it is not shown (a comment, a script)."""
        if not isinstance(element.tag, str) or element.tag in _LEFT_OUT:
            return None
        look = self._sheet.look(element, parent)
        return None if look.hidden else look

    def _inline(self, element: HtmlElement, line: _Line, look: Look) -> None:
        if element.tag == "br":
            line.line_break()
            return
        line.text(element.text, look)
        for child in element:
            child_look = self._shown(child, look)
            if child_look is not None:
                self._inline(child, line, child_look)
            line.text(child.tail, look)

    def _block(self, element: HtmlElement, flow: _Flow, look: Look) -> None:
        tag = element.tag
        if tag == "hr":
            _rule(flow.paragraph(None, Look()), look.line or "dashed")
        elif tag == "table":
            self._table(element, flow, look)
        elif tag in ("ul", "ol"):
            self._lists.append("List Bullet" if tag == "ul" else "List Number")
            self.blocks(element, flow, look)
            self._lists.pop()
        elif tag == "li" and self._lists:
            depth = min(len(self._lists), 3)
            self.blocks(element, flow, look, self._lists[-1] + ("" if depth == 1 else f" {depth}"))
        else:
            self.blocks(element, flow, look, _HEADINGS.get(tag))

    def _table(self, element: HtmlElement, flow: _Flow, look: Look) -> None:
        rows = _rows(element)
        for caption in element.findall("caption"):
            self.blocks(caption, flow, self._sheet.look(caption, look))
        if not rows:
            return
        cells, columns = _grid(rows)
        table = flow.table(len(rows), columns)
        looks = [self._sheet.look(cell, look) for *_, cell in cells]
        # A table of figures is ruled; a table that only lays out an address block is not.
        headed = any(cell.tag == "th" for *_, cell in cells)
        if look.ruled or headed or any(cell_look.ruled for cell_look in looks):
            table.style = "Table Grid"
        if look.align == "center":
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
        # Each row's cells once, before any merge: table.cell() walks the whole table each call.
        grid = [row.cells for row in table.rows]
        measured = []
        for (_, left, _, width, cell), cell_look in zip(cells, looks, strict=True):
            word, line = extent(self._pieces(cell, cell_look))
            whole = line if cell_look.nowrap else word
            measured.append((left, width, word, whole, line, _em(cell_look)))
        _set_widths(table, grid, column_widths(columns, measured, flow.width()))
        for number, (_, heading) in enumerate(rows):
            if not heading:
                break
            # Word repeats the leading header rows at the top of each page the table runs onto.
            table.rows[number]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for (top, left, height, width, cell), cell_look in zip(cells, looks, strict=True):
            target = grid[top][left]
            if height > 1 or width > 1:
                target = target.merge(grid[top + height - 1][left + width - 1])
            if cell_look.shading is not None:
                _fill(target._tc.get_or_add_tcPr(), cell_look.shading, _AFTER_CELL_SHADING)
            self.blocks(cell, _Flow(target), cell_look)

    def _pieces(self, element: HtmlElement, look: Look) -> Iterator[tuple[str, float] | None]:
        """Yield ``element``'s text as :func:`arsheet.letters.measure.extent` measures it."""
        yield element.text or "", _em(look)
        for child in element:
            child_look = self._shown(child, look)
            if child_look is not None:
                if child.tag in _BLOCKS or child.tag == "br":
                    yield None
                yield from self._pieces(child, child_look)
                if child.tag in _BLOCKS:
                    yield None
            yield child.tail or "", _em(look)


def _em(look: Look) -> float:
    """Return the width in points of an em of text that looks like ``look``."""
    return (look.size or BASE_SIZE) * (BOLDER if look.bold else 1.0)


def _rows(table: HtmlElement) -> list[tuple[HtmlElement, bool]]:
    """Return the table's own rows in order, each with whether it is a header row."""
    rows: list[tuple[HtmlElement, bool]] = []
    for child in table:
        if child.tag == "tr":
            group = [child]
        elif child.tag in ("thead", "tbody", "tfoot"):
            group = child.findall("tr")
        else:
            continue
        for row in group:
            cells = _row_cells(row)
            heading = child.tag == "thead" or (bool(cells) and all(c.tag == "th" for c in cells))
            rows.append((row, heading))
    return rows


def _row_cells(row: HtmlElement) -> list[HtmlElement]:
    return [cell for cell in row if cell.tag in ("td", "th")]


def _grid(
    rows: list[tuple[HtmlElement, bool]],
) -> tuple[list[tuple[int, int, int, int, HtmlElement]], int]:
    """Place each cell on the table's grid as HTML does, spans included.

    Returns:
        (top, left, height, width, cell) for each cell, and the number of columns.
    """
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, int, int, HtmlElement]] = []
    for top, (row, _) in enumerate(rows):
        left = 0
        for cell in _row_cells(row):
            while (top, left) in taken:
                left += 1
            height = min(_span(cell, "rowspan"), len(rows) - top)
            width = _span(cell, "colspan")
            taken.update((top + i, left + j) for i in range(height) for j in range(width))
            placed.append((top, left, height, width, cell))
            left += width
    return placed, max((left for _, left in taken), default=0) + 1


def _span(cell: HtmlElement, attribute: str) -> int:
    value = cell.get(attribute, "1").strip()
    return max(1, min(int(value), 100)) if value.isdigit() else 1


def _set_widths(table: Table, grid: list[tuple[_Cell, ...]], widths: list[int]) -> None:
    """Give the table's columns, and each of their cells (which Word reads), ``widths``."""
    lengths = [Emu(width) for width in widths]
    for column, length in zip(table.columns, lengths, strict=True):
        column.width = length
    for row in grid:
        for cell, length in zip(row, lengths, strict=True):
            cell.width = length


def _rule(paragraph: Paragraph, line: str) -> None:
    """Make ``paragraph`` an empty line with a ``line`` under it; ``"dashed"``: cut here."""
    _borders(paragraph, (("bottom", line),))
    paragraph.paragraph_format.space_after = Pt(12)


def _borders(paragraph: Paragraph, sides: tuple[tuple[str, str], ...]) -> None:
    """Draw ``sides`` of a box around ``paragraph``; Word joins the boxes of paragraphs alike."""
    border = OxmlElement("w:pBdr")
    drawn = dict(sides)
    # The schema's order of the sides.
    for side in ("top", "left", "bottom", "right"):
        if side in drawn:
            edge = OxmlElement(f"w:{side}")
            for name, value in (("val", drawn[side]), ("sz", "6"), ("space", "4")):
                edge.set(qn(f"w:{name}"), value)
            edge.set(qn("w:color"), "auto")
            border.append(edge)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_AFTER_PARAGRAPH_BORDER)


def _fill(properties: BaseOxmlElement, colour: str, successors: tuple[str, ...]) -> None:
    """Give a paragraph's or a cell's ``properties`` the background ``colour`` (``"E8EEF5"``)."""
    shading = OxmlElement("w:shd")
    for name, value in (("val", "clear"), ("color", "auto"), ("fill", colour)):
        shading.set(qn(f"w:{name}"), value)
    properties.insert_element_before(shading, *successors)
