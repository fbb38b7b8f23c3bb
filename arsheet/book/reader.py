"""Read an arsheet workbook into a :class:`Book`, with every parse problem located at its cell.

Example::

    result = read_book(XlsxBook(Path("debt_tracker.xlsx")))
    result.book.transactions      # valid rows only, indexed by sheet row
    result.problems               # Problem(table="transactions", row=14, field="due_date", ...)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from arsheet.book.contract import (
    CUSTOMERS,
    PAYMENTS,
    RECORD_SHEETS,
    SETTINGS_SHEET,
    TRANSACTIONS,
    Sheet,
)
from arsheet.book.headers import find_sheet
from arsheet.book.layout import SheetLayout
from arsheet.book.locate import locate_sheet
from arsheet.book.marks import Marks
from arsheet.book.port import BookSource
from arsheet.book.records import empty_frame, parse_table, unreadable_rows
from arsheet.book.settings_sheet import read_settings
from arsheet.core.book import Book
from arsheet.core.problems import Problem
from arsheet.errors import NotABook

#: Sheets without which a file is not an arsheet workbook.
REQUIRED_SHEETS: tuple[Sheet, ...] = (CUSTOMERS, TRANSACTIONS, PAYMENTS)


@dataclass(frozen=True)
class ReadResult:
    """A workbook as read.

    Attributes:
        book: frames of the rows that parsed without errors; index = 1-based sheet row.
        layouts: where each record sheet found was laid out, by sheet key; also ``"settings"``
            and ``"dunning_levels"`` when the Settings sheet has them (to locate their problems).
        lang: the book's language: Settings "Language" if set, else the header language of
            Transactions.
        problems: every parse problem (table = sheet key, row = sheet row, field = column key).
        date1904: the workbook uses the 1904 date system.
    """

    book: Book
    layouts: dict[str, SheetLayout]
    lang: str
    problems: tuple[Problem, ...]
    date1904: bool


def read_book(source: BookSource, today: date | None = None) -> ReadResult:
    """Read the book ``source`` hands over.

    Args:
        source: an arsheet book, with headers in English or Chinese.
        today: the day of the run, what an As-of date of ``=TODAY()`` means (default: the
            system date).

    Returns:
        The book of valid records, the layouts, the language and every problem found.

    Raises:
        NotABook: the file cannot be opened as a workbook or lacks a Customers, Transactions or
            Payments sheet (in either language).
    """
    marks = source.marks()
    names = {s.key: find_sheet(source.sheet_names, s.names()) for s in RECORD_SHEETS}
    _require_sheets(source.path, names)
    frames: dict[str, pd.DataFrame] = {}
    rejected: dict[str, pd.DataFrame] = {}
    layouts: dict[str, SheetLayout] = {}
    problems: list[Problem] = []
    for sheet in RECORD_SHEETS:
        frame, layout, found, rejected[sheet.key] = _read_sheet(
            source, sheet, names[sheet.key], marks
        )
        frames[sheet.key] = frame
        problems += found
        if layout is not None:
            layouts[sheet.key] = layout
    settings_name = find_sheet(source.sheet_names, SETTINGS_SHEET.names())
    settings_cells = source.cells(settings_name, today=True) if settings_name else None
    settings = read_settings(settings_name, settings_cells, source.date1904, today or date.today())
    layouts.update(settings.layouts)
    problems += settings.problems
    header_lang = layouts[TRANSACTIONS.key].lang if TRANSACTIONS.key in layouts else "en"
    lang = settings.language or header_lang
    book = Book(
        **frames,
        settings=dataclasses.replace(settings.settings, language=lang),
        rejected=MappingProxyType(rejected),
    )
    return ReadResult(book, layouts, lang, tuple(problems), source.date1904)


def _require_sheets(path: Path, names: dict[str, str | None]) -> None:
    missing = [s for s in REQUIRED_SHEETS if names[s.key] is None]
    if not missing:
        return
    raise NotABook(
        path,
        f"it has no {_either(s.en for s in missing)} sheet "
        f"(an arsheet workbook has {_both(s.en for s in REQUIRED_SHEETS)} sheets).",
        f"缺少工作表{'、'.join(f'“{s.zh}”' for s in missing)}"
        f"（arsheet 工作簿须有{'、'.join(s.zh for s in REQUIRED_SHEETS)}三张表）。",
    )


def _either(names: Iterable[str]) -> str:
    *rest, last = names
    return f"{', '.join(rest)} or {last}" if rest else last


def _both(names: Iterable[str]) -> str:
    *rest, last = names
    return f"{', '.join(rest)} and {last}" if rest else last


def _read_sheet(
    source: BookSource, sheet: Sheet, name: str | None, marks: Marks
) -> tuple[pd.DataFrame, SheetLayout | None, list[Problem], pd.DataFrame]:
    """Return (frame, layout or None, problems, rows left out) for one record sheet."""
    none = empty_frame(sheet)
    if name is None:
        return none, None, [], none
    found = locate_sheet(source, sheet, name, marks)
    if found is None:
        return none, None, [Problem(sheet.key, None, None, "no_header")], none
    layout = found.layout
    if found.missing:
        unreadable = unreadable_rows(sheet, layout, found.data, source.date1904)
        return none, layout, [*found.lookalikes, *found.missing], unreadable
    frame, problems, rejected = parse_table(sheet, layout, found.data, source.date1904)
    return frame, layout, [*found.lookalikes, *problems, *found.below], rejected
