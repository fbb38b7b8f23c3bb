"""The Dashboard's charts as LibreOffice opens, saves and prints them.

LibreOffice saves a chart with the values it read, so its copy of a recalculated book says what
each series found in its cells: no empty one, every month, the current one marked partial. Its
print of the Dashboard shows every top-overdue name twice (the range and the chart, ten labels
none left out) and the axes in whole numbers with thousands separators.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from chart_cells import empty_cells_read
from conftest import LibreOffice

import arsheet
from arsheet.book.contract import DASHBOARD
from arsheet.reports import dashboard_ranges as at

pytestmark = pytest.mark.libreoffice

TODAY = date(2025, 6, 18)
PARTIAL = {"en": "2025-06 (to 18 Jun)", "zh": "2025-06（截至18日）"}
_POINTS = re.compile(rb"<c:(num|str)Cache>(.*?)</c:\1Cache>", re.DOTALL)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the recalculated demo in both languages, and a book with nothing overdue."""
    folder = tmp_path_factory.mktemp("charts")
    made = {
        lang: arsheet.new(folder / f"demo_{lang}.xlsx", lang=lang, demo=True, today=TODAY)
        for lang in ("en", "zh")
    }
    current = arsheet.new(folder / "current.xlsx")
    book = arsheet.XlsxBook.for_update(current)
    book.append("customers", [{"customer_id": "C1", "customer_name": "Acme"}])
    book = arsheet.XlsxBook.for_update(current)
    book.append(
        "transactions",
        [
            {
                "document_no": "INV-1",
                "customer_id": "C1",
                "type": "invoice",
                "date": date(2025, 6, 1),
                "amount": 100,
            }
        ],
    )
    arsheet.recalc(current, as_of=TODAY, backup=False)
    return {**made, "current": current}


@pytest.fixture(scope="module")
def resaved(
    libreoffice: LibreOffice, books: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Return each book as LibreOffice saves it again."""
    folder = tmp_path_factory.mktemp("resaved")
    return dict(zip(books, libreoffice.convert(list(books.values()), "xlsx", folder), strict=True))


@pytest.mark.parametrize("name", ["en", "zh", "current"])
def test_no_series_reads_an_empty_cell_once_libreoffice_saved_it(
    resaved: dict[str, Path], name: str
) -> None:
    book = resaved[name]
    assert empty_cells_read(book) == []
    with zipfile.ZipFile(book) as package:
        charts = [package.read(n) for n in package.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 4
    for chart in charts:
        for _, cache in _POINTS.findall(chart):
            count = int(re.search(rb'<c:ptCount val="(\d+)"/>', cache)[1])
            assert len(re.findall(rb"<c:pt idx=", cache)) == count


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_months_chart_ends_with_the_partial_month(resaved: dict[str, Path], lang: str) -> None:
    with zipfile.ZipFile(resaved[lang]) as package:
        charts = [package.read(n) for n in package.namelist() if n.startswith("xl/charts/chart")]
    months = [c for c in charts if PARTIAL[lang].encode() in c]
    assert months, "no chart names the partial month"
    points = re.findall(rb"<c:v>([^<]*)</c:v>", _POINTS.search(months[0].split(b"<c:cat>")[1])[2])
    assert len(points) == at.DASHBOARD_MONTHS_ROWS
    assert points[-1].decode() == PARTIAL[lang]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_printed_dashboard_names_every_top_customer_on_whole_number_axes(
    libreoffice: LibreOffice,
    books: dict[str, Path],
    tmp_path: Path,
    lang: str,
) -> None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed")
    (pdf,) = libreoffice.convert([books[lang]], "pdf", tmp_path)
    pages = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    title = openpyxl.load_workbook(books[lang])[DASHBOARD.name(lang)]["A1"].value
    (page,) = (p for p in pages if title in p)
    ws = openpyxl.load_workbook(books[lang])[DASHBOARD.name(lang)]
    first = at.DASHBOARD_TOP_ROW + 1
    names = [ws.cell(row, 4).value for row in range(first, first + at.DASHBOARD_TOP_ROWS)]
    assert all(names)
    for name in names:
        assert page.count(name) >= 2, f"{name} is not labelled in the chart"
    lines = set(page.splitlines())
    assert "100,000" in lines
    # An axis with cents would show its round steps as 100,000.00.
    assert not [line for line in lines if re.fullmatch(r"\d{1,3}(,000)+\.00", line)]
