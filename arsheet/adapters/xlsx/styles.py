"""Styles for owned cells, appended to the user's styles.xml without renumbering anything.

Every entry the writer needs (number format, font, fill, cell format, conditional-format look) is
first looked up among the existing ones; only what is missing is appended at the end of its list
and the list's ``count`` updated. A second recalculation therefore finds everything and leaves
styles.xml byte-identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from arsheet.adapters.xlsx.package import MAIN_NS
from arsheet.book import look
from arsheet.book.content import HEADLINE_STYLES, Style

# The order of the lists in <styleSheet>; a missing list is inserted before the next present one.
_SECTIONS = (
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
)
_BUILTIN_FORMATS = {
    "General": 0,
    "0": 1,
    "0.00": 2,
    "#,##0": 3,
    "#,##0.00": 4,
    "0%": 9,
    "0.00%": 10,
}
_FONT_ORDER = ("b", "i", "strike", "u", "sz", "color", "name", "family", "charset", "scheme")


def _canon(element: etree._Element) -> tuple:
    """Return a comparable form of an element: tag, sorted attributes, children in order."""
    return (
        etree.QName(element).localname,
        tuple(sorted(element.attrib.items())),
        tuple(_canon(child) for child in element if isinstance(child.tag, str)),
    )


def _xf_canon(element: etree._Element) -> tuple:
    # apply* flags only tell Excel which parts differ from the parent; they do not change the look.
    attrs = {"numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0"}
    attrs.update((k, v) for k, v in element.attrib.items() if not k.startswith("apply"))
    children = tuple(_canon(child) for child in element if isinstance(child.tag, str))
    return (tuple(sorted(attrs.items())), children)


@dataclass
class _Section:
    name: str
    entries: list[tuple]
    added: list[str] = field(default_factory=list)

    def find_or_add(self, xml: str, canon: tuple) -> int:
        if canon in self.entries:
            return self.entries.index(canon)
        self.entries.append(canon)
        self.added.append(xml)
        return len(self.entries) - 1


class StyleBook:
    """The book's styles.xml, with the ids of arsheet's styles appended where missing."""

    def __init__(self, xml: bytes) -> None:
        self.original = xml
        root = etree.fromstring(xml)
        prefix = root.prefix
        self._p = f"{prefix}:" if prefix else ""
        self._sections: dict[str, _Section] = {}
        for name in ("numFmts", "fonts", "fills", "cellXfs", "dxfs"):
            found = root.find(f"{{{MAIN_NS}}}{name}")
            children = [c for c in found if isinstance(c.tag, str)] if found is not None else []
            canon = _xf_canon if name == "cellXfs" else _canon
            self._sections[name] = _Section(name, [canon(c) for c in children])
        self._formats = {
            c.get("formatCode"): int(c.get("numFmtId", "0"))
            for c in (
                root.find(f"{{{MAIN_NS}}}numFmts")
                if root.find(f"{{{MAIN_NS}}}numFmts") is not None
                else []
            )
            if isinstance(c.tag, str)
        }
        font0 = root.find(f"{{{MAIN_NS}}}fonts")
        self._base_font = self._font_parts(font0[0]) if font0 is not None and len(font0) else {}
        self._ns = f' xmlns{":" + prefix if prefix else ""}="{MAIN_NS}"'

    @staticmethod
    def _font_parts(font: etree._Element) -> dict[str, str]:
        parts = {}
        for child in font:
            if isinstance(child.tag, str):
                name = etree.QName(child).localname
                if name in ("sz", "name", "family", "charset", "scheme"):
                    attrs = "".join(f' {k}="{v}"' for k, v in child.attrib.items())
                    parts[name] = f"<{name}{attrs}/>"
        return parts

    def _add(self, section: str, xml: str) -> int:
        element = etree.fromstring(self._prefixed(xml, with_ns=True))
        canon = _xf_canon(element) if section == "cellXfs" else _canon(element)
        return self._sections[section].find_or_add(self._prefixed(xml, with_ns=False), canon)

    def _prefixed(self, xml: str, *, with_ns: bool) -> str:
        out = re.sub(r"<(/?)(\w)", rf"<\1{self._p}\2", xml) if self._p else xml
        if with_ns:
            out = re.sub(r"^<([\w:]+)", lambda m: f"<{m.group(1)}{self._ns}", out)
        return out

    def _number_format(self, code: str) -> int:
        if code in _BUILTIN_FORMATS:
            return _BUILTIN_FORMATS[code]
        if code in self._formats:
            return self._formats[code]
        number = max([163, *self._formats.values()]) + 1
        self._formats[code] = number
        self._add("numFmts", f'<numFmt numFmtId="{number}" formatCode="{_attr(code)}"/>')
        return number

    def _font(
        self,
        bold: bool = False,
        italic: bool = False,
        size: str | None = None,
        color: str | None = None,
    ) -> int:
        parts = {
            "b": "<b/>" if bold else "",
            "i": "<i/>" if italic else "",
            "color": f'<color rgb="{color}"/>' if color else "",
            **self._base_font,
        }
        if size:
            parts["sz"] = f'<sz val="{size}"/>'
        if not any((bold, italic, size, color)):
            return 0
        return self._add(
            "fonts", "<font>" + "".join(parts.get(k, "") for k in _FONT_ORDER) + "</font>"
        )

    def _fill(self, rgb: str | None) -> int:
        if rgb is None:
            return 0
        return self._add(
            "fills",
            f'<fill><patternFill patternType="solid"><fgColor rgb="{rgb}"/>'
            '<bgColor indexed="64"/></patternFill></fill>',
        )

    def cell_style(self, style: Style, *, owned_column: bool, bold: bool = False) -> int:
        """Return the ``cellXfs`` index for ``style``, appending it if the book lacks it.

        Args:
            style: the look and number format wanted.
            owned_column: the cell sits in an owned column of a record sheet: grey and locked.
            bold: in a bold font (a totals row), for the styles that have no font of their own.
        """
        formats = look.RECORD_FORMATS if owned_column else look.REPORT_FORMATS
        fmt = self._number_format(formats[style]) if style in formats else 0
        fill = look.OWNED_CELL_FILL if owned_column else None
        font = self._font(bold=True) if bold else 0
        if style == Style.HEADER:
            font = self._font(bold=True, color=look.HEADER_FONT_COLOR)
            fill = look.OWNED_HEADER_FILL
        elif style == Style.TITLE:
            font = self._font(bold=True, size="14")
        elif style in HEADLINE_STYLES:
            font = self._font(bold=True, size=look.HEADLINE_FONT_SIZE)
        elif style == Style.NOTE:
            font = self._font(italic=True, color=look.NOTE_FONT_COLOR)
        elif style == Style.OK:
            font, fill = self._font(color=look.OK_FONT_COLOR), look.OK_FILL
        elif style == Style.BAD:
            font, fill = self._font(color=look.BAD_FONT_COLOR), look.BAD_FILL
        fill_id = self._fill(fill)
        attrs = f'numFmtId="{fmt}" fontId="{font}" fillId="{fill_id}" borderId="0" xfId="0"'
        flags = "".join(
            f' apply{name}="1"'
            for name, used in (("NumberFormat", fmt), ("Font", font), ("Fill", fill_id))
            if used
        )
        protection = ""
        if owned_column:
            flags += ' applyProtection="1"'
            protection = '<protection locked="1"/>'
        xml = f"<xf {attrs}{flags}>{protection}</xf>" if protection else f"<xf {attrs}{flags}/>"
        return self._add("cellXfs", xml)

    def table_header_style(self, *, number: bool) -> int:
        """Return the ``cellXfs`` index of a table header on an owned sheet, appended if missing.

        The header of :attr:`Style.HEADER` that wraps a long text onto more lines; over a column
        of numbers it is right-aligned, above the figures' last digits.

        Args:
            number: the column under the header holds numbers.
        """
        font = self._font(bold=True, color=look.HEADER_FONT_COLOR)
        fill = self._fill(look.OWNED_HEADER_FILL)
        right = ' horizontal="right" indent="1"' if number else ""
        return self._add(
            "cellXfs",
            f'<xf numFmtId="0" fontId="{font}" fillId="{fill}" borderId="0" xfId="0" '
            f'applyFont="1" applyFill="1" applyAlignment="1">'
            f'<alignment{right} vertical="center" wrapText="1"/></xf>',
        )

    def highlight_style(self, style: Style) -> int:
        """Return the ``dxfs`` index of the conditional-format look for ``style``."""
        if style == Style.TOTAL:
            return self._add("dxfs", "<dxf><font><b/></font></dxf>")
        font, fill = {
            Style.OK: (look.OK_FONT_COLOR, look.OK_FILL),
            Style.BAD: (look.BAD_FONT_COLOR, look.BAD_FILL),
        }.get(style, (look.BAD_FONT_COLOR, look.BAD_FILL))
        return self._add(
            "dxfs",
            f'<dxf><font><color rgb="{font}"/></font><fill><patternFill>'
            f'<bgColor rgb="{fill}"/></patternFill></fill></dxf>',
        )

    def to_bytes(self) -> bytes:
        """Return styles.xml with the appended entries, or the original bytes if none were."""
        xml = self.original
        for name in ("numFmts", "fonts", "fills", "cellXfs", "dxfs"):
            section = self._sections[name]
            if section.added:
                xml = self._append(xml, section)
        return xml

    def _append(self, xml: bytes, section: _Section) -> bytes:
        p = self._p.encode()
        name = section.name.encode()
        added = "".join(section.added).encode("utf-8")
        count = str(len(section.entries)).encode()
        closed = re.search(rb"<" + p + name + rb"\b[^>]*?(/?)>", xml)
        if closed is None:
            later = _SECTIONS[_SECTIONS.index(section.name) + 1 :]
            anchor = rb"</" + p + rb"styleSheet>"
            for other in later:
                found = re.search(rb"<" + p + other.encode() + rb"\b", xml)
                if found:
                    anchor = found.group()
                    break
            new = b"<" + p + name + b' count="' + count + b'">' + added + b"</" + p + name + b">"
            at = xml.index(anchor)
            return xml[:at] + new + xml[at:]
        start_tag = closed.group()
        new_tag = re.sub(rb'count="\d+"', b'count="' + count + b'"', start_tag)
        if b"count=" not in new_tag:
            new_tag = new_tag.replace(
                b"<" + p + name, b"<" + p + name + b' count="' + count + b'"', 1
            )
        if closed.group(1):
            body = new_tag[:-2] + b">" + added + b"</" + p + name + b">"
            return xml[: closed.start()] + body + xml[closed.end() :]
        end = xml.index(b"</" + p + name + b">", closed.end())
        return xml[: closed.start()] + new_tag + xml[closed.end() : end] + added + xml[end:]


def _attr(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
