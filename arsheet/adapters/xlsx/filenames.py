"""Names arsheet gives the files it makes beside a book: backups and temporary files.

Every name fits in NAME_MAX (255 bytes of UTF-8 on Linux and macOS; 255 UTF-16 units on Windows
never hold fewer characters), so a book with a long but legal name can still be recalculated.
A backup is ``BOOK.xlsx.bak``: the suffix goes after the whole name, so ``books/*.xlsx`` in a
cron line never picks it up as a book.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

#: The longest file name, in bytes of UTF-8, that common file systems accept.
NAME_MAX = 255
#: Ends every temporary file arsheet writes; what follows a book's name in it is ``.PID-TOKEN``.
TEMP_SUFFIX = ".arsheet-tmp"
#: The default backup suffix, and the one the old ``BOOK.bak.xlsx`` naming put before the extension.
DEFAULT_BACKUP_SUFFIX = ".bak"
#: A backup suffix longer than this would leave too little of the book's name to recognise it.
MAX_BACKUP_SUFFIX_BYTES = 64
#: Extensions of the books arsheet reads.
BOOK_EXTENSIONS = (".xlsx", ".xlsm")

#: ``.PID-TOKEN.arsheet-tmp`` at the end of a temporary file's name; PID is at most 7 digits.
_TEMP_TAIL = re.compile(r"\.(\d{1,7})-([0-9a-f]{8})" + re.escape(TEMP_SUFFIX) + r"\Z")
_TEMP_TAIL_BYTES = len(".1234567-0123abcd") + len(TEMP_SUFFIX)
#: Bytes of the ``~HASH`` that stands for the part of a name cut off to make it fit.
_HASH_BYTES = 9


def fitted(name: str, room: int) -> str:
    """Return ``name`` if it fits in ``room`` bytes, else a shortened name that is still unique.

    The extension is kept and the cut-off part of the stem is replaced by ``~`` and a hash of the
    whole name, so the same name always shortens the same way and two names stay apart.

    >>> fitted("book.xlsx", 20)
    'book.xlsx'
    >>> fitted("a" * 30 + ".xlsx", 24)
    'aaaaaaaaaa~a268c0ef.xlsx'
    """
    if len(name.encode()) <= room:
        return name
    path = Path(name)
    extension = path.suffix if len(path.suffix.encode()) < room // 2 else ""
    stem = name[: len(name) - len(extension)]
    keep = room - len(extension.encode()) - _HASH_BYTES
    # Cut on a character boundary: never half of a Chinese character.
    head = stem.encode()[:keep].decode(errors="ignore")
    digest = hashlib.sha256(name.encode()).hexdigest()[: _HASH_BYTES - 1]
    return f"{head}~{digest}{extension}"


def backup_path(path: Path, suffix: str = DEFAULT_BACKUP_SUFFIX) -> Path:
    """Return where the previous version of ``path`` is kept: ``BOOK.xlsx.bak`` by default.

    >>> backup_path(Path("books/acme.xlsx")).as_posix()
    'books/acme.xlsx.bak'
    """
    return path.with_name(fitted(path.name, NAME_MAX - len(suffix.encode())) + suffix)


def backed_up_book(path: Path, suffix: str = DEFAULT_BACKUP_SUFFIX) -> Path | None:
    """Return the book that ``path`` is arsheet's backup of, or None when it is no backup.

    Two namings are recognised: ``BOOK.xlsx.bak`` (a book's name followed by the suffix) and,
    from older versions, ``BOOK.bak.xlsx`` when ``BOOK.xlsx`` is beside it (without the book it
    may be the user's own file of that name).
    """
    name = path.name
    for tail in dict.fromkeys((suffix, DEFAULT_BACKUP_SUFFIX)):
        book = name[: -len(tail)]
        if name.endswith(tail) and book.lower().endswith(BOOK_EXTENSIONS):
            return path.with_name(book)
        stem, extension = path.stem, path.suffix
        if stem.endswith(tail) and extension.lower() in BOOK_EXTENSIONS:
            book_path = path.with_name(stem[: -len(tail)] + extension)
            if book_path.is_file():
                return book_path
    return None


def temp_prefix(path: Path) -> str:
    """Return how the names of the temporary files written beside ``path`` begin."""
    return "." + fitted(path.name, NAME_MAX - 1 - _TEMP_TAIL_BYTES)


def temp_path(path: Path, pid: int, token: str) -> Path:
    """Return the temporary file of process ``pid`` (run ``token``, 8 hex digits) for ``path``."""
    return path.with_name(f"{temp_prefix(path)}.{pid}-{token}{TEMP_SUFFIX}")


def temp_owner(temp: Path) -> int | None:
    """Return the process id in a temporary file's name, or None for a name without one."""
    tail = _TEMP_TAIL.search(temp.name)
    return int(tail[1]) if tail else None
