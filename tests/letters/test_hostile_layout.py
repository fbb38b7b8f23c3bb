"""Issue 11 attacked: a notice's table printed with every word whole, in either language.

The table once had the dates written out (``19 September 2026``), the total with its currency
and headings that could not wrap, so that its columns needed more than the page: Word and
LibreOffice then broke amounts and dates in the middle (``12,881.4`` over ``2``), and the
plain-text letter's columns no longer lined up. And a customer's name too long for a Word
document's title (255 characters) made no letter at all.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import pytest
from docx import Document

import arsheet.letters.docx as docx
from arsheet.letters.compose import compose
from arsheet.letters.environment import environment
from arsheet.letters.measure import PADDING

from .notice_book import AS_OF, book, line, notice

#: Long document numbers, seven-figure amounts, a September date and one not yet due.
LINES = (
    line("INV2026-0181", 1_288_142, 84, 17_787),
    line("INV2026-0204", 1_100_410, 68, 12_300),
    line("INV2026-0261", 720_368, -6, 0),
)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("level", [1, 2, 3])
def test_no_word_of_a_notices_table_is_broken(
    level: int, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared: list[tuple[list[int], list[tuple[int, int, float, float, float, float]]]] = []

    def column_widths(
        columns: int, cells: Iterable[tuple[int, int, float, float, float, float]], total: int
    ) -> list[int]:
        cells = list(cells)
        widths = original(columns, cells, total)
        shared.append((widths, cells))
        return widths

    original = docx.column_widths
    monkeypatch.setattr(docx, "column_widths", column_widths)
    composed = compose(notice(level, lines=LINES, fee=2_000), book(lang), environment())
    docx.html_to_docx(composed.html, day=AS_OF)
    widths, cells = max(shared, key=lambda table: len(table[0]))
    # What must not break: every word, and the whole of an amount or a date (nowrap).
    for left, span, _, whole, _, em in cells:
        if span == 1:
            assert widths[left] / 12_700 >= PADDING * em + whole - 0.01


def test_the_plain_text_notices_columns_line_up() -> None:
    composed = compose(notice(2, lines=LINES, fee=2_000), book("en"), environment())
    rows = [r for r in composed.text.splitlines() if r.startswith(("Document ", "INV2026-"))]
    ends = {len(r.rstrip()) for r in rows}
    assert len(rows) == 4
    assert len(ends) == 1


def test_a_customer_name_too_long_for_a_documents_title_is_cut_there() -> None:
    name = "Northwind " * 40
    composed = compose(notice(1), book("en", customer_name=name), environment())
    document = Document(io.BytesIO(docx.html_to_docx(composed.html, day=AS_OF)))
    assert len(document.core_properties.title) == 255
    assert name.strip() in "\n".join(p.text for p in document.paragraphs)
