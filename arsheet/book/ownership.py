"""What arsheet owns in a book, and nothing more: its columns and sheets by mark, not by name.

A column titled "Status" or a sheet called "Check" may well be the user's own. In a book that
carries arsheet's marks (:mod:`arsheet.book.marks`), only the marked columns and sheets are
arsheet's. A book written before marks existed has none; there a column with an owned name is
arsheet's only in the block to the right of every input column found, and a sheet with an owned
name only when its A1 holds a title arsheet writes. Everything else is the user's and is left
alone; a column that merely shares an owned name gets a warning at its header cell.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from arsheet.book.content import SheetContent
from arsheet.book.contract import (
    OWNED_SHEETS,
    RECORD_SHEETS,
    SETTINGS_SHEET,
    Column,
    Sheet,
    record_sheet,
)
from arsheet.book.headers import header_index, normalize
from arsheet.book.layout import SheetLayout
from arsheet.book.marks import Marks
from arsheet.book.titles import is_arsheet_title
from arsheet.core.problems import Problem, Severity

#: The problem code of a user column that shares an owned column's name.
NOT_OWNED_COLUMN = "not_owned_column"


def claim_columns(
    sheet: Sheet, layout: SheetLayout, header: Sequence[object], marks: Marks
) -> tuple[SheetLayout, list[Problem]]:
    """Return ``layout`` with only arsheet's own columns among its owned keys, and warnings.

    Args:
        sheet: the contract record sheet.
        layout: the layout :func:`arsheet.book.headers.find_header` found.
        header: the cells of the header row, from column A.
        marks: the book's marks.

    Returns:
        The layout whose ``columns`` hold the input columns found and the owned columns that
        are arsheet's (an owned column not among them is added at the right by the writer), and
        one warning per other column titled like an owned column, at its header cell.
    """
    owned = {c.key for c in sheet.owned}
    index = header_index(sheet)
    titled: dict[str, list[int]] = {}
    for col, text in enumerate(header, start=1):
        hit = index.get(normalize(text))
        if hit and hit[0] in owned:
            titled.setdefault(hit[0], []).append(col)
    inputs = {key: col for key, col in layout.columns.items() if key not in owned}
    if marks.present:
        claimed = _marked(sheet, layout, titled, marks)
    else:
        # The grey block at the right: owned names left of an input column are the user's.
        right_of = max(inputs.values(), default=0)
        claimed = {
            key: min(right)
            for key, cols in titled.items()
            if (right := [c for c in cols if c > right_of])
        }
    problems = [
        Problem(
            sheet.key,
            layout.header_row,
            None,
            NOT_OWNED_COLUMN,
            Severity.WARNING,
            value=str(header[col - 1]),
            params=(("column", str(col)),),
        )
        for key, cols in titled.items()
        for col in cols
        if claimed.get(key) != col
    ]
    columns = dict(sorted({**inputs, **claimed}.items(), key=lambda item: item[1]))
    return dataclasses.replace(layout, columns=columns), problems


def _marked(
    sheet: Sheet, layout: SheetLayout, titled: Mapping[str, list[int]], marks: Marks
) -> dict[str, int]:
    """Return the owned columns whose marks point at a header cell still titled as that column."""
    claimed = {}
    for key, cols in titled.items():
        cell = marks.columns.get((sheet.key, key))
        if (
            cell is not None
            and cell.sheet.casefold() == layout.name.casefold()
            and cell.row == layout.header_row
            and cell.col in cols
        ):
            claimed[key] = cell.col
    return claimed


@dataclass(frozen=True)
class OwnedColumnPlace:
    """Where one owned column of a record sheet is written.

    Attributes:
        column: the contract column.
        col: its 1-based sheet column.
        added: the sheet lacks it: its header is written too.
    """

    column: Column
    col: int
    added: bool


def place_owned_columns(layout: SheetLayout) -> list[OwnedColumnPlace]:
    """Return where each owned column of the sheet ``layout`` describes goes, in contract order.

    A column the layout has stays; one it lacks is added right of every used column
    (``layout.last_column``), in contract order.
    """
    places = []
    next_col = layout.last_column
    for column in record_sheet(layout.key).owned:
        col = layout.columns.get(column.key)
        if col is None:
            next_col += 1
        places.append(OwnedColumnPlace(column, col or next_col, col is None))
    return places


def find_owned_sheets(
    names: Sequence[str], marks: Marks, title: Callable[[str], str]
) -> dict[str, str]:
    """Return owned sheet key -> tab name of each owned sheet arsheet finds as its own.

    A record or Settings sheet is never an owned sheet, whatever a mark says, and no tab is
    taken for two owned sheets.

    Args:
        names: the tabs arsheet could rewrite (worksheets).
        marks: the book's marks.
        title: the text of A1 of a tab, asked only of books without marks.
    """
    records = {n.casefold() for s in (*RECORD_SHEETS, SETTINGS_SHEET) for n in s.names()}
    by_name = {name.casefold(): name for name in names if name.casefold() not in records}
    if marks.present:
        found: dict[str, str] = {}
        for key, name in marks.sheets.items():
            tab = by_name.get(name.casefold())
            if tab is not None and tab not in found.values():
                found[key] = tab
        return found
    found = {}
    for sheet in OWNED_SHEETS:
        wanted = {n.casefold() for n in sheet.names()}
        mine = next(
            (
                n
                for n in by_name.values()
                if n.casefold() in wanted and is_arsheet_title(sheet, title(n))
            ),
            None,
        )
        if mine is not None:
            found[sheet.key] = mine
    return found


def free_name(wanted: str, taken: Sequence[str]) -> str:
    """Return ``wanted``, or a variant of it no tab uses in any case, e.g. ``Check (arsheet)``.

    Excel refuses two tab names that differ only by case, and allows 31 characters.

    >>> free_name("Check", ["check"])
    'Check (arsheet)'
    >>> free_name("数据检查", ["数据检查"])
    '数据检查（arsheet）'
    """
    used = {name.casefold() for name in taken}
    wide = not wanted.isascii()
    number = 0
    candidate = wanted
    while candidate.casefold() in used:
        number += 1
        tag = "arsheet" if number == 1 else f"arsheet {number}"
        suffix = f"（{tag}）" if wide else f" ({tag})"
        candidate = wanted[: 31 - len(suffix)] + suffix
    return candidate


def place_owned_sheets(
    sheets: Sequence[SheetContent],
    tabs: Sequence[str],
    taken: Sequence[str],
    marks: Marks,
    title: Callable[[str], str],
) -> list[tuple[SheetContent, bool]]:
    """Return each owned sheet's content named as the tab it goes to, and whether it is new.

    An owned sheet arsheet finds as its own (:func:`find_owned_sheets`) replaces that tab; any
    other is new, under a name no sheet has in any case (:func:`free_name`). Links into an owned
    sheet (the Summary banner's, into Check) follow it to the tab it got.

    Args:
        sheets: the owned sheets' content.
        tabs: the tabs arsheet could rewrite (worksheets).
        taken: every sheet name of the book (chart sheets too).
        marks: the book's marks.
        title: the text of A1 of a tab, asked only of books without marks.
    """
    found = find_owned_sheets(tabs, marks, title)
    taken = list(taken)
    renamed: dict[str, str] = {}
    placed = []
    for content in sheets:
        name = found.get(content.key)
        if name is None:
            name = free_name(content.name, taken)
            taken.append(name)
        if name != content.name:
            renamed[_link_prefix(content.name)] = _link_prefix(name)
        placed.append((dataclasses.replace(content, name=name), content.key not in found))
    return [(_relinked(content, renamed), new) for content, new in placed]


def _link_prefix(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'!"


def _relinked(content: SheetContent, renamed: Mapping[str, str]) -> SheetContent:
    """Point the links of ``content`` at the tabs the owned sheets were placed under."""
    if not renamed:
        return content

    def target(link: object) -> object:
        if isinstance(link, str):
            for old, new in renamed.items():
                if link.startswith(old):
                    return new + link[len(old) :]
        return link

    blocks = tuple(
        b if b.links is None else dataclasses.replace(b, links=b.links.map(target))
        for b in content.blocks
    )
    return dataclasses.replace(content, blocks=blocks)
