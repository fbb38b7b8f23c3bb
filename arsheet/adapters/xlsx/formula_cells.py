"""Find the cells whose XML holds no value the reader may use: formulas never computed, errors.

Both engines read a formula without a cached value (``<c r="F5"><f>B5*C5</f></c>``, or with an
empty ``<v/>``, as openpyxl and scripts write it) and an error cell (``<c r="E7" t="e">
<v>#N/A</v></c>``) as an empty cell, so on their own they would pass for blanks. The sheet XML is
scanned for them here. Almost every sheet has neither: each chunk of whole rows is first searched
for a byte any of them must contain (the "f" of a formula, the "#" of an error), which runs at
memory speed; only chunks that have one go through the regular expressions. A cell found without its
``r`` address (legal, though rare) sends the whole sheet through a full XML parse that counts its
way to each cell.

A cell whose formula is just ``TODAY()`` or ``NOW()`` is reported too, so that an As-of date typed
that way means the day of the run rather than the day the book was last saved.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from arsheet.book.address import column_number
from arsheet.book.port import ERROR_VALUE, NO_VALUE, UnreadCell

_NS = rb"(?:[A-Za-z_][\w.-]*:)?"  # a namespace prefix, as some writers put on every element
_FORMULA = rb"<" + _NS + rb"f\b[^>]*?(?:/>|>[^<]*</" + _NS + rb"f>)\s*"
_EMPTY_VALUE = rb"(?:<" + _NS + rb"v\b[^>]*?(?:/>|>\s*</" + _NS + rb"v>)\s*)?"
_NO_VALUE = re.compile(_FORMULA + _EMPTY_VALUE + rb"</" + _NS + rb"c>")
# The same without namespace prefixes, in two forms that start with a literal (the end of a
# formula, a shared formula's empty element), which the regular expression engine finds several
# times faster than any "<".
_NO_VALUE_TAIL = rb"\s*(?:<v\b[^>]*?(?:/>|>\s*</v>)\s*)?</c>"
_NO_VALUE_PLAIN = (
    (b"</f>", re.compile(rb"</f>" + _NO_VALUE_TAIL)),
    (b"<f ", re.compile(rb"<f\b[^>]*?/>" + _NO_VALUE_TAIL)),
)
_PREFIXED_ROOT = re.compile(rb"<[A-Za-z_][\w.-]*:worksheet\b")
_TODAY = re.compile(rb"<" + _NS + rb"f\b[^>]*>\s*(?:TODAY|NOW)\(\s*\)\s*</", re.IGNORECASE)
_ERROR_TYPE = re.compile(rb"""\st\s*=\s*["']e["']""")
_ERROR_TEXT = re.compile(rb"(?:" + _FORMULA + rb")?<" + _NS + rb"v\b[^>]*>([^<]*)</")
_CELL_TAG = re.compile(rb"<" + _NS + rb"c(?:\s[^>]*)?>")
_ADDRESS = re.compile(rb"""\sr\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["']""")
_TEXT_TYPE = re.compile(rb"""\st\s*=\s*["']str["']""")
# Bytes every formula (``</f>``, ``<f t="shared" si="0"/>``) or error cell (``#N/A``) contains.
# A search for one byte runs at memory speed (memchr); longer ones cost about as much as the
# inflating, so they run only where the byte was found. Sheet XML outside formulas and text seldom
# has an "f" or a "#" in it.
_FORMULA_BYTE = b"f"
_ERROR_BYTE, _ERROR_MARKS = b"#", (b'"e"', b"'e'")
_ROW_ENDS = (b"</row>", b":row>")


@dataclass(frozen=True)
class FormulaCells:
    """What the scan of one sheet found.

    Attributes:
        unread: the cells without a usable value, in sheet order.
        today: ``(row, column)`` of each cell whose formula is ``TODAY()`` or ``NOW()``.
    """

    unread: tuple[UnreadCell, ...] = ()
    today: frozenset[tuple[int, int]] = frozenset()


class _NoAddress(Exception):
    """A cell of interest has no ``r`` address: only a full parse can place it."""


def scan_sheet(read: Callable[[], Iterable[bytes]], today: bool = False) -> FormulaCells:
    """Return the unread cells of a sheet's XML, and its ``TODAY()`` cells if asked.

    Args:
        read: returns the XML as consecutive chunks; called again for a full parse if needed.
        today: look for ``TODAY()`` and ``NOW()`` formulas too (a small sheet such as Settings).

    >>> found = scan_sheet(lambda: [b'<row r="5"><c r="F5"><f>B5*C5</f><v></v></c>',
    ...                             b'<c r="G5" t="e"><v>#N/A</v></c></row>'])
    >>> [(c.row, c.column, c.code, c.value) for c in found.unread]
    [(5, 6, 'formula_without_value', ''), (5, 7, 'error_value', '#N/A')]
    """
    unread: list[UnreadCell] = []
    found_today: set[tuple[int, int]] = set()
    prefixed: bool | None = None
    try:
        for rows in _whole_rows(read()):
            if prefixed is None:
                prefixed = bool(_PREFIXED_ROOT.search(rows))
            unread += _unread_in(rows, prefixed)
            if today:
                found_today |= _today_in(rows)
    except _NoAddress:
        return _scan_by_parsing(b"".join(read()), today)
    return FormulaCells(tuple(unread), frozenset(found_today))


def _whole_rows(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Yield the XML in pieces that end after a row, so that no cell is cut in two."""
    rest = b""
    for chunk in chunks:
        text = rest + chunk
        end = max(text.rfind(mark) for mark in _ROW_ENDS)
        if end < 0:
            rest = text
            continue
        cut = text.find(b">", end) + 1
        yield text[:cut]
        rest = text[cut:]
    if rest:
        yield rest


def _unread_in(xml: bytes, prefixed: bool) -> list[UnreadCell]:
    found: list[UnreadCell] = []
    if _FORMULA_BYTE in xml:
        if prefixed:
            patterns = [_NO_VALUE]
        else:
            patterns = [pattern for mark, pattern in _NO_VALUE_PLAIN if mark in xml]
        for match in (m for pattern in patterns for m in pattern.finditer(xml)):
            start = match.start()
            if xml[start + 1] == ord("/"):  # the end of the formula: back to its start
                start = xml.rfind(b"<", 0, start)
            tag = _cell_tag(xml, start)
            if tag is None or _ERROR_TYPE.search(tag) or _is_empty_text(tag, match.group()):
                continue
            found.append(UnreadCell(*_address(tag), NO_VALUE))
    if _ERROR_BYTE in xml and any(mark in xml for mark in _ERROR_MARKS):
        for match in _ERROR_TYPE.finditer(xml):
            start = xml.rfind(b"<", 0, match.start())
            tag = _CELL_TAG.match(xml, start)
            if tag is not None and tag.end() > match.start():
                text = _ERROR_TEXT.match(xml, tag.end())
                value = html.unescape(text.group(1).decode()).strip() if text else ""
                found.append(UnreadCell(*_address(tag.group()), ERROR_VALUE, value))
    return sorted(found, key=lambda cell: (cell.row, cell.column))


def _today_in(xml: bytes) -> set[tuple[int, int]]:
    found = set()
    for match in _TODAY.finditer(xml):
        tag = _cell_tag(xml, match.start())
        if tag is not None:
            found.add(_address(tag))
    return found


def _cell_tag(xml: bytes, formula_start: int) -> bytes | None:
    """Return the start tag of the cell whose formula starts at ``formula_start``."""
    start = xml.rfind(b"<", 0, formula_start)
    tag = _CELL_TAG.match(xml, start)
    if tag is None or xml[tag.end() : formula_start].strip():
        return None
    return tag.group()


def _is_empty_text(tag: bytes, formula: bytes) -> bool:
    """Whether the cell is a text formula whose computed value is empty text (``=IF(…,"",…)``).

    Excel and LibreOffice store that value as ``t="str"`` with an empty ``<v></v>``.
    """
    return bool(_TEXT_TYPE.search(tag)) and b"v>" in formula


def _address(tag: bytes) -> tuple[int, int]:
    found = _ADDRESS.search(tag)
    if found is None:
        raise _NoAddress
    return int(found.group(2)), column_number(found.group(1).decode())


def _scan_by_parsing(xml: bytes, want_today: bool) -> FormulaCells:
    """Find the cells by a full parse, counting rows and columns where addresses are left out."""
    unread: list[UnreadCell] = []
    today: set[tuple[int, int]] = set()
    row = column = 0
    for event, element in etree.iterparse(io.BytesIO(xml), events=("start", "end")):
        name = etree.QName(element).localname
        if event == "start" and name == "row":
            row = int(element.get("r", row + 1))
            column = 0
        elif event == "start" and name == "c":
            address = re.fullmatch(r"([A-Z]{1,3})([0-9]+)", element.get("r", ""))
            column = column_number(address.group(1)) if address else column + 1
        elif event == "end" and name == "c":
            parts = {etree.QName(child).localname: child for child in element}
            formula, value = parts.get("f"), parts.get("v")
            text = (value.text or "").strip() if value is not None else ""
            computed = value is not None and bool(text or element.get("t") == "str")
            if element.get("t") == "e":
                unread.append(UnreadCell(row, column, ERROR_VALUE, text))
            elif formula is not None and not computed:
                unread.append(UnreadCell(row, column, NO_VALUE))
            if (
                want_today
                and formula is not None
                and re.fullmatch(r"\s*(?:TODAY|NOW)\(\s*\)\s*", formula.text or "", re.IGNORECASE)
            ):
                today.add((row, column))
            element.clear()
    return FormulaCells(tuple(unread), frozenset(today))
