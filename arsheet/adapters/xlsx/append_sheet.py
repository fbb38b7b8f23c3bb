"""New rows streamed into a record sheet's XML; everything else in it kept as it is.

The sheet streams through in chunks cut at row ends: the part before the rows gets its used
range grown and the part after them its validation and conditional format ranges
(:mod:`.append_ranges`); the rows go through :class:`.append_rows.NewRows`, which puts the new
ones among them. A protected sheet is refused on the way (the atomic save keeps the original).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from arsheet.adapters.xlsx.append_ranges import grown_dimension, grown_ranges
from arsheet.adapters.xlsx.append_rows import NewRows, RowsToAdd, column_styles
from arsheet.adapters.xlsx.protection import check_sheet
from arsheet.adapters.xlsx.sheetxml import SHEET_DATA, refuse_prefixes
from arsheet.errors import CannotWrite


class AppendedSheet:
    """A sheet's XML with new rows streamed into it.

    Args:
        new: the rows to add.

    Attributes:
        fallback_used: whether a new cell took its :attr:`.append_rows.NewCell.style`, known
            once the XML has streamed through.
        written: whether the XML has streamed through.
    """

    def __init__(self, new: RowsToAdd) -> None:
        self.new = new
        self.fallback_used = False
        self.written = False

    def stream(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """Yield the sheet XML of ``chunks`` with the new rows in it.

        Raises:
            CannotWrite: the XML is not laid out as Excel writes it (namespace prefixes, rows
                or cells without their address, no data area).
            BookProtected: the sheet is protected.
        """
        new = self.new
        stream = iter(chunks)
        buf = b""
        while (data := SHEET_DATA.search(buf)) is None:
            buf += _more(stream, new)
        refuse_prefixes(buf[: data.end()], new.path, new.name)
        rows = NewRows(new, column_styles(buf[: data.start()]))
        head = grown_dimension(buf[: data.start()], new.last_row, rows.max_column)
        if data.group(1):
            yield head + b"<sheetData>" + rows.region(b"", final=True) + b"</sheetData>"
            yield _tail(buf[data.end() :] + b"".join(stream), new)
            self.fallback_used, self.written = rows.fallback_used, True
            return
        yield head + data.group()
        buf = buf[data.end() :]
        while True:
            end = buf.find(b"</sheetData>")
            if end >= 0:
                yield rows.region(buf[:end], final=True)
                yield _tail(buf[end:] + b"".join(stream), new)
                self.fallback_used, self.written = rows.fallback_used, True
                return
            cut = buf.rfind(b"</row>")
            if cut >= 0:
                yield rows.region(buf[: cut + 6], final=False)
                buf = buf[cut + 6 :]
            buf += _more(stream, new)


def _more(stream: Iterator[bytes], new: RowsToAdd) -> bytes:
    more = next(stream, None)
    if more is None:
        raise CannotWrite(
            new.path,
            f"the XML of sheet {new.name!r} ends before its data does",
            f"工作表“{new.name}”的 XML 在数据结束前中断",
        )
    return more


def _tail(tail: bytes, new: RowsToAdd) -> bytes:
    """Return the XML after the rows, checked for protection, its ranges grown."""
    check_sheet(new.path, new.name, tail)
    model = new.first_row - 1 if new.first_row - 1 > new.header_row else new.first_row
    return grown_ranges(tail, model, new.last_row)
