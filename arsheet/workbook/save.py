"""Saving a book safely: refuse when another program has it open, and replace it atomically.

The new package is written to a hidden temporary file beside the book, flushed to disk, and only
then renamed over the book, so a crash, a kill or Ctrl-C at any moment leaves either the old or
the new file, never a torn one.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from arsheet.errors import BookLocked, BookReadOnly

TEMP_SUFFIX = ".arsheet-tmp"
#: A temporary file untouched for this long belongs to a run that was killed.
STALE_TEMP_SECONDS = 3600


def lock_files(path: Path) -> list[Path]:
    """Return the lock files Excel, WPS or LibreOffice create beside ``path`` while it is open.

    Excel and WPS write ``~$NAME``; for long names Excel drops the first two characters of the
    name instead of prefixing; LibreOffice writes ``.~lock.NAME#``.
    """
    name = path.name
    candidates = [f"~${name}", f".~lock.{name}#"]
    if len(path.stem) > 2:
        candidates.append(f"~${name[2:]}")
    return [path.with_name(c) for c in candidates]


def check_not_locked(path: Path) -> None:
    """Refuse to touch a workbook another program has open.

    Args:
        path: the workbook.

    Raises:
        BookLocked: a lock file of Excel, WPS or LibreOffice exists beside it.
    """
    for lock in lock_files(path):
        if lock.exists():
            raise BookLocked(path, lock)


def check_writable(path: Path) -> None:
    """Refuse a workbook whose owner marked it read-only.

    The permission bits are read rather than asked of the system, because an atomic rename
    would replace a read-only file anyway, and an administrator may write anything.

    Raises:
        BookReadOnly: nobody may write the file.
    """
    if path.is_file() and not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise BookReadOnly(path)


def replace_atomically(path: Path, write: Callable[[BinaryIO], None], backup: Path | None) -> None:
    """Replace ``path`` by what ``write`` produces, keeping ``backup`` of the previous version.

    Args:
        path: the existing workbook; its permission bits carry over to the new file.
        write: writes the whole new file to the stream it is given.
        backup: where to keep the previous version, or None for no backup.

    Raises:
        BookLocked: the book is open in another program; nothing is written.
        OSError: the file could not be written; the original is intact and no temporary
            file is left.
    """
    check_not_locked(path)
    _remove_stale_temps(path)
    mode = stat.S_IMODE(path.stat().st_mode)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        if backup is not None:
            _keep_backup(path, backup)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_directory(path.parent)


def _remove_stale_temps(path: Path) -> None:
    """Remove temporary files of ``path`` that a killed run left behind.

    Only files older than :data:`STALE_TEMP_SECONDS` go, so a run still writing its temporary
    file beside the same book is never disturbed.
    """
    cutoff = time.time() - STALE_TEMP_SECONDS
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()


def _keep_backup(path: Path, backup: Path) -> None:
    """Put the current version at ``backup``, replacing an older backup atomically."""
    fd, name = tempfile.mkstemp(prefix=f".{backup.name}.", suffix=TEMP_SUFFIX, dir=backup.parent)
    os.close(fd)
    staged = Path(name)
    try:
        staged.unlink()
        try:
            # A hard link costs nothing: the book itself is about to be replaced by a new inode.
            os.link(path, staged)
        except OSError:
            shutil.copy2(path, staged)
        os.replace(staged, backup)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def _sync_directory(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a directory.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
