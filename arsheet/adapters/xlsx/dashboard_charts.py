"""The Dashboard's charts, for a book that has no Dashboard yet.

Charts are defined once, in the template's Dashboard (:mod:`arsheet.template.dashboard`), over
the Dashboard's fixed ranges. A book the user made without the template gets them too: a book of
that one sheet is built in memory, and its drawing and chart parts are copied in under part names
the book does not use yet.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from arsheet.adapters.xlsx.chart_ranges import ChartedRange, reading_exactly
from arsheet.adapters.xlsx.package import Package, rels_path
from arsheet.adapters.xlsx.packagelists import CONTENT_TYPES, overrides, retargeted, targets
from arsheet.adapters.xlsx.xmltext import escaped
from arsheet.book.contract import DASHBOARD


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


def dashboard_charts(
    lang: str,
    taken: Callable[[str], bool],
    name: str,
    ranges: Sequence[ChartedRange] = (),
) -> DashboardCharts:
    """Return the template's Dashboard charts, renamed to part names for which ``taken`` is false.

    Args:
        lang: the book's language, that of the charts' titles.
        taken: whether a part name is already used in the book.
        name: the new Dashboard's tab name, which the charts' ranges are made to read.
        ranges: the Dashboard's charted ranges, whose rows the charts are made to read
            (:mod:`.chart_ranges`); none leaves them reading the template's.
    """
    template = Package(io.BytesIO(_dashboard_book(lang)))  # type: ignore[arg-type]
    try:
        sheet = template.sheets[DASHBOARD.name(lang)].part
        types = overrides(template.read(CONTENT_TYPES))
        renames: dict[str, str] = {}
        sheet_rels = template.read(rels_path(sheet))
        for drawing in targets(sheet_rels, sheet):
            renames[drawing] = _free_name(drawing, taken, renames)
            for chart in targets(template.read(rels_path(drawing)), drawing):
                renames[chart] = _free_name(chart, taken, renames)
        members = {
            new: reading_exactly(
                _reading(template.read(old), DASHBOARD.name(lang), name), name, ranges
            )
            for old, new in renames.items()
        }
        for old, new in renames.items():
            if template.has(rels_path(old)):
                members[rels_path(new)] = retargeted(template.read(rels_path(old)), old, renames)
        return DashboardCharts(
            sheet_xml=template.read(sheet),
            sheet_rels=retargeted(sheet_rels, sheet, renames),
            members=members,
            content_types=tuple((new, types[old]) for old, new in renames.items() if old in types),
        )
    finally:
        template.close()


def _dashboard_book(lang: str) -> bytes:
    """Return a package holding the template's Dashboard alone, made as the template makes it."""
    # Imported here: openpyxl adds a tenth of a second to every run, and few books need it.
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    from arsheet.template.dashboard import add_dashboard

    book = Workbook()
    book.remove(book.active)
    add_dashboard(book, DASHBOARD, lang)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        ExcelWriter(book, package).save()
    return out.getvalue()


def _reading(xml: bytes, old: str, new: str) -> bytes:
    """Return a chart's ``xml`` with its ranges on the tab ``old`` moved to the tab ``new``."""

    def prefix(tab: str) -> bytes:
        return escaped("'" + tab.replace("'", "''") + "'!", quotes=False)

    return xml.replace(prefix(old), prefix(new))


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
