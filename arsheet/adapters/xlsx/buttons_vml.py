"""Form buttons as Excel keeps them: shapes in a sheet's legacy (VML) drawing that run a macro.

A button is a ``<v:shape>`` of the button shape type whose ``<x:ClientData ObjectType="Button">``
names the macro (``<x:FmlaMacro>[0]!SampleCall</x:FmlaMacro>``: a Sub of the book's own VBA
project) and anchors it to cells, the way Excel and XlsxWriter write it. The shape's position
in points is given too, from the sheet's column widths and row heights (:class:`Grid`), for
programs that place it by that. Each legacy drawing of a book numbers its shapes in blocks of
1024 of its own (``<o:idmap data="N"/>``): a new drawing takes a block no other one uses, and
buttons added to a sheet's existing drawing (its comments) take the next free numbers in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from arsheet.adapters.xlsx.xmltext import escaped

VML_CONTENT = "application/vnd.openxmlformats-officedocument.vmlDrawing"
VML_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing"
_SHAPES_PER_BLOCK = 1024
_BUTTON_TYPE = b"_x0000_t201"
_IDMAP = re.compile(rb'<(?:\w+:)?idmap\b[^>]*?\sdata="([^"]*)"')
_SHAPE_ID = re.compile(rb'\sid="_x0000_s(\d+)"')
_COL = re.compile(rb"<col\b[^>]*>")
_ROW_HEIGHT = re.compile(rb'<row\b(?=[^>]*?\sr="(\d+)")(?=[^>]*?\sht="([\d.]+)")[^>]*>')
_ATTR = re.compile(rb'\s(min|max|width)="([\d.]+)"')
_DEFAULT_WIDTH = re.compile(rb'<sheetFormatPr\b[^>]*?\sdefaultColWidth="([\d.]+)"')
_DEFAULT_HEIGHT = re.compile(rb'<sheetFormatPr\b[^>]*?\sdefaultRowHeight="([\d.]+)"')

_NAMESPACES = (
    b'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    b'xmlns:x="urn:schemas-microsoft-com:office:excel"'
)
# A drawing written by another program may declare its namespaces elsewhere, or under other
# prefixes (openpyxl's ns0:): the shapes added to it declare their own.
_DECLARED = re.compile(rb'<xml\b[^>]*?\sxmlns:v="urn:schemas-microsoft-com:vml"')
_SHAPETYPE = (
    b'<v:shapetype%s id="_x0000_t201" coordsize="21600,21600" o:spt="201" '
    b'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    b'<v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" o:connecttype="rect"/>'
    b'<o:lock v:ext="edit" shapetype="t"/></v:shapetype>'
)


@dataclass(frozen=True)
class Button:
    """A form button covering whole cells.

    Attributes:
        caption: its text.
        macro: the VBA Sub it runs.
        col: its left column (1-based).
        row: its top row (1-based).
        cols: how many columns it spans.
        rows: how many rows it spans.
    """

    caption: str
    macro: str
    col: int
    row: int
    cols: int = 1
    rows: int = 1


class Grid:
    """A sheet's column widths and row heights in points, read from its XML."""

    def __init__(self, sheet_xml: bytes) -> None:
        width = _DEFAULT_WIDTH.search(sheet_xml)
        height = _DEFAULT_HEIGHT.search(sheet_xml)
        self._default_width = float(width.group(1)) if width else 8.43
        self._default_height = float(height.group(1)) if height else 15.0
        self._widths: list[tuple[int, int, float]] = []
        for col in _COL.finditer(sheet_xml):
            attrs = {k: float(v) for k, v in _ATTR.findall(col.group())}
            if {b"min", b"max", b"width"} <= attrs.keys():
                self._widths.append((int(attrs[b"min"]), int(attrs[b"max"]), attrs[b"width"]))
        self._heights = {int(r): float(h) for r, h in _ROW_HEIGHT.findall(sheet_xml)}

    def column_points(self, col: int) -> float:
        """Return column ``col``'s width in points (characters of Calibri 11 as Excel counts)."""
        chars = next((w for lo, hi, w in self._widths if lo <= col <= hi), self._default_width)
        return round(int(chars * 7 + 5) * 0.75, 2)

    def row_points(self, row: int) -> float:
        """Return row ``row``'s height in points."""
        return self._heights.get(row, self._default_height)

    def left(self, col: int) -> float:
        """Return where column ``col`` starts, in points from the sheet's left edge."""
        return sum(self.column_points(c) for c in range(1, col))

    def top(self, row: int) -> float:
        """Return where row ``row`` starts, in points from the sheet's top edge."""
        return sum(self.row_points(r) for r in range(1, row))


