"""The Dashboard's headline tiles as written: each figure, its change since the last month end."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from bookmaker import make_book
from conftest import LibreOffice

import arsheet
from arsheet.book.contract import DASHBOARD
from arsheet.cli import main
from arsheet.template.build import template_bytes

# At the end of July INV-1 was a month overdue (500.00 of 800.00 open) and C1 over its limit of
# 600.00; INV-3 came in August and P-1 paid INV-1 on 10 August. INV-2 is disputed.
CUSTOMERS = [["C1", "Acme", None, None, None, None, None, 600]]
TRANSACTIONS = [
    ["INV-1", "C1", "Invoice", date(2024, 6, 1), date(2024, 7, 1), 500],
    ["INV-2", "C1", "Invoice", date(2024, 7, 20), date(2024, 8, 19), 300, None, None, "Y"],
    ["INV-3", "C1", "Invoice", date(2024, 8, 5), date(2024, 9, 4), 200],
]
PAYMENTS = [["P-1", "C1", date(2024, 8, 10), 500, "INV-1"]]


def _recalculated(tmp_path: Path, as_of: date, lang: str = "en") -> openpyxl.Workbook:
    book = make_book(
        tmp_path / "book.xlsx",
        {"customers": CUSTOMERS, "transactions": TRANSACTIONS, "payments": PAYMENTS},
        lang=lang,
    )
    assert main(["recalc", str(book), "--as-of", as_of.isoformat(), "--no-backup"]) in (0, 1)
    return openpyxl.load_workbook(book)


def _tiles(ws: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, tuple[object, object]]:
    return {ws.cell(r, 1).value: (ws.cell(r, 2).value, ws.cell(r, 3).value) for r in range(4, 11)}


def test_each_tile_gives_its_figure_and_its_change_since_the_month_end(tmp_path: Path) -> None:
    ws = _recalculated(tmp_path, date(2024, 8, 15))[DASHBOARD.name("en")]
    assert [c.value for c in ws[3][:3]] == [
        "Headline figures",
        "As of 2024-08-15",
        "Since 2024-07-31",
    ]
    tiles = _tiles(ws)
    assert tiles["Total open"] == (500, -300)
    assert tiles["Overdue"] == (0, -500)
    # 62.5% overdue at the end of July, none now: 62.5 points down.
    assert tiles["Overdue %"] == (0, -62.5)
    assert tiles["Disputed"] == (300, 0)
    assert tiles["Customers over limit"] == (0, -1)
    assert set(tiles) >= {"DSO (days)", "Collection effectiveness (CEI)"}
    # The other figures stay below the tiles, label and value.
    assert [ws.cell(r, 1).value for r in range(12, 16)] == [
        "Unapplied credit",
        "Net balance",
        "Best possible DSO (days)",
        "Average days delinquent",
    ]
    assert ws.cell(13, 2).value == 500
    assert ws.cell(13, 3).value is None


@pytest.mark.parametrize(
    ("lang", "as_of", "expected"),
    [
        # C1 has paid one invoice: too new to grade; within its limit, so not held.
        (
            "en",
            date(2024, 8, 15),
            [
                ("Customers on credit hold", 0),
                ("Customers graded A", 0),
                ("Customers graded B", 0),
                ("Customers graded C", 0),
                ("Customers graded D", 0),
                ("New customers, not yet graded", 1),
            ],
        ),
        # At the end of July C1 owed 800.00 against a limit of 600.00: held.
        (
            "zh",
            date(2024, 7, 31),
            [
                ("信用冻结客户数", 1),
                ("信用等级 A 客户数", 0),
                ("信用等级 B 客户数", 0),
                ("信用等级 C 客户数", 0),
                ("信用等级 D 客户数", 0),
                ("新客户（尚未评级）", 1),
            ],
        ),
    ],
)
def test_below_the_figures_the_customers_on_hold_and_per_grade(
    tmp_path: Path, lang: str, as_of: date, expected: list[tuple[str, int]]
) -> None:
    ws = _recalculated(tmp_path, as_of, lang)[DASHBOARD.name(lang)]
    assert ws.cell(16, 1).value is None
    assert [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(17, 23)] == expected
    assert ws.cell(23, 1).value is None


def test_the_changes_show_arrows_and_are_red_or_green_by_what_they_mean(tmp_path: Path) -> None:
    ws = _recalculated(tmp_path, date(2024, 8, 15))[DASHBOARD.name("en")]
    assert ws["C4"].number_format == '"▲ "#,##0.00_);"▼ "#,##0.00_);#,##0.00_)'
    assert ws["C6"].number_format == '"▲ "0.0" pp"_);"▼ "0.0" pp"_);0.0" pp"_)'
    assert ws["B4"].font.b
    assert ws["B4"].font.sz == 14
    rules = {
        (str(cf.sqref), rule.formula[0]): rule.dxf.font.color.rgb
        for cf in ws.conditional_formatting
        for rule in cf.rules
    }
    red, green = "FF9C0006", "FF006100"
    assert rules[("C5", "C5>0")] == red  # more overdue
    assert rules[("C5", "C5<0")] == green
    assert rules[("C8", "C8>0")] == green  # a better CEI
    assert rules[("C8", "C8<0")] == red
    # More owed follows more sold: the open amount's change is neither.
    assert not [key for key in rules if key[0] == "C4"]
    # A tile's row is tall enough for its large figure; a plain row keeps the default height.
    assert ws.row_dimensions[4].height == 21
    assert ws.row_dimensions[12].height is None


def test_with_nothing_by_the_month_end_the_changes_are_blank_not_zero(tmp_path: Path) -> None:
    ws = _recalculated(tmp_path, date(2024, 6, 20), "zh")[DASHBOARD.name("zh")]
    assert [c.value for c in ws[3][:3]] == ["主要指标", "截至 2024-06-20", "较 2024-05-31"]
    assert ws["A4"].value == "应收未收合计"
    assert ws["B4"].value == 500
    assert [ws.cell(r, 3).value for r in range(4, 11)] == [None] * 7


@pytest.mark.parametrize("as_of", [date(2024, 8, 15), date(2024, 6, 20)])
def test_a_book_in_memory_gets_the_same_tiles(as_of: date) -> None:
    book = arsheet.MemoryBook.from_records(
        {
            "customers": [
                {"customer_id": "C1", "customer_name": "Acme", "credit_limit": Decimal(600)}
            ],
            "transactions": [
                {
                    "document_no": r[0],
                    "customer_id": "C1",
                    "type": "invoice",
                    "date": r[3],
                    "due_date": r[4],
                    "amount": Decimal(r[5]),
                    "disputed": len(r) > 6,
                }
                for r in TRANSACTIONS
            ],
            "payments": [
                {
                    "payment_no": "P-1",
                    "customer_id": "C1",
                    "date": date(2024, 8, 10),
                    "amount": Decimal(500),
                    "applied_to": "INV-1",
                }
            ],
        }
    )
    arsheet.recalc(book, as_of=as_of)
    rows = book.sheet("Dashboard")
    total_open = next(row for row in rows if row and row[0] == "Total open")
    assert total_open[1] == Decimal("500.00")
    assert total_open[2] == (Decimal("-300.00") if as_of.month == 8 else None)


@pytest.mark.libreoffice
def test_the_demos_tiles_print_whole_in_libreoffice(
    libreoffice: LibreOffice, tmp_path: Path
) -> None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed")
    book = tmp_path / "demo.xlsx"
    book.write_bytes(template_bytes("en", demo=True, today=date(2024, 12, 31)))
    arsheet.recalc(book, as_of=date(2024, 12, 31), backup=False)
    (pdf,) = libreoffice.convert([book], "pdf", tmp_path / "pdf")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    (page,) = [p for p in text.split("\f") if "Receivables dashboard" in p]
    # The large figures fit their column (no ###), and every tile shows its change.
    assert "###" not in page
    assert "Since 2024-11-30" in page
    changes = re.findall(r"[▲▼] [\d,.]+", page)
    assert len(changes) >= 5
