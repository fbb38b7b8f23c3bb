"""The README's Python examples run as written: every ```python block, in order, in a temp dir."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def python_blocks(text: str) -> list[str]:
    """Return the code of each ```python block of a Markdown text."""
    return _BLOCK.findall(text)


def test_the_readmes_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = python_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 4  # load and compute, pandas, check and recalc, a book in memory
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "readme"}
    for number, code in enumerate(blocks, start=1):
        exec(compile(code, f"README.md python block {number}", "exec"), namespace)
    assert (tmp_path / "debt_tracker.xlsx.bak").exists()


def test_a_wrong_example_would_fail() -> None:
    (code,) = python_blocks("text\n```python\nassert 1 + 1 == 3\n```\n")
    with pytest.raises(AssertionError):
        exec(compile(code, "example", "exec"), {})
