"""The progress bar: shown for big books on a terminal, never when output goes elsewhere."""

from __future__ import annotations

import io

from arsheet.app.progress import BIG_BOOK_BYTES, PhaseBar, wants_bar


class Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_only_big_books_on_a_terminal_get_a_bar() -> None:
    assert wants_bar(BIG_BOOK_BYTES, Terminal())
    assert not wants_bar(BIG_BOOK_BYTES - 1, Terminal())
    assert not wants_bar(BIG_BOOK_BYTES * 100, io.StringIO())


def test_the_bar_moves_through_the_phases_and_clears_its_line() -> None:
    screen = Terminal()
    bar = PhaseBar("book.xlsx", screen)
    for phase in ("read", "compute", "write"):
        bar(phase)
    bar.close()
    frames = screen.getvalue().split("\r")
    assert "[------------------------] read" in frames[1]
    assert "[########################" not in screen.getvalue()
    assert "[################--------] write" in frames[3]
    assert frames[-1] == ""
    assert frames[-2].strip() == ""
