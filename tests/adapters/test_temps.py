"""Temporary files of killed runs: gone once their run is, kept while anyone may still write."""

from __future__ import annotations

import errno
import os
import sys
import time
from pathlib import Path

import pytest

from arsheet.adapters.xlsx import temps
from arsheet.adapters.xlsx.filenames import temp_path
from arsheet.adapters.xlsx.temps import STALE_TEMP_SECONDS, remove_stale_temps, temp_beside

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks")
#: Above any process id Linux or macOS hands out, so no process has it.
NO_SUCH_PID = 9_999_999


def test_a_temp_file_this_process_holds_is_kept(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    with temp_beside(book) as (_, temp):
        remove_stale_temps(book)
        assert temp.exists()


def test_without_file_locks_only_age_removes_a_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "book.xlsx"
    fresh = temp_path(book, NO_SUCH_PID, "0000aaaa")
    old = temp_path(book, NO_SUCH_PID, "0000bbbb")
    for temp in (fresh, old):
        temp.write_bytes(b"half a workbook")
    long_ago = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(old, (long_ago, long_ago))

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(temps.fcntl, "flock", no_locks)
    remove_stale_temps(book)
    assert fresh.exists()  # its run may be on another computer sharing the folder
    assert not old.exists()
