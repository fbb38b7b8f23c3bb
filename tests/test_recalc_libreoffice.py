"""A real client opens a recalculated demo book: every sheet, the engine's figures, the charts."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from bookmaker import make_book
from conftest import LibreOffice
from python_calamine import CalamineWorkbook

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.book.contract import (
    DASHBOARD,
    OWNED_SHEETS,
    RECORD_SHEETS,
    SETTINGS_SHEET,
    TRANSACTIONS,
)
from arsheet.cli import main
from arsheet.core import compute
from arsheet.pipeline import load
from arsheet.template.build import build_template

pytestmark = pytest.mark.libreoffice

TODAY = date(2025, 6, 30)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_recalculated_demo_opens_in_libreoffice_with_the_engine_figures(
    libreoffice: LibreOffice, tmp_path: Path, lang: str
) -> None:
    book = tmp_path / f"demo_{lang}.xlsx"
    build_template(book, lang, demo=True, today=TODAY)
    assert main(["recalc", str(book), "--as-of", TODAY.isoformat(), "--no-backup"]) in (0, 1)
    loaded = load(XlsxBook(book))
    results = compute(loaded.book, TODAY)

    (resaved,) = libreoffice.convert([book], "xlsx", tmp_path / "lo")

    workbook = CalamineWorkbook.from_path(str(resaved))
    expected = [s.name(lang) for s in (*RECORD_SHEETS, SETTINGS_SHEET)]
    expected += [s.name(lang) for s in OWNED_SHEETS]
    assert set(expected) <= set(workbook.sheet_names)

    rows = workbook.get_sheet_by_name(TRANSACTIONS.name(lang)).to_python()
    header = rows[0]
    number = header.index(TRANSACTIONS.column("document_no").header(lang))
    open_col = header.index(TRANSACTIONS.column("open_amount").header(lang))
    seen = {
        row[number]: round(row[open_col] * 100)
        for row in rows[1:]
        if row[number] and row[open_col] != ""
    }
    numbers = loaded.book.transactions["document_no"]
    computed = results.transactions["open_amount"].dropna()
    want = {numbers[i]: int(v) for i, v in computed.items()}
    assert seen == want
    assert sum(want.values()) != 0

    with zipfile.ZipFile(resaved) as package:
        charts = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) >= 3


def test_summary_totals_add_up_after_libreoffice(libreoffice: LibreOffice, tmp_path: Path) -> None:
    book = tmp_path / "demo.xlsx"
    build_template(book, "en", demo=True, today=TODAY)
    main(["recalc", str(book), "--as-of", TODAY.isoformat(), "--no-backup"])
    (resaved,) = libreoffice.convert([book], "xlsx", tmp_path / "lo")
    rows = CalamineWorkbook.from_path(str(resaved)).get_sheet_by_name("Aging").to_python()
    header = rows[2]
    frame = pd.DataFrame(rows[3:], columns=header)
    total = frame[frame["Customer ID"] == "Total"].iloc[0]
    customers = frame.iloc[: frame.index[frame["Customer ID"] == "Total"][0]]
    cents = customers[["Open"]].astype(float).mul(100).round().astype(int)
    assert cents["Open"].sum() == round(float(total["Open"]) * 100)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_book_without_dashboard_gets_the_template_charts(
    libreoffice: LibreOffice, tmp_path: Path, lang: str
) -> None:
    book = make_book(
        tmp_path / f"own_{lang}.xlsx",
        {
            "customers": [["C1", "Acme"], ["C2", "北方贸易"]],
            "transactions": [
                ["INV-1", "C1", "Invoice", date(2025, 1, 1), date(2025, 1, 31), 100],
                ["INV-2", "C2", "Invoice", date(2025, 3, 1), date(2025, 3, 31), 250.5],
            ],
            "payments": [],
        },
        lang=lang,
    )
    assert main(["recalc", str(book), "--as-of", TODAY.isoformat(), "--no-backup"]) == 0
    (resaved,) = libreoffice.convert([book], "xlsx", tmp_path / "lo")
    with zipfile.ZipFile(resaved) as package:
        charts = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        aging_chart = package.read(sorted(charts)[0]).decode()
    assert len(charts) == 4
    assert DASHBOARD.name(lang) in aging_chart  # the series still read the Dashboard's ranges
