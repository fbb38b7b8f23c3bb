"""Build a new arsheet workbook: every contract sheet, styled and empty, or filled with the demo.

The same inputs always give the same package: the document properties carry a fixed date and the
zip members a fixed timestamp, so a rebuilt template only differs where the code changed.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from arsheet.book.contract import (
    AGING,
    CHECK,
    DASHBOARD,
    DUNNING,
    LANGUAGES,
    OPEN_ITEMS,
    RECORD_SHEETS,
    SUMMARY,
)
from arsheet.template.dashboard import add_dashboard, add_owned_sheet
from arsheet.template.demo import demo_records
from arsheet.template.howto import add_howto_sheet
from arsheet.template.record_sheets import add_record_sheet
from arsheet.template.settings import add_settings_sheet

#: The creation and modification date written into every template's document properties.
FIXED_TIMESTAMP = datetime(2024, 1, 1)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def build_template(
    path: Path, lang: str = "en", demo: bool = False, today: date | None = None
) -> None:
    """Write a new workbook at ``path``: How to use, Dashboard, the record sheets, and Settings.

    Args:
        path: the .xlsx file to write (overwritten if it exists).
        lang: ``"en"`` or ``"zh"``: sheet names, headers, drop-down labels and help text.
        demo: fill the book with :func:`arsheet.template.demo.demo_records`.
        today: the demo book's last day; defaults to today. Ignored without ``demo``.

    Raises:
        ValueError: ``lang`` is not one of the contract's languages.

    Example:
        >>> build_template(Path("debt_tracker.xlsx"), lang="zh", demo=True)  # doctest: +SKIP
    """
    path.write_bytes(template_bytes(lang, demo, today))


def template_bytes(lang: str = "en", demo: bool = False, today: date | None = None) -> bytes:
    """Return the .xlsx package that :func:`build_template` writes.

    Args:
        lang: ``"en"`` or ``"zh"``.
        demo: fill the book with the demo records.
        today: the demo book's last day; defaults to today.

    Raises:
        ValueError: ``lang`` is not one of the contract's languages.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown workbook language {lang!r}; choose one of {LANGUAGES}")
    records = demo_records(lang, today or date.today()) if demo else {}
    wb = Workbook()
    wb.remove(wb.active)
    add_howto_sheet(wb, lang)
    add_dashboard(wb, DASHBOARD, lang)
    for sheet in RECORD_SHEETS:
        add_record_sheet(wb, sheet, lang, records.get(sheet.key, []))
    for owned in (SUMMARY, OPEN_ITEMS, DUNNING, AGING, CHECK):
        add_owned_sheet(wb, owned, lang)
    settings = {r["setting"]: r["value"] for r in records.get("settings", [])}
    add_settings_sheet(wb, lang, settings)
    wb.active = 0
    wb.properties.creator = "arsheet"
    wb.properties.created = wb.properties.modified = FIXED_TIMESTAMP
    return _stable_zip(wb)


def _stable_zip(wb: Workbook) -> bytes:
    """Serialise ``wb`` with fixed timestamps, in openpyxl's member order."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, src.read(info))
    return out.getvalue()
