"""Byte-level edits of a sheet that gets buttons: its code name, cells, drop-downs and drawing.

Only small sheets are edited so (the Dashboard and How to use), whole in memory; every byte the
edit does not need to change stays. Each element goes where the worksheet schema puts it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from arsheet.adapters.xlsx.append_ranges import grown_dimension
from arsheet.adapters.xlsx.package import DOC_REL_NS
from arsheet.adapters.xlsx.patch import _merge_row as merge_row
from arsheet.adapters.xlsx.sheetxml import ROW_ELEMENT, ROW_NUMBER, SHEET_DATA
from arsheet.adapters.xlsx.xmltext import escaped
from arsheet.book.address import column_letter, column_number

# CT_Worksheet's children from <dataValidations> on, in schema order.
_AFTER_MERGE_CELLS = (
    "phoneticPr",
    "conditionalFormatting",
    "dataValidations",
    "hyperlinks",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
)
_SHEET_PR = re.compile(rb"<sheetPr\b[^>]*?(/?)>")
_ROOT = re.compile(rb"<worksheet\b[^>]*>")
_CODE_NAME = re.compile(rb'<sheetPr\b[^>]*?\scodeName="([^"]*)"')
_CELL_COLUMN = re.compile(rb'<c\b[^>]*?\sr="([A-Z]+)\d+"')
_ROW_START = re.compile(rb'<row\b[^>]*?\sr="(\d+)"')
_MERGE_END = re.compile(rb'<mergeCell\b[^>]*?\sref="[A-Z]+\d+:([A-Z]+)\d+"')
_COLS = re.compile(rb"<cols>(.*?)</cols>", re.DOTALL)
_COL_RANGE = re.compile(rb'<col\b(?=[^>]*?\smin="(\d+)")(?=[^>]*?\smax="(\d+)")[^>]*>')
_VALIDATIONS = re.compile(rb'<dataValidations\b[^>]*?\scount="(\d+)"[^>]*>')


@dataclass(frozen=True)
class Cell:
    """A text cell to write: 1-based row and column, its text and its ``cellXfs`` style."""

    row: int
    col: int
    text: str
    style: int


@dataclass(frozen=True)
class ListValidation:
    """A drop-down list on one cell: its choices as a formula (a range or quoted list)."""

    ref: str
    formula: str


def code_name(xml: bytes) -> str | None:
    """Return the sheet's code name (its VBA module's name), or None."""
    found = _CODE_NAME.search(xml)
    return found.group(1).decode() if found else None


def with_code_name(xml: bytes, name: str) -> bytes:
    """Return the sheet with the code name ``name`` in its ``<sheetPr>`` (added if missing)."""
    found = _SHEET_PR.search(xml)
    if found is None:
        root = _ROOT.search(xml)
        assert root is not None
        return xml[: root.end()] + b'<sheetPr codeName="%s"/>' % escaped(name) + xml[root.end() :]
    end = found.end() - len(found.group(1)) - 1
    return xml[:end] + b' codeName="%s"' % escaped(name) + xml[end:]


def last_column(xml: bytes) -> int:
    """Return the rightmost column holding a cell or a merged range, 0 when there is none."""
    letters = {m.decode() for m in (*_CELL_COLUMN.findall(xml), *_MERGE_END.findall(xml))}
    return max((column_number(letter) for letter in letters), default=0)


def last_row(xml: bytes) -> int:
    """Return the last row holding anything, 1 when the sheet has none."""
    return max((int(n) for n in _ROW_START.findall(xml)), default=1)


def with_cells(xml: bytes, cells: Sequence[Cell]) -> bytes:
    """Return the sheet with text ``cells`` put in their rows (which are added where missing).

    Raises:
        ValueError: the sheet has no data area, or a row without its number.
    """
    by_row: dict[int, list[tuple[int, bytes]]] = {}
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        by_row.setdefault(cell.row, []).append(
            (
                cell.col,
                b'<c r="%s%d" s="%d" t="inlineStr"><is><t>%s</t></is></c>'
                % (
                    column_letter(cell.col).encode(),
                    cell.row,
                    cell.style,
                    escaped(cell.text, quotes=False),
                ),
            )
        )
    data = SHEET_DATA.search(xml)
    if data is None:
        raise ValueError("the sheet has no data area")
    start = data.end()
    if data.group(1):
        xml = xml[: data.start()] + b"<sheetData></sheetData>" + xml[data.end() :]
        start = data.start() + len(b"<sheetData>")
    end = xml.index(b"</sheetData>", start)
    out, pos = [], start
    for row in ROW_ELEMENT.finditer(xml, start, end):
        found = ROW_NUMBER.search(row.group().split(b">", 1)[0])
        if found is None:
            raise ValueError("a row has no row number")
        number = int(found.group(1))
        out.append(xml[pos : row.start()])
        for missing in [r for r in by_row if r < number]:
            out.append(_new_row(missing, by_row.pop(missing)))
        out.append(merge_row(row.group(), by_row.pop(number, [])))
        pos = row.end()
    out.append(xml[pos:end])
    out += [_new_row(number, new) for number, new in by_row.items()]
    head = grown_dimension(xml[:start], max(c.row for c in cells), max(c.col for c in cells))
    return head + b"".join(out) + xml[end:]


def _new_row(number: int, cells: list[tuple[int, bytes]]) -> bytes:
    return b'<row r="%d">%s</row>' % (number, b"".join(xml for _, xml in cells))


def with_widths(xml: bytes, widths: dict[int, float]) -> bytes:
    """Return the sheet with columns ``widths`` (column -> characters) that it does not size."""
    found = _COLS.search(xml)
    ranges = [(int(lo), int(hi)) for lo, hi in _COL_RANGE.findall(found.group(1))] if found else []
    new = {
        col: width for col, width in widths.items() if not any(lo <= col <= hi for lo, hi in ranges)
    }
    if not new:
        return xml
    elements = [
        (col, b'<col min="%d" max="%d" width="%s" customWidth="1"/>' % (col, col, b"%g" % w))
        for col, w in sorted(new.items())
    ]
    if found is None:
        data = SHEET_DATA.search(xml)
        assert data is not None
        return (
            xml[: data.start()]
            + b"<cols>"
            + b"".join(e for _, e in elements)
            + b"</cols>"
            + xml[data.start() :]
        )
    body = found.group(1)
    for col, element in reversed(elements):
        after = [m.start() for m in _COL_RANGE.finditer(body) if int(m.group(1)) > col]
        at = min(after, default=len(body))
        body = body[:at] + element + body[at:]
    return xml[: found.start(1)] + body + xml[found.end(1) :]


def with_validations(xml: bytes, validations: Sequence[ListValidation]) -> bytes:
    """Return the sheet with a drop-down list on each cell of ``validations``."""
    new = b"".join(
        b'<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" '
        b'sqref="%s"><formula1>%s</formula1></dataValidation>'
        % (escaped(v.ref), escaped(v.formula, quotes=False))
        for v in validations
    )
    found = _VALIDATIONS.search(xml)
    if found is None:
        element = b'<dataValidations count="%d">%s</dataValidations>' % (len(validations), new)
        return _insert_before_first(xml, _AFTER_MERGE_CELLS[2:], element)
    count = b'count="%d"' % (int(found.group(1)) + len(validations))
    start = found.group().replace(b'count="%s"' % found.group(1), count)
    end = xml.index(b"</dataValidations>", found.end())
    return xml[: found.start()] + start + xml[found.end() : end] + new + xml[end:]


def with_legacy_drawing(xml: bytes, rel_id: str) -> bytes:
    """Return the sheet pointing at its legacy drawing (the buttons) by relationship ``rel_id``."""
    # r: declared on the element: the sheet may not declare it (openpyxl declares it locally).
    element = b'<legacyDrawing xmlns:r="%s" r:id="%s"/>' % (DOC_REL_NS.encode(), escaped(rel_id))
    return _insert_before_first(
        xml, _AFTER_MERGE_CELLS[_AFTER_MERGE_CELLS.index("legacyDrawingHF") :], element
    )


def legacy_drawing_rel(xml: bytes) -> str | None:
    """Return the relationship id of the sheet's legacy drawing, or None when it has none."""
    found = re.search(rb'<legacyDrawing\b[^>]*?\s(?:\w+:)?id="([^"]*)"', xml)
    return found.group(1).decode() if found else None


def _insert_before_first(xml: bytes, names: Sequence[str], element: bytes) -> bytes:
    """Insert ``element`` before the first of the elements ``names`` present, else at the end."""
    ends = [
        found.start() for name in names if (found := re.search(rb"<" + name.encode() + rb"\b", xml))
    ]
    at = min(ends, default=xml.rindex(b"</worksheet>"))
    return xml[:at] + element + xml[at:]
