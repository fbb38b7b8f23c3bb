"""An open workbook as xlwings' remote engine sees it, and Excel applying the actions it returns.

There is no Excel on these machines. xlwings tests its remote engine with the JSON its JavaScript
client sends (``xw.Book(json=payload)``), and so do we: :func:`payload` builds that JSON from a
real .xlsx file as the client would from the same book open in Excel (each sheet's values from
A1 to its last used cell, a date-formatted number as an ISO timestamp, an empty cell as ``""``,
an error as its text, formulas as their computed values), and :func:`apply` plays the actions a
run returns onto a payload as Excel would: typed text is coerced as Excel coerces what is put
into a cell (``"00123"`` becomes the number 123 unless it starts with an apostrophe), sheets and
names are added, Tables resized. Formats, fills and alerts are kept on the side
(:class:`Applied`) for tests to assert on.

The xlwings licence key for non-commercial use is set here, for the tests only.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import xlwings as xw  # after the key: xlwings reads it on import

Payload = dict[str, Any]
#: The error values Excel shows, which the client sends as text.
ERRORS = frozenset(
    {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#DATA!", "#SPILL!"}
)
_EPOCH = dt.datetime(1899, 12, 30)


def iso(value: dt.date | dt.datetime) -> str:
    """Return a date as the client sends a date-formatted cell: ``2024-09-01T00:00:00.000Z``."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def payload(
    path: Path | str,
    *,
    selection: str | None = "A1",
    active: str | int = 0,
    client: str = "Office.js",
) -> Payload:
    """Return the JSON the xlwings client sends for the book at ``path`` open in Excel.

    Args:
        path: an .xlsx/.xlsm file; formula cells must carry their computed values (as a file
            Excel or arsheet saved does): the client sends what Excel shows.
        selection: the selected range on the active sheet (``"B7"``); None: a shape.
        active: the active sheet, by name or 0-based index.
        client: the client's name (``Office.js`` skips xlwings' version check, as Excel does).
    """
    book = openpyxl.load_workbook(path, data_only=True)
    names = list(book.sheetnames)
    index = names.index(active) if isinstance(active, str) else active
    sheets = [_sheet(book[name]) for name in names]
    return {
        "version": xw.__version__,
        "client": client,
        "book": {"name": Path(path).name, "active_sheet_index": index, "selection": selection},
        "names": _names(book, names),
        "sheets": sheets,
    }


def _sheet(sheet: Any) -> dict[str, Any]:
    rows: list[list[Any]] = []
    for cells in sheet.iter_rows(min_row=1, min_col=1):
        rows.append([_value(c.value) for c in cells])
    # The client sends A1 to the last used cell; openpyxl's bounds may include empty styled
    # cells, which Excel's used range does too.
    while rows and all(v == "" for v in rows[-1]):
        rows.pop()
    width = max(
        (max((i + 1 for i, v in enumerate(r) if v != ""), default=0) for r in rows), default=0
    )
    values = [r[:width] + [""] * (width - len(r)) for r in rows] or [[]]
    tables = [_table(t) for t in sheet.tables.values()]
    return {"name": sheet.title, "values": values, "pictures": [], "tables": tables}


def _value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return iso(value)
    if isinstance(value, dt.time):
        return iso(dt.datetime.combine(dt.date(1899, 12, 30), value))
    if isinstance(value, int | float | bool | str):
        return value
    return str(value)


def _table(table: Any) -> dict[str, Any]:
    first_col, first_row, last_col, last_row = range_boundaries(table.ref)
    headers = table.headerRowCount != 0
    totals = bool(table.totalsRowCount)
    body_first = first_row + 1 if headers else first_row
    body_last = last_row - 1 if totals else last_row

    def ref(top: int, bottom: int) -> str:
        return f"{get_column_letter(first_col)}{top}:{get_column_letter(last_col)}{bottom}"

    return {
        "name": table.displayName,
        "range_address": table.ref,
        "header_row_range_address": ref(first_row, first_row) if headers else None,
        "data_body_range_address": ref(body_first, body_last),
        "total_row_range_address": ref(last_row, last_row) if totals else None,
        "show_headers": headers,
        "show_totals": totals,
        "table_style": table.tableStyleInfo.name if table.tableStyleInfo else "",
        "show_autofilter": table.autoFilter is not None,
    }


