"""What the charts of a saved book read: each formula's range, and the empty cells among them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

_FORMULA = re.compile(rb"<(?:\w+:)?f>([^<]*)</(?:\w+:)?f>")
_AREA = re.compile(r"(?P<sheet>'(?:[^']|'')+'|[^'!]+)!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?")


def chart_areas(book: Path) -> list[tuple[str, str]]:
    """Return (tab, A1 range) of every formula in every chart part of ``book``."""
    with zipfile.ZipFile(book) as package:
        charts = [package.read(n) for n in package.namelist() if n.startswith("xl/charts/chart")]
    areas = []
    for chart in charts:
        for formula in _FORMULA.findall(chart):
            found = _AREA.fullmatch(formula.decode())
            assert found, formula
            tab = found["sheet"].strip("'").replace("''", "'")
            first = f"{found[2]}{found[3]}"
            areas.append((tab, f"{first}:{found[4]}{found[5]}" if found[4] else first))
    return areas


def empty_cells_read(book: Path) -> list[str]:
    """Return every empty cell a chart of ``book`` reads, as ``Tab!D12``."""
    workbook = openpyxl.load_workbook(book, read_only=False)
    empty = []
    for tab, area in chart_areas(book):
        cells = workbook[tab][area]
        rows = cells if isinstance(cells, tuple) else ((cells,),)
        for row in rows:
            for cell in row if isinstance(row, tuple) else (row,):
                if cell.value is None or cell.value == "":
                    empty.append(f"{tab}!{cell.coordinate}")
    return empty
