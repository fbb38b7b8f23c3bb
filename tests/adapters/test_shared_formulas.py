"""A shared formula mastered in an owned column keeps working in the user's cells of its range."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from bookmaker import make_book
from conftest import LibreOffice
from python_calamine import CalamineWorkbook

from arsheet.adapters.xlsx.patch import RecordPatch
from arsheet.book.content import Style
from arsheet.book.contract import TRANSACTIONS
from arsheet.book.layout import OwnedColumns, SheetLayout
from arsheet.cli import main

SHEET = "xl/worksheets/sheet2.xml"
# Transactions: inputs A–K, arsheet's columns L–Q (Q: Dunning level), then the user's R.
HEADER = [*(c.en for c in TRANSACTIONS.columns), "Double"]
AMOUNTS = {2: 100, 3: 250, 4: 40}


def _book(path: Path) -> Path:
    """A book where "=$F2*2" was filled over Q2:R4 and Excel stored it as one shared formula."""
    rows = [
        [f"INV-{r}", "C1", "Invoice", date(2024, 1, r), date(2024, 2, r), amount]
        + [None] * 10
        + [f"=$F{r}*2", f"=$F{r}*2"]
        for r, amount in AMOUNTS.items()
    ]
    make_book(path, {"customers": [["C1", "Acme"]], "transactions": [HEADER, *rows]})
    with zipfile.ZipFile(path) as package:
        members = {info: package.read(info) for info in package.infolist()}

    def shared(cell: re.Match[bytes]) -> bytes:
        address = cell.group(1)
        if address == b"Q2":
            return b'<c r="Q2"><f t="shared" ref="Q2:R4" si="0">$F2*2</f><v>200</v></c>'
        return b'<c r="%s"><f t="shared" si="0"/></c>' % address

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in members.items():
            if info.filename == SHEET:
                data = re.sub(rb'<c r="([QR][234])"><f>\$F\d\*2</f><v></v></c>', shared, data)
                assert data.count(b't="shared"') == 6
            package.writestr(info, data)
    return path


def _formulas(path: Path) -> dict[str, bytes]:
    xml = zipfile.ZipFile(path).read(SHEET)
    return {
        m.group(1).decode(): m.group(2)
        for m in re.finditer(rb'<c r="(R\d+)"[^>]*>(<f[^>]*(?:/>|>[^<]*</f>))', xml)
    }


def test_user_cells_of_a_shared_formula_get_their_own_formulas(tmp_path: Path) -> None:
    book = _book(tmp_path / "book.xlsx")
    assert main(["recalc", str(book), "--as-of", "2024-03-31", "--no-backup"]) == 0
    assert _formulas(book) == {
        "R2": b"<f>$F2*2</f>",
        "R3": b"<f>$F3*2</f>",
        "R4": b"<f>$F4*2</f>",
    }
    assert b't="shared"' not in zipfile.ZipFile(book).read(SHEET)


@pytest.mark.libreoffice
def test_libreoffice_computes_the_users_cells_after_recalc(
    libreoffice: LibreOffice, tmp_path: Path
) -> None:
    book = _book(tmp_path / "book.xlsx")
    assert main(["recalc", str(book), "--as-of", "2024-03-31", "--no-backup"]) == 0
    (resaved,) = libreoffice.convert([book], "xlsx", tmp_path / "lo")
    rows = CalamineWorkbook.from_path(str(resaved)).get_sheet_by_name("Transactions").to_python()
    doubled = {row[0]: row[HEADER.index("Double")] for row in rows[1:]}
    assert doubled == {f"INV-{r}": 2.0 * amount for r, amount in AMOUNTS.items()}


@pytest.mark.parametrize("chunk", [29, 64, 1 << 20])
def test_dependents_in_later_chunks_are_moved_to_their_own_cells(chunk: int) -> None:
    # Payments: the owned Applied is I, Unapplied J; K is the user's.
    layout = SheetLayout(
        "payments", "Payments", 1, {"payment_no": 1, "applied": 9, "unapplied": 10}, 10, "en"
    )
    xml = (
        b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        b'<row r="2"><c r="A2"><v>2</v></c><c r="I2"><f t="shared" ref="I2:K3" si="4">'
        b'A2&amp;"&lt;"</f><v>0</v></c><c r="K2"><f t="shared" si="4"/><v>0</v></c></row>'
        b'<row r="3"><c r="A3"><v>3</v></c><c r="J3"><f t="shared" si="4"></f></c>'
        b'<c r="K3"><f t="shared" si="4"></f><v>0</v></c></row></sheetData></worksheet>'
    )
    values = pd.DataFrame({"applied": pd.array([5, 6], dtype="Int64")}, index=[2, 3])
    patch = RecordPatch(
        OwnedColumns(layout, values), dict.fromkeys(Style, 1), 1, "en", False, Path("x")
    )
    out = b"".join(patch.apply(xml[i : i + chunk] for i in range(0, len(xml), chunk)))
    # Moved two columns right, as filling I2 over to K moves A2 to C2.
    assert b'<c r="K2"><f>C2&amp;"&lt;"</f><v>0</v></c>' in out
    assert b'<c r="K3"><f>C3&amp;"&lt;"</f><v>0</v></c>' in out
    assert b'<c r="J3">' not in out
    assert b"shared" not in out
