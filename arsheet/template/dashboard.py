"""The template's owned sheets: the Dashboard with its charts, and titled Summary, Aging and Check.

The charts read the ranges of :mod:`arsheet.reports.dashboard_ranges` at their largest; the
template writes only their header cells, and every recalculation fills the data cells below
them and makes the charts read exactly the rows filled (:mod:`arsheet.adapters.xlsx.chart_ranges`).
"""

from __future__ import annotations

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.axis import ChartLines
from openpyxl.chart.data_source import AxDataSource, NumFmt, StrRef
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RichTextProperties,
)
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from arsheet.book.contract import OwnedSheet
from arsheet.book.look import OWNED_HEADER_FILL
from arsheet.book.marks import sheet_mark
from arsheet.book.titles import template_title
from arsheet.reports.dashboard_ranges import (
    DASHBOARD_AGING_ROW,
    DASHBOARD_AGING_ROWS,
    DASHBOARD_FORECAST_ROW,
    DASHBOARD_FORECAST_ROWS,
    DASHBOARD_MONTHS_ROW,
    DASHBOARD_MONTHS_ROWS,
    DASHBOARD_TABLE_COL,
    DASHBOARD_TOP_ROW,
    DASHBOARD_TOP_ROWS,
)
from arsheet.reports.labels import label
from arsheet.template.record_sheets import FONT_NAME, fit_to_width, mark, style_header

OWNED_TAB_COLOR = OWNED_HEADER_FILL[2:]
TITLE_FONT = Font(name=FONT_NAME, size=16, bold=True)

_TEXT = {
    "en": {
        "aging": "Open amount by aging bucket",
        "top": "Top 10 overdue customers",
        "months": "Open and collected by month",
        "forecast": "Expected collections, next 13 weeks",
    },
    "zh": {
        "aging": "各账龄区间未收金额",
        "top": "逾期金额前 10 名客户",
        "months": "每月未收与回款",
        "forecast": "未来 13 周预计回款",
    },
}
# Column widths of the Dashboard, from A: headline label, value, change, then the chart data.
_WIDTHS = (30, 20, 20, 28, 17, 17)
_CHART_COLUMN = get_column_letter(DASHBOARD_TABLE_COL + 4)
# The rows the four charts start in, each below the one before it (a row is about half a
# centimetre); the top-10 chart is the tallest, for ten names, the monthly and forecast ones
# taller than the aging one, for their leaning labels.
_CHART_ROWS = (
    DASHBOARD_AGING_ROW,
    DASHBOARD_AGING_ROW + 16,
    DASHBOARD_AGING_ROW + 36,
    DASHBOARD_AGING_ROW + 55,
)
_TOP_HEIGHT = 10  # centimetres
_MONTHS_HEIGHT = 9
# Axes count whole money: the cents of a scale's steps say nothing.
_AXIS_FORMAT = "#,##0"
_AXIS_FONT_SIZE = 800  # hundredths of a point


def add_owned_sheet(wb: Workbook, sheet: OwnedSheet, lang: str) -> Worksheet:
    """Add an owned sheet with only its title in A1; the recalculation writes the rest.

    Args:
        wb: the workbook.
        sheet: the contract's owned sheet.
        lang: the book's language.

    Returns:
        The new worksheet.
    """
    ws = wb.create_sheet(sheet.name(lang))
    ws.sheet_properties.tabColor = OWNED_TAB_COLOR
    ws["A1"] = template_title(sheet, lang)
    ws["A1"].font = TITLE_FONT
    mark(ws, sheet_mark(sheet.key), 1, 1)
    return ws


