"""Shared formulas whose master cell arsheet overwrites live on in the user's cells that use them.

Excel stores a formula filled over a range once, in the range's top-left (master) cell:
``<f t="shared" ref="Q2:R4" si="0">F2*2</f>``; every other cell of the range holds only
``<f t="shared" si="0"/>``. When the master sits in an owned column it is replaced, and a user
cell of the range would be left pointing at a master that no longer exists. Such a cell gets the
formula written out in full, moved to its own position as Excel would move it (``F3*2``).
"""

from __future__ import annotations

import html
import re

from arsheet.adapters.xlsx.xmltext import escaped

_SHARED = re.compile(rb'<f\b([^>]*?\bt="shared"[^>]*?)(?:/>|>([^<]*)</f>)')
_SI = re.compile(rb'\bsi="(\d+)"')
_CELL_ADDRESS = re.compile(rb'\sr="([A-Z]+)(\d+)"')


class SharedFormulas:
    """The shared formulas of one sheet whose master is in an owned column, as the sheet streams.

    Args:
        owned_cell: matches one whole owned cell (the cells about to be replaced).
        owned_letters: the letters of the owned columns.
    """

    def __init__(self, owned_cell: re.Pattern[bytes], owned_letters: set[bytes]) -> None:
        self._owned_cell = owned_cell
        self._owned_letters = owned_letters
        # si -> (master cell address, formula text without "=")
        self._masters: dict[bytes, tuple[str, str]] = {}

    def expand(self, region: bytes, *, owned_masters: bool) -> bytes:
        """Write out in full the user cells of ``region`` whose shared master is being replaced.

        Args:
            region: whole rows of sheet XML, in document order after every earlier region.
            owned_masters: whether this region's owned cells are replaced (its masters count).
        """
        if b't="shared"' not in region:
            return region
        if owned_masters:
            self._collect(region)
        if not self._masters:
            return region
        return _SHARED.sub(lambda found: self._written_out(region, found), region)

    def _collect(self, region: bytes) -> None:
        for cell in self._owned_cell.finditer(region):
            xml = cell.group()
            formula = _SHARED.search(xml)
            if formula is None or not formula.group(2):
                continue
            si = _SI.search(formula.group(1))
            address = _CELL_ADDRESS.search(xml)
            if si and address:
                text = html.unescape(formula.group(2).decode())
                self._masters[si.group(1)] = ((address.group(1) + address.group(2)).decode(), text)

    def _written_out(self, region: bytes, found: re.Match[bytes]) -> bytes:
        si = _SI.search(found.group(1))
        master = self._masters.get(si.group(1)) if si else None
        if master is None or found.group(2):
            return found.group()
        cell = _CELL_ADDRESS.search(region, region.rfind(b"<c", 0, found.start()))
        if cell is None or cell.group(1) in self._owned_letters:
            return found.group()
        # Imported here: openpyxl adds a tenth of a second to every run, and few books need it.
        from openpyxl.formula.translate import Translator

        origin, text = master
        here = (cell.group(1) + cell.group(2)).decode()
        moved = Translator("=" + text, origin=origin).translate_formula(here)[1:]
        return b"<f>" + escaped(moved, quotes=False) + b"</f>"
