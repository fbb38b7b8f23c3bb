"""Rows for credit tests: a customer's invoices paid a given number of days late."""

from __future__ import annotations

from datetime import date, timedelta


def paid_rows(customer: str, days_late: int) -> tuple[list[list[object]], list[list[object]]]:
    """Three invoices of 100 paid ``days_late`` days after their due date, and their payments.

    Returns:
        Transactions rows (document, customer, type, date, due date, amount) and payment rows
        (payment, customer, date, amount, applied to).
    """
    invoices, payments = [], []
    for i in range(3):
        day = date(2024, 1, 1) + timedelta(days=31 * i)
        due = day + timedelta(days=30)
        invoices.append([f"{customer}-{i}", customer, "Invoice", day, due, 100])
        payments.append(
            [f"P{customer}-{i}", customer, due + timedelta(days_late), 100, f"{customer}-{i}"]
        )
    return invoices, payments
