"""The books the tests write are typed as the reader types the records it reads."""

from __future__ import annotations

import pytest

from arsheet.book.contract import CUSTOMERS, PAYMENTS, TRANSACTIONS, Sheet
from arsheet.book.records import empty_frame

from .ledgers import book


@pytest.mark.parametrize("sheet", [TRANSACTIONS, PAYMENTS, CUSTOMERS], ids=lambda s: s.key)
def test_the_test_books_columns_have_the_readers_dtypes(sheet: Sheet) -> None:
    written = getattr(book(invoices="A-1 C1 2024-01-01 1.00"), sheet.key)
    read = empty_frame(sheet)
    assert written.dtypes.to_dict() == read.dtypes[written.columns].to_dict()
