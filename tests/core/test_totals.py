"""The whole book's totals count the records the figures hold: those dated by the as-of date."""

from __future__ import annotations

from arsheet.core.totals import no_totals

from .ledgers import book, run

LATER = book(
    invoices="A-1 C1 2024-05-01 100.00\nA-2 C1 2024-07-01 100.00",
    credits="CN-1 C1 2024-06-01 10.00 against A-1",
    payments_="P-1 C1 2024-06-10 40.00\nP-2 C1 2024-06-30 10.00\nP-3 C1 2024-07-01 5.00",
)


def test_documents_and_payments_dated_after_the_as_of_date_are_not_counted() -> None:
    t = run(LATER, "2024-06-30").totals
    assert (t.documents, t.payments) == (2, 2)
    t = run(LATER, "2024-07-01").totals
    assert (t.documents, t.payments) == (3, 3)


def test_no_records_have_no_money_and_no_ratios() -> None:
    assert run(book(), "2024-06-30").totals == no_totals(6)
