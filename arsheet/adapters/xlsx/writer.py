"""Write computed results into the user's workbook, losslessly, atomically and fast.

Of the package, arsheet changes only: the owned cells of record sheets (patched in place), the
sheets it owns (rewritten, drawings kept, their charts made to read the rows written:
:mod:`.chart_ranges`), entries appended to styles.xml, in workbook.xml the
marks of what it owns (:mod:`.marks`) and the flag that makes the spreadsheet recalculate formulas
reading owned cells on open, and, for a new owned sheet, one line each in workbook.xml, its
relationships and [Content_Types].xml. A sheet arsheet owns is found by its mark, never taken from
the user by its name (:mod:`.ownership`); a protected sheet or locked structure stops the write.
The calculation chain goes only if it names cells arsheet replaced. Every other member is copied
byte for byte, still compressed.
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from lxml import etree

from arsheet.adapters.xlsx.chart_ranges import charted_ranges, charts_reading_rows
from arsheet.adapters.xlsx.dashboard_charts import dashboard_charts
from arsheet.adapters.xlsx.deflate import Deflater
from arsheet.adapters.xlsx.marks import read_marks
from arsheet.adapters.xlsx.owned import owned_sheet_xml
from arsheet.adapters.xlsx.package import (
    MAIN_NS,
    WORKSHEET_CONTENT,
    WORKSHEET_TYPE,
    Package,
    copy_raw,
    open_output,
    rels_path,
)
from arsheet.adapters.xlsx.packagelists import (
    CONTENT_TYPES,
    free_rel_id,
    with_overrides,
    with_relationships,
    without_override,
    without_relationship,
)
from arsheet.adapters.xlsx.patch import RecordPatch
from arsheet.adapters.xlsx.protection import check_sheet, check_structure, checked_stream
from arsheet.adapters.xlsx.save import replace_atomically
from arsheet.adapters.xlsx.styles import StyleBook
from arsheet.adapters.xlsx.workbookxml import (
    with_defined_names,
    with_full_calc_on_load,
    with_print_titles,
    with_sheet_names,
    with_sheets,
)
from arsheet.book.address import column_letter
from arsheet.book.content import SheetContent, Style
from arsheet.book.contract import DASHBOARD
from arsheet.book.layout import OwnedColumns
from arsheet.book.marks import cell_ref, column_mark, sheet_mark
from arsheet.book.ownership import place_owned_sheets
from arsheet.errors import CannotWrite

_OWNED_COLUMN_STYLES = (Style.MONEY, Style.DATE, Style.INT, Style.NUMBER, Style.PERCENT, Style.TEXT)
_HIGHLIGHT_STYLES = (Style.OK, Style.BAD, Style.TOTAL)
# The styles a bold block (a totals row) may use.
_BOLD_STYLES = (Style.TEXT, Style.MONEY, Style.DATE, Style.INT, Style.NUMBER, Style.PERCENT)
_NEW_MEMBER_TIME = (1980, 1, 1, 0, 0, 0)
_CALC_CELL = re.compile(rb'<c\b[^>]*?\sr="([A-Z]+)(\d+)"(?:[^>]*?\si="(\d+)")?')


@dataclass
class _Plan:
    """What happens to each member of the package."""

    patches: dict[str, tuple[str, RecordPatch]] = field(default_factory=dict)
    replaced: dict[str, bytes] = field(default_factory=dict)
    added: dict[str, bytes] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)


def write_package(
    package: Package,
    columns: Sequence[OwnedColumns],
    sheets: Sequence[SheetContent],
    *,
    lang: str,
    backup: Path | None,
    title: Callable[[str], str],
) -> None:
    """Write owned columns and owned sheets into the workbook ``package`` was opened from.

    Args:
        package: the workbook's package.
        columns: new values of the owned columns of record sheets.
        sheets: the content of the owned sheets; missing ones are added after the last tab,
            under a name no user sheet has.
        lang: the book's language, for the headers of owned columns added to a sheet.
        backup: where to keep the previous version, or None for no backup.
        title: the text of A1 of a tab, which tells an unmarked owned sheet of older books.

    Raises:
        BookLocked: Excel, WPS or LibreOffice has the book open; nothing was touched.
        BookProtected: a sheet to write is protected or the workbook's structure is locked;
            nothing was touched.
        CannotWrite: a sheet is missing or laid out unexpectedly, or the file cannot be saved;
            the original is unchanged.
    """
    try:
        plan = _plan(package, columns, sheets, lang, title)
        replace_atomically(package.path, lambda stream: _write(package, plan, stream), backup)
    except OSError as exc:
        raise CannotWrite(package.path, exc.strerror or str(exc)) from exc


def _plan(
    package: Package,
    columns: Sequence[OwnedColumns],
    sheets: Sequence[SheetContent],
    lang: str,
    title: Callable[[str], str],
) -> _Plan:
    workbook = package.read(package.workbook_part)
    check_structure(package.path, workbook)
    if package.styles_part is None:
        raise CannotWrite(package.path, "the workbook has no styles part", "工作簿没有样式部件")
    styles = StyleBook(package.read(package.styles_part))
    # Always the same styles in the same order, so the ids and styles.xml are stable across runs.
    column_ids = {s: styles.cell_style(s, owned_column=True) for s in _OWNED_COLUMN_STYLES}
    sheet_ids = {s: styles.cell_style(s, owned_column=False) for s in Style}
    bold_ids = {s: styles.cell_style(s, owned_column=False, bold=True) for s in _BOLD_STYLES}
    highlight_ids = {s: styles.highlight_style(s) for s in _HIGHLIGHT_STYLES}
    header_ids = (styles.table_header_style(number=False), styles.table_header_style(number=True))
    plan = _Plan()
    marks: list[tuple[str, str]] = []
    owned_cells: dict[int, tuple[set[str], int]] = {}
    for owned in columns:
        layout = owned.layout
        sheet = package.sheets.get(layout.name)
        if sheet is None:
            raise CannotWrite(
                package.path,
                f"the sheet {layout.name!r} is missing",
                f"缺少工作表“{layout.name}”",
            )
        patch = RecordPatch(
            owned, column_ids, sheet_ids[Style.HEADER], lang, package.date1904, package.path
        )
        plan.patches[sheet.part] = (layout.name, patch)
        letters = {column_letter(c.col) for c in patch.columns}
        owned_cells[sheet.sheet_id] = (letters, layout.header_row)
        marks += [
            (column_mark(layout.key, c.key), cell_ref(layout.name, c.col, layout.header_row))
            for c in patch.columns
        ]
    new_sheets = []
    # Chart sheets and dialog sheets hold names too.
    taken = [s.get("name", "") for s in etree.fromstring(workbook).iter(f"{{{MAIN_NS}}}sheet")]
    marked = read_marks(workbook)
    filters: list[tuple[str, str | None]] = []
    print_titles: list[tuple[str, tuple[int, int] | None]] = []
    for content, new in place_owned_sheets(sheets, list(package.sheets), taken, marked, title):
        if new:
            new_sheets.append(content)
        else:
            existing = package.sheets[content.name]
            old = package.read(existing.part)
            check_sheet(package.path, existing.name, old)
            xml = owned_sheet_xml(
                content, sheet_ids, bold_ids, header_ids, highlight_ids, package.date1904, old
            )
            plan.replaced[existing.part] = xml
            plan.replaced.update(charts_reading_rows(package, existing.part, content))
            owned_cells[existing.sheet_id] = (set(), 0)
        marks.append((sheet_mark(content.key), cell_ref(content.name, 1, 1)))
        filters.append((content.name, _filter_range(content)))
        print_titles.append((content.name, content.printed_header_rows()))
    if new_sheets:
        workbook = _add_sheets(
            package,
            plan,
            workbook,
            new_sheets,
            sheet_ids,
            bold_ids,
            header_ids,
            highlight_ids,
            lang,
        )
    workbook = with_print_titles(with_defined_names(workbook, marks), print_titles)
    workbook = with_full_calc_on_load(workbook)
    workbook = with_sheet_names(workbook, "_xlnm._FilterDatabase", filters)
    plan.replaced[package.workbook_part] = workbook
    plan.replaced[package.styles_part] = styles.to_bytes()
    if package.calc_chain_part and _chain_names_owned(
        package.read(package.calc_chain_part), owned_cells
    ):
        _drop_calc_chain(package, plan)
    return plan


def _filter_range(content: SheetContent) -> str | None:
    """Return the formula of an owned sheet's autofilter range (``'Summary'!$A$3:$X$40``)."""
    if content.autofilter is None:
        return None
    quoted = "'" + content.name.replace("'", "''") + "'"
    return quoted + "!" + re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", content.autofilter)


