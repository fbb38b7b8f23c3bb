"""Check that a sheet's XML parses while it streams through the patcher, on another core.

The patcher reads a sheet in byte chunks and never parses it (that is what makes it fast), so on
its own it would patch XML that is damaged. Each chunk is also fed to libxml2, which keeps no
tree and lets go of the GIL while it parses: the check runs beside the patching and costs
little wall time. A damaged sheet is refused before the new book replaces the old one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from lxml import etree

from arsheet.errors import CannotWrite

# Chunks handed to the checker and not yet parsed; each is a megabyte the patcher has read.
_AHEAD = 4


class _NoTree:
    """A parser target that keeps nothing: only well-formedness is checked."""

    def close(self) -> None:
        """End of the document; nothing to return."""


def checked(chunks: Iterable[bytes], path: Path, sheet: str) -> Iterator[bytes]:
    """Yield ``chunks`` unchanged while checking, a few chunks behind, that together they parse.

    Args:
        chunks: the sheet XML, in order.
        path: the book, named in the error.
        sheet: the sheet's tab name, named in the error.

    Raises:
        CannotWrite: the XML is not well-formed; raised at the latest after the last chunk.
    """
    parser = etree.XMLParser(
        target=_NoTree(), huge_tree=True, resolve_entities=False, no_network=True
    )
    with ThreadPoolExecutor(1) as worker:
        # One worker feeds the chunks in order; a few may wait, so the patcher seldom does.
        fed: deque[Future[None]] = deque()
        try:
            for chunk in chunks:
                if len(fed) == _AHEAD:
                    fed.popleft().result()
                fed.append(worker.submit(parser.feed, chunk))
                yield chunk
            while fed:
                fed.popleft().result()
            parser.close()
        except etree.XMLSyntaxError as exc:
            for waiting in fed:
                waiting.cancel()
            detail = str(exc).split(" (<string>")[0]
            raise CannotWrite(
                path,
                f"the XML of sheet {sheet!r} is damaged ({detail}); "
                "open the book in Excel, save it, and run arsheet again",
            ) from exc
