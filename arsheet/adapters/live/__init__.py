"""An open workbook (:class:`LiveBook`): the book port over any xlwings Book, saved by the user.

xlwings hands a sheet over as a 2-D array of values and takes 2-D arrays back, whichever engine
runs it: Excel through COM on Windows or AppleScript on a Mac, xlwings Lite in Excel itself, or
the remote engine that replays a run's actions in Excel. Nothing here imports xlwings: a
:class:`LiveBook` only calls the Book it is given.
"""

from arsheet.adapters.live.book import LiveBook

__all__ = ["LiveBook"]
