"""A book made macro-enabled with arsheet's buttons, edited from its package losslessly.

What changes: the workbook part's content type becomes the macro-enabled one; the VBA project
(:mod:`.vba`) is added with its relationship; workbook.xml gets the project's code name and the
names of the buttons' cells; the Dashboard gets a Recalculate button, How to use a small panel
(an action drop-down, a customer drop-down, a Run button), each button in the sheet's legacy
drawing (:mod:`.buttons_vml`) running ``SampleCall``; styles.xml gets the panel's cell styles.
Every other member is copied byte for byte, still compressed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import posixpath
import re
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree

from arsheet.adapters.xlsx import button_sheet as sheet_edit
from arsheet.adapters.xlsx.button_sheet import Cell, ListValidation
from arsheet.adapters.xlsx.buttons_vml import (
    VML_CONTENT,
    VML_REL_TYPE,
    Button,
    Grid,
    new_drawing,
    used_blocks,
    with_buttons,
)
from arsheet.adapters.xlsx.marks import read_marks
from arsheet.adapters.xlsx.package import MAIN_NS, REL_NS, Package, rels_path, resolve_target
from arsheet.adapters.xlsx.packagelists import (
    CONTENT_TYPES,
    free_rel_id,
    overrides,
    with_overrides,
    with_relationships,
    without_override,
)
from arsheet.adapters.xlsx.sheetxml import refuse_prefixes
from arsheet.adapters.xlsx.styles import StyleBook
from arsheet.adapters.xlsx.vba import (
    BUTTON_MACRO,
    MACRO_WORKBOOK_CONTENT,
    SHEET_CODE_NAMES,
    VBA_CONTENT,
    VBA_PART,
    VBA_REL_TYPE,
    WORKBOOK_CODE_NAME,
    VbaProject,
)
from arsheet.adapters.xlsx.workbookxml import with_defined_names, with_sheet_names
from arsheet.adapters.xlsx.writer import write_members
from arsheet.book.address import column_letter
from arsheet.book.content import Style
from arsheet.book.contract import DASHBOARD, HOW_TO
from arsheet.book.marks import ACTION_NAME, BUTTONS_MARK, CUSTOMER_NAME, cell_ref
from arsheet.buttons.actions import ACTIONS
from arsheet.errors import CannotWrite

_WORKBOOK_PR = re.compile(rb"<workbookPr\b[^>]*?(/?)>")
_CODE_NAME_ATTR = re.compile(rb'\scodeName="[^"]*"')
_RUN = {"en": "Run", "zh": "运行"}
_ACTION = {"en": "Action", "zh": "操作"}
_CUSTOMER = {"en": "Customer", "zh": "客户"}
_EMPTY_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<Relationships xmlns="%s"></Relationships>' % REL_NS.encode()
)
# Where the Dashboard's button sits: above its charts, which start at H3, over H1:J2 (the
# columns a recalculation leaves at their default width, room for the caption in any program).
_DASHBOARD_BUTTON = Button("", BUTTON_MACRO, 8, 1, cols=3, rows=2)


@dataclass(frozen=True)
class ButtonBook:
    """What a book's buttons need to know of it.

    Attributes:
        lang: the book's language, for captions and the action list.
        customers: the Customers sheet's ID cells below the header, as a range formula for
            the customer drop-down (None: the book has no Customers sheet to list).
    """

    lang: str
    customers: str | None


@dataclass
class _Edits:
    replaced: dict[str, bytes] = field(default_factory=dict)
    added: dict[str, bytes] = field(default_factory=dict)
    types: list[tuple[str, str]] = field(default_factory=list)


def has_vba_project(package: Package) -> bool:
    """Return whether the book holds a VBA project."""
    return any(rel.get("Type") == VBA_REL_TYPE for rel in package.rels) or package.has(VBA_PART)


def has_arsheet_buttons(package: Package) -> bool:
    """Return whether the book's VBA project is the one arsheet put there with its buttons."""
    workbook = etree.fromstring(package.read(package.workbook_part))
    names = {n.get("name", "").lower() for n in workbook.iter(f"{{{MAIN_NS}}}definedName")}
    return has_vba_project(package) and BUTTONS_MARK in names


