"""The XML of a sheet arsheet owns (Dashboard, Summary, Aging, Check), built block by block.

The sheet is rewritten whole at every recalculation, except what the template or the user hung on
it: its drawing (the Dashboard's charts, which read fixed ranges refilled here), legacy drawing,
tab colour, page margins, header and footer, and the relationships part, which is left as it is;
the page setup is kept but made to print landscape and one page wide (:mod:`.page`). Columns are
as wide as what they hold (:mod:`.widths`), gridlines are off.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from arsheet.adapters.xlsx import cellxml
from arsheet.adapters.xlsx.cellxml import STR, TEXT_STYLES
from arsheet.adapters.xlsx.page import fit_to_page, page_setup
from arsheet.adapters.xlsx.widths import fit
from arsheet.book.address import column_letter
from arsheet.book.content import Block, SheetContent, Style

_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
_ROOT = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
)
_MARGINS = (
    b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
)
# Elements kept from the existing sheet, in the order the schema puts them after pageSetup.
_KEPT_AFTER = (
    "headerFooter",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "picture",
)


def _element(xml: bytes, name: str) -> bytes:
    found = re.search(
        rb"<" + name.encode() + rb"\b[^>]*?(?:/>|>.*?</" + name.encode() + rb">)", xml, re.DOTALL
    )
    return found.group() if found else b""


def _attr(values: np.ndarray) -> np.ndarray:
    return cellxml.xml_bytes(values)


class _Cells:
    """Cells gathered from all blocks: row, column and XML, in three parallel lists of arrays."""

    def __init__(self) -> None:
        self.rows: list[np.ndarray] = []
        self.cols: list[np.ndarray] = []
        self.xml: list[np.ndarray] = []

    def add(self, rows: np.ndarray, col: int, xml: np.ndarray) -> None:
        keep = np.strings.str_len(xml) > 0
        self.rows.append(rows[keep])
        self.cols.append(np.full(int(keep.sum()), col, dtype=np.int64))
        self.xml.append(xml[keep])

    def sheet_data(self, heights: dict[int, float]) -> tuple[bytes, str]:
        """Return the ``<sheetData>`` element and the used range; ``heights`` are rows' heights."""
        if not self.rows:
            return b"<sheetData/>", "A1"
        rows = np.concatenate(self.rows)
        cols = np.concatenate(self.cols)
        xml = np.concatenate(self.xml)
        if not rows.size:
            return b"<sheetData/>", "A1"
        added = np.arange(rows.size)
        # A later block wins where blocks overlap: sort by row, column, then order added.
        order = np.lexsort((added, cols, rows))
        rows, cols, xml = rows[order], cols[order], xml[order]
        last_of_cell = np.ones(rows.size, dtype=bool)
        last_of_cell[:-1] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
        rows, cols, xml = rows[last_of_cell], cols[last_of_cell], xml[last_of_cell]
        first = np.ones(rows.size, dtype=bool)
        first[1:] = rows[1:] != rows[:-1]
        last = np.ones(rows.size, dtype=bool)
        last[:-1] = first[1:]
        opening = np.strings.add(
            np.strings.add(b'<row r="', cellxml.int_text(rows)), _row_ends(rows, heights)
        )
        xml = np.strings.add(np.where(first, opening, b""), xml)
        xml = np.strings.add(xml, np.where(last, b"</row>", b""))
        used = f"A1:{column_letter(int(cols.max()))}{int(rows.max())}"
        return b"<sheetData>" + b"".join(xml.tolist()) + b"</sheetData>", used


def _row_ends(rows: np.ndarray, heights: dict[int, float]) -> np.ndarray:
    """Return the end of each row's start tag: its height where ``heights`` gives one."""
    ends = np.full(rows.size, b'">')
    for row, height in heights.items():
        tall = b'" ht="%s" customHeight="1">' % f"{height:g}".encode()
        ends = np.where(rows == row, tall, ends)
    return ends


