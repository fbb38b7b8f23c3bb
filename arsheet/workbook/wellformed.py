"""Check that a sheet's XML parses, beside the spreadsheet parser reading the same sheet.

The spreadsheet parser reads past some damage (an end tag too many, a character XML forbids),
and the writer patches sheets as bytes without parsing them, so a damaged sheet could be
"recalculated". Each sheet the reader reads is therefore also fed to libxml2, which keeps no
tree and, like the spreadsheet parser and zlib, lets go of the GIL: the check runs on another
core while the sheet is read, and a damaged sheet is refused before anything is computed.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from arsheet.workbook.package import STREAM_CHUNK
from arsheet.workbook.sheetparts import PACKAGE_ERRORS, SheetParts


class _NoTree:
    """A parser target that keeps nothing: only well-formedness is checked."""

    def close(self) -> None:
        """End of the document; nothing to return."""


def sheet_damage(path: Path, sheet_name: str) -> str | None:
    """Return why the XML of sheet ``sheet_name`` does not parse, or None if it does.

    A sheet that cannot be found or a package that cannot be opened is left to the spreadsheet
    parser to report (None).

    >>> sheet_damage(Path("missing.xlsx"), "Transactions") is None
    True
    """
    parser = etree.XMLParser(
        target=_NoTree(), huge_tree=True, resolve_entities=False, no_network=True
    )
    try:
        with zipfile.ZipFile(path) as package:
            parts = SheetParts(package)
            part = parts.sheet(sheet_name)
            if part is None:
                return None
            with parts.open(part) as member:
                while chunk := member.read(STREAM_CHUNK):
                    parser.feed(chunk)
            parser.close()
    except etree.XMLSyntaxError as exc:
        return str(exc).split(" (<string>")[0]
    except PACKAGE_ERRORS:
        return None
    return None
