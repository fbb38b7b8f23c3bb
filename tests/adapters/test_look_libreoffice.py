"""The recalculated demo printed by LibreOffice: no header cut, no figure shown as ###.

LibreOffice cuts a text at the edge of its cell when printing, so a header too wide for its
column comes out of ``pdftotext`` as a fragment ("Unapplied crediNet balance"); a figure too wide
prints as ``###``. Every word of every table header must come out whole.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import LibreOffice

import arsheet
from arsheet.book.contract import AGING, SUMMARY
from arsheet.template.build import template_bytes

pytestmark = pytest.mark.libreoffice

TODAY = date(2024, 12, 31)


@pytest.fixture(scope="module")
def pdftotext() -> str:
    program = shutil.which("pdftotext")
    if program is None:
        message = "pdftotext is not installed"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; CI must install it (apt-get install poppler-utils)")
        pytest.skip(message)
    return program


@pytest.fixture(scope="module")
def printed(
    libreoffice: LibreOffice, pdftotext: str, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[str]]:
    """Return the recalculated English demo and the text of each page LibreOffice prints."""
    folder = tmp_path_factory.mktemp("printed")
    book = folder / "demo.xlsx"
    book.write_bytes(template_bytes("en", demo=True, today=TODAY))
    arsheet.recalc(book, as_of=TODAY, backup=False)
    (pdf,) = libreoffice.convert([book], "pdf", folder / "pdf")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return book, text.split("\f")


@pytest.mark.parametrize(("sheet", "title"), [(SUMMARY, "Customer summary"), (AGING, "Aged")])
def test_every_header_word_prints_whole(
    printed: tuple[Path, list[str]], sheet: object, title: str
) -> None:
    book, pages = printed
    ws = openpyxl.load_workbook(book)[sheet.name("en")]  # type: ignore[attr-defined]
    headers = [c.value for c in ws[3] if c.value]
    assert len(headers) > 5
    (page,) = [p for p in pages if p.lstrip().startswith(title)]  # one page wide: one page
    lines = page.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip().startswith("Amounts in")) + 1
    last = next(i for i, line in enumerate(lines) if re.match(r"\s*C\d{3}\b", line))
    printed_words = re.findall(r"\S+", "\n".join(lines[first:last]))
    header_words = [word for header in headers for word in header.split()]
    # A cut header prints a fragment ("credi") or runs into the next one ("crediNet").
    assert sorted(printed_words) == sorted(header_words)
    assert "###" not in page
    # A figure and the Y or N of the next column print apart, not as "437,652.25N".
    assert not re.search(r"[\d–%][YN]\b", page)