def _block_cells(
    block: Block,
    cells: _Cells,
    style_ids: dict[Style, int],
    bold_ids: dict[Style, int],
    header_ids: tuple[int, int],
    date1904: bool,
) -> bytes:
    """Add a block's cells and return its hyperlinks' XML."""
    first_row = block.row
    if block.headers is not None:
        header_text = cellxml.xml_bytes(np.array(block.headers, dtype=STR))
        for i, text in enumerate(header_text.tolist()):
            col = block.col + i
            xml = b'<c r="%s%d" s="%d" t="inlineStr"><is><t>%s</t></is></c>' % (
                column_letter(col).encode(),
                first_row,
                header_ids[block.styles[i] not in TEXT_STYLES],
                text,
            )
            cells.add(np.array([first_row]), col, np.array([xml]))
        first_row += 1
    count = len(block.frame)
    rows = np.arange(first_row, first_row + count, dtype=np.int64)
    row_text = cellxml.int_text(rows)
    data_ids = bold_ids if block.bold else style_ids
    for i, style in enumerate(block.styles):
        col = block.col + i
        xml = cellxml.cells(
            row_text,
            column_letter(col),
            data_ids[style],
            block.frame.iloc[:, i],
            style,
            date1904,
        )
        cells.add(rows, col, xml)
    if block.links is None or not count:
        return b""
    links = pd.Series(block.links).reset_index(drop=True)
    has = links.notna().to_numpy(dtype=bool)
    if not has.any():
        return b""
    location = _attr(np.asarray(links[has].astype(str), dtype=STR))
    display = _attr(np.asarray(block.frame.iloc[:, 0].astype(str).to_numpy()[has], dtype=STR))
    refs = np.strings.add(column_letter(block.col).encode(), row_text[has])
    xml = np.strings.add(np.strings.add(b'<hyperlink ref="', refs), b'" location="')
    xml = np.strings.add(np.strings.add(xml, location), b'" display="')
    xml = np.strings.add(np.strings.add(xml, display), b'"/>')
    return b"".join(xml.tolist())


def owned_sheet_xml(
    content: SheetContent,
    style_ids: dict[Style, int],
    bold_ids: dict[Style, int],
    header_ids: tuple[int, int],
    highlight_ids: dict[Style, int],
    date1904: bool,
    old: bytes | None,
) -> bytes:
    """Return the whole XML of an owned sheet.

    Args:
        content: the blocks, widths, frozen panes, autofilter and highlights to write.
        style_ids: cellXfs index of every :class:`Style`.
        bold_ids: cellXfs index of the bold look of the styles a bold block uses.
        header_ids: cellXfs index of a table header over text and over numbers.
        highlight_ids: dxfs index of every style used by a highlight.
        date1904: the book's date system.
        old: the sheet's current XML, whose drawing and page setup are kept; None for a new sheet.
    """
    old = old or b""
    root = re.search(rb"<worksheet\b[^>]*>", old)
    cells = _Cells()
    links = b"".join(
        _block_cells(b, cells, style_ids, bold_ids, header_ids, date1904) for b in content.blocks
    )
    sized = fit(content)
    sheet_data, used = cells.sheet_data(sized.heights)
    selected = b' tabSelected="1"' if re.search(rb'<sheetView\b[^>]*tabSelected="1"', old) else b""
    pane = _pane(content.freeze_rows, content.freeze_cols)
    # No gridlines: a report's tables carry their own header fills and highlights.
    view = b'<sheetView%s showGridLines="0" workbookViewId="0">%s</sheetView>' % (selected, pane)
    cols = b"".join(
        b'<col min="%d" max="%d" width="%s" customWidth="1"/>' % (i, i, f"{w:g}".encode())
        for i, w in sized.widths.items()
    )
    formats = b"".join(
        b'<conditionalFormatting sqref="%s"><cfRule type="expression" dxfId="%d" priority="%d">'
        b"<formula>%s</formula></cfRule></conditionalFormatting>"
        % (
            h.ref.encode(),
            highlight_ids[h.style],
            priority,
            cellxml.xml_bytes(np.array([h.formula], dtype=STR))[0],
        )
        for priority, h in enumerate(content.highlights, start=1)
    )
    parts = [
        _HEAD,
        root.group() if root else _ROOT,
        fit_to_page(_element(old, "sheetPr")),
        b'<dimension ref="%s"/>' % used.encode(),
        b"<sheetViews>" + view + b"</sheetViews>",
        b'<sheetFormatPr defaultRowHeight="15"/>',
        b"<cols>" + cols + b"</cols>" if cols else b"",
        sheet_data,
        b'<autoFilter ref="%s"/>' % content.autofilter.encode() if content.autofilter else b"",
        formats,
        b"<hyperlinks>" + links + b"</hyperlinks>" if links else b"",
        _element(old, "pageMargins") or _MARGINS,
        page_setup(_element(old, "pageSetup")),
        *(_element(old, name) for name in _KEPT_AFTER),
        b"</worksheet>",
    ]
    return b"".join(parts)


def _pane(rows: int, cols: int) -> bytes:
    """Return the frozen pane keeping ``rows`` rows and ``cols`` columns in view, if any."""
    if not rows and not cols:
        return b""
    top = f"{column_letter(cols + 1)}{rows + 1}".encode()
    # The pane that scrolls both ways is named after where it lies: below, right, or both.
    active = b"bottomRight" if rows and cols else b"bottomLeft" if rows else b"topRight"
    split = (b' xSplit="%d"' % cols if cols else b"") + (b' ySplit="%d"' % rows if rows else b"")
    return (
        b'<pane%s topLeftCell="%s" activePane="%s" state="frozen"/>'
        b'<selection pane="%s" activeCell="%s" sqref="%s"/>'
        % (split, top, active, active, top, top)
    )
