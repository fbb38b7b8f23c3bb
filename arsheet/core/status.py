"""A document's status on the as-of date: its codes, defined here once.

The contract gives each code its labels in English and Chinese; the engine holds a status as the
code's position in :data:`STATUSES`. Pure Python, so that the contract stays light to import.
"""

from __future__ import annotations

#: Document status codes, in the order of their positions.
STATUSES = ("paid", "partially_paid", "unpaid", "written_off", "credit")
PAID, PARTIALLY_PAID, UNPAID, WRITTEN_OFF, CREDIT = range(len(STATUSES))
