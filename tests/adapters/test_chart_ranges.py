"""The Dashboard's charts read exactly the rows a recalculation filled, never an empty cell.

Checked on recalculated books, the chart parts read back as written: the demo book in both
languages, a small book with few buckets, customers and months (its Dashboard new, or the
template's), a book with nothing overdue, one with more buckets than the aging range has rows,
and a book whose Dashboard chart was made by another program, with cached values.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from bookmaker import make_book
from chart_cells import chart_areas, empty_cells_read

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.adapters.xlsx.chart_ranges import ChartedRange, reading_exactly
from arsheet.api import compute, new, recalc
from arsheet.book.contract import CUSTOMERS, DASHBOARD, PAYMENTS, SETTINGS_SHEET, TRANSACTIONS

AS_OF = date(2025, 6, 30)


def dashboard_column(book: Path, lang: str, column: str, first: int) -> list[object]:
    """Return the values of a Dashboard column from row ``first`` down to its first empty cell."""
    ws = openpyxl.load_workbook(book)[DASHBOARD.name(lang)]
    values = []
    row = first
    while ws[f"{column}{row}"].value not in (None, ""):
        values.append(ws[f"{column}{row}"].value)
        row += 1
    return values


def small_book(path: Path, lang: str, bounds: str = "30", due: date = date(2025, 5, 31)) -> Path:
    """Two customers, two invoices in two months, one payment; aging bounds ``bounds``."""
    return make_book(
        path,
        {
            "customers": [["C1", "Acme"], ["C2", "北方贸易"]],
            "transactions": [
                ["INV-1", "C1", "Invoice", date(2025, 4, 1), due, 100],
                ["INV-2", "C2", "Invoice", date(2025, 5, 1), due, 250.5],
            ],
            "payments": [["P-1", "C1", date(2025, 5, 20), 40]],
            "settings": [["Setting", "Value"], ["Aging buckets", bounds]],
        },
        lang=lang,
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_demo_books_charts_read_no_empty_cell(tmp_path: Path, lang: str) -> None:
    book = new(tmp_path / f"demo_{lang}.xlsx", lang=lang, demo=True, today=AS_OF)
    assert empty_cells_read(book) == []
    name = DASHBOARD.name(lang)
    # Five bounds, six buckets: the aging chart reads six rows, not the range's eight.
    assert (name, "D4:D9") in chart_areas(book)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_small_book_new_dashboard_reads_its_few_rows(tmp_path: Path, lang: str) -> None:
    book = small_book(tmp_path / f"small_{lang}.xlsx", lang)
    recalc(book, as_of=AS_OF, backup=False)
    assert empty_cells_read(book) == []
    name = DASHBOARD.name(lang)
    areas = chart_areas(book)
    assert (name, "D4:D6") in areas  # Current, 1–30, 31+
    assert (name, "D15:D16") in areas  # two customers overdue
    assert (name, "D28:D39") in areas  # twelve months, however few have figures
    assert (name, "D43:D56") in areas  # the forecast's thirteen weeks and "later"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_templates_dashboard_is_made_to_read_a_small_books_rows(
    tmp_path: Path, lang: str
) -> None:
    book = new(tmp_path / f"template_{lang}.xlsx", lang=lang)
    XlsxBook.for_update(book).append(
        "customers", [{"customer_id": "C1", "customer_name": "Acme", "terms_days": 30}]
    )
    XlsxBook.for_update(book).append(
        "transactions",
        [
            {
                "document_no": "INV-1",
                "customer_id": "C1",
                "type": "invoice",
                "date": date(2025, 4, 1),
                "amount": 100,
            }
        ],
    )
    recalc(book, as_of=AS_OF, backup=False)
    assert empty_cells_read(book) == []
    assert (DASHBOARD.name(lang), "E15:E15") in chart_areas(book)  # one customer overdue


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nothing_overdue_is_one_bar_of_nothing_saying_so(tmp_path: Path, lang: str) -> None:
    book = small_book(tmp_path / f"current_{lang}.xlsx", lang, due=date(2025, 7, 31))
    recalc(book, as_of=AS_OF, backup=False)
    assert empty_cells_read(book) == []
    assert (DASHBOARD.name(lang), "D15:D15") in chart_areas(book)
    assert dashboard_column(book, lang, "D", 15) == [
        "No overdue customers" if lang == "en" else "无逾期客户"
    ]
    assert dashboard_column(book, lang, "E", 15) == [0]


def test_a_range_grows_back_when_more_rows_come(tmp_path: Path) -> None:
    book = small_book(tmp_path / "grows.xlsx", "en", due=date(2025, 7, 31))
    recalc(book, as_of=AS_OF, backup=False)
    assert ("Dashboard", "E15:E15") in chart_areas(book)
    recalc(book, as_of=date(2025, 9, 30), backup=False)
    assert ("Dashboard", "E15:E16") in chart_areas(book)
    assert empty_cells_read(book) == []


def test_more_buckets_than_rows_add_up_in_the_last(tmp_path: Path) -> None:
    bounds = "10,20,30,40,50,60,70,80,90"  # ten buckets; the range has eight rows
    book = small_book(tmp_path / "buckets.xlsx", "en", bounds=bounds, due=date(2025, 4, 1))
    recalc(book, as_of=AS_OF, backup=False)
    assert empty_cells_read(book) == []
    assert ("Dashboard", "D4:D11") in chart_areas(book)
    labels = dashboard_column(book, "en", "D", 4)
    assert labels == ["Current", "1–10", "11–20", "21–30", "31–40", "41–50", "51–60", "61+"]
    amounts = dashboard_column(book, "en", "E", 4)
    figures = compute(book, as_of=AS_OF)
    assert round(sum(amounts) * 100) == round(figures.totals["open_amount"] * 100)


def test_an_earlier_books_chart_loses_its_stale_cache_and_nothing_else(tmp_path: Path) -> None:
    book = _earlier_book(tmp_path / "earlier.xlsx")
    with zipfile.ZipFile(book) as package:
        before = package.read("xl/charts/chart1.xml")
    recalc(book, as_of=AS_OF, backup=False)
    with zipfile.ZipFile(book) as package:
        after = package.read("xl/charts/chart1.xml")
    assert re.findall(rb"<c:f>([^<]*)</c:f>", after) == [
        b"Dashboard!$E$3",
        b"Dashboard!$D$4:$D$6",  # Current, 1–30, 31+
        b"Dashboard!$E$4:$E$6",
    ]
    # The header's cache stays; the ranges' stale ones, eight points long, go.
    assert re.findall(rb"<c:(?:num|str)Cache>", after) == [b"<c:strCache>"]
    formulas = re.compile(
        rb"<c:f>[^<]*</c:f>|<c:(num|str)Cache>(?:(?!</c:f>).)*?</c:\1Cache>", re.DOTALL
    )
    assert formulas.sub(b"", after) == formulas.sub(b"", before)
    assert empty_cells_read(book) == []


def _earlier_book(path: Path) -> Path:
    """Return a small book made by another program, with an earlier recalculation's Dashboard.

    Its Dashboard has no mark (the title tells it), eight stale aging rows, and a chart over
    the aging range at its largest with the values cached, as Excel saves it.
    """
    out = xlsxwriter.Workbook(str(path))
    records = {
        CUSTOMERS: [["C1", "Acme"], ["C2", "北方贸易"]],
        TRANSACTIONS: [
            ["INV-1", "C1", "Invoice", date(2025, 4, 1), date(2025, 4, 30), 100],
            ["INV-2", "C2", "Invoice", date(2025, 5, 1), date(2025, 5, 31), 250.5],
        ],
        PAYMENTS: [],
        SETTINGS_SHEET: [["Setting", "Value"], ["Aging buckets", "30"]],
    }
    day = out.add_format({"num_format": "yyyy-mm-dd"})
    for sheet, rows in records.items():
        ws = out.add_worksheet(sheet.name("en"))
        if sheet is not SETTINGS_SHEET:
            rows = [[c.header("en") for c in sheet.inputs], *rows]
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                ws.write(r, c, value, day if isinstance(value, date) else None)
    dashboard = out.add_worksheet("Dashboard")
    dashboard.write("A1", "Receivables dashboard as of 2025-03-31")
    dashboard.write_row("D3", ["Bucket", "Open"])
    for row in range(4, 12):
        dashboard.write_row(f"D{row}", [f"old {row}", row * 10])
    chart = out.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": "=Dashboard!$E$3",
            "categories": "=Dashboard!$D$4:$D$11",
            "values": "=Dashboard!$E$4:$E$11",
        }
    )
    dashboard.insert_chart("H3", chart)
    out.close()
    return path


def test_only_series_over_a_charted_block_change() -> None:
    chart = (
        b"<c:tx><c:strRef><c:f>'My &amp; Dash'!$E$3</c:f></c:strRef></c:tx>"
        b"<c:cat><c:strRef><c:f>'My &amp; Dash'!$D$4:$D$11</c:f>"
        b'<c:strCache><c:ptCount val="8"/><c:pt idx="0"><c:v>Current</c:v></c:pt></c:strCache>'
        b"</c:strRef></c:cat>"
        b"<c:val><c:numRef><c:f>'my &amp; dash'!$E$4:$E$11</c:f><c:numCache/></c:numRef></c:val>"
        b"<c:val><c:numRef><c:f>Other!$E$4:$E$11</c:f></c:numRef></c:val>"
        b"<c:val><c:numRef><c:f>'My &amp; Dash'!$F$4:$F$11</c:f></c:numRef></c:val>"
        b"<c:val><c:numRef><c:f>'My &amp; Dash'!$E$5:$E$11</c:f></c:numRef></c:val>"
        b"<c:title><c:strRef><c:f>'My &amp; Dash'!$E$4</c:f></c:strRef></c:title>"
    )
    ranges = [ChartedRange(4, 5, 4, 5), ChartedRange(4, 5, 15, 24)]
    assert reading_exactly(chart, "My & Dash", ranges) == (
        b"<c:tx><c:strRef><c:f>'My &amp; Dash'!$E$3</c:f></c:strRef></c:tx>"
        b"<c:cat><c:strRef><c:f>'My &amp; Dash'!$D$4:$D$5</c:f>"
        b"</c:strRef></c:cat>"
        b"<c:val><c:numRef><c:f>'my &amp; dash'!$E$4:$E$5</c:f></c:numRef></c:val>"
        b"<c:val><c:numRef><c:f>Other!$E$4:$E$11</c:f></c:numRef></c:val>"
        b"<c:val><c:numRef><c:f>'My &amp; Dash'!$F$4:$F$11</c:f></c:numRef></c:val>"
        b"<c:val><c:numRef><c:f>'My &amp; Dash'!$E$5:$E$11</c:f></c:numRef></c:val>"
        b"<c:title><c:strRef><c:f>'My &amp; Dash'!$E$4</c:f></c:strRef></c:title>"
    )


def test_recalculating_again_leaves_every_chart_as_it_was(tmp_path: Path) -> None:
    book = new(tmp_path / "again.xlsx", demo=True, today=AS_OF)
    with zipfile.ZipFile(book) as package:
        before = {n: package.read(n) for n in package.namelist() if n.startswith("xl/charts/")}
    recalc(book, as_of=AS_OF, backup=False)
    with zipfile.ZipFile(book) as package:
        assert {n: package.read(n) for n in before} == before
