"""Render the README's pictures: sheets of a fresh demo book, as LibreOffice prints them.

Usage: ``python docs/render.py`` (needs ``soffice``, ``pdftotext`` and ``pdftoppm`` from
poppler-utils, and a Chinese font, as ``.ci/run`` installs them) writes, in English and in
Chinese (``_zh``):

- ``docs/dashboard.png`` and ``docs/dashboard_zh.png``: the Dashboard page;
- ``docs/summary.png`` and ``docs/summary_zh.png``: the Summary page;
- ``docs/dunning.png`` and ``docs/dunning_zh.png``: the Dunning sheet, the collectors' worklist;
- ``docs/template.png`` and ``docs/template_zh.png``: recent rows of the Transactions sheet;
- ``docs/letter.png`` and ``docs/letter_zh.png``: a dunning notice, to a customer who reads
  English and to one who reads Chinese, as ``arsheet letters --format pdf`` prints it;
- ``docs/statement.png`` and ``docs/statement_zh.png``: those customers' statements of account
  with the confirmation slip, as ``arsheet statement --format pdf`` prints them.

Each book is made as ``arsheet new --demo`` makes it, recalculated, but for a fixed day, so the
pictures change only when the template or the reports do. Without a Chinese font LibreOffice
prints Chinese as empty boxes, so the script refuses to run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

import arsheet
from arsheet.book.contract import DASHBOARD, DUNNING, SUMMARY, TRANSACTIONS, OwnedSheet, Sheet

DOCS = Path(__file__).resolve().parent
DEMO_DATE = date(2025, 6, 30)
#: Resolution of the picture of the records, in dots per inch (they are printed on A3).
RECORDS_DPI = 80
#: Resolution of the pictures of a letter and a statement (A4 pages).
LETTER_DPI = 70
ROWS = 28
# The picture of the records ends this many before the last, so paid, part-paid, overdue and
# not yet due documents all show.
SKIP_LATEST = 80
OWNED_SHOWN = 3
#: The owned sheets pictured, by the name of their picture, and the resolution of each: the
#: Summary and the Dunning sheet, a page wide with all their columns, are printed small.
REPORTS: dict[str, tuple[OwnedSheet, int]] = {
    "dashboard": (DASHBOARD, 110),
    "summary": (SUMMARY, 200),
    "dunning": (DUNNING, 200),
}


def render(lang: str) -> None:
    """Write the pictures of the demo book in ``lang`` into ``docs``.

    Args:
        lang: the book's language; the Chinese pictures' names end in ``_zh``.
    """
    suffix = "" if lang == "en" else f"_{lang}"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book = work / "demo.xlsx"
        arsheet.new(book, lang=lang, demo=True, today=DEMO_DATE)
        pdf = _print(book, work / "book")
        pages = _pdftotext(pdf).split("\f")
        wb = load_workbook(book, read_only=True)
        titles = {name: wb[sheet.name(lang)]["A1"].value for name, (sheet, _) in REPORTS.items()}
        wb.close()
        for name, (_, dpi) in REPORTS.items():
            # A report's page is the one that begins with its title (in A1).
            starts = [
                n for n, text in enumerate(pages, 1) if text.lstrip().startswith(titles[name])
            ]
            _picture(pdf, starts[0], dpi, DOCS / f"{name}{suffix}.png")
        records = _records(book, lang, TRANSACTIONS, work / "records.xlsx")
        _picture(_print(records, work / "records"), 1, RECORDS_DPI, DOCS / f"template{suffix}.png")
        if lang == "en":
            _letters(book, work)


def _letters(book: Path, work: Path) -> None:
    """Picture a notice and a statement for a customer reading English and one reading Chinese.

    The demo's customers each have their language, so the English book holds both: for each
    language, the customer sent the highest level of notice (the largest amount among equals).
    """
    everyone = arsheet.statement(book, out=work / "languages", today=DEMO_DATE)
    written = arsheet.api.letters(
        book, out=work / "letters", formats=["pdf"], dry_run=True, today=DEMO_DATE
    )
    for lang, suffix in (("en", ""), ("zh", "_zh")):
        theirs = [n for n in written.notices if everyone.languages.get(n.customer_id) == lang]
        notice = max(theirs, key=lambda n: (n.level, n.total))
        pdf = next(f for f in written.files if f.name.startswith(f"{notice.customer_id}-"))
        _picture(pdf, 1, LETTER_DPI, DOCS / f"letter{suffix}.png")
        oldest = min(line.date for line in notice.lines).replace(day=1)
        stated = arsheet.statement(
            book,
            notice.customer_id,
            start=oldest,
            out=work / "statements",
            formats=["pdf"],
            today=DEMO_DATE,
        )
        _picture(
            stated.files[notice.customer_id][0], 1, LETTER_DPI, DOCS / f"statement{suffix}.png"
        )


def _records(book: Path, lang: str, sheet: Sheet, to: Path, rows: int = ROWS) -> Path:
    """Save a copy of ``book`` with only ``sheet``, showing the header and ``rows`` records.

    The copy shows the user's columns and the first computed ones, as LibreOffice prints them.
    """
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
    wb.save(to)
    return to


def _print(book: Path, folder: Path) -> Path:
    """Return the PDF LibreOffice prints of ``book``, written in ``folder``."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / book.with_suffix(".pdf").name


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def _picture(pdf: Path, page: int, dpi: int, png: Path) -> None:
    """Write ``page`` of ``pdf`` as a PNG, cropped to what is printed on it."""
    pdftoppm = ("pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "page"
        subprocess.run([*pdftoppm, str(pdf), str(out)], check=True)
        x, y, width, height = _content_box(out.with_suffix(".ppm").read_bytes())
        crop = ["-x", str(x), "-y", str(y), "-W", str(width), "-H", str(height)]
        subprocess.run([*pdftoppm, "-png", *crop, str(pdf), str(out)], check=True)
        shutil.copyfile(out.with_suffix(".png"), png)


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


def _has_chinese_font() -> bool:
    listed = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True
    ).stdout
    return bool(listed.strip())


if __name__ == "__main__":
    if not _has_chinese_font():
        sys.exit(
            "docs/render.py: no Chinese font is installed, so the Chinese pictures would show "
            "empty boxes; install one first (apt-get install fonts-wqy-microhei)."
        )
    for language in ("en", "zh"):
        render(language)
