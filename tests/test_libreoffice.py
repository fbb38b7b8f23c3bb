"""A real client: LibreOffice opens both templates and a demo book with every sheet and header.

Each book is converted headless to .xlsx (then re-read with openpyxl) and to PDF. Two LibreOffice
runs in all, one per target format; each takes a few seconds.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import LibreOffice
from openpyxl import load_workbook

from arsheet.book import contract
from arsheet.book.contract import DUNNING_LEVELS, RECORD_SHEETS, SETTINGS, SETTINGS_SHEET
from arsheet.template.build import build_template
from arsheet.template.demo import demo_records

pytestmark = pytest.mark.libreoffice

TODAY = date(2025, 6, 30)
# Book file stem -> (language, demo?)
BOOKS = {"template_en": ("en", False), "template_zh": ("zh", False), "demo_zh": ("zh", True)}


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The books as arsheet builds them."""
    folder = tmp_path_factory.mktemp("books")
    paths = {stem: folder / f"{stem}.xlsx" for stem in BOOKS}
    for stem, (lang, demo) in BOOKS.items():
        build_template(paths[stem], lang, demo=demo, today=TODAY)
    return paths


@pytest.fixture(scope="module")
def resaved(
    libreoffice: LibreOffice, originals: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The books after LibreOffice opened and saved them as .xlsx."""
    out = tmp_path_factory.mktemp("resaved")
    converted = libreoffice.convert(list(originals.values()), "xlsx", out)
    return dict(zip(originals, converted, strict=True))


@pytest.mark.parametrize("stem", BOOKS)
def test_every_sheet_and_header_survives_a_libreoffice_round_trip(
    resaved: dict[str, Path], stem: str
) -> None:
    lang, demo = BOOKS[stem]
    wb = load_workbook(resaved[stem])
    expected_sheets = contract.TEMPLATE_ORDER
    assert wb.sheetnames == [s.name(lang) for s in expected_sheets]
    records = demo_records(lang, TODAY) if demo else {}
    for sheet in RECORD_SHEETS:
        ws = wb[sheet.name(lang)]
        headers = [ws.cell(row=1, column=i).value for i in range(1, len(sheet.columns) + 1)]
        assert headers == [c.header(lang) for c in sheet.columns], sheet.key
        filled = [r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value]
        assert len(filled) == len(records.get(sheet.key, [])), sheet.key
    settings = wb[SETTINGS_SHEET.name(lang)]
    labels = [settings.cell(row=r, column=1).value for r in range(2, len(SETTINGS) + 2)]
    assert labels == [s.label(lang) for s in SETTINGS]
    dunning = [settings.cell(row=1, column=4 + i).value for i in range(len(DUNNING_LEVELS.columns))]
    assert dunning == [c.header(lang) for c in DUNNING_LEVELS.columns]


def test_libreoffice_prints_the_demo_book(
    libreoffice: LibreOffice, originals: dict[str, Path], tmp_path: Path
) -> None:
    (pdf,) = libreoffice.convert([originals["demo_zh"]], "pdf", tmp_path)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page") + data.count(b"/Type/Page") > len(RECORD_SHEETS)