def _names(book: Any, sheets: list[str]) -> list[dict[str, Any]]:
    found = []
    for name, defined in book.defined_names.items():
        destinations = list(defined.destinations)
        if len(destinations) != 1 or destinations[0][0] not in sheets:
            continue
        sheet, address = destinations[0]
        found.append(
            {
                "name": name,
                "sheet_index": sheets.index(sheet),
                "address": address,
                "scope_sheet_name": None,
                "scope_sheet_index": None,
                "book_scope": True,
            }
        )
    return found


def excel_book(data: Payload) -> xw.Book:
    """Return the remote engine's book over ``data``, set as the book that called Python."""
    # -- live adapter: the engine changes the JSON it holds (a sheet added is inserted into its
    # list of sheets); Excel's client sends a fresh one, so ``data`` stays as it was for apply().
    book = xw.Book(json=copy.deepcopy(data))
    book.set_mock_caller()
    return book


@dataclass
class Applied:
    """What Excel did with a run's actions besides values: formats, fills, alerts, selection.

    Attributes:
        number_formats: (sheet, "A1:B9") -> the number format set there, last one winning.
        fills: (sheet, "A1:B9") -> the fill colour (``#rrggbb``) or None for no fill.
        alerts: each alert's (prompt, title).
        selected: (sheet, "A1:A1") of the last selection, if any.
        actions: every action, in order.
    """

    number_formats: dict[tuple[str, str], str] = field(default_factory=dict)
    fills: dict[tuple[str, str], str | None] = field(default_factory=dict)
    alerts: list[tuple[str, str]] = field(default_factory=list)
    selected: tuple[str, str] | None = None
    actions: list[dict[str, Any]] = field(default_factory=list)


def apply(data: Payload, actions: Sequence[Mapping[str, Any]]) -> tuple[Payload, Applied]:
    """Return ``data`` as Excel would send it after running ``actions``, and what else they did.

    Values are coerced as Excel coerces entered text (:func:`entered`). Raises AssertionError
    for an action this emulation does not know, so a test never passes over one silently.
    """
    book = copy.deepcopy(data)
    applied = Applied(actions=[dict(a) for a in actions])
    for action in actions:
        func = action["func"]
        sheets = book["sheets"]
        position = action.get("sheet_position")
        sheet = sheets[position] if position is not None else None
        where = _address(action) if action.get("start_row") is not None else ""
        if func == "setValues":
            _set_values(sheet, action)
        elif func in ("rangeClearContents", "rangeClear"):
            blank = [[""] * action["column_count"] for _ in range(action["row_count"])]
            _set_values(sheet, {**action, "values": blank}, coerce=False)
        elif func in ("sheetClearContents", "sheetClear"):
            sheet["values"] = [[]]
        elif func == "addSheet":
            index, name = action["args"]
            sheets.insert(index, _new_sheet(name))
        elif func == "setSheetName":
            sheet["name"] = action["args"][0]
        elif func == "namesAdd":
            _add_name(book, *action["args"])
        elif func == "resizeTable":
            _resize_table(sheet, *action["args"])
        elif func == "setNumberFormat":
            applied.number_formats[(sheet["name"], where)] = action["args"][0]
        elif func == "setRangeColor":
            applied.fills[(sheet["name"], where)] = action["args"][0] or None
        elif func == "alert":
            applied.alerts.append((action["args"][0], action["args"][1]))
        elif func == "rangeSelect":
            applied.selected = (sheet["name"], where)
        elif func == "activateSheet":
            book["book"]["active_sheet_index"] = action["args"][0]
        # -- live adapter: a name pointed anew (Office.js refuses to add a name that exists)
        elif func == "setNameRefersTo":
            name, _, _, refers_to = action["args"]
            _add_name(book, name, refers_to)
        # -- end live adapter
        elif func in _LOOK_ONLY:
            continue
        else:
            raise AssertionError(f"the Excel emulation does not know the action {func!r}")
    return book, applied


# Actions that change only how cells look, which the tests read from the action list itself.
_LOOK_ONLY = frozenset(
    {
        "setFontProperty",
        "setColumnWidth",
        "setHorizontalAlignment",
        "setWrapText",
        "setAutofit",
        "setSheetAutofit",
        "freezePaneAtRange",
        "freezePaneUnfreeze",
        "setBorderProperty",
        "addConditionalFormat",
        "clearConditionalFormats",
        "setShowGridlines",
        "setScreenUpdating",
        "setCalculation",
        "rangeClearFormats",
        "sheetClearFormats",
    }
)


