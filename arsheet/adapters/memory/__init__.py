"""A book held as Python values (:class:`MemoryBook`), for tests, notebooks and the Python API."""

from arsheet.adapters.memory.book import MemoryBook
from arsheet.adapters.memory.cells import CellError, Formula

__all__ = ["CellError", "Formula", "MemoryBook"]
