"""Read the Settings sheet: key/value settings and its tables (dunning, credit), found anywhere.

A setting's label (English or Chinese, from :data:`contract.SETTINGS`) may sit in any cell; its
value is the cell to its right. Blank values take the defaults of :class:`arsheet.core.settings.
Settings`; bad values are located problems and also fall back to the default, and so are formulas
without a computed value and error values. An As-of date of ``=TODAY()`` or ``=NOW()`` is the day
of the run, not the day the book was last saved. The Dunning levels, Credit score factors and
Credit grades tables are each found by their header row and end at their first blank row; an
absent or empty one takes the defaults.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd

from arsheet.book import cells
from arsheet.book.contract import (
    CREDIT_FACTORS,
    CREDIT_GRADES,
    DUNNING_LEVELS,
    DUNNING_NAMES_ZH,
    LANGUAGE_CHOICES,
    LANGUAGES,
    SETTINGS,
    SETTINGS_SHEET,
    Kind,
    Sheet,
)
from arsheet.book.headers import find_header, missing_required, normalize
from arsheet.book.layout import SheetLayout
from arsheet.book.port import SheetCells
from arsheet.book.records import (
    AGING_BOUND_MAXIMUM,
    INT_MAXIMUM,
    INT_MINIMUM,
    missing_column_problems,
    parse_table,
)
from arsheet.core.problems import Problem, Severity
from arsheet.core.settings import (
    DEFAULT_CREDIT_FACTORS,
    DEFAULT_CREDIT_GRADES,
    DEFAULT_DUNNING_LEVELS,
    CreditFactor,
    CreditGrade,
    DunningLevel,
    Settings,
)

_BOUNDS_SEPARATORS = r"[,，;；、\s]+"
_PERCENT_NOISE = r"[\s%％]"


@dataclass(frozen=True)
class SettingsRead:
    """What the Settings sheet says.

    Attributes:
        settings: typed settings, defaults where blank or bad.
        language: the Language setting when the user set one, else ``None``.
        layouts: ``"settings"`` (setting key -> value column) and each table's, as found.
        problems: located problems (tables ``"settings"``, ``"dunning_levels"``,
            ``"credit_factors"`` and ``"credit_grades"``).
    """

    settings: Settings
    language: str | None
    layouts: dict[str, SheetLayout]
    problems: list[Problem]


def read_settings(
    name: str | None, found: SheetCells | None, date1904: bool, today: date
) -> SettingsRead:
    """Read the settings and dunning levels from the Settings sheet's cells.

    Args:
        name: the tab name found, or ``None`` when the book has no Settings sheet.
        found: the sheet's cells (``None`` without a sheet), with its ``TODAY()`` cells.
        date1904: the workbook's date system.
        today: the day of the run, what an As-of date of ``=TODAY()`` means.

    Returns:
        The settings, the language set by the user (if any), layouts and problems.
    """
    if name is None or found is None:
        return SettingsRead(Settings(), None, {}, [])
    rows = found.head(found.height)
    values, layouts = _find_values(name, rows)
    problems: list[Problem] = []
    typed: dict[str, object] = {}
    for key, (row, column, raw) in values.items():
        value, problem = _read_setting(found, key, (row, column), raw, date1904, today)
        if problem is not None:
            problems.append(problem)
        elif value is not None:
            typed[key] = value
            if key == "annual_interest_rate" and 0 < value < 1:  # type: ignore[operator]
                problems.append(
                    Problem(
                        "settings",
                        row,
                        key,
                        "interest_rate_below_one",
                        Severity.WARNING,
                        cells.display(raw),
                    )
                )
    language = typed.get("language")
    tables: dict[str, object] = {}
    for key, read in _TABLE_READERS.items():
        values_read, layout, table_problems = read(name, found, rows, date1904)
        tables[key] = values_read
        if layout is not None:
            layouts[layout.key] = layout
        problems += table_problems
    written_in = language or next((lay.lang for lay in layouts.values()), "en")
    if tables["dunning_levels"] is DEFAULT_DUNNING_LEVELS and written_in == "zh":
        # No ladder typed: the default one, named as the Chinese template names it.
        tables["dunning_levels"] = tuple(
            dataclasses.replace(lv, name=DUNNING_NAMES_ZH.get(lv.level, lv.name))
            for lv in DEFAULT_DUNNING_LEVELS
        )
    settings = dataclasses.replace(Settings(), **typed, **tables)
    return SettingsRead(
        settings, language if isinstance(language, str) else None, layouts, problems
    )


def _find_values(
    name: str, rows: Sequence[Sequence[object]]
) -> tuple[dict[str, tuple[int, int, object]], dict[str, SheetLayout]]:
    """Return setting key -> (sheet row, column, raw value) of every label found, and the layout."""
    labels = {normalize(s.label(lang)): (s.key, lang) for lang in LANGUAGES for s in SETTINGS}
    found: dict[str, tuple[int, int, object]] = {}
    columns: dict[str, int] = {}
    votes = dict.fromkeys(LANGUAGES, 0)
    for row_no, row in enumerate(rows, start=1):
        for col_no, cell in enumerate(row, start=1):
            hit = labels.get(normalize(cell)) if isinstance(cell, str) else None
            if hit and hit[0] not in found:
                found[hit[0]] = (row_no, col_no + 1, row[col_no] if col_no < len(row) else "")
                columns[hit[0]] = col_no + 1
                votes[hit[1]] += 1
    if not found:
        return found, {}
    layout = SheetLayout(
        SETTINGS_SHEET.key,
        name,
        min(r for r, _, _ in found.values()),
        columns,
        max(columns.values()),
        max(LANGUAGES, key=lambda lg: votes[lg]),
    )
    return found, {SETTINGS_SHEET.key: layout}


def _read_setting(
    found: SheetCells,
    key: str,
    place: tuple[int, int],
    raw: object,
    date1904: bool,
    today: date,
) -> tuple[object, Problem | None]:
    """Return the typed value of the setting at ``place`` (row, column) or the problem with it."""
    row, column = place
    if key == "as_of" and place in found.today:
        return today, None
    unread = found.unread_in(column).get(row)
    if unread is not None:
        return None, Problem("settings", row, key, unread.code, value=unread.value)
    return _parse_setting(key, row, raw, date1904)


def _parse_setting(
    key: str, row: int, raw: object, date1904: bool
) -> tuple[object, Problem | None]:
    """Return the typed value of one setting (``None`` when blank) or the problem with it."""
    setting = next(s for s in SETTINGS if s.key == key)
    cell = pd.Series([raw], index=[row], dtype=object)
    text = cells.display(raw)
    if text == "":
        return None, None
    if key == "aging_bounds":
        parts = [p for p in re.split(_BOUNDS_SEPARATORS, text) if p]
        bounds = tuple(int(p) for p in parts if p.isdecimal())
        increasing = all(a < b for a, b in itertools.pairwise(bounds))
        within = bool(bounds) and bounds[0] > 0 and bounds[-1] <= AGING_BOUND_MAXIMUM
        if len(bounds) == len(parts) and within and increasing:
            return bounds, None
        return None, Problem("settings", row, key, "bad_aging_buckets", value=text)
    match setting.kind:
        case Kind.DATE:
            parsed = cells.parse_dates(cell, date1904)
            value: object = parsed.values.iloc[0].date() if parsed.values.notna().all() else None
        case Kind.INT:
            parsed = cells.parse_ints(cell, INT_MINIMUM[key], INT_MAXIMUM[key])
            value = int(parsed.values.iloc[0]) if parsed.values.notna().all() else None
        case Kind.MONEY:
            parsed = cells.parse_money(cell, False)
            value = int(parsed.values.iloc[0]) if parsed.values.notna().all() else None
        case Kind.PERCENT:
            number = re.sub(_PERCENT_NOISE, "", text)
            if not re.fullmatch(r"\d+(?:\.\d+)?", number):
                code = "negative_amount" if number.startswith("-") else "not_a_number"
                return None, Problem("settings", row, key, code, value=text)
            return Decimal(number), None
        case Kind.CHOICE:
            parsed = cells.parse_choices(cell, LANGUAGE_CHOICES)
            value = parsed.values.iloc[0]
        case _:
            return text, None
    for code, mask in parsed.problems.items():
        if mask.any():
            return None, Problem("settings", row, key, code, value=text)
    return value, None


def _parse_settings_table(
    sheet: Sheet,
    key: str,
    name: str,
    found: SheetCells,
    rows: Sequence[Sequence[object]],
    date1904: bool,
) -> tuple[pd.DataFrame | None, SheetLayout | None, list[Problem]]:
    """Return the rows of one table of the Settings sheet, first of each ``key``, and problems.

    The frame is ``None`` (take the defaults) when the table is absent, lacks a required column
    or has no rows; a repeated ``key`` is a problem at the repeat, whose row is not used.
    """
    layout = find_header(sheet, name, rows, search_rows=len(rows))
    if layout is None or len(layout.columns) < 2:
        return None, None, []
    missing = missing_required(sheet, layout)
    if missing:
        return None, layout, missing_column_problems(sheet, layout, missing)
    frame, problems, _ = parse_table(sheet, layout, found, date1904, stop_at_blank=True)
    repeated = frame[key].duplicated()
    for row in frame.index[repeated]:
        first = frame.index[frame[key].eq(frame.at[row, key])][0]
        problems.append(
            Problem(
                sheet.key,
                int(row),
                key,
                "duplicate_id",
                value=str(frame.at[row, key]),
                params=(("first", str(first)),),
            )
        )
    frame = frame[~repeated]
    return (None if frame.empty else frame), layout, problems


def _read_dunning(
    name: str, found: SheetCells, rows: Sequence[Sequence[object]], date1904: bool
) -> tuple[tuple[DunningLevel, ...], SheetLayout | None, list[Problem]]:
    """Return the dunning levels (defaults when the table is absent or empty), layout, problems."""
    frame, layout, problems = _parse_settings_table(
        DUNNING_LEVELS, "level", name, found, rows, date1904
    )
    if frame is None:
        return DEFAULT_DUNNING_LEVELS, layout, problems
    levels = tuple(
        DunningLevel(
            level=int(r.level),
            name=r.name,
            days_overdue_from=int(r.days_overdue_from),
            min_days_since_last=int(r.min_days_since_last)
            if pd.notna(r.min_days_since_last)
            else 0,
            fee=int(r.fee) if pd.notna(r.fee) else 0,
            letter_template=r.letter_template,
            channel=r.channel or "letter",
        )
        for r in frame.sort_values("level").itertuples()
    )
    return levels, layout, problems


def _read_credit_factors(
    name: str, found: SheetCells, rows: Sequence[Sequence[object]], date1904: bool
) -> tuple[tuple[CreditFactor, ...], SheetLayout | None, list[Problem]]:
    """Return the scorecard's factors (defaults when the table is absent or empty)."""
    frame, layout, problems = _parse_settings_table(
        CREDIT_FACTORS, "factor", name, found, rows, date1904
    )
    if frame is None:
        return DEFAULT_CREDIT_FACTORS, layout, problems
    factors = tuple(
        CreditFactor(r.factor, int(r.weight), int(r.full_at)) for r in frame.itertuples()
    )
    return factors, layout, problems


def _read_credit_grades(
    name: str, found: SheetCells, rows: Sequence[Sequence[object]], date1904: bool
) -> tuple[tuple[CreditGrade, ...], SheetLayout | None, list[Problem]]:
    """Return the credit grades (defaults when the table is absent or empty)."""
    frame, layout, problems = _parse_settings_table(
        CREDIT_GRADES, "grade", name, found, rows, date1904
    )
    if frame is None:
        return DEFAULT_CREDIT_GRADES, layout, problems
    grades = tuple(
        CreditGrade(
            grade=r.grade,
            score_from=int(r.score_from),
            limit_months=int(r.limit_months) if pd.notna(r.limit_months) else 0,
            terms_days=int(r.terms_days) if pd.notna(r.terms_days) else None,
        )
        for r in frame.itertuples()
    )
    return grades, layout, problems


#: Settings field -> the reader of its table.
_TABLE_READERS = {
    "dunning_levels": _read_dunning,
    "credit_factors": _read_credit_factors,
    "credit_grades": _read_credit_grades,
}
