"""LibreOffice prints the demo's Dunning sheet one page wide, every column on the first page."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import LibreOffice

from arsheet.cli import main
from arsheet.reports.labels import label
from arsheet.template.build import build_template

pytestmark = pytest.mark.libreoffice

TODAY = date(2025, 6, 30)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_demos_dunning_sheet_prints_one_page_wide(
    libreoffice: LibreOffice, tmp_path: Path, lang: str
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    book = tmp_path / f"demo_{lang}.xlsx"
    build_template(book, lang, demo=True, today=TODAY)
    assert main(["recalc", str(book), "--as-of", TODAY.isoformat(), "--no-backup"]) in (0, 1)

    (pdf,) = libreoffice.convert([book], "pdf", tmp_path / "lo")

    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    title = label("dunning_title", lang, as_of=TODAY.isoformat())
    (page,) = [p for p in text.split("\f") if p.lstrip().startswith(title)]
    # The first and the last column's headers on the one page: nothing spills to a second.
    for key in ("owner", "notice_total", "next_action"):
        assert label(key, lang) in page