def write_macro_book(
    package: Package, book: ButtonBook, project: VbaProject, stream: BinaryIO
) -> None:
    """Write ``package`` made macro-enabled, with the buttons, to ``stream``.

    Args:
        package: the book, without a VBA project.
        book: its language and customer list.
        project: the VBA project to add.
        stream: where the new package goes.

    Raises:
        CannotWrite: the book has no sheet for the buttons, or the XML of one uses namespace
            prefixes or is not laid out as Excel writes it.
    """
    edits = _Edits()
    workbook = package.read(package.workbook_part)
    tabs = _button_sheets(package, workbook)
    names = [(BUTTONS_MARK, '"' + project.source.replace('"', '""') + '"')]
    styles = StyleBook(package.read(package.styles_part)) if package.styles_part else None
    label_style = styles.cell_style(Style.TEXT, owned_column=False, bold=True) if styles else 0
    input_style = styles.cell_style(Style.TEXT, owned_column=False) if styles else 0
    blocks = used_blocks(package.read(i.filename) for i in package.infos if _is_vml(i.filename))
    code_names = _code_names(package, tabs)
    for index, (key, tab) in enumerate(tabs):
        part = package.sheets[tab].part
        xml = package.read(part)
        refuse_prefixes(xml, package.path, tab)
        if code_names:
            xml = sheet_edit.with_code_name(xml, SHEET_CODE_NAMES[index])
        if key == HOW_TO.key:
            try:
                xml, buttons = _panel(xml, book, label_style, input_style)
            except ValueError as exc:
                raise CannotWrite(
                    package.path,
                    f"the sheet {tab!r} is not laid out as Excel writes it ({exc})",
                    f"工作表“{tab}”的结构与 Excel 所写的不同（{exc}）",
                ) from exc
            col = buttons[0].col
            names += [(ACTION_NAME, cell_ref(tab, col + 1, 1))]
            names += [(CUSTOMER_NAME, cell_ref(tab, col + 1, 2))]
            workbook = _printed_without_panel(workbook, tab, col, sheet_edit.last_row(xml))
        else:
            buttons = [dataclasses.replace(_DASHBOARD_BUTTON, caption=ACTIONS[0].label(book.lang))]
        block = max(blocks, default=0) + 1
        blocks.add(block)
        edits.replaced[part] = _with_drawing(package, part, xml, buttons, block, edits)
    workbook = _with_code_name(workbook)
    edits.replaced[package.workbook_part] = with_defined_names(workbook, names)
    if styles is not None and package.styles_part is not None:
        edits.replaced[package.styles_part] = styles.to_bytes()
    _add_project(package, project, edits)
    write_members(package, stream, {}, edits.replaced.get, (), edits.added)


def _button_sheets(package: Package, workbook: bytes) -> list[tuple[str, str]]:
    """Return (key, tab) of the How to use sheet and the Dashboard, those the book has.

    The Dashboard is found as a recalculation finds it: by its mark, or by its name in a
    book without marks (made before them); a sheet of the user's that is only so named is not.

    Raises:
        CannotWrite: the book has neither.
    """
    marks = read_marks(workbook)
    dashboard = marks.sheets.get(DASHBOARD.key)
    if not marks.present:
        dashboard = next((n for n in DASHBOARD.names() if n in package.sheets), None)
    how_to = next((n for n in HOW_TO.names() if n in package.sheets), None)
    found = [
        (key, tab)
        for key, tab in ((HOW_TO.key, how_to), (DASHBOARD.key, dashboard))
        if tab in package.sheets
    ]
    if not found:
        raise CannotWrite(
            package.path,
            "it has neither a Dashboard nor a How to use sheet to put the buttons on; "
            "run arsheet recalc, which adds the Dashboard, then try again",
            "其中既没有“仪表盘”也没有“使用说明”工作表可放置按钮；"
            "请先运行 arsheet recalc（会添加仪表盘），再重试",
        )
    return found


def _code_names(package: Package, tabs: list[tuple[str, str]]) -> bool:
    """Return whether the button sheets may take the project's sheet code names.

    Only when no sheet has a code name yet: one the user's program gave stays, and two
    sheets never share one. A sheet's code name sits at its start, so only that is read.
    """
    for sheet in package.sheets.values():
        with contextlib.closing(package.stream(sheet.part)) as chunks:  # type: ignore[type-var]
            head = next(chunks, b"")
        if sheet_edit.code_name(head) is not None:
            return False
    return len(tabs) <= len(SHEET_CODE_NAMES)


def _panel(
    xml: bytes, book: ButtonBook, label_style: int, input_style: int
) -> tuple[bytes, list[Button]]:
    """Return How to use with the panel right of its text, and the panel's Run button."""
    lang = book.lang
    col = max(sheet_edit.last_column(xml), 1) + 2
    labels = [action.label(lang) for action in ACTIONS]
    xml = sheet_edit.with_cells(
        xml,
        [
            Cell(1, col, _ACTION[lang], label_style),
            Cell(1, col + 1, labels[0], input_style),
            Cell(2, col, _CUSTOMER[lang], label_style),
        ],
    )
    ref = column_letter(col + 1)
    validations = [ListValidation(f"{ref}1", '"' + ",".join(labels) + '"')]
    if book.customers is not None:
        validations.append(ListValidation(f"{ref}2", book.customers))
    xml = sheet_edit.with_validations(xml, validations)
    xml = sheet_edit.with_widths(xml, {col: 12, col + 1: 28})
    return xml, [Button(_RUN[lang], BUTTON_MACRO, col, 3, cols=2, rows=2)]


