"""Customers' files named safely: a customer ID as a file name every system accepts, and no two
customers' files under one name.

Customer IDs are typed by users: ``A/B``, ``..``, ``客户一``, or three hundred characters. The
letters and statements are named after them (``C001-first_notice.html``), so each ID is made a
name Windows, macOS and Linux all accept, and a run whose customers would overwrite each
other's files (``A/B`` and ``A_B``, or ``c1`` and ``C1`` where a file system ignores case) is
refused before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: What a file name may not hold on Windows, macOS or Linux, and control characters.
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')
#: The most bytes of a customer ID a file name keeps: room for the template and the format.
_LONGEST = 120


def safe_name(text: str) -> str:
    """Return ``text`` as a file name every system accepts, ``_`` for what it cannot hold.

    Cut to :data:`_LONGEST` bytes of UTF-8 (file systems count bytes, a Chinese character
    three), so that with a template and a format it stays within the 255 bytes a name may have.

    >>> safe_name("C/001: ACME?"), safe_name(".."), safe_name("客户 7"), len(safe_name("客" * 99))
    ('C_001_ ACME_', '_', '客户 7', 40)
    """
    name = _UNSAFE.sub("_", text).strip(" .")
    name = name.encode("utf-8")[:_LONGEST].decode("utf-8", "ignore").rstrip(" .")
    return name or "_"


def refuse_shared_names(names: Mapping[str, str]) -> None:
    """Raise ValueError when two customers' files would have one name.

    Args:
        names: each customer ID with the name of its file. Names differing only in case are one
            name, as on Windows and macOS.

    >>> refuse_shared_names({"A/B": "A_B-x.html", "a_b": "a_b-x.html"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: customers A/B and a_b would both be written to a_b-x.html; ...
    """
    owners: dict[str, str] = {}
    for customer_id, name in names.items():
        other = owners.setdefault(name.casefold(), customer_id)
        if other != customer_id:
            raise ValueError(
                f"customers {other} and {customer_id} would both be written to {name}; "
                "write them one at a time to different folders"
            )
