"""Text appended to a book's shared strings table (sharedStrings.xml), as Excel adds it.

A text already in the table is referred to by its index; a new one goes at the end, and the
table's ``count`` (references) and ``uniqueCount`` (entries) grow by what was added. Nothing is
renumbered, so every existing cell keeps pointing at its own text.
"""

from __future__ import annotations

import re

from lxml import etree

from arsheet.adapters.xlsx import xmltext
from arsheet.adapters.xlsx.package import MAIN_NS

_ROOT = re.compile(rb"<(\w+:)?sst\b[^>]*?(/?)>")


class SharedStrings:
    """The shared strings of one book, with the texts appended to it.

    Args:
        xml: sharedStrings.xml as stored.
    """

    def __init__(self, xml: bytes) -> None:
        self.original = xml
        items = etree.fromstring(xml).findall(f"{{{MAIN_NS}}}si")
        self._size = len(items)
        self._index: dict[str, int] = {}
        for number, item in enumerate(items):
            # Only plain entries: rich text with runs is another string, whatever it reads.
            if len(item) == 1 and item[0].tag == f"{{{MAIN_NS}}}t":
                self._index.setdefault(item[0].text or "", number)
        self._added: list[bytes] = []
        self._references = 0

    def index(self, text: str, escaped: str) -> int:
        """Return the index of ``text``, appending it when the table lacks it.

        Args:
            text: the text.
            escaped: it escaped for XML (:func:`.cellxml.escape_text`, which escapes many at once).
        """
        self._references += 1
        # A text Excel stores escaped (control characters, _xHHHH_) is never looked up.
        plain = escaped == xmltext.escaped(text).decode()
        if plain and text in self._index:
            return self._index[text]
        space = ' xml:space="preserve"' if text != text.strip() else ""
        self._added.append(f"<si><t{space}>{escaped}</t></si>".encode())
        number = self._size + len(self._added) - 1
        if plain:
            self._index[text] = number
        return number

    def to_bytes(self) -> bytes:
        """Return sharedStrings.xml with the new entries and counts, or as it was."""
        if not self._references:
            return self.original
        xml = self.original
        root = _ROOT.search(xml)
        assert root is not None
        prefix = root.group(1) or b""
        added = b"".join(re.sub(rb"<(/?)", rb"<\1" + prefix, item) for item in self._added)
        start = root.group()
        start = _counted(start, b"count", self._references)
        start = _counted(start, b"uniqueCount", len(self._added))
        if root.group(2):  # <sst .../>: no entries yet
            start = start[:-2].rstrip() + b">"
            return xml[: root.start()] + start + added + b"</%ssst>" % prefix + xml[root.end() :]
        at = xml.rindex(b"</")
        return xml[: root.start()] + start + xml[root.end() : at] + added + xml[at:]


def _counted(tag: bytes, name: bytes, more: int) -> bytes:
    """Return the start tag with attribute ``name`` grown by ``more`` (left out if absent)."""
    return re.sub(
        rb"(\s" + name + rb'=")(\d+)"',
        lambda m: m.group(1) + b"%d" % (int(m.group(2)) + more) + b'"',
        tag,
        count=1,
    )
