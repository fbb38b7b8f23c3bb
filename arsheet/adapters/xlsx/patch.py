"""Patch a record sheet's owned columns inside its XML; every user cell's bytes stay as found.

The sheet streams through in chunks of whole rows, small enough to stay in the processor's cache.
In each chunk a vector scan finds the rows and each cell's column (:mod:`.sheetscan`), one regex
substitution removes the old owned cells, and a split/join puts the new ones (built column-wise,
see :mod:`.cellxml`) before each ``</row>``: that is the normal layout, the owned block at the
right end. Only a chunk with user cells to the right of the owned block, rows written without end
tags or addresses first, or rows to create takes the general path, one Python step per row.

Rows below the data (when an Excel Table bounds it, ``SheetLayout.last_row``) pass through
untouched; shared formulas mastered in an owned column are written out in the user's cells
(:mod:`.shared_formulas`). The reader has checked that the XML parses (:mod:`.wellformed`).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from arsheet.adapters.xlsx import cellxml, sheetscan
from arsheet.adapters.xlsx.cellxml import STR
from arsheet.adapters.xlsx.shared_formulas import SharedFormulas
from arsheet.adapters.xlsx.sheetxml import (
    ROW_ELEMENT,
    ROW_NUMBER,
    ROW_TAG,
    SHEET_DATA,
    refuse_prefixes,
)
from arsheet.book.address import column_letter, column_number
from arsheet.book.content import Style, owned_style
from arsheet.book.layout import OwnedColumns
from arsheet.book.ownership import place_owned_columns
from arsheet.errors import CannotWrite

_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\sr="(\d+)"')
_CELL_ADDRESS = re.compile(rb'<c\b[^>]*?\sr="')
_CELL_COLUMN = re.compile(rb'<c\b[^>]*?\sr="([A-Z]+)\d+"')
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


@dataclass(frozen=True)
class _Column:
    key: str
    col: int
    letter: str
    style: Style


class RecordPatch:
    """New owned cells of one record sheet, ready to be streamed into its XML.

    Args:
        owned: the sheet's layout and new values.
        style_ids: cellXfs index per owned style, for data cells.
        header_style: cellXfs index for the header of an owned column added to the sheet.
        lang: language of a new column's header text.
        date1904: the book's date system.
        path: the book, named in errors.
    """

    def __init__(
        self,
        owned: OwnedColumns,
        style_ids: dict[Style, int],
        header_style: int,
        lang: str,
        date1904: bool,
        path: Path,
    ) -> None:
        self.path = path
        layout = owned.layout
        self.name = layout.name
        self.header_row = layout.header_row
        self.last_row = layout.last_row
        columns = []
        self.new_headers: list[tuple[int, bytes]] = []
        for place in place_owned_columns(layout):
            column, col = place.column, place.col
            if place.added:
                header = cellxml.escape_text(np.array([column.header(lang)], dtype=STR))[0]
                self.new_headers.append(
                    (
                        col,
                        f'<c r="{column_letter(col)}{layout.header_row}" s="{header_style}" '
                        f't="inlineStr"><is><t>{header}</t></is></c>'.encode(),
                    )
                )
            columns.append(_Column(column.key, col, column_letter(col), owned_style(column.kind)))
        self.columns = sorted(columns, key=lambda c: c.col)
        self._owned_columns = np.array([c.col for c in self.columns], dtype=np.int64)
        owned_set = "|".join(c.letter for c in self.columns).encode()
        self._owned = re.compile(
            rb'<c\b[^>]*?\sr="(?:' + owned_set + rb')\d+"[^>]*?(?:/>|>.*?</c>)', re.DOTALL
        )
        self._shared = SharedFormulas(self._owned, {c.letter.encode() for c in self.columns})
        # From a row's first owned cell up to its end tag, for rows whose cells start with r=.
        self._tail = re.compile(
            rb'<c r="(?:' + owned_set + rb")\d[^<]*(?:<(?!/row>)[^<]*)*(?=</row>)"
        )
        self._build_cells(owned, style_ids, date1904)

    def _build_cells(
        self, owned: OwnedColumns, style_ids: dict[Style, int], date1904: bool
    ) -> None:
        values = owned.values
        values = values[values.index > self.header_row].sort_index()
        self.rows = values.index.to_numpy(dtype="int64")
        row_text = cellxml.int_text(self.rows)

        def build(column: _Column) -> np.ndarray:
            if column.key not in values.columns:
                return np.zeros(len(self.rows), dtype="S1")
            return cellxml.cells(
                row_text,
                column.letter,
                style_ids[column.style],
                values[column.key],
                column.style,
                date1904,
                styled_empty=True,
            )

        # numpy's string functions let go of the GIL: columns build side by side on every core.
        with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            self.cells: list[np.ndarray] = list(pool.map(build, self.columns))

    @property
    def max_column(self) -> int:
        """The rightmost owned column."""
        return self.columns[-1].col if self.columns else 0

    def apply(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """Yield the patched sheet XML from the original's chunks.

        Raises:
            CannotWrite: the sheet's XML is not laid out as Excel writes it (rows or cells
                without their ``r`` address, namespace prefixes, no header row).
        """
        stream = iter(chunks)
        buf = b""
        data_start = None
        while data_start is None:
            refuse_prefixes(buf, self.path, self.name)
            empty = SHEET_DATA.search(buf)
            if empty and empty.group(1):
                if not self.rows.size:
                    yield self._patch_prefix(buf)
                    yield from stream
                    return
                buf = buf[: empty.start()] + b"<sheetData></sheetData>" + buf[empty.end() :]
            data_start = self._data_start(buf)
            if data_start is None:
                more = next(stream, None)
                if more is None:
                    raise CannotWrite(self.path, "the sheet has no data area", "工作表没有数据区")
                buf += more
        yield self._patch_prefix(buf[:data_start])
        buf = buf[data_start:]
        last_row = self.header_row
        while True:
            end = buf.find(b"</sheetData>")
            if end >= 0:
                region, last_row = self._patch_region(buf[:end], last_row, final=True)
                yield region
                yield buf[end:]
                yield from stream
                return
            cut = buf.rfind(b"</row>")
            if cut > 0:
                region, last_row = self._patch_region(buf[: cut + 6], last_row, final=False)
                yield region
                buf = buf[cut + 6 :]
            more = next(stream, None)
            if more is None:
                raise CannotWrite(
                    self.path, "the sheet XML ends inside its data", "工作表 XML 在数据中途结束"
                )
            buf += more

    def _data_start(self, buf: bytes) -> int | None:
        sheet_data = SHEET_DATA.search(buf)
        if sheet_data is None:
            return None
        end = buf.find(b"</sheetData>", sheet_data.end())
        for tag in ROW_TAG.finditer(buf, sheet_data.end(), end if end >= 0 else len(buf)):
            number = ROW_NUMBER.search(tag.group(1))
            if number is None:
                raise CannotWrite(self.path, "a row has no row number", "有一行没有行号")
            if int(number.group(1)) > self.header_row:
                return tag.start()
        return end if end >= 0 else None

    def _patch_prefix(self, prefix: bytes) -> bytes:
        prefix = self._grow_dimension(prefix)
        if not self.new_headers:
            return prefix
        for row in ROW_ELEMENT.finditer(prefix):
            number = ROW_NUMBER.search(row.group())
            if number and int(number.group(1)) == self.header_row:
                merged = _merge_row(row.group(), self.new_headers)
                return prefix[: row.start()] + merged + prefix[row.end() :]
        raise CannotWrite(self.path, "the header row is missing", "找不到表头行")

    def _grow_dimension(self, prefix: bytes) -> bytes:
        found = _DIMENSION.search(prefix)
        if found is None:
            return prefix
        first_col, first_row = found.group(1), found.group(2)
        last_col = found.group(3) or first_col
        last_row = found.group(4) or first_row
        max_col = max(column_number(last_col.decode()), self.max_column)
        max_row = max(int(last_row), int(self.rows.max()) if self.rows.size else 0)
        if max_col == column_number(last_col.decode()) and max_row == int(last_row):
            return prefix
        ref = b"%s%s:%s%d" % (first_col, first_row, column_letter(max_col).encode(), max_row)
        return prefix[: found.start()] + b'<dimension ref="' + ref + b'"' + prefix[found.end() :]

    def _patch_region(self, region: bytes, after: int, *, final: bool) -> tuple[bytes, int]:
        found = sheetscan.scan(region)
        existing = found.rows if found is not None else self._row_numbers(region)
        if self.last_row is not None and existing.size and existing[-1] > self.last_row:
            return self._patch_table_end(region, existing, after)
        region = self._shared.expand(region, owned_masters=True)
        last = int(existing[-1]) if existing.size else after
        upper = np.iinfo(np.int64).max if final else last
        lo, hi = np.searchsorted(self.rows, [after, upper], side="right")
        wanted = self.rows[lo:hi]
        inside = wanted[wanted <= last]
        body = None
        if found is not None and existing.size and np.isin(inside, existing).all():
            body = self._patch_fast(region, found, lo, hi)
        if body is None:
            body = self._patch_general(region, lo, hi) if existing.size else region
        extra = np.searchsorted(self.rows, last, side="right")
        if final and extra < hi:
            body = self._append_rows(body, extra, hi)
        return body, last

    def _patch_table_end(
        self, region: bytes, existing: np.ndarray, after: int
    ) -> tuple[bytes, int]:
        """Patch the rows of ``region`` down to the Table's last data row; keep the rest as is."""
        inside = int(np.searchsorted(existing, self.last_row, side="right"))
        if not inside:
            return self._shared.expand(region, owned_masters=False), int(existing[-1])
        below = next(itertools.islice(ROW_TAG.finditer(region), inside, None)).start()
        body, _ = self._patch_region(region[:below], after, final=True)
        rest = self._shared.expand(region[below:], owned_masters=False)
        return body + rest, int(existing[-1])

    def _row_numbers(self, region: bytes) -> np.ndarray:
        """Return the row numbers of XML not laid out simply, checking every address is there."""
        numbers = _ROW_NUMBER.findall(region)
        if len(numbers) != region.count(b"<row") or b"<c>" in region or b"<c/>" in region:
            raise CannotWrite(self.path, "a row or cell has no address", "有行或单元格没有地址")
        if len(_CELL_ADDRESS.findall(region)) != region.count(b"<c "):
            raise CannotWrite(self.path, "a cell has no address", "有单元格没有地址")
        return np.array(numbers, dtype=np.bytes_).astype(np.int64)

    def _patch_fast(self, region: bytes, found: sheetscan.Scan, lo: int, hi: int) -> bytes | None:
        """Put the new cells before each ``</row>``, or return None if the rows do not allow it.

        That takes every existing row having its end tag and no user cell right of the first
        owned column: then the old owned cells are each row's tail, cut by one substitution.
        """
        if not self.columns:
            return region
        owned = np.isin(found.columns, self._owned_columns)
        if ((found.columns > self._owned_columns[0]) & ~owned).any():
            return None
        stripped = self._tail.sub(b"", region) if owned.any() else region
        parts = stripped.split(b"</row>")
        if len(parts) - 1 != len(found.rows):
            return None
        rows = self.rows[lo:hi]
        if not rows.size:
            return stripped
        if np.array_equal(rows, found.rows):
            new = [cells[lo:hi].tolist() for cells in self.cells]
        else:
            at = np.searchsorted(rows, found.rows).clip(0, len(rows) - 1)
            hit = rows[at] == found.rows
            new = [np.where(hit, cells[lo + at], b"").tolist() for cells in self.cells]
        # Row i becomes its XML up to </row>, its new cells column by column, then </row>.
        stride = len(new) + 2
        pieces = [b"</row>"] * (stride * len(found.rows) + 1)
        pieces[::stride] = parts
        for offset, cells in enumerate(new, start=1):
            pieces[offset::stride] = cells
        return b"".join(pieces)

    def _patch_general(self, region: bytes, lo: int, hi: int) -> bytes:
        out = []
        pos = 0
        index = lo
        letters = [c.col for c in self.columns]
        encoded = [cells[lo:hi].tolist() for cells in self.cells]
        for row in ROW_ELEMENT.finditer(region):
            number = int(ROW_NUMBER.search(row.group()).group(1))  # type: ignore[union-attr]
            out.append(region[pos : row.start()])
            while index < hi and self.rows[index] < number:
                out.append(self._new_row(index, encoded, lo))
                index += 1
            xml = self._owned.sub(b"", row.group())
            if index < hi and self.rows[index] == number:
                new = [
                    (col, enc[index - lo])
                    for col, enc in zip(letters, encoded, strict=True)
                    if enc[index - lo]
                ]
                xml = _merge_row(xml, new)
                index += 1
            out.append(xml)
            pos = row.end()
        out.append(region[pos:])
        return b"".join(out)

    def _new_row(self, index: int, encoded: list[list[bytes]], lo: int) -> bytes:
        cells = b"".join(enc[index - lo] for enc in encoded)
        return b'<row r="%d">%s</row>' % (self.rows[index], cells)

    def _append_rows(self, body: bytes, lo: int, hi: int) -> bytes:
        rows = np.strings.add(b'<row r="', cellxml.int_text(self.rows[lo:hi]))
        rows = np.strings.add(rows, b'">')
        for cells in self.cells:
            rows = np.strings.add(rows, cells[lo:hi])
        return body + b"".join(np.strings.add(rows, b"</row>").tolist())


def _merge_row(row: bytes, new: list[tuple[int, bytes]]) -> bytes:
    """Insert cells ``(column, xml)`` into a ``<row>`` element, keeping cells sorted by column."""
    if not new:
        return row
    if row.endswith(b"/>"):
        return row[:-2] + b">" + b"".join(xml for _, xml in new) + b"</row>"
    starts = [(column_number(m.group(1).decode()), m.start()) for m in _CELL_COLUMN.finditer(row)]
    out = []
    pos = 0
    end = len(row) - len(b"</row>")
    for col, xml in new:
        at = next((start for c, start in starts if c > col), end)
        at = max(at, pos)
        out.append(row[pos:at])
        out.append(xml)
        pos = at
    out.append(row[pos:])
    return b"".join(out)
