"""An even schedule of instalments: an amount split to the cent over weekly or monthly due dates.

Each instalment is the amount divided by their number, rounded down to the cent; the last
takes what that leaves, so they add up exactly to the amount. Monthly due dates keep the first
one's day of the month, on the month's last day when the month is shorter: from 31 January,
28 (or 29) February, then 31 March.

Example: 1,000.00 in 3 monthly instalments from 2024-01-31 -> 333.33 on 2024-01-31, 333.33 on
2024-02-29, 333.34 on 2024-03-31.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

#: How often instalments fall due.
EVERY = ("week", "month")


@dataclass(frozen=True)
class Instalment:
    """One instalment of a schedule: its number (from 1), due date and amount in cents."""

    number: int
    due_date: date
    amount: int


def even_schedule(amount: int, count: int, first: date, every: str) -> tuple[Instalment, ...]:
    """Return ``amount`` split into ``count`` instalments, the first due on ``first``.

    Args:
        amount: the amount in cents, at least one cent per instalment.
        count: how many instalments, at least 1.
        first: the first due date.
        every: ``"week"`` or ``"month"`` between due dates.

    Returns:
        The instalments in order; their amounts add up to ``amount`` exactly.

    Raises:
        ValueError: fewer than one cent per instalment, no instalment, or ``every`` unknown
            (the command and the API check these before they ask).
    """
    if count < 1 or amount < count:
        raise ValueError(f"cannot split {amount} cents into {count} instalments")
    if every not in EVERY:
        raise ValueError(f"every is one of {EVERY}, not {every!r}")
    share = amount // count
    return tuple(
        Instalment(
            n + 1,
            due_after(first, n, every),
            share if n < count - 1 else amount - share * (count - 1),
        )
        for n in range(count)
    )


def due_after(first: date, periods: int, every: str) -> date:
    """Return the due date ``periods`` weeks or months after ``first``, month ends clamped.

    >>> due_after(date(2024, 1, 31), 1, "month")
    datetime.date(2024, 2, 29)
    """
    if every == "week":
        return first + timedelta(weeks=periods)
    months = first.year * 12 + first.month - 1 + periods
    year, month = divmod(months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(first.day, last))
