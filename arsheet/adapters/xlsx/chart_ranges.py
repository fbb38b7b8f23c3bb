"""The charts on an owned sheet, made to read exactly the rows its charted blocks hold.

A chart series names its cells in a formula (``<c:f>'Dashboard'!$E$4:$E$11</c:f>``). The
template's charts, and those of books made by earlier templates, read each range at its largest;
at every recalculation a series that starts at a charted block's first data row, within its
columns, is made to end at the block's last row, so no chart has an empty slot. The edit is
byte-level: only the text of such a formula changes, and the values cached after it go (they
would be stale and of the wrong length; Excel and LibreOffice read the cells on opening).
Every other formula, a title's or a header cell's, stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import unescape

from arsheet.adapters.xlsx.package import Package
from arsheet.adapters.xlsx.xmltext import escaped
from arsheet.book.address import column_number
from arsheet.book.content import SheetContent

# A formula element and, right after it, the values a spreadsheet cached for it, if any.
_FORMULA = re.compile(
    rb"<(?P<ns>(?:\w+:)?)f>(?P<text>[^<]*)</(?P=ns)f>"
    rb"(?:\s*<(?P<cns>(?:\w+:)?)(?P<kind>num|str)Cache\b(?:[^>]*/>|.*?</(?P=cns)(?P=kind)Cache>))?",
    re.DOTALL,
)
# One area of one sheet, Sheet!$D$4:$E$11; never a single cell, which a title may name.
_AREA = re.compile(
    r"(?P<sheet>'(?:[^']|'')+'|[^'!]+)!"
    r"\$?(?P<c1>[A-Z]{1,3})\$?(?P<r1>\d+):\$?(?P<c2>[A-Z]{1,3})\$?(?P<r2>\d+)"
)


@dataclass(frozen=True)
class ChartedRange:
    """The data cells of a charted block.

    Attributes:
        first_col: its leftmost column, 1-based.
        last_col: its rightmost column.
        first_row: its first data row, 1-based, below the headers.
        last_row: its last data row.
    """

    first_col: int
    last_col: int
    first_row: int
    last_row: int


def charted_ranges(content: SheetContent) -> list[ChartedRange]:
    """Return the data cells of every charted block of an owned sheet, none when it has none."""
    ranges = []
    for block in content.blocks:
        if block.charted and len(block.frame):
            first = block.row + (block.headers is not None)
            ranges.append(
                ChartedRange(
                    block.col,
                    block.col + block.frame.shape[1] - 1,
                    first,
                    first + len(block.frame) - 1,
                )
            )
    return ranges


def charts_reading_rows(
    package: Package, sheet_part: str, content: SheetContent
) -> dict[str, bytes]:
    """Return the charts drawn on an owned sheet, made to read the rows of its charted blocks.

    Args:
        package: the book's package.
        sheet_part: the part holding the owned sheet.
        content: what the sheet will hold.

    Returns:
        Chart part -> its new XML; nothing when the sheet has no charted block.
    """
    ranges = charted_ranges(content)
    if not ranges:
        return {}
    return {
        chart: reading_exactly(package.read(chart), content.name, ranges)
        for drawing in package.related(sheet_part, "/drawing")
        for chart in package.related(drawing, "/chart")
    }


def reading_exactly(chart: bytes, sheet: str, ranges: Sequence[ChartedRange]) -> bytes:
    """Return a chart's XML with every series over one of ``ranges`` ending at its last row.

    Args:
        chart: the chart part's XML.
        sheet: the tab name of the sheet the ranges are on.
        ranges: the charted ranges of that sheet.

    Example:
        >>> xml = b"<c:f>'Dashboard'!$E$4:$E$11</c:f><c:numCache><c:ptCount val='8'/></c:numCache>"
        >>> reading_exactly(xml, "Dashboard", [ChartedRange(4, 5, 4, 9)])
        b"<c:f>'Dashboard'!$E$4:$E$9</c:f>"
    """

    def rewrite(match: re.Match[bytes]) -> bytes:
        formula = unescape(match["text"].decode(), {"&apos;": "'", "&quot;": '"'})
        area = _AREA.fullmatch(formula)
        if area is None or _tab(area["sheet"]) != sheet.casefold():
            return match.group()
        left, right = column_number(area["c1"]), column_number(area["c2"])
        for cells in ranges:
            inside = cells.first_col <= left <= right <= cells.last_col
            if inside and int(area["r1"]) == cells.first_row:
                text = (
                    f"{area['sheet']}!${area['c1']}${cells.first_row}"
                    f":${area['c2']}${cells.last_row}"
                )
                ns = match["ns"]
                return b"<%sf>%s</%sf>" % (ns, escaped(text, quotes=False), ns)
        return match.group()

    return _FORMULA.sub(rewrite, chart)


def _tab(quoted: str) -> str:
    """Return the tab name a formula's sheet prefix spells, folded as Excel compares names."""
    if quoted.startswith("'"):
        quoted = quoted[1:-1].replace("''", "'")
    return quoted.casefold()