def _address(action: Mapping[str, Any]) -> str:
    top, left = action["start_row"] + 1, action["start_column"] + 1
    bottom, right = top + action["row_count"] - 1, left + action["column_count"] - 1
    return f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"


def _new_sheet(name: str) -> dict[str, Any]:
    return {"name": name, "values": [[]], "pictures": [], "tables": []}


def _set_values(sheet: dict[str, Any], action: Mapping[str, Any], coerce: bool = True) -> None:
    values = sheet["values"]
    if values == [[]]:
        values.clear()
    top, left = action["start_row"], action["start_column"]
    rows = action["values"]
    assert len(rows) == action["row_count"], "a setValues action's values and size differ"
    width = max(len(values[0]) if values else 0, left + action["column_count"])
    for row in values:
        row.extend([""] * (width - len(row)))
    while len(values) < top + len(rows):
        values.append([""] * width)
    for i, cells in enumerate(rows):
        assert len(cells) == action["column_count"], "a setValues row has the wrong width"
        for j, value in enumerate(cells):
            values[top + i][left + j] = entered(value) if coerce else value
    _trim(sheet)


def _trim(sheet: dict[str, Any]) -> None:
    """Keep a sheet's values from A1 to its last used cell, as the client sends them."""
    values = sheet["values"]
    while values and all(v in ("", None) for v in values[-1]):
        values.pop()
    width = max(
        (max((i + 1 for i, v in enumerate(r) if v not in ("", None)), default=0) for r in values),
        default=0,
    )
    sheet["values"] = [r[:width] for r in values] or [[]]


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def entered(value: Any) -> Any:
    """Return what a cell holds after ``value`` was put in it through Excel's setValues.

    Excel reads text as if typed: numbers (``"00123"``, ``"1,234.50"``, ``"12%"``), dates
    (``"2024-09-01"``), TRUE/FALSE and formulas (``"=1+1"``) stop being text; a leading
    apostrophe keeps the rest as text. ISO timestamps the client sends back stay as they are,
    as a date-formatted number would. A formula is kept as its text with an ``=``: the tests
    assert none is ever entered by accident.
    """
    if not isinstance(value, str) or value == "":
        return "" if value is None else value
    if value.startswith("'"):
        return value[1:]
    text = value.strip()
    if _NUMBER.match(text) or _GROUPED.match(text):
        number = float(text.rstrip("%").replace(",", ""))
        return number / 100 if text.endswith("%") else number
    found = _ISO_DATE.match(text)
    if found:
        return iso(dt.date(*map(int, found.groups())))
    if text.upper() in ("TRUE", "FALSE"):
        return text.upper() == "TRUE"
    return value


def _add_name(book: Payload, name: str, refers_to: str) -> None:
    sheet, address = refers_to.lstrip("=").rsplit("!", 1)
    sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
    index = [s["name"] for s in book["sheets"]].index(sheet)
    book["names"] = [n for n in book["names"] if n["name"].casefold() != name.casefold()]
    book["names"].append(
        {
            "name": name,
            "sheet_index": index,
            "address": address,
            "scope_sheet_name": None,
            "scope_sheet_index": None,
            "book_scope": True,
        }
    )


def _resize_table(sheet: dict[str, Any], index: int, address: str) -> None:
    table = sheet["tables"][index]
    first_col, first_row, last_col, last_row = range_boundaries(address.split("!")[-1])
    first, last = get_column_letter(first_col), get_column_letter(last_col)
    headers = table["show_headers"]
    totals = table["show_totals"]
    body_first = first_row + 1 if headers else first_row
    body_last = last_row - 1 if totals else last_row
    table["range_address"] = f"{first}{first_row}:{last}{last_row}"
    if headers:
        table["header_row_range_address"] = f"{first}{first_row}:{last}{first_row}"
    table["data_body_range_address"] = f"{first}{body_first}:{last}{body_last}"
    if totals:
        table["total_row_range_address"] = f"{first}{last_row}:{last}{last_row}"


def cell(data: Payload, sheet: str, address: str) -> Any:
    """Return the value of one cell (``"D14"``) of ``sheet`` in ``data``, ``""`` when empty."""
    values = next(s["values"] for s in data["sheets"] if s["name"] == sheet)
    col, row, _, _ = range_boundaries(address)
    if row > len(values) or col > len(values[row - 1]):
        return ""
    return values[row - 1][col - 1]


def epoch_serial(value: dt.datetime) -> float:
    """Return a datetime as Excel's 1900-system serial number."""
    return (value - _EPOCH).total_seconds() / 86400
