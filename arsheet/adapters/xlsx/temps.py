"""Temporary files beside a book: held by their run while it lives, cleared once it is gone.

A run names its temporary file after the book, its process id and a random token, and holds an
exclusive lock on it until the file is renamed into place or removed. The next run removes a
temporary file nobody holds whose process is gone, at once; a file whose lock is held belongs to
a run still writing and is never touched. The process id tells a run that is just creating its
file (not yet locked) from a dead one; the lock tells a dead run from a new process that happens
to have been given the same id. Files without an id (older versions) go after an hour.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from arsheet.adapters.xlsx.filenames import TEMP_SUFFIX, temp_owner, temp_path, temp_prefix

#: A temporary file whose run cannot be told apart is left alone for this long.
STALE_TEMP_SECONDS = 3600


@contextlib.contextmanager
def temp_beside(path: Path, mode: int = 0o600) -> Iterator[tuple[BinaryIO, Path]]:
    """Create this run's temporary file for ``path``, in its folder, locked while it is open.

    Args:
        path: the file the temporary file will replace.
        mode: permission bits to create it with, before the umask.

    Yields:
        The open stream and the temporary file's path; renaming it away inside the block is
        how it is kept, otherwise it is removed when the block ends with an exception.
    """
    temp = temp_path(path, os.getpid(), secrets.token_hex(4))
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    stream = os.fdopen(os.open(temp, flags, mode), "wb")
    try:
        with stream:
            _hold(stream.fileno())
            yield stream, temp
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def remove_stale_temps(path: Path) -> None:
    """Remove the temporary files for ``path`` that a run killed before finishing left behind."""
    pattern = f"{glob.escape(temp_prefix(path))}.*{TEMP_SUFFIX}"
    for temp in path.parent.glob(pattern):
        with contextlib.suppress(OSError):
            _remove_if_abandoned(temp)


if sys.platform == "win32":

    def _hold(fd: int) -> None:
        """Windows refuses to delete a file another process has open: being open is the lock."""

    def _remove_if_abandoned(temp: Path) -> None:
        temp.unlink()  # fails, and so keeps the file, while its run still has it open

else:
    import fcntl

    def _hold(fd: int) -> None:
        # A file system without locks (some network mounts) leaves the file to the hour rule.
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _remove_if_abandoned(temp: Path) -> None:
        fd = os.open(temp, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # a live run holds it
            except OSError:
                # No locks here, and the run may be on another computer sharing the folder,
                # where its process id means nothing: only age can tell.
                abandoned = _older_than_stale(fd)
            else:
                abandoned = not _alive(temp_owner(temp)) or _older_than_stale(fd)
            if abandoned:
                temp.unlink()
        finally:
            os.close(fd)

    def _alive(pid: int | None) -> bool:
        """Return whether process ``pid`` exists (None, an unknown run, counts as alive)."""
        if pid is None or pid == os.getpid():
            return True
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True  # another user's process
        return True

    def _older_than_stale(fd: int) -> bool:
        return time.time() - os.fstat(fd).st_mtime > STALE_TEMP_SECONDS
