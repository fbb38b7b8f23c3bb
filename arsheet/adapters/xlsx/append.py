"""Append records to a record sheet of an .xlsx/.xlsm file, losslessly and atomically.

Where the rows go and whether they fit is decided above the file format
(:mod:`arsheet.book.next_rows`, :mod:`arsheet.book.new_records`); every problem refuses the
whole append before anything is written. Of the package, an append changes only: the sheet's
XML (:mod:`.append_sheet`: the new rows, built on the row above by :mod:`.append_rows`, and its
used range, validation and conditional format ranges, grown by :mod:`.append_ranges`),
the Table's range, sharedStrings.xml when the book keeps its text there (:mod:`.shared_strings`;
inline strings otherwise), styles.xml only for a date that finds no date style to take, and in
workbook.xml the flag that makes the spreadsheet recalculate formulas on open, since the user's
formulas may read the new rows. Every other member is copied byte for byte, still compressed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import numpy as np
from lxml import etree

from arsheet.adapters.xlsx.append_rows import NewCell, RowsToAdd
from arsheet.adapters.xlsx.append_sheet import AppendedSheet
from arsheet.adapters.xlsx.cellxml import STR, escape_text
from arsheet.adapters.xlsx.package import (
    DOC_REL_NS,
    MAIN_NS,
    REL_NS,
    Package,
    rels_path,
    resolve_target,
)
from arsheet.adapters.xlsx.save import check_writable, replace_atomically
from arsheet.adapters.xlsx.shared_strings import SharedStrings
from arsheet.adapters.xlsx.styles import StyleBook
from arsheet.adapters.xlsx.workbookxml import with_full_calc_on_load
from arsheet.adapters.xlsx.writer import write_members
from arsheet.book.content import Style
from arsheet.book.excel_dates import epoch
from arsheet.book.new_records import CellValue
from arsheet.book.next_rows import NextRows, appended_sheet, checked_rows, place_rows
from arsheet.book.port import BookSource, TableRegion
from arsheet.errors import CannotWrite

#: The first whole number with more digits than the 15 Excel keeps.
_LONGEST_WHOLE = 10**15
_SHARED_STRINGS_TYPE = DOC_REL_NS + "/sharedStrings"
_TABLE_TYPE = DOC_REL_NS + "/table"
_TABLE_REF = re.compile(rb'(<(?:\w+:)?(?:table|autoFilter)\b[^>]*?\sref="[A-Z]+\d+:[A-Z]+)(\d+)"')


def append_records(
    source: BookSource,
    key: str,
    rows: Sequence[Mapping[str, object]],
    *,
    backup: Path | None,
    still_as_read: Callable[[], None],
) -> None:
    """Append ``rows`` to the record sheet ``key`` of the workbook file ``source`` reads.

    Args:
        source: the book, read to find the sheet, its header, Table and last record; its
            ``path`` is the file written.
        key: the contract key of a record sheet (``"payments"``, ``"collection_log"``, ...).
        rows: contract column key -> value, one mapping per new row (conventions:
            :meth:`arsheet.book.port.BookSink.append`).
        backup: where to keep the previous version, or None for no backup.
        still_as_read: raises when the file is no longer the one ``source`` read; asked once
            the package is open and again once the new one is written, before it replaces it.

    Raises:
        ValueError: ``key`` is not a record sheet's.
        RowsRefused: a value does not fit its column, a cell is in the way, or the sheet
            cannot take rows; nothing was written.
        BookLocked, BookReadOnly, BookNotWritable, BookProtected: as for every save; nothing
            was written.
        BookChanged: (from ``still_as_read``) another program or run saved the file meanwhile;
            nothing was written.
        CannotWrite: the file could not be saved; the original is unchanged.
    """
    sheet = appended_sheet(key)
    path = source.path
    # Whether the book is open elsewhere is asked once, just before the rename (save.py).
    check_writable(path)
    if not rows:
        return
    place = place_rows(source, sheet)
    package = Package(path)
    try:
        # Where the rows go was read from ``source``: it must be this very file.
        still_as_read()
        found = package.sheets.get(place.layout.name)
        if found is None:
            raise CannotWrite(
                path,
                f"the sheet {place.layout.name!r} is not a worksheet of the package",
                f"工作表“{place.layout.name}”不是该文件中的工作表",
            )
        part = found.part
        table_part, formulas = _table(package, part, place.table)
        checked = checked_rows(source, place, sheet, rows, formulas)
        edit = _Edit(package, place, table_part)
        new = RowsToAdd(
            place.layout.name,
            path,
            place.layout.header_row,
            {
                place.first_row + offset: cells
                for offset, cells in enumerate(edit.cells(checked.cells))
            },
            formulas,
        )

        def write(stream: BinaryIO) -> None:
            edit.write(part, new, stream)
            still_as_read()  # nobody saved the file while the new one was written

        replace_atomically(path, write, backup)
    except OSError as exc:
        raise CannotWrite(path, exc.strerror or str(exc)) from exc
    finally:
        package.close()


def _table(
    package: Package, sheet_part: str, table: TableRegion | None
) -> tuple[str | None, dict[int, str]]:
    """Return the part of the sheet's Table and its calculated column formulas by column."""
    if table is None:
        return None, {}
    rels_name = rels_path(sheet_part)
    if not package.has(rels_name):
        return None, {}
    for rel in etree.fromstring(package.read(rels_name)).iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type") != _TABLE_TYPE or rel.get("TargetMode") == "External":
            continue
        part = resolve_target(sheet_part, rel.get("Target", ""))
        xml = etree.fromstring(package.read(part))
        if (xml.get("displayName") or xml.get("name")) != table.name:
            continue
        formulas = {
            table.first_col + number: formula.text
            for number, column in enumerate(xml.iter(f"{{{MAIN_NS}}}tableColumn"))
            if (formula := column.find(f"{{{MAIN_NS}}}calculatedColumnFormula")) is not None
            and formula.text
        }
        return part, formulas
    return None, {}


