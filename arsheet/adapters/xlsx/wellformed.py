"""Check that a sheet's XML parses, on the chunks another scan of the same XML already reads.

The spreadsheet parser reads past some damage (an end tag too many, a character XML forbids),
and the writer patches sheets as bytes without parsing them, so a damaged sheet could be
"recalculated". The reader's own pass over each record sheet's XML (the search for formula and
error cells, :mod:`.formula_cells`) therefore also feeds every chunk to libxml2, which keeps no
tree: one inflating of the sheet serves both, and a damaged sheet is refused before anything is
computed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from lxml import etree


class _NoTree:
    """A parser target that keeps nothing: only well-formedness is checked."""

    def close(self) -> None:
        """End of the document; nothing to return."""


class WellFormed:
    """Feeds XML to libxml2 as it passes by and remembers why it does not parse, if it does not.

    >>> check = WellFormed()
    >>> list(check.passing([b"<a><b/>", b"</a>"])), check.damage
    ([b'<a><b/>', b'</a>'], None)
    >>> _ = list(check.passing([b"<a></b>"])); check.damage.startswith("Opening and ending tag")
    True
    """

    def __init__(self) -> None:
        self.damage: str | None = None
        self.complete = False

    def passing(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """Yield ``chunks`` unchanged, checking them; :attr:`complete` once all went through."""
        parser = etree.XMLParser(
            target=_NoTree(), huge_tree=True, resolve_entities=False, no_network=True
        )
        self.damage, self.complete = None, False
        for chunk in chunks:
            if self.damage is None:
                self._check(parser.feed, chunk)
            yield chunk
        if self.damage is None:
            self._check(lambda _: parser.close(), b"")
        self.complete = True

    def _check(self, step: Callable[[bytes], object], chunk: bytes) -> None:
        try:
            step(chunk)
        except etree.XMLSyntaxError as exc:
            self.damage = str(exc).split(" (<string>")[0]
