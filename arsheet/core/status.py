"""Statuses on the as-of date of a document, an instalment and a promise: codes, defined once.

The contract gives each code its labels in English and Chinese; the engine holds a status as the
code's position in :data:`STATUSES`. Pure Python, so that the contract stays light to import.
"""

from __future__ import annotations

#: Document status codes, in the order of their positions.
STATUSES = ("paid", "partially_paid", "unpaid", "written_off", "credit")
PAID, PARTIALLY_PAID, UNPAID, WRITTEN_OFF, CREDIT = range(len(STATUSES))

#: A payment plan instalment's status codes (:mod:`arsheet.core.plans`).
PLAN_STATUSES = ("paid", "due", "upcoming", "missed")
#: A promise to pay's status codes (:mod:`arsheet.core.promises`).
PROMISE_STATUSES = ("kept", "broken", "open")
