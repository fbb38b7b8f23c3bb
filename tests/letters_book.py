"""A small workbook with a dunning ladder, for the ``arsheet letters`` tests.

As of 2 December 2026 at 10 % interest a year: ACME (C1) owes INV-1, 100.00 overdue 15 days,
and is due its first notice by e-mail, with a fee of 10.00: 0.41 interest, 110.41 in all.
华东贸易 (C2, writing in Chinese) owes INV-7, 1,005.00 overdue 62 days, and Beta (C3, no
e-mail address) INV-9, 500.00 overdue 31 days. C2 was sent its first notice on 10 November,
so its second is due, by letter (the levels from the second on go by letter); the others get
their first, by e-mail.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bookmaker import make_book

AS_OF = date(2026, 12, 2)
LEVELS_HEADER = [
    "Level",
    "Name",
    "Days overdue from",
    "Min days since last notice",
    "Fee",
    "Letter template",
    "Channel",
]
LEVELS = [
    [0, "Friendly reminder", -7, 7, 0, "reminder", "Email"],
    [1, "First notice", 1, 14, 10, "first_notice", "Email"],
    [2, "Second notice", 31, 14, 20, "second_notice", "Letter"],
    [3, "Final notice", 61, 14, 30, "final_notice", "Letter"],
]
SETTINGS = [
    ["Company name", "Northwind Trading Co., Ltd."],
    ["Company address", "88 Harbour Road, Shanghai"],
    ["Company phone", "+86 21 5555 0100"],
    ["Company e-mail", "ar@northwind.example"],
    ["Bank details", "Bank of Example, account 6222 0000 1234 5678"],
    ["As-of date", AS_OF],
    ["Annual interest rate %", 10],
    ["Language", "en"],
]
CUSTOMERS = [
    # ID, name, contact, phone, e-mail, address, terms, limit, owner, language
    ["C1", "ACME Industries", "Jane Doe", "", "ap@acme.example", "", 30, None, "Li", "en"],
    ["C2", "华东贸易有限公司", "王经理", "", "caiwu@huadong.example", "", 30, None, "Li", "zh"],
    ["C3", "Beta Ltd", "", "", "", "", 30, None, "Wu", ""],
]
TRANSACTIONS = [
    ["INV-1", "C1", "Invoice", date(2026, 10, 18), date(2026, 11, 17), 100],
    ["INV-7", "C2", "Invoice", date(2026, 9, 1), date(2026, 10, 1), 1005],
    ["INV-9", "C3", "Invoice", date(2026, 10, 2), date(2026, 11, 1), 500],
]

COLLECTION_LOG = [
    # date, customer, document, channel, dunning level, summary
    [date(2026, 11, 10), "C2", "", "Email", 1, "First notice: INV-7"],
]


def letters_book(path: Path, *, settings: list[list[object]] | None = None) -> Path:
    """Write the book at ``path``: its Settings with the Dunning levels table beside them."""
    rows = [["Setting", "Value"], *(settings if settings is not None else SETTINGS)]
    width = max(len(rows), len(LEVELS) + 1)
    rows += [["", ""]] * (width - len(rows))
    table = [LEVELS_HEADER, *LEVELS] + [[""] * len(LEVELS_HEADER)] * (width - len(LEVELS) - 1)
    return make_book(
        path,
        {
            "customers": CUSTOMERS,
            "transactions": TRANSACTIONS,
            "collection_log": COLLECTION_LOG,
            "settings": [[*r, "", *t] for r, t in zip(rows, table, strict=True)],
        },
    )
