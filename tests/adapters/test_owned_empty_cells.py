"""An owned cell whose value is empty keeps the owned look: grey fill and number format."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from bookmaker import make_book

from arsheet.book.look import OWNED_CELL_FILL
from arsheet.cli import main


def test_an_empty_owned_cell_keeps_the_owned_style(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "book.xlsx",
        {
            "customers": [["C1", "Acme"]],
            "transactions": [
                # INV-1 is paid in full, so it has no days overdue and no aging bucket
                ["INV-1", "C1", "Invoice", date(2024, 1, 1), date(2024, 1, 31), 100],
                ["INV-2", "C1", "Invoice", date(2024, 2, 1), date(2024, 3, 2), 50],
            ],
            "payments": [["P-1", "C1", date(2024, 1, 10), 100]],
        },
    )
    assert main(["recalc", str(book), "--as-of", "2024-03-31"]) == 0
    sheet = openpyxl.load_workbook(book)["Transactions"]
    header = [cell.value for cell in sheet[1]]
    for title in ("Days overdue", "Aging bucket"):
        paid, unpaid = (sheet.cell(row, header.index(title) + 1) for row in (2, 3))
        assert paid.value is None
        assert unpaid.value is not None
        assert paid.style_id == unpaid.style_id
        assert paid.fill.fgColor.rgb == OWNED_CELL_FILL


def test_rows_left_out_of_the_figures_keep_the_owned_style_too(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "book.xlsx",
        {
            "customers": [["C1", "Acme"]],
            "transactions": [
                ["INV-1", "C1", "Invoice", date(2024, 1, 1), date(2024, 1, 31), 100],
                # left out: its date is no date; dated after the as-of date: not yet there
                ["INV-2", "C1", "Invoice", "2024-13-01", None, 50],
                ["INV-3", "C1", "Invoice", date(2024, 6, 1), None, 70],
            ],
        },
    )
    assert main(["recalc", str(book), "--as-of", "2024-03-31", "--no-backup"]) == 1
    sheet = openpyxl.load_workbook(book)["Transactions"]
    header = [cell.value for cell in sheet[1]]
    for title in ("Paid", "Open amount", "Status", "Dunning level"):
        computed, *empty = (sheet.cell(row, header.index(title) + 1) for row in (2, 3, 4))
        assert computed.fill.fgColor.rgb == OWNED_CELL_FILL
        for cell in empty:
            assert cell.value is None, (title, cell.coordinate)
            assert cell.style_id == computed.style_id, (title, cell.coordinate)
