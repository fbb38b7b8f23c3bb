"""``arsheet letters --format pdf,docx``: letters printed by a real LibreOffice, one page each."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import LibreOffice
from letters_book import AS_OF, letters_book

from arsheet.cli import main

pytestmark = pytest.mark.libreoffice


def pdf_text(pdf: Path) -> str:
    """Return the text of ``pdf``, page breaks as form feeds."""
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_each_letter_is_printed_on_one_page_in_its_language(
    tmp_path: Path, libreoffice: LibreOffice
) -> None:
    # The fixture skips without LibreOffice (fails in CI); arsheet finds soffice itself.
    book = letters_book(tmp_path / "b.xlsx")
    assert main(["letters", str(book), "--format", "pdf,docx", "--no-backup"]) == 0
    folder = tmp_path / "letters" / AS_OF.isoformat()
    assert sorted(p.name for p in folder.iterdir()) == [
        "C1-first_notice.docx",
        "C1-first_notice.pdf",
        "C2-second_notice.docx",
        "C2-second_notice.pdf",
        "C3-first_notice.docx",
        "C3-first_notice.pdf",
    ]
    english = pdf_text(folder / "C1-first_notice.pdf")
    assert "\f" not in english.rstrip("\f")
    assert "CNY 110.41" in english
    chinese = pdf_text(folder / "C2-second_notice.pdf")
    assert "\f" not in chinese.rstrip("\f")
    assert "再次催款通知函" in chinese
    assert "人民币壹仟零肆拾贰元零柒分" in chinese