def _add_sheets(
    package: Package,
    plan: _Plan,
    workbook: bytes,
    contents: list[SheetContent],
    sheet_ids: dict[Style, int],
    bold_ids: dict[Style, int],
    header_ids: tuple[int, int],
    highlight_ids: dict[Style, int],
    lang: str,
) -> bytes:
    """Add owned sheets that the book lacks, with minimal edits of the three package lists.

    A new Dashboard brings its charts along (:mod:`.dashboard_charts`).
    Returns ``workbook`` (workbook.xml) with the new sheets listed.
    """
    rels_name = rels_path(package.workbook_part)
    next_id = max(package.sheet_ids, default=0) + 1
    taken_rels = set(package.rel_ids)
    number = 1
    entries: list[tuple[str, int, str]] = []
    relations: list[tuple[str, str, str]] = []
    overrides: list[tuple[str, str]] = []
    for content in contents:
        while package.has(f"xl/worksheets/sheet{number}.xml"):
            number += 1
        part = f"xl/worksheets/sheet{number}.xml"
        number += 1
        rel_id = free_rel_id(taken_rels)
        taken_rels.add(rel_id)
        charts = None
        if content.key == DASHBOARD.key:
            charts = dashboard_charts(
                lang,
                lambda name: package.has(name) or name in plan.added,
                content.name,
                charted_ranges(content),
            )
            plan.added[rels_path(part)] = charts.sheet_rels
            plan.added.update(charts.members)
            overrides += charts.content_types
        plan.added[part] = owned_sheet_xml(
            content,
            sheet_ids,
            bold_ids,
            header_ids,
            highlight_ids,
            package.date1904,
            charts.sheet_xml if charts else None,
        )
        entries.append((content.name, next_id, rel_id))
        next_id += 1
        target = posixpath.relpath(part, posixpath.dirname(package.workbook_part))
        relations.append((rel_id, WORKSHEET_TYPE, target))
        overrides.append((part, WORKSHEET_CONTENT))
    try:
        workbook = with_sheets(workbook, entries)
    except ValueError as exc:
        raise CannotWrite(
            package.path, "workbook.xml lists no sheets", "workbook.xml 中没有列出工作表"
        ) from exc
    rels = plan.replaced.get(rels_name) or package.read(rels_name)
    plan.replaced[rels_name] = with_relationships(rels, relations)
    plan.replaced[CONTENT_TYPES] = with_overrides(package.read(CONTENT_TYPES), overrides)
    return workbook


