"""The pure receivables domain: frames in, frames and problems out; no files, no spreadsheets.

``compute(book, as_of)`` (:func:`arsheet.core.steps.compute`) runs every step. It is loaded on
first use, so that importing a small part of the core (status codes, problems) stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from arsheet.core.steps import compute

__all__ = ["compute"]


def __getattr__(name: str) -> Any:
    if name == "compute":
        from arsheet.core.steps import compute

        return compute
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
