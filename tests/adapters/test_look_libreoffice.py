"""The recalculated demo printed by LibreOffice: no header cut, no figure shown as ###.

LibreOffice cuts a text at the edge of its cell when printing, so a header too wide for its
column comes out of ``pdftotext`` as a fragment ("Unapplied crediNet balance"); a figure too wide
prints as ``###``. Every word of every table header must come out whole, in English and in
Chinese, whose characters print in a real Chinese font (``.ci/run`` installs one), not as boxes.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NoReturn

import openpyxl
import pytest
from conftest import LibreOffice
from lxml import etree

import arsheet
from arsheet.book.contract import (
    AGING,
    LANGUAGES,
    OPEN_ITEMS,
    RECORD_SHEETS,
    SETTINGS_SHEET,
    SETTINGS_TABLES,
    SUMMARY,
    YES_NO,
    Sheet,
)
from arsheet.template.build import template_bytes

pytestmark = pytest.mark.libreoffice

TODAY = date(2024, 12, 31)
# A header is compared word by word, a Chinese one character by character: it has no spaces.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+")
# A figure as the formats print it: an amount, a whole number, a percentage or a date.
_FIGURE = re.compile(r"[-\d,.]*\d%?")
# Between two words, as a share of their height: a space takes about 0.24, the gap a number
# format ends with (``_)``) a little more, a figure touching the next cell's text 0.12 to 0.13.
_LEAST_GAP = 0.18
_XHTML = {"h": "http://www.w3.org/1999/xhtml"}


def _missing(message: str) -> NoReturn:
    """Skip a test for want of a tool or font, but fail in CI, whose ``.ci/run`` installs it."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}; CI must install it (.ci/run)")
    pytest.skip(message)


def _poppler(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        _missing(f"{name} is not installed (apt-get install poppler-utils)")
    return program


@dataclass(frozen=True)
class Printed:
    """A recalculated demo book, the PDF LibreOffice printed of it, and the text of each page."""

    lang: str
    book: Path
    pdf: Path
    pages: list[str]


@pytest.fixture(scope="module", params=LANGUAGES)
def printed(
    request: pytest.FixtureRequest,
    libreoffice: LibreOffice,
    tmp_path_factory: pytest.TempPathFactory,
) -> Printed:
    """Return the recalculated demo of each language, as LibreOffice prints it."""
    lang = request.param
    folder = tmp_path_factory.mktemp(f"printed-{lang}")
    book = folder / "demo.xlsx"
    book.write_bytes(template_bytes(lang, demo=True, today=TODAY))
    arsheet.recalc(book, as_of=TODAY, backup=False)
    (pdf,) = libreoffice.convert([book], "pdf", folder / "pdf")
    text = subprocess.run(
        [_poppler("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return Printed(lang, book, pdf, text.split("\f"))


@pytest.mark.parametrize("sheet", [SUMMARY, OPEN_ITEMS, AGING])
def test_every_header_word_prints_whole(printed: Printed, sheet: Sheet) -> None:
    ws = openpyxl.load_workbook(printed.book)[sheet.name(printed.lang)]
    title, note = ws["A1"].value, ws["A2"].value
    headers = [c.value for c in ws[3] if c.value]
    assert len(headers) > 5
    (page,) = [p for p in printed.pages if p.lstrip().startswith(title)]  # one page wide: one page
    lines = page.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip().startswith(note[:4])) + 1
    last = next(i for i, line in enumerate(lines) if re.match(r"\s*C\d{3}\b", line))
    printed_words = _TOKEN.findall("\n".join(lines[first:last]))
    header_words = [word for header in headers for word in _TOKEN.findall(header)]
    # A cut header prints a fragment ("credi") or runs into the next one ("crediNet").
    assert sorted(printed_words) == sorted(header_words)
    assert "###" not in page
    # A figure and the Y or N of the next column print apart, not as "437,652.25N".
    assert not re.search(rf"[\d–%][{''.join(YES_NO.labels(printed.lang))}]\b", page)


def test_every_record_sheet_header_prints_whole(printed: Printed) -> None:
    # A record sheet's page begins with its header row; the Settings' tables share one.
    tables = [sheet.columns for sheet in RECORD_SHEETS]
    tables.append(
        (
            *SETTINGS_SHEET.columns,
            *(column for table in SETTINGS_TABLES for column in table.columns),
        )
    )
    first_lines = [_TOKEN.findall(page.strip().split("\n", 1)[0]) for page in printed.pages]
    for columns in tables:
        header = [
            word for column in columns for word in _TOKEN.findall(column.header(printed.lang))
        ]
        assert header in first_lines, header


def test_no_figure_touches_the_text_after_it(printed: Printed) -> None:
    # pdftotext puts a space between two cells' texts even when they touch, so the gap is
    # measured on the words' boxes: a figure, then on the same line a word in Latin letters.
    # (In Chinese a figure runs into the characters of the same cell, as in 121天以上, so the
    # characters of the next cell cannot be told apart here; the formats are checked in the
    # template, tests/test_template.py.)
    xml = subprocess.run(
        [_poppler("pdftotext"), "-bbox-layout", str(printed.pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout
    pairs = 0
    for line in etree.fromstring(xml).iterfind(".//h:line", _XHTML):
        words = line.findall("h:word", _XHTML)
        for figure, text in itertools.pairwise(words):
            if _FIGURE.fullmatch(figure.text) and re.match(r"[A-Za-z]", text.text):
                pairs += 1
                height = float(figure.get("yMax")) - float(figure.get("yMin"))
                gap = float(text.get("xMin")) - float(figure.get("xMax"))
                assert gap >= _LEAST_GAP * height, f"{figure.text}{text.text}"
    assert pairs > 10


@pytest.mark.parametrize("printed", ["zh"], indirect=True)
def test_chinese_prints_in_a_chinese_font(printed: Printed) -> None:
    listed = subprocess.run(
        ["fc-list", ":lang=zh", "postscriptname"], capture_output=True, text=True, check=True
    ).stdout
    chinese = {line.split("=", 1)[1].strip() for line in listed.splitlines() if "=" in line}
    if not chinese:
        _missing("no Chinese font is installed (apt-get install fonts-wqy-microhei)")
    table = subprocess.run(
        [_poppler("pdffonts"), str(printed.pdf)], capture_output=True, text=True, check=True
    ).stdout
    # Each font's name, without the subset tag ("BAAAAA+WenQuanYiMicroHei"), and embedded.
    embedded = {
        row.split()[0].split("+")[-1]
        for row in table.splitlines()[2:]
        if row.split()[-5:-4] == ["yes"]
    }
    assert embedded & chinese, f"{sorted(embedded)} has none of {sorted(chinese)}"
    text = "".join(printed.pages)
    for sheet in (*RECORD_SHEETS, SETTINGS_SHEET, *SETTINGS_TABLES):
        for column in sheet.columns:
            assert column.header("zh") in text, column.key
