"""LibreOffice opens every Word document the .docx tests make and prints it, Chinese intact.

One LibreOffice run prints them all (through :func:`arsheet.letters.pdf.convert_to_pdf`);
``pdftotext`` reads the text back from the PDFs.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import LibreOffice

from arsheet.letters.docx import html_to_docx
from arsheet.letters.pdf import convert_to_pdf

from .test_docx import SAMPLES

pytestmark = pytest.mark.libreoffice

#: What each sample's PDF shows, line by line as pdftotext reads it.
SHOWN = {
    "letter_en": ["Northwind Trading", "Dear Jane Doe,", "Total to pay", "Reply slip"],
    "letter_zh": ["催款通知函", "尊敬的华东贸易有限公司：", "人民币壹仟零伍元整", "对账确认回执"],
    "layout": ["客户名称：华东贸易"],
    "spans": ["Aging", "31-60"],
    "odds": ["inner", "A note with a control character"],
    "empty": [],
    "boxed": ["Please pay to", "CN00 1234", "Yours sincerely,"],
    "solid_rule": ["a", "b"],
    "short_lines": ["Line 11", "One line longer"],
    "chinese_headings": ["逾期天数", "根据我司账务记录"],
}


def _text(pdf: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed")
    run = [pdftotext, "-layout", str(pdf), "-"]
    return subprocess.run(run, capture_output=True, text=True, check=True).stdout


def test_libreoffice_opens_and_prints_every_docx(libreoffice: LibreOffice, tmp_path: Path) -> None:
    assert SHOWN.keys() == SAMPLES.keys()
    documents = []
    for name, page in SAMPLES.items():
        documents.append(tmp_path / f"{name}.docx")
        documents[-1].write_bytes(html_to_docx(page))
    pdfs = convert_to_pdf(documents, tmp_path / "pdf")
    for name, pdf in zip(SAMPLES, pdfs, strict=True):
        text = _text(pdf)
        for line in SHOWN[name]:
            assert line in text, f"{name}.pdf does not show {line!r}:\n{text}"