def _with_drawing(
    package: Package, part: str, xml: bytes, buttons: list[Button], block: int, edits: _Edits
) -> bytes:
    """Put ``buttons`` in the sheet's legacy drawing, added when it has none; return its XML."""
    grid = Grid(xml)
    rels_name = rels_path(part)
    rels = package.read(rels_name) if package.has(rels_name) else None
    rel_id = sheet_edit.legacy_drawing_rel(xml)
    if rel_id is not None and rels is not None:
        target = _rel_target(rels, part, rel_id)
        if target is not None and package.has(target):
            edits.replaced[target] = with_buttons(package.read(target), buttons, grid)
            return xml
    number = 1
    while package.has(f"xl/drawings/vmlDrawing{number}.vml") or (
        f"xl/drawings/vmlDrawing{number}.vml" in edits.added
    ):
        number += 1
    drawing = f"xl/drawings/vmlDrawing{number}.vml"
    edits.added[drawing] = new_drawing(buttons, grid, block)
    edits.types.append((drawing, VML_CONTENT))
    rels = rels or _EMPTY_RELS
    taken = re.findall(rb'\sId="([^"]*)"', rels)
    new_id = free_rel_id([t.decode() for t in taken])
    target = posixpath.relpath(drawing, posixpath.dirname(part))
    new_rels = with_relationships(rels, [(new_id, VML_REL_TYPE, target)])
    (edits.replaced if package.has(rels_name) else edits.added)[rels_name] = new_rels
    return sheet_edit.with_legacy_drawing(xml, new_id)


def _rel_target(rels: bytes, part: str, rel_id: str) -> str | None:
    """Return the part that relationship ``rel_id`` of ``part`` points at, or None."""
    for rel in etree.fromstring(rels).iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Id") == rel_id:
            return resolve_target(part, rel.get("Target", ""))
    return None


def _printed_without_panel(workbook: bytes, tab: str, col: int, rows: int) -> bytes:
    """Return workbook.xml printing How to use's ``rows`` as before, not the panel at ``col``.

    A print area the book has already stays: it is the user's.
    """
    root = etree.fromstring(workbook)
    position = [s.get("name") for s in root.iter(f"{{{MAIN_NS}}}sheet")].index(tab)
    if any(
        name.get("name") == "_xlnm.Print_Area" and name.get("localSheetId") == str(position)
        for name in root.iter(f"{{{MAIN_NS}}}definedName")
    ):
        return workbook
    area = "'" + tab.replace("'", "''") + f"'!$A$1:${column_letter(col - 2)}${rows}"
    return with_sheet_names(workbook, "_xlnm.Print_Area", [(tab, area)], hidden=False)


def _with_code_name(workbook: bytes) -> bytes:
    """Return workbook.xml with the project's workbook code name (``ThisWorkbook``)."""
    attribute = b' codeName="%s"' % WORKBOOK_CODE_NAME.encode()
    found = _WORKBOOK_PR.search(workbook)
    if found is None:
        at = re.search(rb"<(?:\w+:)?(?:workbookProtection|bookViews|sheets)\b", workbook)
        assert at is not None
        return workbook[: at.start()] + b"<workbookPr%s/>" % attribute + workbook[at.start() :]
    tag = _CODE_NAME_ATTR.sub(b"", found.group())
    end = len(tag) - len(found.group(1)) - 1
    tag = tag[:end] + attribute + tag[end:]
    return workbook[: found.start()] + tag + workbook[found.end() :]


def _add_project(package: Package, project: VbaProject, edits: _Edits) -> None:
    """Add the VBA project, its relationship and content types, the workbook's macro-enabled."""
    edits.added[VBA_PART] = project.data
    rels_name = rels_path(package.workbook_part)
    target = posixpath.relpath(VBA_PART, posixpath.dirname(package.workbook_part))
    edits.replaced[rels_name] = with_relationships(
        package.read(rels_name), [(free_rel_id(package.rel_ids), VBA_REL_TYPE, target)]
    )
    types = package.read(CONTENT_TYPES)
    if package.workbook_part in overrides(types):
        types = without_override(types, package.workbook_part)
    edits.replaced[CONTENT_TYPES] = with_overrides(
        types,
        [(package.workbook_part, MACRO_WORKBOOK_CONTENT), *edits.types, (VBA_PART, VBA_CONTENT)],
    )


def _is_vml(name: str) -> bool:
    return name.lower().endswith(".vml")
