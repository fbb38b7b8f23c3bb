"""Letters as PDF, printed by LibreOffice from their HTML or Word documents.

arsheet draws no PDF itself: LibreOffice, run headless, lays out and prints the letters, the
same program many users already open their workbooks in. A whole batch goes through one
LibreOffice start (a cold start takes seconds, a letter a fraction of one), with a profile of
its own in a temporary folder, so it works while the user has LibreOffice open, and never
changes their settings. HTML is opened as a Writer document (``HTML (StarWriter)``), not in
Writer/Web, whose PDF loses the page layout.

Nothing half-made is left behind: LibreOffice prints into a hidden folder inside the output
folder, and only when every PDF is there are they moved out of it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from arsheet.errors import PdfFailed, PdfNeedsLibreOffice

#: Seconds LibreOffice may take to start, and then for each letter.
START_SECONDS, SECONDS_PER_FILE = 120, 10

#: How LibreOffice opens each kind of letter; every file in one run is opened the same way.
_IMPORT_FILTERS = {".html": "HTML (StarWriter)", ".htm": "HTML (StarWriter)", ".docx": None}


def convert_to_pdf(files: Sequence[Path], out_dir: Path) -> list[Path]:
    """Print ``files`` as PDF into ``out_dir`` with LibreOffice; return the PDFs in their order.

    Each file's PDF takes its name: ``C001-first_notice.html`` gives
    ``C001-first_notice.pdf``, replacing a PDF of that name in ``out_dir``.

    Args:
        files: HTML (``.html``) or Word (``.docx``) letters; their names (without the
            extension) must differ.
        out_dir: where the PDFs go; made when missing.

    Returns:
        The PDFs, in the order of ``files``.

    Raises:
        PdfNeedsLibreOffice: LibreOffice is not installed.
        PdfFailed: LibreOffice did not print every file, or took too long.
        ValueError: a file is neither HTML nor .docx, or two files would give one PDF.
    """
    if not files:
        return []
    kinds = {Path(f).suffix.lower() for f in files}
    unknown = kinds - _IMPORT_FILTERS.keys()
    if unknown:
        raise ValueError(f"cannot print {', '.join(sorted(unknown))} files as PDF")
    stems = [Path(f).stem for f in files]
    if len(set(stems)) < len(stems):
        raise ValueError("two files would print to the same PDF")
    program = find_soffice()
    if program is None:
        raise PdfNeedsLibreOffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="arsheet-libreoffice-") as profile,
        tempfile.TemporaryDirectory(prefix=".arsheet-pdf-", dir=out_dir) as printed,
    ):
        # One run for each way of opening the files: in practice one run for the batch.
        for kind in sorted(kinds):
            batch = [Path(f) for f in files if Path(f).suffix.lower() == kind]
            _print(program, batch, Path(printed), Path(profile), _IMPORT_FILTERS[kind])
        pdfs = [out_dir / f"{stem}.pdf" for stem in stems]
        for pdf in pdfs:
            os.replace(Path(printed) / pdf.name, pdf)
        return pdfs


def find_soffice() -> Path | None:
    """Return LibreOffice's ``soffice`` program: on the PATH, else where installers put it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for place in _install_places():
        if place.is_file():
            return place
    return None


def _install_places() -> list[Path]:
    """Return where LibreOffice's installers put ``soffice`` on Windows and macOS."""
    if sys.platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    if sys.platform == "win32":
        roots = [
            os.environ.get(v, "") for v in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")
        ]
        # soffice.com waits for the conversion and prints to the console; soffice.exe may not.
        return [
            Path(root) / "LibreOffice" / "program" / name
            for root in roots
            if root
            for name in ("soffice.com", "soffice.exe")
        ]
    return []


def _print(
    program: Path, files: list[Path], out_dir: Path, profile: Path, import_filter: str | None
) -> None:
    """Run LibreOffice once to print ``files`` into ``out_dir``; raise unless all are there."""
    command = [
        str(program),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        *(["--infilter=" + import_filter] if import_filter else []),
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(out_dir),
        *(str(f.resolve()) for f in files),
    ]
    timeout = START_SECONDS + SECONDS_PER_FILE * len(files)
    try:
        run = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired as exc:
        raise PdfFailed(
            tuple(f.name for f in files),
            f"LibreOffice took more than {timeout} seconds",
            f"LibreOffice 超过 {timeout} 秒仍未完成",
        ) from exc
    except OSError as exc:
        raise PdfFailed(tuple(f.name for f in files), str(exc), str(exc)) from exc
    missing = [f.name for f in files if not (out_dir / f"{f.stem}.pdf").is_file()]
    if missing:
        said = f"{run.stdout}\n{run.stderr}".strip().splitlines()
        # Its own errors start "Error:"; warnings about Java and the like are no reason.
        errors = [line for line in said if line.lower().startswith("error")] or said[-1:]
        reason = errors[0] if errors else f"it exited with code {run.returncode}"
        raise PdfFailed(
            tuple(missing), f"LibreOffice said: {reason}", f"LibreOffice 提示：{reason}"
        )