def add_dashboard(wb: Workbook, sheet: OwnedSheet, lang: str) -> Worksheet:
    """Add the Dashboard: title, the headers of the fixed ranges, and four charts over them.

    Args:
        wb: the workbook.
        sheet: the contract's Dashboard sheet.
        lang: the book's language.

    Returns:
        The new worksheet.
    """
    text = _TEXT[lang]
    ws = wb.create_sheet(sheet.name(lang))
    ws.sheet_properties.tabColor = OWNED_TAB_COLOR
    ws["A1"] = template_title(sheet, lang)
    ws["A1"].font = TITLE_FONT
    mark(ws, sheet_mark(sheet.key), 1, 1)
    fit_to_width(ws)
    ws.page_setup.fitToHeight = 1
    for col, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    _headers(ws, DASHBOARD_AGING_ROW, lang, "bucket", "open_amount")
    _headers(ws, DASHBOARD_TOP_ROW, lang, "top_overdue", "total_overdue")
    _headers(ws, DASHBOARD_MONTHS_ROW, lang, "month", "open_at_month_end", "collected")
    _headers(ws, DASHBOARD_FORECAST_ROW, lang, "week", "expected_collections")

    aging = _bars(ws, DASHBOARD_AGING_ROW, DASHBOARD_AGING_ROWS, text["aging"], "col")
    ws.add_chart(aging, f"{_CHART_COLUMN}{_CHART_ROWS[0]}")
    top = _bars(ws, DASHBOARD_TOP_ROW, DASHBOARD_TOP_ROWS, text["top"], "bar")
    top.x_axis.scaling.orientation = "maxMin"
    # Ten names in a row each: small enough to fit, and never one left out to make room.
    top.x_axis.txPr = _axis_text(rotation=0)
    top.height = _TOP_HEIGHT
    ws.add_chart(top, f"{_CHART_COLUMN}{_CHART_ROWS[1]}")
    ws.add_chart(_months_chart(ws, text["months"]), f"{_CHART_COLUMN}{_CHART_ROWS[2]}")
    forecast = _bars(ws, DASHBOARD_FORECAST_ROW, DASHBOARD_FORECAST_ROWS, text["forecast"], "col")
    # Fourteen labels of a week's two days each: leaning, they all fit.
    forecast.x_axis.txPr = _axis_text(rotation=-45)
    forecast.height = _MONTHS_HEIGHT
    ws.add_chart(forecast, f"{_CHART_COLUMN}{_CHART_ROWS[3]}")
    return ws


def _headers(ws: Worksheet, row: int, lang: str, *keys: str) -> None:
    """Write the header cells of a fixed range as the recalculation does, in the same words."""
    for offset, key in enumerate(keys):
        cell = ws.cell(row=row, column=DASHBOARD_TABLE_COL + offset)
        style_header(cell, label(key, lang), owned=True)


def _bars(ws: Worksheet, header_row: int, rows: int, title: str, direction: str) -> BarChart:
    """Return a bar chart of the value column next to the label column of a fixed range."""
    chart = BarChart()
    chart.type = direction
    chart.add_data(_values(ws, header_row, rows, 1), titles_from_data=True)
    _label_categories(chart, _values(ws, header_row + 1, rows - 1, 0))
    chart.legend = None
    _finish(chart, title)
    return chart


def _months_chart(ws: Worksheet, title: str) -> BarChart:
    """Return collected money per month as columns with the open balance as a line over them.

    The line is straight from month end to month end: a smoothed curve would draw balances
    between them that never were. The month labels lean, so the partial month's longer label
    fits beside the others.
    """
    columns = BarChart()
    columns.add_data(
        _values(ws, DASHBOARD_MONTHS_ROW, DASHBOARD_MONTHS_ROWS, 2), titles_from_data=True
    )
    line = LineChart()
    line.add_data(
        _values(ws, DASHBOARD_MONTHS_ROW, DASHBOARD_MONTHS_ROWS, 1), titles_from_data=True
    )
    months = _values(ws, DASHBOARD_MONTHS_ROW + 1, DASHBOARD_MONTHS_ROWS - 1, 0)
    _label_categories(columns, months)
    _label_categories(line, months)
    for series in line.series:
        series.smooth = False
    columns += line
    columns.x_axis.txPr = _axis_text(rotation=-45)
    columns.legend.position = "b"
    _finish(columns, title)
    columns.height = _MONTHS_HEIGHT
    return columns


def _label_categories(chart: BarChart | LineChart, labels: Reference) -> None:
    """Label the chart's categories with the text of ``labels`` (bucket, customer, month)."""
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(labels)))


def _values(ws: Worksheet, first_row: int, rows: int, offset: int) -> Reference:
    """Return a one-column reference of ``rows + 1`` cells from ``first_row``."""
    col = DASHBOARD_TABLE_COL + offset
    return Reference(ws, min_col=col, min_row=first_row, max_row=first_row + rows)


def _finish(chart: BarChart, title: str) -> None:
    """Give a chart its title, size, whole-money axis and visible axes, every category labelled."""
    chart.title = title
    chart.width = 18
    chart.height = 7.5
    chart.y_axis.numFmt = NumFmt(formatCode=_AXIS_FORMAT, sourceLinked=False)
    chart.y_axis.majorGridlines = ChartLines()
    chart.y_axis.txPr = _axis_text(rotation=0)
    chart.x_axis.tickLblSkip = 1
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def _axis_text(rotation: int) -> RichText:
    """Return the look of an axis' labels: small, turned ``rotation`` degrees (negative: up)."""
    look = CharacterProperties(sz=_AXIS_FONT_SIZE)
    return RichText(
        bodyPr=RichTextProperties(rot=rotation * 60000, vert="horz"),
        p=[Paragraph(pPr=ParagraphProperties(defRPr=look), endParaRPr=look)],
    )
