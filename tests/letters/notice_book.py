"""A small book and its notices, written by hand the way the dunning policy would make them.

The worked example of the issue: ACME owes INV-1, 100.00 overdue 15 days at 10 % a year
(interest 0.41); the first notice's fee is 10.00, so it asks for 110.41.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd
from core.ledgers import book as ledger_book

from arsheet.core.book import TEXT, Book
from arsheet.core.notices import Notice, NoticeLine
from arsheet.core.settings import Settings

AS_OF = date(2026, 12, 2)
COMPANY = Settings(
    company_name="Northwind Trading Co., Ltd.",
    company_address="88 Harbour Road\nShanghai 200000",
    company_phone="+86 21 5555 0100",
    company_email="ar@northwind.example",
    bank_details="Bank of Example, Shanghai Branch\nAccount 6222 0000 1234 5678",
    currency="CNY",
    annual_interest_rate=Decimal(10),
)
#: Each level's number, name and template, as the default Dunning levels table has them.
LEVELS = {
    0: ("Friendly reminder", "reminder"),
    1: ("First notice", "first_notice"),
    2: ("Second notice", "second_notice"),
    3: ("Final notice", "final_notice"),
}


def book(lang: str = "en", **customer: str) -> Book:
    """Return a book of two customers: C1 (ACME) and C2 (华东贸易), in the given book language.

    ``customer`` overrides C1's fields (``customer_name``, ``email``, ``language``, ...).
    """
    base = ledger_book(
        invoices="""
        INV-1 C1 2026-10-18 due 2026-11-17 100.00
        INV-7 C2 2026-09-01 due 2026-10-01 1005.00
        """
    )
    c1 = {
        "customer_id": "C1",
        "customer_name": "ACME Industries",
        "contact": "Jane Doe",
        "phone": "+1 555 0100",
        "email": "ap@acme.example; jane@acme.example",
        "address": "1 Main Street\nSpringfield",
        "owner": "Li",
        "language": "",
        **customer,
    }
    c2 = {
        "customer_id": "C2",
        "customer_name": "华东贸易有限公司",
        "contact": "王经理",
        "phone": "021-5555 0199",
        "email": "caiwu@huadong.example",
        "address": "上海市浦东新区世纪大道 100 号",
        "owner": "Li",
        "language": "zh",
    }
    customers = pd.DataFrame([c1, c2], index=[2, 3], dtype=TEXT)
    customers["hold_dunning"] = False
    return dataclasses.replace(
        base, customers=customers, settings=dataclasses.replace(COMPANY, language=lang)
    )


def notice(
    level: int = 1,
    customer_id: str = "C1",
    lines: tuple[NoticeLine, ...] | None = None,
    fee: int = 1_000,
    previous: tuple[date, int] | None = None,
) -> Notice:
    """Return a notice of ``level`` for ``customer_id``: the worked example by default."""
    name, template = LEVELS[level]
    return Notice(
        customer_id=customer_id,
        day=AS_OF,
        level=level,
        level_name=name,
        template=template,
        channel="email" if level < 2 else "letter",
        lines=lines or (line(),),
        fee=fee,
        previous_day=previous[0] if previous else None,
        previous_level=previous[1] if previous else None,
    )


def line(
    document_no: str = "INV-1",
    open_amount: int = 10_000,
    days_overdue: int = 15,
    interest: int = 41,
) -> NoticeLine:
    """Return one document of a notice: INV-1, 100.00 overdue 15 days, 0.41 interest.

    It fell due ``days_overdue`` days before the as-of date, on 30 days' terms.
    """
    due = AS_OF - timedelta(days=days_overdue)
    return NoticeLine(
        document_no=document_no,
        date=due - timedelta(days=30),
        due_date=due,
        amount=open_amount,
        open_amount=open_amount,
        days_overdue=days_overdue,
        interest=interest,
    )
