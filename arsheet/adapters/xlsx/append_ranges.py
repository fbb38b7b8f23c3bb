"""The ranges of a sheet that grow with rows appended: its used range, validations, formats.

A data validation or conditional format covering the row above the new ones (or the first new
row, right under the header) is extended down over them, as Excel extends them when a Table
grows; one that does not is left as it is. So is every other range (a selection, a sparkline).
"""

from __future__ import annotations

import re

from arsheet.book.address import column_letter, column_number

_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_SQREF_ATTR = re.compile(
    rb'(<(?:\w+:)?(?:dataValidation|conditionalFormatting)\b[^>]*?\ssqref=")([^"]*)"'
)
# The ranges of validations and conditional formats kept in the extension list (those reading
# other sheets), not the cells of sparklines, which use the same element.
_EXTENDED = re.compile(rb"<x14:(dataValidation|conditionalFormatting)\b.*?</x14:\1>", re.DOTALL)
_SQREF_ELEMENT = re.compile(rb"(<(?:\w+:)?sqref>)([^<]*)(</(?:\w+:)?sqref>)")
_RANGE = re.compile(r"^(\$?)([A-Z]{1,3})(\$?)(\d+)(?::(\$?)([A-Z]{1,3})(\$?)(\d+))?$")


def grown_dimension(head: bytes, last_row: int, last_column: int) -> bytes:
    """Return the sheet XML before its rows with the used range reaching the new cells.

    Args:
        head: the XML up to ``<sheetData>``.
        last_row: the last new row.
        last_column: the rightmost new cell's column.
    """
    found = _DIMENSION.search(head)
    if found is None:
        return head
    first_col, first_row = found.group(1), found.group(2)
    old_col = column_number((found.group(3) or first_col).decode())
    old_row = int(found.group(4) or first_row)
    if old_col >= last_column and old_row >= last_row:
        return head
    ref = b"%s%s:%s%d" % (
        first_col,
        first_row,
        column_letter(max(old_col, last_column)).encode(),
        max(old_row, last_row),
    )
    return head[: found.start()] + b'<dimension ref="' + ref + b'"' + head[found.end() :]


def grown_ranges(tail: bytes, model: int, last_row: int) -> bytes:
    """Return the sheet XML after its rows with validations and formats grown.

    Args:
        tail: the XML from ``</sheetData>`` on.
        model: the row whose validations and formats the new rows take.
        last_row: the last new row.
    """
    tail = _SQREF_ATTR.sub(
        lambda m: m.group(1) + _grown_sqref(m.group(2), model, last_row) + b'"', tail
    )
    return _EXTENDED.sub(
        lambda block: _SQREF_ELEMENT.sub(
            lambda m: m.group(1) + _grown_sqref(m.group(2), model, last_row) + m.group(3),
            block.group(),
        ),
        tail,
    )


def _grown_sqref(sqref: bytes, model: int, last: int) -> bytes:
    """Return ``sqref`` with each range covering row ``model`` reaching down to row ``last``."""
    grown = []
    for token in sqref.decode().split():
        found = _RANGE.match(token)
        if found is not None:
            d1, c1, d2, r1, d3, c2, d4, r2 = found.groups()
            top, bottom = int(r1), int(r2 or r1)
            if top <= model <= bottom < last:
                token = f"{d1}{c1}{d2}{r1}:{d3 or d1}{c2 or c1}{d4 or d2}{last}"
        grown.append(token)
    return " ".join(grown).encode()
