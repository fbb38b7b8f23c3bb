"""Members deflated in blocks on worker threads read back whole, the same whatever the threads."""

from __future__ import annotations

import io
import zipfile

import pytest

from arsheet.adapters.xlsx.deflate import Deflater

_BIG = b"".join(
    b'<row r="%d"><c r="A%d"><v>%d.5</v></c></row>' % (i, i, i * 7) for i in range(1, 90_000)
)
_MEMBERS = {"empty.xml": b"", "small.xml": b"<a/>", "big.xml": _BIG}


def _package(workers: int, chunk: int) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as out, Deflater(workers) as deflater:
        for name, data in _MEMBERS.items():
            pieces = [data[i : i + chunk] for i in range(0, len(data), chunk)]
            deflater.write_member(out, zipfile.ZipInfo(name), pieces, len(data))
    return stream.getvalue()


@pytest.mark.parametrize(("workers", "chunk"), [(1, 1 << 22), (3, 1 << 22), (2, 100_000)])
def test_members_read_back_with_their_crc(workers: int, chunk: int) -> None:
    assert len(_BIG) > 3 << 20
    with zipfile.ZipFile(io.BytesIO(_package(workers, chunk))) as book:
        assert book.testzip() is None
        assert {name: book.read(name) for name in book.namelist()} == _MEMBERS
        assert book.getinfo("big.xml").compress_size < len(_BIG) // 5


def test_the_bytes_do_not_depend_on_the_number_of_threads() -> None:
    assert _package(1, 1 << 20) == _package(4, 1 << 20)
