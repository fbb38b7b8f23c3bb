"""``arsheet new --force`` attacked: the book it would replace is open elsewhere, or read-only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import arsheet
from arsheet.cli import main
from arsheet.errors import BookLocked, BookReadOnly


def test_force_does_not_replace_a_book_open_in_another_program(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"mine")
    (tmp_path / "~$book.xlsx").write_bytes(b"Excel's lock")
    with pytest.raises(BookLocked):
        arsheet.new(book, force=True)
    assert main(["new", str(book), "--force"]) == 2
    assert "is open in another program" in capsys.readouterr().err
    assert book.read_bytes() == b"mine"


def test_force_does_not_replace_a_book_marked_read_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"mine")
    os.chmod(book, 0o444)
    with pytest.raises(BookReadOnly):
        arsheet.new(book, force=True)
    assert main(["new", str(book), "--force"]) == 2
    assert "read-only" in capsys.readouterr().err
    assert book.read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]
