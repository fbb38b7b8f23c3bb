"""The real LibreOffice prints HTML letters as A4 PDFs, English and Chinese, in one batch."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import LibreOffice

from arsheet.letters.pdf import convert_to_pdf

from .test_docx import LETTER_EN, LETTER_ZH

pytestmark = pytest.mark.libreoffice


def _poppler(tool: str, *arguments: str) -> str:
    """Return what poppler's ``tool`` (pdftotext, pdfinfo) prints for ``arguments``."""
    program = shutil.which(tool)
    if program is None:
        pytest.skip(f"{tool} is not installed")
    return subprocess.run([program, *arguments], capture_output=True, text=True, check=True).stdout


def test_html_letters_print_as_one_a4_page_each(libreoffice: LibreOffice, tmp_path: Path) -> None:
    letters = {"C1-first_notice": LETTER_EN, "C2-first_notice": LETTER_ZH}
    for stem, page in letters.items():
        (tmp_path / f"{stem}.html").write_text(page, encoding="utf-8")
    pdfs = convert_to_pdf([tmp_path / f"{stem}.html" for stem in letters], tmp_path / "pdf")
    assert [p.name for p in pdfs] == ["C1-first_notice.pdf", "C2-first_notice.pdf"]
    en, zh = (_poppler("pdftotext", str(pdf), "-") for pdf in pdfs)
    assert "We confirm the balance of 110.41" in en
    assert "Internal" not in en
    assert "根据我司账务记录" in zh
    # LibreOffice sets a little space between Chinese characters and digits.
    assert "本公司确认截至2026年12月2日所欠金额无误。" in zh.replace(" ", "")
    for pdf in pdfs:
        info = _poppler("pdfinfo", str(pdf))
        assert re.search(r"^Pages: +1$", info, re.MULTILINE)
        assert "(A4)" in info
