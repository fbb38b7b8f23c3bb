"""A phase progress bar on the terminal for big books; silent when output is not a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

#: Books larger than this (bytes on disk, about 50k rows) get a progress bar.
BIG_BOOK_BYTES = 2_000_000

PHASES = ("read", "compute", "write")
_WIDTH = 24


class PhaseBar:
    """Shows ``[#########-------] write  3.2s  book.xlsx`` as the pipeline moves through phases."""

    def __init__(self, name: str, stream: TextIO | None = None) -> None:
        self.name = name
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()
        self.shown = False

    def __call__(self, phase: str) -> None:
        done = PHASES.index(phase) if phase in PHASES else 0
        filled = _WIDTH * done // len(PHASES)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        elapsed = time.perf_counter() - self.started
        self.stream.write(f"\r[{bar}] {phase:<8}{elapsed:6.1f}s  {self.name}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Clear the bar's line so the summary line starts clean."""
        if self.shown:
            self.stream.write("\r" + " " * (_WIDTH + 40 + len(self.name)) + "\r")
            self.stream.flush()


def wants_bar(size: int, stream: TextIO | None = None) -> bool:
    """Return whether a book of ``size`` bytes gets a bar on ``stream`` (default stderr)."""
    stream = stream or sys.stderr
    return size >= BIG_BOOK_BYTES and stream.isatty()
