"""Shared fixtures: a headless LibreOffice with a profile of its own, for real-client tests.

Hypothesis runs without its per-example deadline: a property is about values, and on a
machine shared with LibreOffice and other test workers an example may take a second without
anything being wrong (speed is measured in ``benchmarks/``, never by a test's clock).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("arsheet", deadline=None)
settings.load_profile("arsheet")

#: Seconds one conversion call may take before the test fails (a cold start takes a few).
SOFFICE_TIMEOUT = 300


@dataclass(frozen=True)
class LibreOffice:
    """A headless LibreOffice with a profile of its own, so parallel runs never share one."""

    program: str
    profile: Path

    def convert(self, files: Sequence[Path], to: str, outdir: Path) -> list[Path]:
        """Convert ``files`` with ``soffice --convert-to`` in one run; return the new files.

        Args:
            files: the documents to convert; their names must differ.
            to: the target format, e.g. ``"xlsx"`` or ``"pdf"``.
            outdir: where the converted files go (not the folder of ``files``: same names).

        Returns:
            The converted files, in the order of ``files``.
        """
        outdir.mkdir(parents=True, exist_ok=True)
        command = [
            self.program,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            *map(str, files),
        ]
        run = subprocess.run(command, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT)
        converted = [outdir / f"{f.stem}.{to}" for f in files]
        missing = [p.name for p in converted if not p.exists()]
        assert not missing, f"LibreOffice did not write {missing}: {run.stdout}{run.stderr}"
        return converted


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> LibreOffice:
    """Return the headless LibreOffice; skip when it is missing, but fail in CI (``CI=true``)."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        message = "LibreOffice (soffice) is not installed"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}; CI must install it (apt-get install libreoffice-calc-nogui)")
        pytest.skip(message)
    return LibreOffice(program, tmp_path_factory.mktemp("libreoffice-profile"))
