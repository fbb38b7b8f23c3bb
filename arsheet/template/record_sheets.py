"""Record sheets of the template: one Excel Table per contract sheet, formats, drop-downs.

Everything here is derived from :mod:`arsheet.book.contract` (columns, headers, kinds, choice
lists, widths) and :mod:`arsheet.book.look` (fills and number formats).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from arsheet.book.contract import OWNED_HEADER_NOTE, YES_NO, Column, Kind, Sheet
from arsheet.book.look import (
    HEADER_FONT_COLOR,
    INPUT_HEADER_FILL,
    OWNED_CELL_FILL,
    OWNED_HEADER_FILL,
    RECORD_DATE_FORMAT,
    RECORD_INT_FORMAT,
    RECORD_MONEY_FORMAT,
)
from arsheet.book.marks import cell_ref, column_mark

#: The last row of a worksheet; validations and formats cover whole data columns down to it.
LAST_ROW = 1_048_576
TABLE_STYLE = "TableStyleMedium2"
INPUT_TAB_COLOR = INPUT_HEADER_FILL[2:]

_NUMBER_FORMATS = {
    Kind.DATE: RECORD_DATE_FORMAT,
    Kind.MONEY: RECORD_MONEY_FORMAT,
    Kind.INT: RECORD_INT_FORMAT,
    Kind.ID: "@",
}
#: The workbook's body font; every font the template sets names it, or LibreOffice falls back.
FONT_NAME = "Calibri"
_HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True, color=HEADER_FONT_COLOR)
_HEADER_ALIGNMENT = Alignment(vertical="center")
_UNLOCKED = Protection(locked=False)
_LOCKED = Protection(locked=True)
_OWNED_FILL = PatternFill("solid", fgColor=OWNED_CELL_FILL)

# What a refused or doubtful entry says: (title, message) by language and check.
_MESSAGES = {
    "en": {
        "choice": ("Pick from the list", "Choose one of the values in the drop-down list."),
        "date": ("Not a date", "Type a date such as 2024-09-30."),
        "money": ("Not an amount", "Type a positive amount with at most two decimals."),
        "owned": ("Computed column", OWNED_HEADER_NOTE["en"]),
    },
    "zh": {
        "choice": ("请从列表中选择", "请选择下拉列表中的一个值。"),
        "date": ("不是日期", "请输入日期，例如 2024-09-30。"),
        "money": ("不是金额", "请输入正数金额，最多两位小数。"),
        "owned": ("计算列", OWNED_HEADER_NOTE["zh"]),
    },
}


def style_header(cell: Cell, text: str, owned: bool) -> None:
    """Write a header cell in the input (blue) or owned (grey) header style.

    Args:
        cell: the header cell.
        text: the header text.
        owned: True for a column arsheet computes.
    """
    cell.value = text
    cell.font = _HEADER_FONT
    cell.fill = PatternFill("solid", fgColor=OWNED_HEADER_FILL if owned else INPUT_HEADER_FILL)
    cell.alignment = _HEADER_ALIGNMENT


def text_width(text: str) -> int:
    """Return how many character widths ``text`` takes; a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_width(column: Column, lang: str) -> float:
    """Return the contract width of a column, widened so its bold header and filter button fit.

    Args:
        column: the contract column.
        lang: the book's language.
    """
    return max(column.width, math.ceil(text_width(column.header(lang)) * 1.15) + 3)


def cell_value(column: Column, value: object, lang: str) -> object:
    """Return what a cell shows for a record value: choice codes become labels, False is blank.

    Args:
        column: the contract column of the cell.
        value: the record's value (code, bool, Decimal, date, int or str); None leaves it blank.
        lang: the book's language.

    Returns:
        The value to store in the cell.
    """
    if value is None or value is False:
        return None
    if value is True:
        return YES_NO.label_of("yes", lang)
    if column.choices is not None and column.kind is Kind.CHOICE:
        return column.choices.label_of(str(value), lang)
    if isinstance(value, Decimal | date | int | str):
        return value
    raise TypeError(f"{column.key}: cannot write {value!r}")


def style_data_cell(cell: Cell, column: Column) -> None:
    """Give a data cell its column's number format, lock state and (owned) fill."""
    number_format = _NUMBER_FORMATS.get(column.kind)
    if number_format:
        cell.number_format = number_format
    if column.owned:
        cell.fill = _OWNED_FILL
        cell.protection = _LOCKED
    else:
        cell.protection = _UNLOCKED


