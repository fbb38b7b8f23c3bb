"""Small byte-level edits of workbook.xml: new sheets, names, marks, print titles, recalculation.

Like every other part the writer touches, workbook.xml keeps every byte it does not need to
change: elements are replaced or inserted where the schema puts them, in the file's own namespace
prefix, and a second run with the same marks changes nothing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from lxml import etree

from arsheet.adapters.xlsx.package import DOC_REL_NS, MAIN_NS
from arsheet.adapters.xlsx.xmltext import escaped

# CT_Workbook's children after <definedNames>, in schema order: a new element goes before the
# first of these that the file has (or before </workbook>).
_AFTER_DEFINED_NAMES = (
    "calcPr",
    "oleSize",
    "customWorkbookViews",
    "pivotCaches",
    "smartTagPr",
    "smartTagTypes",
    "webPublishing",
    "fileRecoveryPr",
    "webPublishObjects",
    "extLst",
)
_AFTER_CALC_PR = _AFTER_DEFINED_NAMES[1:]
_ROOT = re.compile(rb"<(\w+:)?workbook\b")
_CALC_PR = re.compile(rb"<(?:\w+:)?calcPr\b[^>]*?(/?)>")
_FULL_CALC = re.compile(rb"""\sfullCalcOnLoad\s*=\s*(["'])[^"']*\1""")


def _prefix(xml: bytes) -> bytes:
    root = _ROOT.search(xml)
    return (root.group(1) or b"") if root else b""


def _insert_before_first(xml: bytes, names: Sequence[str], element: bytes) -> bytes:
    """Insert ``element`` before the first of the elements ``names`` present, else at the end."""
    ends = [
        found.start()
        for name in names
        if (found := re.search(rb"<(?:\w+:)?" + name.encode() + rb"\b", xml))
    ]
    end = re.search(rb"</(?:\w+:)?workbook\s*>", xml)
    at = min(ends, default=end.start() if end else len(xml))
    return xml[:at] + element + xml[at:]


def _first_only(element: bytes) -> Callable[[re.Match[bytes]], bytes]:
    """Return a replacement giving ``element`` for the first match and nothing for the rest."""
    seen = itertools.count()
    return lambda _: b"" if next(seen) else element


def with_defined_names(xml: bytes, names: Sequence[tuple[str, str]]) -> bytes:
    """Return ``xml`` with each (name, formula) of ``names`` as a hidden workbook-level name.

    A name already there is replaced where it stands, and any second of it (names are
    compared without regard to case, as Excel does, which refuses a book naming one twice) is
    dropped; new ones are appended to ``<definedNames>``, which is added at its schema position
    when the book has none.
    """
    prefix = _prefix(xml)
    new = []
    for name, formula in names:
        element = b'<%sdefinedName name="%s" hidden="1">%s</%sdefinedName>' % (
            prefix,
            escaped(name),
            escaped(formula, quotes=False),
            prefix,
        )
        existing = re.compile(
            rb"<(?:\w+:)?definedName\b(?=[^>]*?\sname=\"(?i:"
            + re.escape(escaped(name))
            + rb")\")(?![^>]*\slocalSheetId=)[^>]*?(?:/>|>[^<]*</(?:\w+:)?definedName>)"
        )
        xml, count = existing.subn(_first_only(element), xml)
        if not count:
            new.append(element)
    return _appended_names(xml, new)


def _appended_names(xml: bytes, new: Sequence[bytes]) -> bytes:
    """Return ``xml`` with the ``<definedName>`` elements ``new`` last in ``<definedNames>``."""
    if not new:
        return xml
    prefix = _prefix(xml)
    close = re.search(rb"</(?:\w+:)?definedNames\s*>", xml)
    if close:
        return xml[: close.start()] + b"".join(new) + xml[close.start() :]
    empty = re.search(rb"<(?:\w+:)?definedNames\s*/>", xml)
    block = b"<%sdefinedNames>%s</%sdefinedNames>" % (prefix, b"".join(new), prefix)
    if empty:
        return xml[: empty.start()] + block + xml[empty.end() :]
    return _insert_before_first(xml, _AFTER_DEFINED_NAMES, block)


def with_sheets(xml: bytes, sheets: Sequence[tuple[str, int, str]]) -> bytes:
    """Return ``xml`` with each (tab name, sheet id, relationship id) listed last in ``<sheets>``.

    Raises:
        ValueError: workbook.xml has no ``<sheets>`` list.
    """
    close = re.search(rb"</(\w+:)?sheets\s*>", xml)
    if close is None:
        raise ValueError("workbook.xml lists no sheets")
    main = close.group(1) or b""
    # r: is declared on the new element itself: a prefix found in the file may be scoped to
    # another element (openpyxl declares it on each <sheet>), and reusing it would corrupt it.
    entries = [
        b'<%ssheet name="%s" sheetId="%d" xmlns:r="%s" r:id="%s"/>'
        % (main, escaped(name), sheet_id, DOC_REL_NS.encode(), escaped(rel_id))
        for name, sheet_id, rel_id in sheets
    ]
    return xml[: close.start()] + b"".join(entries) + xml[close.start() :]


def with_full_calc_on_load(xml: bytes) -> bytes:
    """Return ``xml`` asking the spreadsheet to recalculate every formula when it opens the book.

    The ``<calcPr>`` element keeps its other attributes; it is added when the book has none.
    """
    calc = _CALC_PR.search(xml)
    if calc is None:
        element = b'<%scalcPr fullCalcOnLoad="1"/>' % _prefix(xml)
        return _insert_before_first(xml, _AFTER_CALC_PR, element)
    tag = calc.group()
    if _FULL_CALC.search(tag):
        new = _FULL_CALC.sub(b' fullCalcOnLoad="1"', tag, count=1)
    else:
        end = len(tag) - len(calc.group(1)) - 1
        new = tag[:end].rstrip() + b' fullCalcOnLoad="1"' + tag[end:]
    return xml[: calc.start()] + new + xml[calc.end() :]


def with_print_titles(xml: bytes, titles: Sequence[tuple[str, tuple[int, int] | None]]) -> bytes:
    """Return ``xml`` with the rows each sheet repeats at the top of every printed page.

    Excel keeps them as the sheet's own ``_xlnm.Print_Titles`` name (:func:`with_sheet_names`).

    Args:
        xml: workbook.xml.
        titles: (tab name, first and last row to repeat, or None for none).
    """
    formulas = [
        (tab, None if rows is None else "'" + tab.replace("'", "''") + f"'!${rows[0]}:${rows[1]}")
        for tab, rows in titles
    ]
    return with_sheet_names(xml, "_xlnm.Print_Titles", formulas, hidden=False)


def with_sheet_names(
    xml: bytes, name: str, formulas: Sequence[tuple[str, str | None]], *, hidden: bool = True
) -> bytes:
    """Return ``xml`` with the name ``name`` local to each tab given, e.g. its filter range.

    Excel keeps a sheet's own names (``_xlnm._FilterDatabase``, the range of its autofilter,
    which LibreOffice needs to show the filter buttons; ``_xlnm.Print_Titles``) with
    ``localSheetId``, the sheet's position among the tabs. One already there is replaced where
    it stands, or removed for None; a tab not listed in ``<sheets>`` is passed over.

    Args:
        xml: workbook.xml.
        name: the defined name.
        formulas: (tab name, the name's formula or None for none).
        hidden: whether Excel's Name Manager hides the name.
    """
    tabs = [s.get("name") for s in etree.fromstring(xml).iter(f"{{{MAIN_NS}}}sheet")]
    prefix = _prefix(xml)
    new = []
    for tab, formula in formulas:
        if tab not in tabs:
            continue
        position = tabs.index(tab)
        element = b""
        if formula is not None:
            element = b'<%sdefinedName name="%s" localSheetId="%d"%s>%s</%sdefinedName>' % (
                prefix,
                escaped(name),
                position,
                b' hidden="1"' if hidden else b"",
                escaped(formula, quotes=False),
                prefix,
            )
        existing = re.compile(
            rb"<(?:\w+:)?definedName\b(?=[^>]*?\sname=\"" + re.escape(escaped(name)) + rb"\")"
            rb"(?=[^>]*?\slocalSheetId=\"%d\")[^>]*?(?:/>|>[^<]*</(?:\w+:)?definedName>)" % position
        )
        xml, count = existing.subn(_first_only(element), xml)
        if element and not count:
            new.append(element)
    return _appended_names(xml, new)