def _chain_names_owned(chain: bytes, owned_cells: dict[int, tuple[set[str], int]]) -> bool:
    """Return whether the calculation chain lists a cell that arsheet replaces."""
    found = _CALC_CELL.findall(chain)
    if not found:
        return False
    frame = pd.DataFrame(found, columns=["col", "row", "sheet"])
    # An entry without i= belongs to the same sheet as the entry before it.
    sheet = frame["sheet"].replace(b"", None).ffill().fillna(b"0")
    sheet_ids = pd.to_numeric(sheet.map(bytes.decode))
    rows = pd.to_numeric(frame["row"].map(bytes.decode))
    cols = frame["col"].map(bytes.decode)
    for sheet_id, (letters, header_row) in owned_cells.items():
        on_sheet = sheet_ids == sheet_id
        if not letters and on_sheet.any():
            return True
        if (on_sheet & cols.isin(letters) & (rows > header_row)).any():
            return True
    return False


def _drop_calc_chain(package: Package, plan: _Plan) -> None:
    part, rel_id = package.calc_chain_part, package.calc_chain_rel
    assert part is not None
    assert rel_id is not None
    plan.removed.add(part)
    rels_name = rels_path(package.workbook_part)
    rels = plan.replaced.get(rels_name) or package.read(rels_name)
    plan.replaced[rels_name] = without_relationship(rels, rel_id)
    types = plan.replaced.get(CONTENT_TYPES) or package.read(CONTENT_TYPES)
    plan.replaced[CONTENT_TYPES] = without_override(types, part)


def _write(package: Package, plan: _Plan, stream: BinaryIO) -> None:
    """Write the new package: patched, replaced and copied members in the original order."""
    streamed = {
        part: functools.partial(_patched, package.path, sheet, patch)
        for part, (sheet, patch) in plan.patches.items()
    }
    write_members(package, stream, streamed, plan.replaced.get, plan.removed, plan.added)


def _patched(
    path: Path, sheet: str, patch: RecordPatch, chunks: Iterable[bytes]
) -> Iterator[bytes]:
    return patch.apply(checked_stream(path, sheet, chunks))


def write_members(
    package: Package,
    stream: BinaryIO,
    streamed: Mapping[str, Callable[[Iterable[bytes]], Iterable[bytes]]],
    replaced: Callable[[str], bytes | None],
    removed: Collection[str] = (),
    added: Mapping[str, bytes] | None = None,
) -> None:
    """Write a package edited from ``package`` to ``stream``, every member in its stored order.

    Args:
        package: the package as found.
        stream: where the new package goes.
        streamed: member -> an edit its XML streams through, chunk by chunk.
        replaced: member -> its new bytes, or None to keep it; asked as the members come, so
            that a member may depend on one streamed before it. A member whose new bytes are
            its old ones is copied as stored.
        removed: members to leave out.
        added: new members, written after the others.
    """
    with open_output(stream) as out, Deflater() as deflater:
        for info in package.infos:
            name = info.filename
            if name in removed:
                continue
            if name in streamed:
                chunks = streamed[name](package.stream(name))
                deflater.write_member(out, info, chunks, info.file_size)
            elif (xml := replaced(name)) is not None and xml != package.read(name):
                deflater.write_member(out, info, [xml], len(xml))
            else:
                copy_raw(out, info, package.raw(info))
        for name, xml in (added or {}).items():
            deflater.write_member(out, zipfile.ZipInfo(name, _NEW_MEMBER_TIME), [xml], len(xml))