def add_table(
    ws: Worksheet,
    sheet: Sheet,
    lang: str,
    rows: Sequence[Mapping[str, object]],
    first_col: int = 1,
) -> None:
    """Lay out ``sheet`` as an Excel Table at row 1 of ``ws``, starting at column ``first_col``.

    Writes the headers (owned ones styled and commented), the rows, the column widths and formats,
    the data validations and the Table itself. An empty sheet still gets one empty data row,
    because a Table needs one.

    Args:
        ws: the worksheet.
        sheet: the contract sheet (record sheet, settings or dunning levels).
        lang: the book's language.
        rows: records keyed by contract column key.
        first_col: 1-based column of the table's left edge.
    """
    last_row = 1 + max(1, len(rows))
    for offset, column in enumerate(sheet.columns):
        col = first_col + offset
        letter = get_column_letter(col)
        header = ws.cell(row=1, column=col)
        style_header(header, column.header(lang), column.owned)
        if column.owned:
            header.comment = Comment(OWNED_HEADER_NOTE[lang], "arsheet", height=60, width=240)
            mark(ws, column_mark(sheet.key, column.key), col, 1)
        dimension = ws.column_dimensions[letter]
        dimension.width = column_width(column, lang)
        dimension.protection = _LOCKED if column.owned else _UNLOCKED
        if column.owned:
            dimension.fill = _OWNED_FILL
        if column.kind in _NUMBER_FORMATS:
            dimension.number_format = _NUMBER_FORMATS[column.kind]
        for row in range(2, last_row + 1):
            record = rows[row - 2] if rows else {}
            cell = ws.cell(
                row=row, column=col, value=cell_value(column, record.get(column.key), lang)
            )
            style_data_cell(cell, column)
        validation = _validation(column, lang)
        if validation is not None:
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.add_data_validation(validation)
    ref = f"{get_column_letter(first_col)}1:{get_column_letter(first_col + len(sheet.columns) - 1)}"
    table = Table(displayName=sheet.table, ref=f"{ref}{last_row}")
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
    ws.add_table(table)


def add_record_sheet(
    wb: Workbook, sheet: Sheet, lang: str, rows: Sequence[Mapping[str, object]]
) -> Worksheet:
    """Add a record sheet: its Table, frozen header row, and print set-up.

    Args:
        wb: the workbook.
        sheet: the contract record sheet.
        lang: the book's language.
        rows: records keyed by contract column key (empty for a blank template).

    Returns:
        The new worksheet.
    """
    ws = wb.create_sheet(sheet.name(lang))
    ws.sheet_properties.tabColor = INPUT_TAB_COLOR
    add_table(ws, sheet, lang, rows)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    fit_to_width(ws)
    return ws


def mark(ws: Worksheet, name: str, col: int, row: int) -> None:
    """Mark a cell of what arsheet owns with a hidden name, as every recalculation does.

    See :mod:`arsheet.book.marks`: the names let the next run tell arsheet's columns and
    sheets from the user's.
    """
    ref = cell_ref(ws.title, col, row)
    ws.parent.defined_names[name] = DefinedName(name, attr_text=ref, hidden=True)


def fit_to_width(ws: Worksheet, orientation: str = "landscape") -> None:
    """Print the sheet one page wide, as many pages tall as it takes.

    Args:
        ws: the worksheet.
        orientation: ``"landscape"`` or ``"portrait"``.
    """
    ws.page_setup.orientation = orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _validation(column: Column, lang: str) -> DataValidation | None:
    """Return the data validation of one column, messages in ``lang``, or None."""
    if column.owned:
        return _checked(lang, "owned", type="custom", formula1="FALSE", allow_blank=False)
    if column.choices is not None:
        labels = '"' + ",".join(column.choices.labels(lang)) + '"'
        return _checked(lang, "choice", type="list", formula1=labels)
    if column.kind is Kind.DATE:
        return _checked(
            lang, "date", type="date", operator="greaterThan", formula1="1", errorStyle="warning"
        )
    if column.kind is Kind.MONEY:
        return _checked(
            lang,
            "money",
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            errorStyle="warning",
        )
    return None


def _checked(lang: str, check: str, **kw: object) -> DataValidation:
    """Return a data validation that shows the ``check`` message of ``lang`` on a bad entry."""
    title, text = _MESSAGES[lang][check]
    kw.setdefault("allow_blank", True)
    return DataValidation(errorTitle=title, error=text, showErrorMessage=True, **kw)