def _whole_as_text(value: CellValue) -> CellValue:
    """Return a whole number longer than a cell holds as its text, which keeps every digit.

    Excel keeps 15 significant digits of a number (and the reader reads a double): an ID of
    more digits would come back as another ID. Excel users type such numbers as text too.
    """
    if isinstance(value, int) and abs(value) >= _LONGEST_WHOLE:
        return str(value)
    return value


class _Edit:
    """The members an append changes, and the new cells' XML."""

    def __init__(self, package: Package, place: NextRows, table_part: str | None) -> None:
        self.package = package
        self.place = place
        self.table_part = table_part
        strings = next(
            (
                resolve_target(package.workbook_part, rel.get("Target", ""))
                for rel in package.rels
                if rel.get("Type") == _SHARED_STRINGS_TYPE
            ),
            None,
        )
        self.strings_part = strings if strings and package.has(strings) else None
        self.strings = SharedStrings(package.read(self.strings_part)) if self.strings_part else None
        self.styles = StyleBook(package.read(package.styles_part)) if package.styles_part else None
        self._date_style: int | None = None
        self._escaped: dict[str, str] = {}

    def cells(self, rows: Sequence[Mapping[str, CellValue]]) -> list[dict[int, NewCell]]:
        """Return each new row's cells by column."""
        columns = self.place.layout.columns
        rows = [{key: _whole_as_text(value) for key, value in row.items()} for row in rows]
        # Escaped all at once: one array call per text is most of the time of a long append.
        texts = list(dict.fromkeys(v for row in rows for v in row.values() if isinstance(v, str)))
        escaped = escape_text(np.array(texts, dtype=STR)).tolist()
        self._escaped = dict(zip(texts, escaped, strict=True))
        return [{columns[key]: self._cell(value) for key, value in row.items()} for row in rows]

    def _cell(self, value: CellValue) -> NewCell:
        if isinstance(value, str):
            escaped = self._escaped[value]
            if self.strings is not None:
                return NewCell(b"s", b"<v>%d</v>" % self.strings.index(value, escaped))
            text = escaped.encode()
            space = b' xml:space="preserve"' if value != value.strip() else b""
            return NewCell(b"inlineStr", b"<is><t" + space + b">" + text + b"</t></is>")
        if isinstance(value, date):
            days = (np.datetime64(value, "D") - epoch(self.package.date1904)).astype(int)
            return NewCell(b"", b"<v>%d</v>" % days, self._date_style_id())
        if isinstance(value, Decimal):
            return NewCell(b"", b"<v>" + format(value.normalize(), "f").encode() + b"</v>")
        return NewCell(b"", b"<v>%d</v>" % value)

    def _date_style_id(self) -> int | None:
        """Return the date style a date cell takes when nothing else gives it one."""
        if self._date_style is None and self.styles is not None:
            self._date_style = self.styles.cell_style(Style.DATE, owned_column=False)
        return self._date_style

    def write(self, sheet_part: str, new: RowsToAdd, stream: BinaryIO) -> None:
        """Write the new package to ``stream``: members in their order, the edited ones new."""
        package = self.package
        replaced = {
            package.workbook_part: with_full_calc_on_load(package.read(package.workbook_part))
        }
        table = self.place.table
        if self.table_part and table is not None and new.last_row > table.last_row:
            replaced[self.table_part] = _TABLE_REF.sub(
                lambda m: m.group(1) + b"%d" % max(int(m.group(2)), new.last_row) + b'"',
                package.read(self.table_part),
            )
        if self.strings is not None and self.strings_part is not None:
            replaced[self.strings_part] = self.strings.to_bytes()
        sheet = AppendedSheet(new)

        def replacement(name: str) -> bytes | None:
            if name == package.styles_part and self._took_date_style(sheet, sheet_part):
                assert self.styles is not None
                return self.styles.to_bytes()
            return replaced.get(name)

        write_members(package, stream, {sheet_part: sheet.stream}, replacement)

    def _took_date_style(self, sheet: AppendedSheet, sheet_part: str) -> bool:
        """Return whether a new date cell took the date style that styles.xml may lack.

        Known once the sheet has streamed; when styles.xml comes first in the package, the
        sheet runs through once beforehand just to find out, so that no member moves.
        """
        if self._date_style is None:
            return False
        if not sheet.written:
            probe = AppendedSheet(sheet.new)
            for _ in probe.stream(self.package.stream(sheet_part)):
                pass
            return probe.fallback_used
        return sheet.fallback_used
