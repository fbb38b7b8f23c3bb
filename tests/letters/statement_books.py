"""A small workbook whose statements show every kind of line: the golden statements' book."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bookmaker import make_book

#: What the company's Settings say, on every statement's letterhead.
COMPANY = [
    ["Company name", "Mingyuan Trading Co., Ltd."],
    ["Company address", "18 Wensan Road, Hangzhou"],
    ["Company phone", "+86 571 8888 6600"],
    ["Company e-mail", "ar@mingyuan.example"],
    ["Bank details", "ICBC Hangzhou 1202 0212 0900 1234 567"],
    ["As-of date", date(2026, 11, 30)],
]


def statement_book(path: Path, lang: str = "en") -> Path:
    """Write the book: Acme (English) and 恒信 (Chinese) with a November of every kind of line.

    Acme brings 1,000.00 forward from October, is invoiced, credited, pays and has an invoice
    written off in November; 恒信 has a disputed invoice and pays 500.00 more than it owes on
    another.
    """
    return make_book(
        path,
        {
            "customers": [
                [
                    "ACME",
                    "Acme Ltd",
                    "Jane Doe",
                    "",
                    "ap@acme.example",
                    "1 Main St",
                    30,
                    "",
                    "",
                    "English",
                ],
                [
                    "HX",
                    "深圳市恒信电子科技有限公司",
                    "陈晓明",
                    "",
                    "",
                    "深圳市南山区",
                    30,
                    "",
                    "",
                    "Chinese",
                ],
            ],
            "transactions": [
                ["A-1", "ACME", "Invoice", date(2026, 10, 5), None, 1000, "", "October goods"],
                ["A-2", "ACME", "Invoice", date(2026, 11, 3), None, 2500.5, "", "Valves"],
                ["A-3", "ACME", "Invoice", date(2026, 11, 4), None, 120, "", "Freight", "", "Yes"],
                ["CN-1", "ACME", "Credit note", date(2026, 11, 10), None, 100.5, "A-2"],
                ["H-1", "HX", "Invoice", date(2026, 9, 1), None, 1005, "", "", "Yes"],
                ["H-2", "HX", "Invoice", date(2026, 11, 20), None, 10000.5],
            ],
            "payments": [
                ["P-1", "ACME", date(2026, 11, 15), 1000, "A-1", "Bank transfer", "TT 4471"],
                ["P-2", "HX", date(2026, 11, 25), 10500.5, "H-2", "Bank transfer"],
            ],
            "settings": COMPANY,
        },
        lang=lang,
    )
