"""Deflate the new members of the package on worker threads, in blocks joined into one stream.

zlib lets go of the GIL while it compresses, so blocks deflate on the other cores while the writer
patches the next rows. Each block is compressed on its own, seeded with the last 32 KiB before it
as a dictionary so no match is lost at the seams, and ends with a sync flush (an empty stored
block that byte-aligns the stream); a final empty block closes the stream. pigz builds its output
the same way, and any inflater reads it as one ordinary deflate stream.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import IO

# Level 2 is as fast as level 1 on sheet XML and some 5% smaller; small parts get the usual 6.
_LEVEL = 2
_SMALL_LEVEL = 6
_SMALL = 1 << 20
_BLOCK = 1 << 20
_WINDOW = 32 << 10
_FINAL_EMPTY_BLOCK = b"\x03\x00"
_ZIP64_AT = 1 << 30


def _deflate(block: bytes | memoryview, level: int, history: bytes) -> bytes:
    """Return ``block`` deflated as a byte-aligned, non-final piece of a raw deflate stream."""
    if history:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS, zdict=history)
    else:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(block) + compressor.flush(zlib.Z_SYNC_FLUSH)


def _blocks(chunks: Iterable[bytes]) -> Iterator[memoryview]:
    """Yield the chunks cut into blocks of at most ``_BLOCK`` bytes, so big parts spread out."""
    for chunk in chunks:
        view = memoryview(chunk)
        for start in range(0, len(view), _BLOCK):
            yield view[start : start + _BLOCK]


class _Written:
    """The CRC and length of the uncompressed bytes of a member written so far."""

    def __init__(self) -> None:
        self.crc = 0
        self.length = 0

    def add(self, fp: IO[bytes], block: memoryview, deflated: Future[bytes]) -> None:
        """Write a block once deflated, and count it."""
        fp.write(deflated.result())
        self.crc = zlib.crc32(block, self.crc)
        self.length += len(block)


class Deflater:
    """Worker threads that deflate the members of one new package.

    Use as a context manager around writing the package; :meth:`write_member` appends a member.
    Blocks deflate on ``workers`` threads; one more thread writes them in order and sums their
    CRC, so the caller's thread only hands blocks over.

    Args:
        workers: how many threads compress; default one per core, at most four.
    """

    def __init__(self, workers: int | None = None) -> None:
        self._workers = workers or min(4, os.cpu_count() or 1)
        self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="deflate")
        self._sink = ThreadPoolExecutor(1, thread_name_prefix="deflate-write")

    def __enter__(self) -> Deflater:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._sink.shutdown(wait=True, cancel_futures=True)
        self._pool.shutdown(wait=True, cancel_futures=True)

    def write_member(
        self, out: zipfile.ZipFile, info: zipfile.ZipInfo, chunks: Iterable[bytes], size: int
    ) -> None:
        """Append a member to ``out`` from chunks of its uncompressed bytes, deflated as they come.

        Args:
            out: the new package, written to a seekable file.
            info: the member's name, time and attributes.
            chunks: the member's bytes, in order.
            size: about how big the member is uncompressed; picks the level and whether the
                header needs zip64 fields.
        """
        level = _LEVEL if size >= _SMALL else _SMALL_LEVEL
        zip64 = size > _ZIP64_AT
        new = zipfile.ZipInfo(info.filename, info.date_time)
        new.compress_type = zipfile.ZIP_DEFLATED
        new.external_attr = info.external_attr
        new.create_system = info.create_system
        new.CRC = new.compress_size = new.file_size = 0
        fp = out.fp
        assert fp is not None
        new.header_offset = fp.tell()
        # The header is written again below, once the CRC and sizes are known.
        fp.write(new.FileHeader(zip64))
        start = fp.tell()
        written = _Written()
        pending: deque[Future[None]] = deque()
        history = b""
        for block in _blocks(chunks):
            deflated = self._pool.submit(_deflate, block, level, history)
            pending.append(self._sink.submit(written.add, fp, block, deflated))
            history = bytes(block[-_WINDOW:])
            # Enough blocks in flight to keep every worker busy, few enough to bound memory.
            while len(pending) > 2 * self._workers:
                pending.popleft().result()
        while pending:
            pending.popleft().result()
        fp.write(_FINAL_EMPTY_BLOCK)
        end = fp.tell()
        new.CRC, new.file_size = written.crc, written.length
        new.compress_size = end - start
        fp.seek(new.header_offset)
        fp.write(new.FileHeader(zip64))
        fp.seek(end)
        out.filelist.append(new)
        out.NameToInfo[new.filename] = new
        out.start_dir = end
        out._didModify = True
