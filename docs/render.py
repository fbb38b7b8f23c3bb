"""Render the README's picture of the template: a demo book's sheet, printed by LibreOffice.

Usage: ``python docs/render.py`` (needs ``soffice`` and ``pdftoppm`` from poppler-utils) writes
``docs/template.png`` (English) and ``docs/template_zh.png`` (Chinese): recent rows of the
Transactions sheet of a demo book built and recalculated for a fixed date, so the picture changes
only when the template or the computed columns do.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.book.contract import TRANSACTIONS, Sheet
from arsheet.pipeline import recalculate
from arsheet.template.build import build_template

DOCS = Path(__file__).resolve().parent
DEMO_DATE = date(2025, 6, 30)
PDFTOPPM = ("pdftoppm", "-r", "80", "-f", "1", "-l", "1", "-singlefile")
ROWS = 28
# The picture ends this many records before the last, so paid, part-paid, overdue and not yet
# due documents all show.
SKIP_LATEST = 80
OWNED_SHOWN = 3


def render(png: Path, lang: str = "en", sheet: Sheet = TRANSACTIONS, rows: int = ROWS) -> None:
    """Write a PNG of the header and ``rows`` records of a demo book's ``sheet``.

    The book is recalculated first, so the picture shows the user's columns and the first
    computed ones filled in, as LibreOffice prints them.

    Args:
        png: the picture to write.
        lang: the book's language.
        sheet: the contract sheet to show.
        rows: how many records to show.
    """
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book = work / f"{sheet.key}.xlsx"
        build_template(book, lang, demo=True, today=DEMO_DATE)
        recalculate(XlsxBook(book), as_of=DEMO_DATE)
        wb = load_workbook(book)
        for other in [ws for ws in wb.worksheets if ws.title != sheet.name(lang)]:
            wb.remove(other)
        ws = wb.worksheets[0]
        last = max(ws.max_row - SKIP_LATEST, rows + 1)
        for row in (*range(2, last - rows + 1), *range(last + 1, ws.max_row + 1)):
            ws.row_dimensions[row].hidden = True
        last_column = ws.cell(row=1, column=len(sheet.inputs) + OWNED_SHOWN).column_letter
        ws.print_area = f"A1:{last_column}{ws.max_row}"
        ws.page_setup.paperSize = ws.PAPERSIZE_A3
        ws.print_options.gridLines = True
        wb.save(book)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(book),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        page = [*PDFTOPPM, str(book.with_suffix(".pdf"))]
        subprocess.run([*page, str(work / "page")], check=True)
        x, y, width, height = _content_box((work / "page.ppm").read_bytes())
        crop = ["-x", str(x), "-y", str(y), "-W", str(width), "-H", str(height)]
        subprocess.run([*page, "-png", *crop, str(work / "page")], check=True)
        shutil.copyfile(work / "page.png", png)


def _content_box(ppm: bytes, margin: int = 12) -> tuple[int, int, int, int]:
    """Return x, y, width, height of the non-white part of a binary PPM image, plus a margin."""
    _magic, size, _depth, pixels = ppm.split(b"\n", 3)
    width, height = (int(n) for n in size.split())
    stride, paper = width * 3, bytes(range(0xF0, 0x100))
    lines = [pixels[y * stride : (y + 1) * stride] for y in range(height)]
    rows = [y for y, line in enumerate(lines) if line.strip(paper)]
    left = min(len(lines[y]) - len(lines[y].lstrip(paper)) for y in rows) // 3
    right = max(len(lines[y].rstrip(paper)) for y in rows) // 3
    x, y = max(left - margin, 0), max(rows[0] - margin, 0)
    return x, y, min(right + margin, width) - x, min(rows[-1] + margin, height) - y


if __name__ == "__main__":
    render(DOCS / "template.png", "en")
    render(DOCS / "template_zh.png", "zh")
