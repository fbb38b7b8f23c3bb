"""The actions that put a recalculation into an open workbook: owned columns, sheets and marks.

Where things go is decided as for every other book (:mod:`arsheet.book.ownership`, by the book
in memory the :class:`~arsheet.adapters.live.book.LiveBook` keeps); this module only turns the
result into whole-array writes and looks (:mod:`arsheet.adapters.live.actions`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from arsheet.adapters.live.actions import (
    Action,
    AddSheet,
    Area,
    Arrange,
    ClearLook,
    SetName,
    column_values,
    grid_values,
)
from arsheet.adapters.live.looks import (
    frozen,
    header_look,
    highlights,
    owned_column_look,
    sheet_looks,
)
from arsheet.adapters.live.values import excel_values, port_values
from arsheet.book.content import SheetContent, Style, owned_style
from arsheet.book.contract import TEMPLATE_ORDER, OwnedSheet
from arsheet.book.headers import find_sheet
from arsheet.book.layout import OwnedColumns
from arsheet.book.marks import Marks, parse_cell_ref
from arsheet.book.ownership import place_owned_columns

#: A sheet's extent: its number of rows and of columns.
Extent = tuple[int, int]


def extent(rows: Sequence[Sequence[object]]) -> Extent:
    """Return the rows and columns a tab of values spans."""
    return len(rows), max(map(len, rows), default=0)


def owned_column_actions(
    owned: OwnedColumns, height: int, lang: str, date1904: bool
) -> list[Action]:
    """Return the writes of one record sheet's owned columns, each one array from the header down.

    Args:
        owned: the new values and where the reader found the sheet's columns.
        height: the rows the sheet had before, the last cleared when there is no Table.
        lang: the book's language, for the header of an added column.
        date1904: the book counts dates from 1904.
    """
    layout = owned.layout
    first = layout.header_row + 1
    values = owned.values[owned.values.index > layout.header_row]
    last = layout.last_row or max([height, *values.index])
    actions: list[Action] = []
    for place in place_owned_columns(layout):
        column, col = place.column, place.col
        if place.added:
            header = Area(layout.name, layout.header_row, col, layout.header_row, col)
            text = excel_values([column.header(lang)])
            actions += column_values(layout.name, layout.header_row, col, text)
            actions.append(header_look(header))
        if last < first:
            continue
        style = owned_style(column.kind)
        if column.key in values.columns:
            cells = port_values(values[column.key].reindex(range(first, last + 1)), style, date1904)
        else:
            cells = [None] * (last - first + 1)
        actions += column_values(layout.name, first, col, cells)
        actions.append(owned_column_look(Area(layout.name, first, col, last, col), style))
    return actions


def owned_sheet_actions(
    content: SheetContent,
    rows: Sequence[Sequence[object]],
    styles: Mapping[tuple[int, int], Style],
    before: Extent | None,
    date1904: bool,
) -> list[Action]:
    """Return the writes of one owned sheet: its content as arrays, what it had before cleared.

    The looks of what it had go (conditional formats too, in Excel) and the new ones are laid
    over the new content; a sheet this run adds gets its columns fitted and its panes frozen.
    Links into other sheets are not written: the cells hold their text.

    Args:
        content: the sheet's content, named as the tab it goes to.
        rows: its new content as rows of values from A1.
        styles: (row, column) -> the style of each written cell.
        before: the extent of the sheet before, None for a sheet added by this run.
        date1904: the book counts dates from 1904.
    """
    tab = content.name
    height, width = extent(rows)
    old_height, old_width = before or (0, 0)
    # The old content beyond the new one is written empty; its looks go too.
    height, width = max(height, old_height), max(width, old_width)
    actions: list[Action] = []
    if before is not None and old_height and old_width:
        actions.append(ClearLook(Area(tab, 1, 1, old_height, old_width)))
    actions += grid_values(tab, rows, (height, width), date1904)
    actions += sheet_looks(tab, styles)
    actions += highlights(content)
    if before is None:
        actions.append(Arrange(tab, frozen(content)))
    return actions


def new_sheet(key: str, tab: str, tabs: Sequence[str], marks: Marks) -> AddSheet:
    """Return where the owned sheet ``key`` is added: right of the tab a new book has left of it.

    A sheet a new book does not have goes right of the tabs a new book has.

    Args:
        key: the owned sheet's key.
        tab: the tab it is added as.
        tabs: the book's tabs, in order.
        marks: the book's marks, which name its owned sheets.
    """
    keys = [s.key for s in TEMPLATE_ORDER]
    index = keys.index(key) if key in keys else len(keys)
    found = [
        marks.sheets.get(s.key) if isinstance(s, OwnedSheet) else find_sheet(tabs, s.names())
        for s in TEMPLATE_ORDER[:index]
    ]
    before = [tabs.index(t) for t in found if t in tabs]
    if before:
        return AddSheet(tab, after=tabs[max(before)], before=None)
    return AddSheet(tab, after=None, before=tabs[0] if tabs else None)


def mark_actions(before: Mapping[str, str], after: Mapping[str, str]) -> list[SetName]:
    """Return the names to set for the marks that are new or point elsewhere now."""
    known = {name.casefold(): (name, ref) for name, ref in before.items()}
    actions = []
    for name, ref in after.items():
        old = known.get(name.casefold())
        if old is None:
            actions.append(SetName(name, "=" + ref, exists=False))
        # Excel quotes a sheet name only when it must: the cells are compared, not the text.
        elif old[1] != ref and parse_cell_ref(old[1]) != parse_cell_ref(ref):
            actions.append(SetName(old[0], "=" + ref, exists=True))
    return actions
