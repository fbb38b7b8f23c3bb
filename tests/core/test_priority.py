"""Which customers to chase first: the most overdue, then the largest open amount, then by ID."""

from __future__ import annotations

from arsheet.core.priority import most_overdue_first

from .ledgers import book, run

# as of 2024-06-30:   overdue   open
#   C1                  300.00   900.00
#   C2                  500.00   500.00
#   C3                  300.00   300.00
#   C4                    0.00   200.00
#   C5                  300.00   900.00   (ties with C1: the smaller ID first)
#   C6                    0.00     0.00
CHASED = book(
    invoices="""
        A-1 C1 2024-04-01 due 2024-05-01 300.00
        A-2 C1 2024-06-20 due 2024-07-20 600.00
        B-1 C2 2024-04-01 due 2024-05-01 500.00
        C-1 C3 2024-04-01 due 2024-05-01 300.00
        D-1 C4 2024-06-20 due 2024-07-20 200.00
        E-1 C5 2024-04-01 due 2024-05-01 300.00
        E-2 C5 2024-06-20 due 2024-07-20 600.00
    """,
    customers_="C6",
)


def test_the_most_overdue_come_first_then_the_largest_open_amount_then_the_id() -> None:
    customers = run(CHASED, "2024-06-30").customers
    assert most_overdue_first(customers).tolist() == ["C2", "C1", "C5", "C3", "C4", "C6"]
