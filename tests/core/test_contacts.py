"""The collection log's last contact and next follow-up per customer, as of a date."""

from __future__ import annotations

import dataclasses

import pandas as pd

from arsheet.core.book import DATE, TEXT

from .ledgers import book, run

# Collection log lines: date, customer, next follow-up ("-" for none, as in the results below).
LOG = """
2024-09-01 C1 2024-09-10
2024-09-12 C1 2024-10-05
2024-09-01 C2 2024-09-10
2024-09-05 C3 -
2024-09-20 C4 2024-09-20
2024-09-02 C4 2024-09-25
2024-10-03 C5 2024-10-10
"""
SALES = "\n".join(f"A-{i} C{i} 2024-08-01 100.00" for i in range(1, 7))


def logged(text: str = LOG) -> pd.DataFrame:
    rows = [line.split() for line in text.strip().splitlines()]
    return pd.DataFrame(
        {
            "date": [r[0] for r in rows],
            "customer_id": [r[1] for r in rows],
            "next_follow_up": [None if r[2] == "-" else r[2] for r in rows],
        },
        index=range(2, len(rows) + 2),
    ).astype({"date": DATE, "customer_id": TEXT, "next_follow_up": DATE})


def contacts_as_of(as_of: str, log: pd.DataFrame) -> pd.DataFrame:
    b = dataclasses.replace(book(invoices=SALES), collection_log=log)
    found = run(b, as_of).customers[["last_contact", "next_follow_up"]]
    return found.apply(lambda dates: dates.dt.strftime("%Y-%m-%d")).fillna("-")


def test_last_contact_and_the_follow_up_it_leaves_planned() -> None:
    c = contacts_as_of("2024-09-30", logged())
    assert c.to_dict("index") == {
        # The 09-10 follow-up was made by the call of 09-12, which planned 10-05.
        "C1": {"last_contact": "2024-09-12", "next_follow_up": "2024-10-05"},
        # A follow-up not made is still due, twenty days late: never dropped.
        "C2": {"last_contact": "2024-09-01", "next_follow_up": "2024-09-10"},
        "C3": {"last_contact": "2024-09-05", "next_follow_up": "-"},
        # A follow-up on the day of the last contact is that contact; a later one still stands.
        "C4": {"last_contact": "2024-09-20", "next_follow_up": "2024-09-25"},
        # Logged after the as-of date: not yet happened.
        "C5": {"last_contact": "-", "next_follow_up": "-"},
        "C6": {"last_contact": "-", "next_follow_up": "-"},
    }


def test_an_earlier_as_of_date_sees_only_the_log_up_to_it() -> None:
    c = contacts_as_of("2024-09-05", logged())
    assert c.loc["C1"].tolist() == ["2024-09-01", "2024-09-10"]
    assert c.loc["C4"].tolist() == ["2024-09-02", "2024-09-25"]


def test_a_book_without_a_collection_log_has_no_contacts() -> None:
    b = dataclasses.replace(book(invoices=SALES), collection_log=pd.DataFrame())
    c = run(b, "2024-09-30").customers[["last_contact", "next_follow_up"]]
    assert c.isna().all().all()
    assert (c.dtypes == DATE).all()
