"""Write a contract workbook of many rows in about a second, as raw XML, for tests that need time.

``make_book`` (openpyxl) takes ten seconds for 100k rows; a test that interrupts or kills a run
mid-write needs a book whose write takes long enough to be caught, not a slow setup.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl.utils import get_column_letter

from arsheet.book.contract import CUSTOMERS, PAYMENTS, TRANSACTIONS

_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
#: 2024-01-01 and 2024-06-01 as Excel serials (1900 system).
_JAN_1, _JUN_1 = 45292, 45444


class Day(int):
    """An Excel date serial: written with the built-in date format (numFmtId 14)."""


def big_book(path: Path, invoices: int) -> Path:
    """Write one customer with ``invoices`` invoices of 100 to 106 and a payment of 50 per four.

    Returns:
        ``path``.
    """
    sheets = {
        CUSTOMERS: [["C1", "Acme"]],
        TRANSACTIONS: [
            [f"INV-{i}", "C1", "Invoice", Day(_JAN_1 + i % 300), None, 100 + i % 7]
            for i in range(invoices)
        ],
        PAYMENTS: [[f"P-{i}", "C1", Day(_JUN_1), 50] for i in range(invoices // 4)],
    }
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_TYPE}.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>'
            f"{overrides}</Types>",
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        tabs = "".join(
            f'<sheet name="{s.name("en")}" sheetId="{i}" r:id="rId{i}"/>'
            for i, s in enumerate(sheets, 1)
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook {_MAIN} xmlns:r="{_REL}"><sheets>{tabs}</sheets></workbook>',
        )
        links = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_PKG}">{links}'
            f'<Relationship Id="rId99" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
        )
        z.writestr(
            "xl/styles.xml",
            f'<styleSheet {_MAIN}><fonts count="1"><font><sz val="11"/><name val="Calibri"/>'
            '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills><borders count="1">'
            '<border/></borders><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" '
            'borderId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" '
            'applyNumberFormat="1"/></cellXfs></styleSheet>',
        )
        for i, (sheet, rows) in enumerate(sheets.items(), 1):
            header = [c.header("en") for c in sheet.inputs]
            z.writestr(f"xl/worksheets/sheet{i}.xml", _worksheet([header, *rows]))
    return path


def _worksheet(rows: list[list[object]]) -> str:
    body = "".join(
        f'<row r="{r}">'
        + "".join(
            _cell(f"{get_column_letter(c)}{r}", value)
            for c, value in enumerate(row, 1)
            if value is not None
        )
        + "</row>"
        for r, row in enumerate(rows, 1)
    )
    return f"<worksheet {_MAIN}><sheetData>{body}</sheetData></worksheet>"


def _cell(ref: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    if isinstance(value, Day):
        return f'<c r="{ref}" s="1"><v>{int(value)}</v></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'
