"""The Dashboard's charts, taken from the template for a book that has no Dashboard yet.

Charts are defined once, in the template, over the Dashboard's fixed ranges. A book the user
made without the template gets them too: the template is built in memory and its Dashboard's
drawing and chart parts are copied in under part names the book does not use yet.
"""

from __future__ import annotations

import io
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree

from arsheet.adapters.xlsx.package import REL_NS, Package, rels_path, resolve_target
from arsheet.book.contract import DASHBOARD

_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


@dataclass(frozen=True)
class DashboardCharts:
    """What a new Dashboard sheet needs for its charts.

    Attributes:
        sheet_xml: the template's Dashboard sheet XML; its ``<drawing>`` element is kept.
        sheet_rels: the relationships part of the new sheet, pointing at the new drawing.
        members: new part name -> content: the drawing, its relationships and the charts.
        content_types: (part name, content type) for each new part that needs an override.
    """

    sheet_xml: bytes
    sheet_rels: bytes
    members: dict[str, bytes]
    content_types: tuple[tuple[str, str], ...]


def dashboard_charts(lang: str, taken: Callable[[str], bool], name: str) -> DashboardCharts:
    """Return the template's Dashboard charts, renamed to part names for which ``taken`` is false.

    Args:
        lang: the book's language, that of the charts' titles.
        taken: whether a part name is already used in the book.
        name: the new Dashboard's tab name, which the charts' ranges are made to read.
    """
    from arsheet.template.build import template_bytes

    template = Package(io.BytesIO(template_bytes(lang)))  # type: ignore[arg-type]
    try:
        sheet = template.sheets[DASHBOARD.name(lang)].part
        types = _content_types(template.read("[Content_Types].xml"))
        renames: dict[str, str] = {}
        sheet_rels = template.read(rels_path(sheet))
        for drawing in _targets(sheet_rels, sheet):
            renames[drawing] = _free_name(drawing, taken, renames)
            for chart in _targets(template.read(rels_path(drawing)), drawing):
                renames[chart] = _free_name(chart, taken, renames)
        members = {
            new: _reading(template.read(old), DASHBOARD.name(lang), name)
            for old, new in renames.items()
        }
        for old, new in renames.items():
            if template.has(rels_path(old)):
                members[rels_path(new)] = _retarget(template.read(rels_path(old)), old, renames)
        return DashboardCharts(
            sheet_xml=template.read(sheet),
            sheet_rels=_retarget(sheet_rels, sheet, renames),
            members=members,
            content_types=tuple((new, types[old]) for old, new in renames.items() if old in types),
        )
    finally:
        template.close()


def _reading(xml: bytes, old: str, new: str) -> bytes:
    """Return a chart's ``xml`` with its ranges on the tab ``old`` moved to the tab ``new``."""

    def prefix(tab: str) -> bytes:
        return escape("'" + tab.replace("'", "''") + "'!").encode("utf-8")

    return xml.replace(prefix(old), prefix(new))


def _targets(rels: bytes, source: str) -> list[str]:
    """Return the parts a relationships part of ``source`` points at, as package paths."""
    return [
        resolve_target(source, rel.get("Target", ""))
        for rel in etree.fromstring(rels).iter(f"{{{REL_NS}}}Relationship")
        if rel.get("TargetMode") != "External"
    ]


def _free_name(part: str, taken: Callable[[str], bool], chosen: dict[str, str]) -> str:
    """Return ``part`` with its number changed to the lowest one not used in the book."""
    folder, name = posixpath.split(part)
    stem = re.sub(r"\d+(?=\.\w+$)", "{}", name)
    number = 1
    while True:
        candidate = posixpath.join(folder, stem.format(number))
        if not taken(candidate) and candidate not in chosen.values():
            return candidate
        number += 1


def _retarget(rels: bytes, source: str, renames: dict[str, str]) -> bytes:
    """Return ``rels`` (of ``source``) with its targets renamed, all in one pass.

    One pass, so chart1 -> chart2 and chart2 -> chart3 never chain. Renamed targets are written
    as absolute package paths, which need no adjusting to where the relationships part lives.
    """

    def rename(match: re.Match[bytes]) -> bytes:
        target = resolve_target(source, match.group(1).decode())
        return b'Target="/' + renames.get(target, target).encode() + b'"'

    return re.sub(rb'Target="([^"]*)"', rename, rels)


def _content_types(xml: bytes) -> dict[str, str]:
    """Return part name -> content type of every override in ``[Content_Types].xml``."""
    return {
        item.get("PartName", "").lstrip("/"): item.get("ContentType", "")
        for item in etree.fromstring(xml).iter(f"{{{_TYPES_NS}}}Override")
    }
