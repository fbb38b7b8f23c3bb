"""Spot the protection a user put on a workbook, so that arsheet never writes through it.

A protected sheet or a workbook whose structure is locked is refused whole (:class:`BookProtected`)
and the file is left as it was: the user unprotects it, recalculates and protects it again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from arsheet.errors import BookProtected

_ON = rb"""\s*=\s*["'](?:1|true)["']"""
_SHEET_PROTECTED = re.compile(rb"<(?:\w+:)?sheetProtection\b[^>]*?\ssheet" + _ON)
_STRUCTURE_LOCKED = re.compile(rb"<(?:\w+:)?workbookProtection\b[^>]*?\slockStructure" + _ON)
# Longer than any <sheetProtection> start tag (hashes and salts included), so that a tag cut in
# two by a chunk boundary is seen whole in the next look.
_OVERLAP = 4096


def check_structure(path: Path, workbook_xml: bytes) -> None:
    """Raise :class:`BookProtected` when the workbook's structure is locked."""
    if _STRUCTURE_LOCKED.search(workbook_xml):
        raise BookProtected(path, None)


def check_sheet(path: Path, name: str, sheet_xml: bytes) -> None:
    """Raise :class:`BookProtected` when the sheet ``name`` is protected."""
    if _SHEET_PROTECTED.search(sheet_xml):
        raise BookProtected(path, name)


def checked_stream(path: Path, name: str, chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Yield a sheet's XML chunks, raising :class:`BookProtected` once it shows protection.

    The protection element follows the sheet's data, so a sheet that streams through the writer
    is checked on the way rather than inflated twice; the atomic save then keeps the original.
    """
    tail = b""
    for chunk in chunks:
        seen = tail + chunk[:_OVERLAP]
        # A plain substring search first: the regex would try every tag of a huge sheet.
        if b"sheetProtection" in seen or b"sheetProtection" in chunk:
            check_sheet(path, name, tail + chunk)
        tail = seen[-_OVERLAP:] if len(chunk) < _OVERLAP else chunk[-_OVERLAP:]
        yield chunk
