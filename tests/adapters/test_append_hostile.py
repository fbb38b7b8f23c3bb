"""Appends attacked as a hostile user would: two book objects on one file, odd values, odd books.

Each test names a way an append went wrong before it was fixed, or a defect reported to the
lead (``xfail(strict=True)``, with the reason) in a module another helper is reworking.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from append_books import loaded, new_payment

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.errors import BookChanged, RowsRefused
from arsheet.pipeline import load, recalculate

TEMPLATE = Path(__file__).parents[2] / "templates" / "debt_tracker.xlsx"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """The template with customer C1, as a user starts."""
    path = Path(shutil.copy(TEMPLATE, tmp_path / "book.xlsx"))
    XlsxBook.for_update(path).append("customers", [{"customer_id": "C1", "customer_name": "Acme"}])
    return path


def payment_numbers(path: Path) -> list[str]:
    return loaded(path).book.payments["payment_no"].tolist()


def test_a_book_object_that_read_the_file_appends_after_rows_another_one_added(
    book: Path,
) -> None:
    first, second = XlsxBook.for_update(book), XlsxBook.for_update(book)
    load(second)  # reads, and keeps, the file as it is now
    first.append("payments", [new_payment("P-1")])
    assert load(second).book.payments["payment_no"].tolist() == ["P-1"]
    second.append("payments", [new_payment("P-2")])
    assert payment_numbers(book) == ["P-1", "P-2"]


def test_a_recalculation_refuses_to_write_over_a_file_changed_since_it_was_read(
    book: Path,
) -> None:
    def another_run_appends(phase: str) -> None:
        if phase == "write":  # after the figures were computed from the file as it was
            XlsxBook.for_update(book).append("payments", [new_payment("P-1")])

    with pytest.raises(BookChanged) as refused:
        recalculate(XlsxBook.for_update(book), progress=another_run_appends)
    assert payment_numbers(book) == ["P-1"]
    assert "book.xlsx" in refused.value.message("en")
    assert "book.xlsx" in refused.value.message("zh")


def test_ten_thousand_rows_of_text_xml_would_misread_read_back_as_given(book: Path) -> None:
    notes = [f"Tom & <Jerry> \"{n}\" _x0041_ \x01 " for n in range(10_000)]
    rows = [new_payment(f"P-{n}", Decimal(n + 1).scaleb(-2), notes=notes[n]) for n in range(10_000)]
    XlsxBook.for_update(book).append("payments", rows)
    payments = loaded(book).book.payments
    assert payments["payment_no"].tolist() == [f"P-{n}" for n in range(10_000)]
    assert payments["notes"].tolist() == [n.strip() for n in notes]
    assert payments["amount"].tolist() == list(range(1, 10_001))
