"""Statements of account: balance brought forward, movements in order, closing = net balance."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from arsheet.core import compute
from arsheet.core.book import Book
from arsheet.core.statement import statement, statements

from .ledgers import book, cents, run
from .test_properties import books

MARCH = book(
    """
    A-1 C1 2024-02-20 100.00
    A-2 C1 2024-03-03 1000.00
    A-3 C1 2024-03-05 50.00 written_off
    A-4 C1 2024-04-02 70.00
    B-1 C2 2024-01-10 25.00
    """,
    credits="CN-1 C1 2024-03-07 30.00 against A-2",
    payments_="""
    P-0 C1 2024-02-25 20.00
    P-1 C1 2024-03-10 400.00
    P-2 C1 2024-04-01 5.00
    """,
)


def _lines(march: date = date(2024, 3, 1)) -> list[tuple[str, str, int, int, int]]:
    found = statement(MARCH, run(MARCH, "2024-03-31"), "C1", march)
    return [(m.kind, m.number, m.debit, m.credit, m.balance) for m in found.movements]


def test_march_brings_february_forward_and_lists_march_by_date() -> None:
    march = statement(MARCH, run(MARCH, "2024-03-31"), "C1", date(2024, 3, 1))
    assert march.opening == cents("80.00")  # A-1 100.00 less P-0 20.00
    assert _lines() == [
        ("invoice", "A-2", cents("1000.00"), 0, cents("1080.00")),
        ("invoice", "A-3", cents("50.00"), 0, cents("1130.00")),
        ("write_off", "A-3", 0, cents("50.00"), cents("1080.00")),
        ("credit_note", "CN-1", 0, cents("30.00"), cents("1050.00")),
        ("payment", "P-1", 0, cents("400.00"), cents("650.00")),
    ]
    assert march.closing == cents("650.00")
    assert (march.debits, march.credits) == (cents("1050.00"), cents("480.00"))


def test_a_written_off_invoice_before_the_period_is_inside_the_balance_brought_forward() -> None:
    april = statement(MARCH, run(MARCH, "2024-04-30"), "C1", date(2024, 3, 6))
    assert april.opening == cents("1080.00")  # A-1, P-0, A-2, A-3 less its write-off
    assert [m.number for m in april.movements] == ["CN-1", "P-1", "P-2", "A-4"]


def test_within_a_day_invoices_come_before_credits_and_payments() -> None:
    same_day = book(
        "A-1 C1 2024-03-01 10.00\nA-2 C1 2024-03-01 20.00",
        credits="CN-1 C1 2024-03-01 5.00",
        payments_="P-1 C1 2024-03-01 1.00",
    )
    found = statement(same_day, run(same_day, "2024-03-01"), "C1", date(2024, 3, 1))
    assert [m.number for m in found.movements] == ["A-1", "A-2", "CN-1", "P-1"]


def test_the_aging_is_the_customers_at_the_end_and_unapplied_money_is_apart() -> None:
    overpaid = book(
        "A-1 C1 2024-01-01 100.00\nA-2 C1 2024-01-31 40.00 disputed",
        payments_="P-1 C1 2024-03-01 130.00",
    )
    found = statement(overpaid, run(overpaid, "2024-03-31"), "C1", date(2024, 3, 1))
    assert found.aging == (0, cents("40.00"), 0, 0, 0, 0)  # A-2 is 30 days overdue
    assert (found.unapplied_credit, found.disputed) == (cents("30.00"), cents("40.00"))
    assert found.closing == cents("10.00") == found.open_amount - found.unapplied_credit


def test_a_customer_without_records_has_an_empty_statement() -> None:
    quiet = statements(MARCH, run(MARCH, "2024-03-31"), ["C2", "C1"], date(2024, 3, 1))
    assert quiet[0].customer_id == "C2"
    assert (quiet[0].opening, quiet[0].movements, quiet[0].closing) == (2500, (), 2500)


def _check(b: Book, start: date, end: date) -> None:
    results = compute(b, end)
    ids = list(results.customers.index)
    for found in statements(b, results, ids, start):
        engine = results.customers.loc[found.customer_id]
        net = int(engine["net_balance"])
        assert found.closing == found.opening + found.debits - found.credits == net
        assert sum(found.aging) == int(engine["open_amount"])
        assert found.open_amount - found.unapplied_credit == net
        assert all(start <= m.day <= end for m in found.movements)
        days = [m.day for m in found.movements]
        assert days == sorted(days)
        if not b.transactions["written_off"].any():
            # Without write-offs, whose amount depends on the day measured, the balance
            # brought forward is the net balance the day before.
            before = compute(b, start - timedelta(1)).customers
            assert found.opening == int(before.loc[found.customer_id, "net_balance"])


@settings(max_examples=80, deadline=None)
@given(books(), st.integers(0, 30))
def test_closing_is_opening_plus_movements_is_the_net_balance(
    case: tuple[Book, date], days: int
) -> None:
    b, end = case
    _check(b, end - timedelta(days), end)
