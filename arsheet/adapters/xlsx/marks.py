"""The marks of a book in an .xlsx package: arsheet's hidden defined names in workbook.xml."""

from __future__ import annotations

from lxml import etree

from arsheet.adapters.xlsx.package import MAIN_NS
from arsheet.book.marks import PREFIX, Marks, marks_from_names


def read_marks(workbook_xml: bytes) -> Marks:
    """Return the arsheet marks among the workbook-level defined names of ``workbook_xml``."""
    names: list[tuple[str, str]] = [
        (name.get("name", ""), name.text or "")
        for name in etree.fromstring(workbook_xml).iter(f"{{{MAIN_NS}}}definedName")
        if name.get("name", "").lower().startswith(PREFIX) and name.get("localSheetId") is None
    ]
    # The first of a name given twice counts (:func:`.workbookxml.with_defined_names`).
    first: dict[str, str] = {}
    for name, text in names:
        first.setdefault(name.lower(), text)
    return marks_from_names(first)
