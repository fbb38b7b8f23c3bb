"""Saving a book safely: refuse when it is open or not ours to write, and replace it atomically.

The new package is written to a temporary file beside the book (beside the real file when the
book is a symbolic link), flushed to disk, given the book's owner, group and mode, and only then
renamed over it, so a crash, a kill or Ctrl-C at any moment leaves either the old or the new
file, never a torn one, and a link stays a link.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from arsheet.adapters.xlsx.temps import remove_stale_temps, temp_beside
from arsheet.errors import BookLocked, BookNotWritable, BookReadOnly


def lock_files(path: Path) -> list[Path]:
    """Return the lock files Excel, WPS or LibreOffice create beside ``path`` while it is open.

    Excel and WPS write ``~$NAME``; for long names Excel drops the first two characters of the
    name instead of prefixing; LibreOffice writes ``.~lock.NAME#``. For a symbolic link, the
    programs may have opened the link or the file it points to, so both are looked for.
    """
    locks = []
    for book in dict.fromkeys((path, Path(os.path.realpath(path)))):
        name = book.name
        candidates = [f"~${name}", f".~lock.{name}#"]
        if len(book.stem) > 2:
            candidates.append(f"~${name[2:]}")
        locks += [book.with_name(c) for c in candidates]
    return locks


def check_not_locked(path: Path) -> None:
    """Refuse to touch a workbook another program has open.

    Args:
        path: the workbook.

    Raises:
        BookLocked: a lock file of Excel, WPS or LibreOffice exists beside it.
    """
    for lock in lock_files(path):
        # os.path.lexists, unlike Path.exists, says False for a lock name too long to exist.
        if os.path.lexists(lock):
            raise BookLocked(path, lock)


def check_writable(path: Path) -> None:
    """Refuse a workbook that is marked read-only or that the user may not write.

    The permission bits are read as well as asked of the system, because an administrator may
    write anything, yet a file its owner marked read-only must still be left alone. Being
    allowed to write the folder is not enough: the rename would take the book from its owner.

    Raises:
        BookReadOnly: nobody may write the file.
        BookNotWritable: others may write it, but not this user.
    """
    if not path.is_file():
        return
    if not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise BookReadOnly(path)
    if not os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        raise BookNotWritable(path)


def replace_atomically(path: Path, write: Callable[[BinaryIO], None], backup: Path | None) -> None:
    """Replace ``path`` by what ``write`` produces, keeping ``backup`` of the previous version.

    Args:
        path: the existing workbook, or a symbolic link to it (the link is kept and the file it
            points to replaced); its owner, group and permission bits carry over.
        write: writes the whole new file to the stream it is given.
        backup: where to keep a copy of the previous version, or None for no backup.

    Raises:
        BookLocked: the book is open in another program; nothing is written.
        OSError: the file could not be written; the original is intact and no temporary
            file is left.
    """
    check_not_locked(path)
    target = Path(os.path.realpath(path))
    remove_stale_temps(target)
    before = target.stat()
    with temp_beside(target) as (stream, temp):
        write(stream)
        stream.flush()
        os.fsync(stream.fileno())
        _keep_owner_and_mode(temp, before)
        if backup is not None:
            _keep_backup(target, backup)
        os.replace(temp, target)
    _sync_directory(target.parent)


def create_whole(path: Path, content: bytes) -> None:
    """Write ``content`` as the new file ``path``, whole or not at all, like any new file.

    It is written beside ``path`` (beside the file a link points to) and renamed into place,
    with the mode new files get (0666 less the umask).

    Raises:
        OSError: the file could not be written; no temporary file is left.
    """
    target = Path(os.path.realpath(path))
    remove_stale_temps(target)
    with temp_beside(target, mode=0o666) as (stream, temp):
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())
        os.replace(temp, target)


def _keep_owner_and_mode(temp: Path, before: os.stat_result) -> None:
    """Give ``temp`` the owner, group and mode the replaced book had, as far as allowed.

    An administrator may give the file back to its owner; any user may give it a group they
    belong to. The mode goes last, since changing the owner clears set-id bits.
    """
    if hasattr(os, "chown"):
        owner = before.st_uid if os.geteuid() == 0 else -1
        with contextlib.suppress(PermissionError):
            os.chown(temp, owner, before.st_gid)
    os.chmod(temp, stat.S_IMODE(before.st_mode))


def _keep_backup(path: Path, backup: Path) -> None:
    """Put a copy of ``path`` at ``backup``, replacing an older backup atomically.

    A copy, not a hard link: a link would share the book's inode, so anything that writes the
    book in place (or another hard link of it) would change the backup too.
    """
    remove_stale_temps(backup)
    with temp_beside(backup) as (stream, staged), path.open("rb") as source:
        shutil.copyfileobj(source, stream)
        stream.flush()
        os.fsync(stream.fileno())
        shutil.copystat(path, staged)
        os.replace(staged, backup)


def _sync_directory(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a directory.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
