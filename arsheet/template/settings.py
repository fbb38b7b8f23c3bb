"""The template's Settings sheet: the key/value table at A1, then side by side the dunning levels,
credit score factors and credit grades tables, one blank column between each."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from arsheet.book.contract import (
    CREDIT_FACTORS,
    CREDIT_GRADES,
    DUNNING_LEVELS,
    DUNNING_NAMES_ZH,
    LANGUAGE_CHOICES,
    SETTINGS,
    SETTINGS_SHEET,
    Kind,
    Setting,
)
from arsheet.book.look import DATE_FORMAT
from arsheet.core.settings import (
    DEFAULT_CREDIT_FACTORS,
    DEFAULT_CREDIT_GRADES,
    DEFAULT_DUNNING_LEVELS,
)
from arsheet.template.record_sheets import INPUT_TAB_COLOR, add_table, fit_to_width

#: 1-based column where the dunning levels table starts (D), one blank column after the settings.
DUNNING_COLUMN = len(SETTINGS_SHEET.columns) + 2
#: 1-based columns of the credit tables, each one blank column right of the table before.
FACTORS_COLUMN = DUNNING_COLUMN + len(DUNNING_LEVELS.columns) + 1
GRADES_COLUMN = FACTORS_COLUMN + len(CREDIT_FACTORS.columns) + 1
_LEFT = Alignment(horizontal="left")
_FORMATS = {Kind.DATE: DATE_FORMAT, Kind.INT: "0", Kind.PERCENT: "0.00", Kind.MONEY: "#,##0.00"}


def default_value(setting: Setting, lang: str) -> object:
    """Return a setting's default as the cell holds it (a number, text, or None when blank).

    Args:
        setting: the contract setting.
        lang: the book's language, which is also the default of the Language setting.
    """
    if setting.key == "language":
        return lang
    if not setting.default:
        return None
    if setting.kind is Kind.INT:
        return int(setting.default)
    if setting.kind in (Kind.PERCENT, Kind.MONEY):
        return Decimal(setting.default)
    return setting.default


def add_settings_sheet(wb: Workbook, lang: str, values: Mapping[str, object]) -> Worksheet:
    """Add the Settings sheet with defaults, overridden by ``values``.

    Args:
        wb: the workbook.
        lang: the book's language.
        values: setting key -> value, for the settings that differ from the defaults.

    Returns:
        The new worksheet.
    """
    ws = wb.create_sheet(SETTINGS_SHEET.name(lang))
    ws.sheet_properties.tabColor = INPUT_TAB_COLOR
    setting_col, value_col = (c.key for c in SETTINGS_SHEET.columns)
    rows = [
        {setting_col: s.label(lang), value_col: values.get(s.key, default_value(s, lang))}
        for s in SETTINGS
    ]
    add_table(ws, SETTINGS_SHEET, lang, rows)
    value_letter = get_column_letter(len(SETTINGS_SHEET.columns))
    for row, setting in enumerate(SETTINGS, start=2):
        ws[f"{value_letter}{row}"].alignment = _LEFT
        if setting.kind in _FORMATS:
            ws[f"{value_letter}{row}"].number_format = _FORMATS[setting.kind]
        if setting.key == "language":
            _restrict_language(ws, f"{value_letter}{row}")
    levels = [
        {
            "level": level.level,
            "name": DUNNING_NAMES_ZH.get(level.level, level.name) if lang == "zh" else level.name,
            "days_overdue_from": level.days_overdue_from,
            "min_days_since_last": level.min_days_since_last,
            "fee": Decimal(level.fee).scaleb(-2),
            "letter_template": level.letter_template,
            "channel": level.channel,
        }
        for level in DEFAULT_DUNNING_LEVELS
    ]
    add_table(ws, DUNNING_LEVELS, lang, levels, first_col=DUNNING_COLUMN)
    factors = [
        {"factor": f.factor, "weight": f.weight, "full_at": f.full_at}
        for f in DEFAULT_CREDIT_FACTORS
    ]
    add_table(ws, CREDIT_FACTORS, lang, factors, first_col=FACTORS_COLUMN)
    grades = [
        {
            "grade": g.grade,
            "score_from": g.score_from,
            "limit_months": g.limit_months,
            "terms_days": g.terms_days,
        }
        for g in DEFAULT_CREDIT_GRADES
    ]
    add_table(ws, CREDIT_GRADES, lang, grades, first_col=GRADES_COLUMN)
    for gap in (DUNNING_COLUMN, FACTORS_COLUMN, GRADES_COLUMN):
        ws.column_dimensions[get_column_letter(gap - 1)].width = 3
    fit_to_width(ws)
    return ws


def _restrict_language(ws: Worksheet, ref: str) -> None:
    """Offer the book languages as a drop-down in the Language setting's value cell."""
    options = '"' + ",".join(LANGUAGE_CHOICES.labels("en")) + '"'
    validation = DataValidation(type="list", formula1=options, allow_blank=True)
    validation.add(ref)
    ws.add_data_validation(validation)
