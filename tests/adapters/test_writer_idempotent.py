"""Recalculating twice with the same results changes nothing: every part keeps its bytes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from lossless_book import build_book, owned_inputs, parts

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.book.layout import OwnedColumns


def test_second_write_gives_identical_parts(tmp_path: Path) -> None:
    book = build_book(tmp_path / "book.xlsm")
    columns, sheets = owned_inputs()
    XlsxBook(book).write(columns, sheets, "en")
    first = parts(book)
    # The second run's reader finds the Grade and Credit hold columns the first run added to
    # Customers.
    customers = columns[2].layout
    found = dataclasses.replace(
        customers, columns={**customers.columns, "grade": 17, "credit_hold": 18}, last_column=18
    )
    columns[2] = OwnedColumns(found, columns[2].values)
    XlsxBook(book).write(columns, sheets, "en")
    assert parts(book) == first
