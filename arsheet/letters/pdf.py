"""Letters as PDF, printed by LibreOffice from their Word documents.

arsheet draws no PDF itself: LibreOffice, run headless, lays out and prints the letters, the
same program many users already open their workbooks in. A whole batch goes through one
LibreOffice start (a cold start takes seconds, a letter a fraction of one), with a profile of
its own in a temporary folder, so it works while the user has LibreOffice open, and never
changes their settings.

An HTML letter is printed from the Word document :func:`arsheet.letters.docx.html_to_docx`
makes of it, so a letter's PDF and its .docx look alike. LibreOffice's own HTML import is not
used: it drops table rules, shading and right-aligned amounts, and Writer/Web loses the page.

Nothing half-made is left behind: LibreOffice prints into a hidden folder inside the output
folder, and only when every PDF is there are they moved out of it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from arsheet.errors import PdfFailed, PdfNeedsLibreOffice
from arsheet.letters.docx import html_to_docx

#: Seconds LibreOffice may take to start, and then for each letter.
START_SECONDS, SECONDS_PER_FILE = 120, 10

#: Where LibreOffice's own Linux packages install.
_LINUX_ROOT = Path("/opt")
#: Characters a command may have: Windows takes 32,767; the rest is left for LibreOffice.
_LONGEST_COMMAND = 30_000
#: The letters LibreOffice is given: HTML ones through their Word document.
_KINDS = frozenset({".html", ".htm", ".docx"})


def convert_to_pdf(files: Sequence[Path], out_dir: Path) -> list[Path]:
    """Print ``files`` as PDF into ``out_dir`` with LibreOffice; return the PDFs in their order.

    Each file's PDF takes its name: ``C001-first_notice.html`` gives
    ``C001-first_notice.pdf``, replacing a PDF of that name in ``out_dir``.

    Args:
        files: HTML (``.html``, UTF-8) or Word (``.docx``) letters; their names (without
            the extension) must differ.
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
    letters = [Path(f) for f in files]
    unknown = sorted({f.suffix.lower() for f in letters} - _KINDS)
    if unknown:
        raise ValueError(f"cannot print {', '.join(unknown)} files as PDF")
    if len({f.stem for f in letters}) < len(letters):
        raise ValueError("two files would print to the same PDF")
    program = find_soffice()
    if program is None:
        raise PdfNeedsLibreOffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="arsheet-libreoffice-") as scratch,
        tempfile.TemporaryDirectory(prefix=".arsheet-pdf-", dir=out_dir) as printed,
    ):
        documents = {f.name: _as_docx(f, Path(scratch)) for f in letters}
        _print(program, documents, Path(printed), Path(scratch) / "profile")
        pdfs = [out_dir / f"{f.stem}.pdf" for f in letters]
        for pdf in pdfs:
            os.replace(Path(printed) / pdf.name, pdf)
        return pdfs


def _as_docx(letter: Path, scratch: Path) -> Path:
    """Return ``letter`` as a Word document: itself, or one made in ``scratch`` of its HTML."""
    if letter.suffix.lower() == ".docx":
        return letter
    document = scratch / f"{letter.stem}.docx"
    try:
        html = letter.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PdfFailed((letter.name,), str(exc), str(exc)) from exc
    document.write_bytes(html_to_docx(html))
    return document


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
    """Return where LibreOffice's installers put ``soffice`` off the PATH."""
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
    # LibreOffice's own Linux packages install into /opt/libreoffice<version>; newest first.
    places = _LINUX_ROOT.glob("libreoffice*/program/soffice")
    return sorted(places, key=lambda p: [int(n) for n in re.findall(r"\d+", p.parts[-3])])[::-1]


def _print(program: Path, documents: dict[str, Path], out_dir: Path, profile: Path) -> None:
    """Run LibreOffice to print ``documents`` into ``out_dir``; raise unless all are there.

    ``documents`` maps the name of each letter the caller gave to the Word document printed.
    One run prints them all, unless their paths make too long a command for Windows.
    """
    command = [
        str(program),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(out_dir),
    ]
    said: list[str] = []
    batch: list[str] = []
    for number, document in enumerate(documents.values(), 1):
        batch.append(str(document.resolve()))
        if number == len(documents) or len(" ".join(command + batch)) > _LONGEST_COMMAND:
            said += _run(command + batch, len(batch), tuple(documents)).splitlines()
            batch = []
    missing = [n for n, d in documents.items() if not (out_dir / f"{d.stem}.pdf").is_file()]
    if missing:
        # Its own errors start "Error:"; warnings about Java and the like are no reason.
        errors = [line for line in said if line.lower().startswith("error")]
        reason = (errors or [line for line in said if line.strip()] or ["nothing"])[0]
        raise PdfFailed(
            tuple(missing), f"LibreOffice said: {reason}", f"LibreOffice 提示：{reason}"
        )


def _run(command: list[str], files: int, names: tuple[str, ...]) -> str:
    """Run LibreOffice's ``command`` for ``files`` files; return what it printed.

    Raises:
        PdfFailed: it could not be started, or took too long (then it is stopped, with the
            processes it started).
    """
    timeout = START_SECONDS + SECONDS_PER_FILE * files
    try:
        # A session of its own, so that a timeout stops soffice.bin too, not only its launcher.
        with subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        ) as run:
            try:
                said, _ = run.communicate(timeout=timeout)
            except subprocess.TimeoutExpired as exc:
                if os.name == "posix":
                    os.killpg(run.pid, signal.SIGKILL)
                run.kill()
                run.communicate()
                raise PdfFailed(
                    names,
                    f"LibreOffice took more than {timeout} seconds",
                    f"LibreOffice 超过 {timeout} 秒仍未完成",
                ) from exc
    except OSError as exc:
        raise PdfFailed(names, str(exc), str(exc)) from exc
    return said
