"""Find a sheet's header row and columns by the contract's header texts, in either language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from arsheet.book.contract import LANGUAGES, Sheet
from arsheet.book.layout import SheetLayout

#: How many rows from the top are searched for the header row.
HEADER_SEARCH_ROWS = 20

_SPACE = re.compile(r"\s+")


def normalize(text: object) -> str:
    """Return ``text`` as compared with contract texts: NFKC, case-folded, without whitespace.

    >>> normalize("  Due  DATE ")
    'duedate'
    """
    if not isinstance(text, str):
        return ""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def header_index(sheet: Sheet) -> dict[str, tuple[str, str]]:
    """Return normalized header text -> (column key, language) for both header languages."""
    index: dict[str, tuple[str, str]] = {}
    for lang in LANGUAGES:
        for column in sheet.columns:
            index.setdefault(normalize(column.header(lang)), (column.key, lang))
    return index


def find_header(
    sheet: Sheet,
    name: str,
    rows: Sequence[Sequence[object]],
    search_rows: int = HEADER_SEARCH_ROWS,
) -> SheetLayout | None:
    """Return the layout of the row among the first ``search_rows`` matching most contract headers.

    Matching ignores case, whitespace and full-width forms; any column order and extra user
    columns are fine. When a header text appears twice, the leftmost column is used. Ties go to
    the upper row; the language is the one with more matching headers (English on a tie).

    Args:
        sheet: the contract sheet (or table) to look for.
        name: the tab name as found in the workbook.
        rows: the sheet's raw rows from A1.
        search_rows: how many rows to search.

    Returns:
        The layout, or ``None`` when no row holds a single contract header.
    """
    index = header_index(sheet)
    best: SheetLayout | None = None
    best_count = 0
    for row_no, row in enumerate(rows[:search_rows], start=1):
        columns: dict[str, int] = {}
        votes = dict.fromkeys(LANGUAGES, 0)
        last = 0
        for col_no, cell in enumerate(row, start=1):
            if cell != "" and cell is not None:
                last = col_no
            hit = index.get(normalize(cell))
            if hit and hit[0] not in columns:
                columns[hit[0]] = col_no
                votes[hit[1]] += 1
        if len(columns) > best_count:
            lang = max(LANGUAGES, key=lambda lg: votes[lg])
            best = SheetLayout(sheet.key, name, row_no, columns, last, lang)
            best_count = len(columns)
    return best


def missing_required(sheet: Sheet, layout: SheetLayout) -> list[str]:
    """Return the keys of required input columns absent from ``layout``, in contract order."""
    return [c.key for c in sheet.inputs if c.required and c.key not in layout.columns]


def find_sheet(names: Sequence[str], sheet_names: tuple[str, str]) -> str | None:
    """Return the first tab of ``names`` called by either of ``sheet_names`` (loosely matched)."""
    wanted = {normalize(n) for n in sheet_names}
    return next((n for n in names if normalize(n) in wanted), None)
