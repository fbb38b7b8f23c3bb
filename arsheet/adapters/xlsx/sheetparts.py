"""Find a sheet's parts in a package by its tab name, the way spreadsheet readers find them.

The reader's side of the package (the writer has :class:`.package.Package`): members are matched
in any case and with either slash, as calamine matches them, so the reader looks at the same
parts the spreadsheet parser read. Only relationships and workbook.xml are parsed here.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import IO

from lxml import etree

from arsheet.adapters.xlsx.package import (
    DOC_REL_NS,
    MAIN_NS,
    REL_NS,
    loose_name,
    rels_path,
    resolve_target,
)

#: What reading a package's small parts may raise when the package is damaged.
PACKAGE_ERRORS = (zipfile.BadZipFile, OSError, KeyError, EOFError, etree.XMLSyntaxError)


class SheetParts:
    """The members of an open package, looked up by part name or by a sheet's tab name."""

    def __init__(self, package: zipfile.ZipFile) -> None:
        self._package = package
        self._members = {loose_name(name): name for name in package.namelist()}

    def read(self, part: str) -> bytes:
        """Return a member's bytes.

        Raises:
            KeyError: the package has no such member.
        """
        return self._package.read(self._members[loose_name(part)])

    def open(self, part: str) -> IO[bytes]:
        """Return a member opened for streaming."""
        return self._package.open(self._members[loose_name(part)])

    def parse(self, part: str) -> etree._Element:
        """Return a member parsed as XML."""
        return etree.fromstring(self.read(part))

    def related(self, part: str, type_suffix: str) -> list[str]:
        """Return the parts that ``part``'s relationships of a type ending so point at.

        Args:
            part: a part, or ``""`` for the package itself.
            type_suffix: the end of the relationship type, e.g. ``"/table"``.
        """
        rels = rels_path(part)
        if loose_name(rels) not in self._members:
            return []
        return [
            resolve_target(part or "x", rel.get("Target", ""))
            for rel in self._relationships(rels)
            if rel.get("Type", "").endswith(type_suffix) and rel.get("TargetMode") != "External"
        ]

    def sheet(self, name: str) -> str | None:
        """Return the part holding the sheet whose tab is called ``name``, if any."""
        workbook = next(iter(self.related("", "/officeDocument")), None)
        if workbook is None:
            return None
        ids = [
            sheet.get(f"{{{DOC_REL_NS}}}id")
            for sheet in self.parse(workbook).iter(f"{{{MAIN_NS}}}sheet")
            if sheet.get("name") == name
        ]
        targets = [
            resolve_target(workbook, rel.get("Target", ""))
            for rel in self._relationships(rels_path(workbook))
            if ids and rel.get("Id") == ids[0]
        ]
        return targets[0] if targets else None

    def _relationships(self, rels: str) -> Iterator[etree._Element]:
        return self.parse(rels).iter(f"{{{REL_NS}}}Relationship")
