"""Golden .xlsx files: compare two packages part by part, and rewrite the golden one on request.

Two workbooks are the same when they hold the same members with the same contents, apart from
what :data:`IGNORED` lists. Zip timestamps, compression and member order never count. Set
``ARSHEET_UPDATE_GOLDEN=1`` to rewrite the golden files from what the code builds, then read the
diff (``git diff --stat``, and the parts named by a failing run) before committing.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

UPDATE_ENV = "ARSHEET_UPDATE_GOLDEN"

#: What may differ between two builds of the same workbook, by part name: patterns removed from
#: the part before comparing. A part listed with no patterns is skipped entirely.
IGNORED: dict[str, tuple[re.Pattern[bytes], ...]] = {
    # When and by whom the file was saved.
    "docProps/core.xml": (
        re.compile(rb"<dcterms:created[^>]*>[^<]*</dcterms:created>"),
        re.compile(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>"),
        re.compile(rb"<cp:lastModifiedBy>[^<]*</cp:lastModifiedBy>"),
    ),
    # The writing application's name and version.
    "docProps/app.xml": (
        re.compile(rb"<Application>[^<]*</Application>"),
        re.compile(rb"<AppVersion>[^<]*</AppVersion>"),
    ),
    # Excel's cache of the order it last calculated formulas in; rebuilt on load.
    "xl/calcChain.xml": (),
}


def parts(path: Path) -> dict[str, bytes]:
    """Return every member of the package at ``path``, with :data:`IGNORED` content removed."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    for name, patterns in IGNORED.items():
        if name not in members:
            continue
        if not patterns:
            del members[name]
            continue
        for pattern in patterns:
            members[name] = pattern.sub(b"", members[name])
    return members


def differences(actual: Path, expected: Path) -> list[str]:
    """Return one line per member that is missing, extra, or different, with where it differs."""
    got, want = parts(actual), parts(expected)
    lines = [f"missing part {name}" for name in sorted(want.keys() - got.keys())]
    lines += [f"unexpected part {name}" for name in sorted(got.keys() - want.keys())]
    for name in sorted(got.keys() & want.keys()):
        if got[name] != want[name]:
            lines.append(f"{name} differs: {_first_difference(got[name], want[name])}")
    return lines


def assert_same_parts(actual: Path, expected: Path) -> None:
    """Fail with the list of differing parts unless the two packages are the same."""
    found = differences(actual, expected)
    assert not found, f"{actual.name} differs from {expected}:\n  " + "\n  ".join(found)


def check_golden(built: Path, golden: Path) -> None:
    """Compare ``built`` with the committed ``golden`` file; rewrite it when the update flag is set.

    Args:
        built: the file the code just made.
        golden: the committed file it must match.
    """
    if os.environ.get(UPDATE_ENV) == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, golden)
        return
    assert golden.exists(), f"{golden} is missing; run with {UPDATE_ENV}=1 to create it"
    assert_same_parts(built, golden)


def _first_difference(got: bytes, want: bytes, context: int = 60) -> str:
    """Describe where two byte strings first differ, with a little text on both sides."""
    at = next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), None)
    if at is None:
        at = min(len(got), len(want))
    start = max(at - context, 0)

    def show(data: bytes) -> str:
        return data[start : at + context].decode("utf-8", "replace")

    return f"at byte {at}\n    got:  …{show(got)}…\n    want: …{show(want)}…"
