"""The Python API attacked as a pandas user would: the demo book's money, to the cent, no float."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import arsheet
from arsheet.api import Figures

AS_OF = date(2024, 12, 31)


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> Figures:
    book = arsheet.new(tmp_path_factory.mktemp("demo") / "demo.xlsx", demo=True, today=AS_OF)
    return arsheet.compute(book, as_of=AS_OF)


def money_columns(figures: Figures) -> dict[str, list[object]]:
    """Return every money column of every frame, by ``frame.column``."""
    found = {}
    for name in ("documents", "payments", "customers", "aging"):
        frame = getattr(figures, name)
        for column in frame.columns:
            values = frame[column].dropna().tolist()
            if values and any(isinstance(v, Decimal) for v in values):
                found[f"{name}.{column}"] = values
    return found


def test_every_money_value_is_a_decimal_of_cents(figures: Figures) -> None:
    columns = money_columns(figures)
    assert {"documents.open_amount", "payments.unapplied", "customers.bucket_0"} <= set(columns)
    for name, values in columns.items():
        assert {type(v) for v in values} == {Decimal}, name
        assert {v.as_tuple().exponent for v in values} == {-2}, name


def test_the_frames_add_up_to_the_totals_to_the_cent(figures: Figures) -> None:
    totals, documents = figures.totals, figures.documents
    invoices = documents[documents["type"] == "invoice"]
    credit_notes = documents[documents["type"] == "credit_note"]
    assert sum(invoices["open_amount"]) == totals["open_amount"] > 0
    assert figures.customers["open_amount"].sum() == totals["open_amount"]
    assert figures.aging.sum().sum() == totals["open_amount"]
    assert figures.customers["overdue_amount"].sum() == totals["overdue_amount"]
    unapplied = sum(figures.payments["unapplied"]) - sum(credit_notes["open_amount"])
    assert unapplied == totals["unapplied_credit"]
    assert sum(figures.payments["amount"]) == totals["collected"]


def test_a_backup_asked_for_at_the_book_itself_is_refused(tmp_path: Path) -> None:
    book = arsheet.new(tmp_path / "book.xlsx")
    link = tmp_path / "link.xlsx"
    link.symlink_to(book)
    before = book.read_bytes()
    for backup in (book, str(book), link):
        with pytest.raises(ValueError, match="the backup must be another file than the book"):
            arsheet.recalc(book, backup=backup, as_of=AS_OF)
    assert book.read_bytes() == before
