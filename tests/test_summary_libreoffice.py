"""LibreOffice opens the Summary and Aging as written: the filter buttons and bold totals.

(A headless LibreOffice has no window, so it saves no frozen panes: those are checked in the
written file, tests/test_summary.py.)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import LibreOffice

from arsheet.cli import main
from arsheet.template.build import build_template

pytestmark = pytest.mark.libreoffice

TODAY = date(2025, 6, 30)


def test_libreoffice_keeps_the_summarys_filter_and_bold_totals(
    libreoffice: LibreOffice, tmp_path: Path
) -> None:
    book = tmp_path / "demo.xlsx"
    build_template(book, "en", demo=True, today=TODAY)
    assert main(["recalc", str(book), "--as-of", TODAY.isoformat(), "--no-backup"]) in (0, 1)
    written = openpyxl.load_workbook(book)["Summary"]

    (resaved,) = libreoffice.convert([book], "xlsx", tmp_path / "lo")

    workbook = openpyxl.load_workbook(resaved)
    summary = workbook["Summary"]
    assert summary.auto_filter.ref == written.auto_filter.ref
    (total,) = [row for row in summary.iter_rows() if row[0].value == "Total"]
    assert total[7].font.b  # the open amount
    assert total[7].value == written.cell(total[7].row, 8).value
    aging = workbook["Aging"]
    totals = [row for row in aging.iter_rows() if "Total" in [c.value for c in row]]
    assert len(totals) == 2
    assert all(cell.font.b for row in totals for cell in row if cell.value is not None)
