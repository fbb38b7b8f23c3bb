"""A plain Payments sheet's layout, for tests that patch sheet XML without a workbook around it."""

from __future__ import annotations

from arsheet.book.layout import SheetLayout

#: Eight input columns (A–H), then the owned Applied (I) and Unapplied (J).
PAYMENTS_LAYOUT = SheetLayout(
    key="payments",
    name="Payments",
    header_row=1,
    columns={"payment_no": 1, "amount": 4, "applied": 9, "unapplied": 10},
    last_column=10,
    lang="en",
)
