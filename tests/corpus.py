"""Where the shared corpus of Excel-made workbooks is: beside the checkout, as CI lays it out."""

from __future__ import annotations

from pathlib import Path

_CANDIDATES = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "excel-made",
    Path("/work/shared/corpus/excel-made"),
)

#: The folder of Excel-made books (the first candidate that exists; tests fail if none does).
CORPUS = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])
