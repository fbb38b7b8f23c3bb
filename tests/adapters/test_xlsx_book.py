"""XlsxBook opens the file once per run and asks once, just before the save, whether it is open."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from arsheet.adapters.xlsx import save
from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.errors import BookLocked
from arsheet.pipeline import recalculate
from arsheet.template.build import template_bytes

AS_OF = date(2024, 12, 31)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.xlsx"
    path.write_bytes(template_bytes("en", demo=True, today=AS_OF))
    return path


def test_a_recalculation_opens_the_package_once(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    real = zipfile.ZipFile.__init__

    def counting(self: zipfile.ZipFile, file: object, *args: object, **kwargs: object) -> None:
        if isinstance(file, str | Path):  # the book itself, not the new package being written
            opened.append(file)
        real(self, file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counting)
    recalculate(XlsxBook.for_update(demo), as_of=AS_OF)
    assert opened == [demo]


def test_whether_the_book_is_open_is_asked_once_per_recalculation(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []
    real = save.lock_files

    def counting(path: Path) -> list[Path]:
        asked.append(path)
        return real(path)

    monkeypatch.setattr(save, "lock_files", counting)
    recalculate(XlsxBook.for_update(demo), as_of=AS_OF)
    assert asked == [demo]


def test_a_book_opened_while_it_was_read_is_not_replaced(demo: Path) -> None:
    book = XlsxBook.for_update(demo)
    before = demo.read_bytes()
    book.sheet_names  # read, as a run does first  # noqa: B018
    (demo.parent / f"~${demo.name}").write_bytes(b"")
    with pytest.raises(BookLocked):
        recalculate(book, as_of=AS_OF)
    assert demo.read_bytes() == before
