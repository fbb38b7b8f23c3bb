"""The Summary and Aging as written: totals, the Disputed column, bold totals, filter, panes."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from bookmaker import make_book
from python_calamine import CalamineWorkbook

import arsheet
from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.book.contract import AGING, DASHBOARD, SUMMARY
from arsheet.cli import main
from arsheet.core import compute
from arsheet.pipeline import load
from arsheet.reports.labels import label
from arsheet.template.build import build_template

TODAY = date(2025, 6, 30)
AS_OF = ["--as-of", TODAY.isoformat(), "--no-backup"]

#   INV-1 C1 disputed 100.00, 30.00 paid by a link   -> 70.00 disputed, 91-120 days
#   INV-2 C1 250.00                                  -> not disputed
#   INV-3 C2 disputed 20.00, current                 -> 20.00 disputed
#   INV-4 C2 disputed 40.00, written off             -> nothing open, nothing disputed
TRANSACTIONS = [
    ["INV-1", "C1", "Invoice", date(2025, 2, 1), date(2025, 3, 3), 100, None, None, "Y"],
    ["INV-2", "C1", "Invoice", date(2025, 6, 1), date(2025, 7, 1), 250, None, None, "N"],
    ["INV-3", "C2", "Invoice", date(2025, 6, 10), date(2025, 7, 10), 20, None, None, "Y"],
    ["INV-4", "C2", "Invoice", date(2025, 1, 10), date(2025, 2, 10), 40, None, None, "Y", "Y"],
]


def _small_book(path: Path, lang: str = "en") -> Path:
    book = make_book(
        path,
        {
            "customers": [["C1", "Acme"], ["C2", "Globex"]],
            "transactions": TRANSACTIONS,
            "payments": [["P-1", "C1", date(2025, 3, 10), 30, "INV-1"]],
        },
        lang=lang,
    )
    assert main(["recalc", str(book), *AS_OF]) == 0
    return book


def _table(book: Path, name: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(book)).get_sheet_by_name(name).to_python()


def _row(rows: list[list[object]], first: str) -> dict[str, object]:
    """Return the row whose first cell is ``first`` as header -> value (header in row 3)."""
    (found,) = [r for r in rows[3:] if r[0] == first]
    return dict(zip(rows[2], found, strict=True))


def _cents(value: object) -> int:
    return round(float(value) * 100)  # type: ignore[arg-type]


def _beside(rows: list[list[object]], text: str) -> object:
    """Return the first value right of the first cell reading ``text``."""
    for row in rows:
        if text in row:
            return next(v for v in row[row.index(text) + 1 :] if v != "")
    raise AssertionError(f"{text!r} not found")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_summary_and_aging_totals_equal_the_dashboards(tmp_path: Path, lang: str) -> None:
    book = tmp_path / "demo.xlsx"
    build_template(book, lang, demo=True, today=TODAY)
    assert main(["recalc", str(book), *AS_OF]) in (0, 1)
    totals = compute(load(XlsxBook(book)).book, TODAY).totals
    dashboard = _table(book, DASHBOARD.name(lang))
    total = label("total", lang)
    summary = _row(_table(book, SUMMARY.name(lang)), total)
    aging_rows = _table(book, AGING.name(lang))
    aging = _row(aging_rows, total)

    open_ = label("open_amount", lang)
    for sheet in (summary, aging):
        assert _cents(sheet[open_]) == _cents(_beside(dashboard, label("total_open", lang)))
        assert _cents(sheet[open_]) == totals.open_amount != 0
        assert _cents(sheet[label("disputed_amount", lang)]) == totals.disputed_amount != 0
        assert _cents(sheet[label("net_balance", lang)]) == totals.net_balance
    overdue = _beside(dashboard, label("total_overdue", lang))
    assert _cents(summary[label("overdue_amount", lang)]) == _cents(overdue)
    assert summary[label("overdue_pct", lang)] == pytest.approx(totals.overdue_pct)
    assert summary[label("dso", lang)] == pytest.approx(totals.dso)
    buckets = [h for h in aging_rows[2][3:] if h != open_][: len(totals.buckets)]
    for bucket, amount in zip(buckets, totals.buckets, strict=True):
        assert _cents(aging[bucket]) == _cents(summary[bucket]) == amount
        assert _cents(_beside(dashboard, bucket)) == amount
    shares = _row(aging_rows, label("pct_of_total", lang))
    assert sum(shares[b] for b in buckets) == pytest.approx(1.0)
    assert shares[open_] == pytest.approx(1.0)


def test_the_disputed_column_holds_the_open_part_of_disputed_invoices(tmp_path: Path) -> None:
    book = _small_book(tmp_path / "b.xlsx")
    summary, aging = _table(book, "Summary"), _table(book, "Aging")
    for rows in (summary, aging):
        disputed = {first: _cents(_row(rows, first)["Disputed"]) for first in ("C1", "C2")}
        assert disputed == {"C1": 7000, "C2": 2000}
        assert _cents(_row(rows, "Total")["Disputed"]) == 9000
        assert _cents(_row(rows, "Total")["Open"]) == 7000 + 25000 + 2000
    # Disputed money stays in its bucket: the buckets still add up to the open amount.
    c1 = _row(aging, "C1")
    assert _cents(c1["91–120"]) == 7000
    assert sum(_cents(c1[b]) for b in aging[2][3:9]) == _cents(c1["Open"])
    assert "Disputed invoices stay in their buckets" in aging[1][0]


def test_totals_rows_are_bold_and_customer_rows_are_not(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_small_book(tmp_path / "b.xlsx"))
    summary, aging = book["Summary"], book["Aging"]
    assert summary["A6"].value == "Total"
    assert all(cell.font.b for cell in summary[6] if cell.value is not None)
    assert not any(cell.font.b for cell in summary[5])
    assert summary["F6"].number_format == summary["F5"].number_format
    totals = [row for row in aging.iter_rows() if "Total" in [c.value for c in row]]
    assert len(totals) == 2  # customers and owners
    for row in totals:
        assert all(cell.font.b for cell in row if cell.value is not None)
    assert not any(cell.font.b for cell in aging[4])


def test_summary_filters_its_customers_and_keeps_id_and_name_in_view(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_small_book(tmp_path / "b.xlsx"))
    summary = book["Summary"]
    last = openpyxl.utils.get_column_letter(summary.max_column)
    assert summary.auto_filter.ref == f"A3:{last}5"  # header and customers, not the totals
    assert summary.freeze_panes == "C4"
    assert summary.cell(3, summary.max_column).value  # the filter spans the whole header
    legend = summary["E1"]
    assert legend.value == (
        "Red: over the credit limit, on credit hold, or an invoice 90+ days overdue"
    )
    highlighted = {str(rule.sqref) for rule in summary.conditional_formatting}
    assert highlighted == {f"A4:{last}5"}  # the totals row is never red


def test_the_owner_table_lines_up_with_the_customer_table(tmp_path: Path) -> None:
    rows = _table(_small_book(tmp_path / "b.xlsx"), "Aging")
    header = rows[2]
    (owner_header,) = [r for r in rows[4:] if "Open" in r]
    assert owner_header[2:] == header[2:]
    assert owner_header[:2] == ["", ""]


def test_the_api_gives_the_disputed_amount_as_money(tmp_path: Path) -> None:
    figures = arsheet.compute(_small_book(tmp_path / "b.xlsx"), as_of=TODAY)
    assert figures.customers["disputed_amount"].to_dict() == {
        "C1": Decimal("70.00"),
        "C2": Decimal("20.00"),
    }
    assert figures.totals["disputed_amount"] == Decimal("90.00")


def test_the_filter_range_is_named_on_the_sheet_arsheet_owns(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "Summary": [["my own summary"]],
            "customers": [["C1", "Acme"]],
            "transactions": TRANSACTIONS[1:2],
        },
    )
    main(["recalc", str(book), *AS_OF])
    main(["recalc", str(book), *AS_OF])  # a second run replaces the name, never adds one
    with zipfile.ZipFile(book) as package:
        workbook = package.read("xl/workbook.xml").decode()
    tabs = re.findall(r"<sheet\b[^>]*\sname=\"([^\"]+)\"", workbook)
    names = re.findall(r'name="_xlnm._FilterDatabase" localSheetId="(\d+)"[^>]*>([^<]+)<', workbook)
    assert [(tabs[int(at)], ref) for at, ref in names] == [
        ("Summary (arsheet)", "'Summary (arsheet)'!$A$3:$AG$4"),
        ("Dunning", "'Dunning'!$A$3:$V$4"),
    ]
    assert openpyxl.load_workbook(book)["Summary"].auto_filter.ref is None