def used_blocks(drawings: Iterable[bytes]) -> set[int]:
    """Return the shape-id blocks (``<o:idmap data>``) the book's legacy drawings take."""
    blocks: set[int] = set()
    for vml in drawings:
        for data in _IDMAP.findall(vml):
            blocks.update(int(n) for n in re.findall(rb"\d+", data))
    return blocks


def new_drawing(buttons: Sequence[Button], grid: Grid, block: int) -> bytes:
    """Return a new legacy drawing holding ``buttons``, numbering shapes in block ``block``."""
    head = (
        b'<xml %s><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="%d"/></o:shapelayout>'
        % (_NAMESPACES, block)
    )
    return with_buttons(head + b"</xml>", buttons, grid)


def with_buttons(vml: bytes, buttons: Sequence[Button], grid: Grid) -> bytes:
    """Return the legacy drawing ``vml`` with ``buttons`` added after its shapes.

    The button shape type is added when the drawing lacks it; shape ids continue from the
    highest one there, or start in the drawing's first block.
    """
    ids = [int(n) for n in _SHAPE_ID.findall(vml)]
    blocks = sorted(used_blocks([vml])) or [1]
    first = max(ids, default=blocks[0] * _SHAPES_PER_BLOCK) + 1
    declare = b"" if _DECLARED.search(vml) else b" " + _NAMESPACES
    shapes = b"" if _BUTTON_TYPE in vml else _SHAPETYPE % declare
    shapes += b"".join(
        _shape(button, first + i, len(ids) + i + 1, grid, declare)
        for i, button in enumerate(buttons)
    )
    at = vml.rindex(b"</")
    return vml[:at] + shapes + vml[at:]


def _shape(button: Button, shape_id: int, z_index: int, grid: Grid, declare: bytes) -> bytes:
    """Return one button's ``<v:shape>``."""
    left, top = grid.left(button.col), grid.top(button.row)
    width = grid.left(button.col + button.cols) - left
    height = grid.top(button.row + button.rows) - top
    # Columns and rows counted from 0, each edge with its offset in pixels (0: the cell's edge).
    anchor = (
        f"{button.col - 1}, 0, {button.row - 1}, 0, "
        f"{button.col - 1 + button.cols}, 0, {button.row - 1 + button.rows}, 0"
    )
    style = (
        f"position:absolute;margin-left:{left:g}pt;margin-top:{top:g}pt;width:{width:g}pt;"
        f"height:{height:g}pt;z-index:{z_index};mso-wrap-style:tight"
    )
    return (
        b'<v:shape%s id="_x0000_s%d" type="#_x0000_t201" style="%s" o:button="t" '
        b'fillcolor="buttonFace [67]" strokecolor="windowText [64]" o:insetmode="auto">'
        b'<v:fill color2="buttonFace [67]" o:detectmouseclick="t"/>'
        b'<o:lock v:ext="edit" rotation="t"/>'
        b'<v:textbox style="mso-direction-alt:auto" o:singleclick="f">'
        b'<div style="text-align:center"><font face="Calibri" size="220" color="#000000">'
        b"%s</font></div></v:textbox>"
        b'<x:ClientData ObjectType="Button"><x:Anchor>%s</x:Anchor>'
        b"<x:PrintObject>False</x:PrintObject><x:AutoFill>False</x:AutoFill>"
        b"<x:FmlaMacro>[0]!%s</x:FmlaMacro>"
        b"<x:TextHAlign>Center</x:TextHAlign><x:TextVAlign>Center</x:TextVAlign>"
        b"</x:ClientData></v:shape>"
        % (
            declare,
            shape_id,
            style.encode(),
            escaped(button.caption, quotes=False),
            anchor.encode(),
            escaped(button.macro, quotes=False),
        )
    )
