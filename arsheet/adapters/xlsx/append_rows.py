"""New rows built on the row above them, as Excel adds a row to a Table.

A new row takes from the last row above it in the original XML (never the header): its cells'
styles, its height and format, and its formulas, carried down as Excel carries them (a Table's
calculated column formula, else the row above's formula moved down, its master's when it is a
shared one), written without a cached value so that the spreadsheet computes them on open. A
cell that finds no style there takes its column's. A new row that already exists (an empty body
row of a Table longer than its data) keeps its cells and their styles and takes the values.
Rows above the new ones, the great majority, pass through unparsed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from arsheet.adapters.xlsx.sheetxml import ROW_ELEMENT, ROW_NUMBER, ROW_TAG
from arsheet.adapters.xlsx.xmltext import escaped
from arsheet.book.address import column_letter, column_number
from arsheet.errors import CannotWrite

_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_R_CELL = re.compile(rb'\sr="([A-Z]+)(\d+)"')
_S = re.compile(rb'\ss="(\d+)"')
_FORMULA = re.compile(rb"<f\b([^>]*?)(?:/>|>([^<]*)</f>)")
_SHARED = re.compile(rb'<f\b(?=[^>]*\bt="shared")(?=[^>]*\bsi="(\d+)")[^>]*>([^<]+)</f>')
_SI = re.compile(rb'\bsi="(\d+)"')
_KIND = re.compile(rb'\bt="(\w+)"')
_COL = re.compile(rb"<col\b([^>]*?)/?>")
# Row attributes a new row takes from the row above: its height and format, not its place in
# an outline or its visibility.
_ROW_LOOK = re.compile(
    rb'\s(?:ht|customHeight|s|customFormat|thickTop|thickBot|x14ac:dyDescent)="[^"]*"'
)


@dataclass(frozen=True)
class NewCell:
    """One value cell of a new row, as XML: its type attribute (``s``, ``inlineStr``) and body.

    Attributes:
        kind: the cell's ``t`` attribute, or empty for a number.
        body: what goes inside ``<c>``: ``<v>…</v>`` or ``<is>…</is>``.
        style: the ``cellXfs`` index to use when neither the cell nor the row above nor the
            column has a style (a date must show as one), or None.
    """

    kind: bytes
    body: bytes
    style: int | None = None


@dataclass(frozen=True)
class RowsToAdd:
    """The new rows of one sheet.

    Attributes:
        name: the tab name, for messages.
        path: the book, for messages.
        header_row: the sheet's header row (never a model for a new row).
        rows: sheet row -> column -> its new value cell.
        formulas: column -> a Table's calculated column formula (as typed, without ``=``).
    """

    name: str
    path: Path
    header_row: int
    rows: Mapping[int, Mapping[int, NewCell]]
    formulas: Mapping[int, str] = field(default_factory=dict)

    @property
    def first_row(self) -> int:
        """The first new row."""
        return min(self.rows)

    @property
    def last_row(self) -> int:
        """The last new row."""
        return max(self.rows)


def _no_address(new: RowsToAdd) -> CannotWrite:
    return CannotWrite(
        new.path,
        f"a row or cell of sheet {new.name!r} has no address",
        f"工作表“{new.name}”中有行或单元格没有地址",
    )


def _attr(pattern: re.Pattern[bytes], attrs: bytes) -> bytes | None:
    found = pattern.search(attrs)
    return found.group(1) if found else None


def column_styles(head: bytes) -> dict[int, bytes]:
    """Return column -> the style of its ``<col>`` entry, the look of a cell typed there."""
    styles: dict[int, bytes] = {}
    for col in _COL.finditer(head):
        attrs = dict(re.findall(rb'(\w+)="([^"]*)"', col.group(1)))
        if b"style" in attrs and b"min" in attrs:
            for number in range(int(attrs[b"min"]), int(attrs.get(b"max") or attrs[b"min"]) + 1):
                styles[number] = attrs[b"style"]
    return styles


@dataclass
class _Cell:
    col: int
    attrs: bytes
    body: bytes | None
    xml: bytes

    @property
    def style(self) -> bytes | None:
        return _attr(_S, self.attrs)

    @property
    def formula(self) -> re.Match[bytes] | None:
        return _FORMULA.search(self.body) if self.body else None


def _cells(row: bytes, new: RowsToAdd) -> dict[int, _Cell]:
    cells = {}
    for cell in _CELL.finditer(row):
        address = _R_CELL.search(cell.group(1))
        if address is None:
            raise _no_address(new)
        col = column_number(address.group(1).decode())
        cells[col] = _Cell(col, cell.group(1), cell.group(2), cell.group())
    return cells


class NewRows:
    """The rows of the sheet as they stream past, and the new rows put among them."""

    def __init__(self, new: RowsToAdd, column_styles: dict[int, bytes]) -> None:
        self.new = new
        self.column_styles = column_styles
        self.fallback_used = False
        self.pending = sorted(new.rows)
        self.model: bytes | None = None
        # si -> (master cell address, formula), for shared formulas of the row above.
        self.masters: dict[bytes, tuple[str, str]] = {}
        columns = [col for row in new.rows.values() for col in row]
        self.max_column = max([*columns, *new.formulas], default=0)

    def region(self, region: bytes, *, final: bool) -> bytes:
        """Return whole rows of XML with the new rows that go among them, or after them."""
        if b't="shared"' in region:
            self._collect_masters(region)
        last = region.rfind(b"<row")
        if last >= 0 and not final and self._number(region, last) < self.new.first_row:
            # Rows above the new ones, the great majority, pass through unparsed.
            if self._number(region, last) > self.new.header_row:
                self.model = region[last:]
            return region
        out = []
        pos = 0
        for row in ROW_ELEMENT.finditer(region):
            at = self._number(region, row.start())
            out.append(region[pos : row.start()])
            pos = row.end()
            while self.pending and self.pending[0] < at:
                out.append(self._new_row(self.pending.pop(0)))
            if at in self.new.rows:
                self.pending.remove(at)
                out.append(self._filled(row.group(), at))
            else:
                out.append(row.group())
            if self.new.header_row < at < self.new.first_row or at in self.new.rows:
                self.model = row.group()
        out.append(region[pos:])
        while final and self.pending:
            out.append(self._new_row(self.pending.pop(0)))
        return b"".join(out)

    def _number(self, region: bytes, start: int) -> int:
        """Return the number of the row whose start tag begins at ``start``."""
        tag = ROW_TAG.match(region, start)
        number = _attr(ROW_NUMBER, tag.group(1)) if tag else None
        if number is None:
            raise _no_address(self.new)
        return int(number)

    def _collect_masters(self, region: bytes) -> None:
        for found in _SHARED.finditer(region):
            cell = _R_CELL.search(region, region.rfind(b"<c ", 0, found.start()))
            if cell is not None:
                text = found.group(2).decode()
                address = (cell.group(1) + cell.group(2)).decode()
                self.masters[found.group(1)] = (address, html.unescape(text))

    def _style(self, col: int, own: _Cell | None, model: dict[int, _Cell]) -> bytes | None:
        """Return the style of a new cell: its own, the row above's, its column's."""
        for cell in (own, model.get(col)):
            if cell is not None and cell.style is not None:
                return cell.style
        return self.column_styles.get(col)

    def _value_cell(
        self, row: int, col: int, value: NewCell, own: _Cell | None, model: dict[int, _Cell]
    ) -> bytes:
        style = self._style(col, own, model)
        if style is None and value.style is not None:
            style = b"%d" % value.style
            self.fallback_used = True
        s = b' s="' + style + b'"' if style is not None else b""
        t = b' t="' + value.kind + b'"' if value.kind else b""
        ref = column_letter(col).encode() + b"%d" % row
        return b'<c r="' + ref + b'"' + s + t + b">" + value.body + b"</c>"

    def _formula(self, row: int, col: int, model: dict[int, _Cell]) -> str | None:
        """Return the formula carried down to column ``col`` of ``row``, if any."""
        if col in self.new.formulas:
            return self.new.formulas[col]
        above = model.get(col)
        formula = above.formula if above is not None else None
        if above is None or formula is None:
            return None
        kind = _attr(_KIND, formula.group(1)) or b"normal"
        master: tuple[str, str] | None
        if kind == b"normal" and formula.group(2):
            master = (_address(above), html.unescape(formula.group(2).decode()))
        elif kind == b"shared":
            si = _attr(_SI, formula.group(1))
            text = formula.group(2)
            master = (
                (_address(above), html.unescape(text.decode()))
                if text
                else self.masters.get(si or b"")
            )
            if master is None:
                return None
        else:
            return None  # an array formula or a data table is not carried down
        # Imported here, as in :mod:`.shared_formulas`: few books need it.
        from openpyxl.formula.translate import Translator

        origin, text = master
        here = f"{column_letter(col)}{row}"
        return Translator("=" + text, origin=origin).translate_formula(here)[1:]

    def _formula_cell(self, row: int, col: int, text: str, style: bytes | None) -> bytes:
        s = b' s="' + style + b'"' if style is not None else b""
        ref = column_letter(col).encode() + b"%d" % row
        return b'<c r="' + ref + b'"' + s + b"><f>" + escaped(text, quotes=False) + b"</f></c>"

    def _row_cells(self, row: int, own: dict[int, _Cell]) -> list[bytes]:
        model = _cells(self.model, self.new) if self.model is not None else {}
        values = self.new.rows[row]
        out: dict[int, bytes] = {col: cell.xml for col, cell in own.items()}
        for col in sorted({*model, *self.new.formulas} - set(values)):
            if col in own and own[col].formula is not None:
                continue
            formula = self._formula(row, col, model)
            style = self._style(col, own.get(col), model)
            if formula is not None:
                out[col] = self._formula_cell(row, col, formula, style)
            elif col not in own and style is not None and style != b"0":
                ref = column_letter(col).encode() + b"%d" % row
                out[col] = b'<c r="' + ref + b'" s="' + style + b'"/>'
        for col, value in values.items():
            out[col] = self._value_cell(row, col, value, own.get(col), model)
        return [out[col] for col in sorted(out)]

    def _new_row(self, row: int) -> bytes:
        look = b""
        if self.model is not None:
            start = ROW_TAG.match(self.model)
            look = b"".join(_ROW_LOOK.findall(start.group(1))) if start else b""
        cells = b"".join(self._row_cells(row, {}))
        return b'<row r="%d"%s>%s</row>' % (row, look, cells)

    def _filled(self, xml: bytes, row: int) -> bytes:
        """Return an existing row (an empty body row of a Table) with the new values in it."""
        start = ROW_TAG.match(xml)
        assert start is not None
        cells = b"".join(self._row_cells(row, _cells(xml[start.end() :], self.new)))
        return b"<row" + start.group(1) + b">" + cells + b"</row>"


def _address(cell: _Cell) -> str:
    found = _R_CELL.search(cell.attrs)
    assert found is not None
    return (found.group(1) + found.group(2)).decode()
