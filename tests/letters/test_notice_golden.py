"""Each level's letter in each language, compared with the letter committed beside the tests.

Set ``ARSHEET_UPDATE_GOLDEN=1`` to rewrite them from the templates, then read the diff
(``git diff tests/golden/letters``) before committing. Nothing is normalised: a notice's
letters hold no clock time and no random part (the e-mail's are tested apart).
"""

from __future__ import annotations

import difflib
import os
from datetime import date
from pathlib import Path

import pytest

from arsheet.letters.compose import compose
from arsheet.letters.environment import environment

from .notice_book import LEVELS, book, line, notice

GOLDEN = Path(__file__).parent.parent / "golden" / "letters"
UPDATE_ENV = "ARSHEET_UPDATE_GOLDEN"


def _lines(level: int) -> tuple:
    """Two documents: not yet due for the reminder, overdue with interest from the first notice."""
    if level == 0:
        return (line("INV-21", 120_000, -3, 0), line("INV-24", 35_050, 0, 0))
    return (line("INV-1", 10_000, 15, 41), line("INV-2", 1_000_050, 44, 12_055))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("level", sorted(LEVELS))
def test_each_levels_letter_is_as_committed(level: int, lang: str) -> None:
    previous = (date(2026, 11, 18), level - 1) if level >= 2 else None
    written = notice(level, lines=_lines(level), fee=1_000 * level, previous=previous)
    composed = compose(written, book(lang), environment())
    template = LEVELS[level][1]
    parts = {"html": composed.html, "txt": composed.text, "subject": composed.subject + "\n"}
    for fmt, text in parts.items():
        _check(GOLDEN / f"{template}.{lang}.{fmt}", text)


def _check(golden: Path, text: str) -> None:
    if os.environ.get(UPDATE_ENV) == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        return
    assert golden.exists(), f"{golden} is missing; run with {UPDATE_ENV}=1 to create it"
    want = golden.read_text(encoding="utf-8")
    diff = difflib.unified_diff(want.splitlines(True), text.splitlines(True), "golden", "now")
    assert text == want, f"{golden.name} differs from the golden letter:\n{''.join(diff)}"
