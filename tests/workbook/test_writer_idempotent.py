"""Recalculating twice with the same results changes nothing: every part keeps its bytes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from lossless_book import build_book, owned_inputs, parts

from arsheet.adapters.xlsx.writer import write_book
from arsheet.book.layout import OwnedColumns


def test_second_write_gives_identical_parts(tmp_path: Path) -> None:
    book = build_book(tmp_path / "book.xlsm")
    columns, sheets = owned_inputs()
    write_book(book, columns, sheets, lang="en", backup=None)
    first = parts(book)
    # The second run's reader finds the Grade column the first run added to Customers.
    customers = columns[2].layout
    found = dataclasses.replace(
        customers, columns={**customers.columns, "grade": 17}, last_column=17
    )
    columns[2] = OwnedColumns(found, columns[2].values)
    write_book(book, columns, sheets, lang="en", backup=None)
    assert parts(book) == first
