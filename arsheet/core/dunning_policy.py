"""The dunning policy: which notice each customer is due, when, and for how much.

The dunning step (:mod:`arsheet.core.dunning`) finds the rung of the ladder each open document
has reached. A customer is sent one notice covering all its dunnable documents, and this step
decides its level the way a collector would (and as Odoo's follow-ups do):

* the level *reached* is the highest rung of its dunnable documents (open, undisputed, not on a
  plan on track, not paused by an open promise, the customer not on hold);
* the notice advances **one rung at a time** from the last notice recorded in the Collection
  log (a row with a Dunning level), starting at the first overdue rung when there is none (an
  invoice already overdue is never sent the reminder meant for before its due date);
* a customer who paid down to a lower rung drops back to it;
* a notice goes **no sooner than** its level's minimum days since the last notice, and never on
  a day a notice was already recorded: a second run the same day sends nothing again;
* a customer whose dunnable amount is below the Settings' minimum is not dunned.

Interest is simple, per day overdue (ERPNext's formula): open amount × annual rate × days
overdue / 365, rounded half up to the minor unit on each document. It and the level's fee are
shown on the notice and never booked into the ledger.

Example, at 10 % a year with a fee of 10.00 on the first notice: an invoice with 100.00 open,
15 days overdue and never dunned is due a first notice asking for 100.00 + 0.41 + 10.00.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import numpy as np
import pandas as pd

from arsheet.core.book import DATE, OPTIONAL, Book
from arsheet.core.problems import Problem, Severity
from arsheet.core.results import Results
from arsheet.core.settings import DunningLevel

#: Why a customer with overdue money is sent no notice, in the order they are told.
NOT_DUNNED = ("hold", "below_minimum", "promise", "plan", "disputed")


def dunning_policy(book: Book, results: Results) -> tuple[Results, tuple[Problem, ...]]:
    """Add each customer's notice and each dunnable document's interest.

    Reads the dunning step's ``dunning_level`` per document, the ledger's ``open_amount`` and
    ``days_overdue``, the plans' ``on_plan`` and the promises' ``promised_date``. Adds to
    ``customers``: ``notice_level`` and ``notice_name`` (the next notice's level, NA when
    nothing is dunnable), ``notice_due``, ``notice_on``, ``last_notice``,
    ``last_notice_level``, ``dunned_amount``, ``interest``, ``fee``, ``notice_total`` and
    ``not_dunned`` (a code of :data:`NOT_DUNNED`, "" when none applies); ``next_action`` becomes
    the next notice's name. Adds ``interest`` to ``transactions``. A Collection-log row with a
    Dunning level the ladder does not have is a warning, and read as no notice.
    """
    settings = book.settings
    ladder = sorted(settings.dunning_levels, key=lambda lv: lv.days_overdue_from)
    tx = results.transactions
    dunnable = tx["dunning_level"].notna()
    interest = document_interest(
        tx["open_amount"], tx["days_overdue"], settings.annual_interest_rate
    ).where(dunnable)
    ids = results.customers.index
    owner = book.transactions["customer_id"]
    per_customer = pd.DataFrame(
        {
            "rung": _rungs(tx["dunning_level"], ladder),
            "open": tx["open_amount"].where(dunnable),
            "interest": interest,
        }
    )[dunnable.to_numpy()]
    grouped = per_customer.groupby(owner[dunnable.to_numpy()])
    reached = grouped["rung"].max().reindex(ids)
    dunned = grouped["open"].sum().reindex(ids)
    owed_interest = grouped["interest"].sum().reindex(ids)
    log, problems = _known_levels(book.collection_log, ladder)
    last_day, last_level = last_notices(log, results.as_of, ids)
    last_rung = _rungs(last_level, ladder)
    rung = next_rungs(reached, last_rung, _first_overdue_rung(ladder))
    below = dunned.notna() & (dunned < settings.dunning_minimum)
    rung = rung.where(~below)
    number = _pick(rung, [lv.level for lv in ladder])
    wait = _pick(rung, [lv.min_days_since_last for lv in ladder])
    fee = _pick(rung, [lv.fee for lv in ladder])
    notice_on = _notice_on(last_day, wait, results.as_of)
    has_notice = rung.notna()
    names = {lv.level: lv.name for lv in ladder}
    customers = results.customers.assign(
        notice_level=number,
        notice_name=number.map(names),
        notice_due=has_notice & (notice_on <= pd.Timestamp(results.as_of)),
        notice_on=notice_on.where(has_notice),
        last_notice=last_day,
        last_notice_level=last_level,
        dunned_amount=dunned.where(has_notice).astype(OPTIONAL),
        interest=owed_interest.where(has_notice).astype(OPTIONAL),
        fee=fee,
        not_dunned=_not_dunned(book, results, has_notice, below),
    )
    customers["notice_total"] = (
        customers["dunned_amount"] + customers["interest"] + customers["fee"]
    )
    customers["next_action"] = customers["notice_name"]
    transactions = tx.assign(interest=interest.astype(OPTIONAL))
    return replace(results, customers=customers, transactions=transactions), problems


def document_interest(open_amount: pd.Series, days_overdue: pd.Series, rate: Decimal) -> pd.Series:
    """Return each document's interest in minor units: open × rate % × days overdue / 365.

    Rounded half up to the minor unit; 0 when not overdue or without a rate.

    >>> document_interest(pd.Series([10_000]), pd.Series([15]), Decimal("10")).tolist()
    [41]
    """
    days = days_overdue.astype(OPTIONAL).fillna(0).clip(lower=0)
    amount = open_amount.astype(OPTIONAL).fillna(0).clip(lower=0)
    numerator, denominator = rate.as_integer_ratio()
    if numerator == 0:
        return pd.Series(0, index=open_amount.index, dtype=OPTIONAL)
    scale = denominator * 100 * 365
    a = amount.to_numpy(dtype=np.int64)
    d = days.to_numpy(dtype=np.int64)
    largest = int(a.max(initial=0)) * int(d.max(initial=0)) * numerator * 2 + scale
    if largest < 2**62:
        owed: object = (2 * a * d * numerator + scale) // (2 * scale)
    else:
        # Past int64: Python's integers, exact at any size.
        owed = [
            (2 * x * y * numerator + scale) // (2 * scale)
            for x, y in zip(a.tolist(), d.tolist(), strict=True)
        ]
    return pd.Series(owed, index=open_amount.index, dtype=OPTIONAL)


def _known_levels(
    log: pd.DataFrame, ladder: list[DunningLevel]
) -> tuple[pd.DataFrame, tuple[Problem, ...]]:
    """Return the log with the levels not on the ladder read as empty, and a warning for each.

    Which rung a level the ladder does not have stands for cannot be known, so its row is no
    notice rather than a guess.
    """
    if "notice_level" not in log:
        return log, ()
    levels = log["notice_level"].astype(OPTIONAL)
    numbers = [lv.level for lv in ladder]
    unknown = (levels.notna() & ~levels.isin(numbers)).to_numpy(dtype=bool)
    if not unknown.any():
        return log, ()
    known = ", ".join(str(n) for n in sorted(numbers))
    problems = tuple(
        Problem(
            "collection_log",
            row,
            "notice_level",
            "unknown_notice_level",
            Severity.WARNING,
            str(level),
            (("expected", known),),
        )
        for row, level in levels[unknown].items()
    )
    return log.assign(notice_level=levels.mask(unknown)), problems


def last_notices(log: pd.DataFrame, as_of: object, ids: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Return each customer's last notice's date and level, from Collection-log rows with a level.

    Rows dated after the as-of date do not exist yet. On a day with several notices, the
    highest level counts.
    """
    frame = log.reindex(columns=["customer_id", "date", "notice_level"])
    frame = frame.astype({"date": DATE, "notice_level": OPTIONAL})
    frame = frame[frame["notice_level"].notna() & (frame["date"] <= pd.Timestamp(as_of))]
    latest = frame.sort_values(["date", "notice_level"]).groupby("customer_id").last()
    return (
        latest["date"].reindex(ids).astype(DATE),
        latest["notice_level"].reindex(ids).astype(OPTIONAL),
    )


def next_rungs(reached: pd.Series, last: pd.Series, first_overdue: int) -> pd.Series:
    """Return the rung of each customer's next notice (NA: none).

    One rung above the last notice's, at most the rung reached (lower when the customer paid);
    without a notice on record, the rung reached up to the first overdue rung.

    >>> next_rungs(pd.Series([3, 3, 1, 0]), pd.Series([pd.NA, 1, 3, pd.NA]), 1).tolist()
    [1, 2, 1, 0]
    """
    above_last = (last.astype(OPTIONAL) + 1).fillna(0).clip(lower=first_overdue)
    reached = reached.astype(OPTIONAL)
    return reached.where(reached <= above_last, above_last).where(reached.notna())


def _first_overdue_rung(ladder: list[DunningLevel]) -> int:
    """Return the position of the first rung that applies only once a document is overdue."""
    return next((i for i, lv in enumerate(ladder) if lv.days_overdue_from > 0), 0)


def _rungs(levels: pd.Series, ladder: list[DunningLevel]) -> pd.Series:
    """Return each level number's position on the ladder (NA for none or an unknown level)."""
    position = {lv.level: i for i, lv in enumerate(ladder)}
    return levels.astype(OPTIONAL).map(position).astype(OPTIONAL)


def _pick(rung: pd.Series, values: list[int]) -> pd.Series:
    """Return ``values[rung]`` per customer, NA where the rung is NA."""
    table = np.array(values or [0], dtype=np.int64)
    known = rung.notna().to_numpy()
    out = pd.Series(pd.NA, index=rung.index, dtype=OPTIONAL)
    out[known] = table[rung[known].to_numpy(dtype=np.int64)]
    return out


def _notice_on(last_day: pd.Series, wait: pd.Series, as_of: object) -> pd.Series:
    """Return when each next notice may go: the last notice plus the wait, at least a day after.

    Without a notice on record, the as-of date.
    """
    days = wait.fillna(0).clip(lower=1).astype("int64")
    after = last_day + pd.to_timedelta(days, unit="D")
    return after.fillna(pd.Timestamp(as_of)).astype(DATE)


def _not_dunned(book: Book, results: Results, has_notice: pd.Series, below: pd.Series) -> pd.Series:
    """Return why each customer with overdue money has no notice ("" where it has or owes none)."""
    ids = results.customers.index
    tx = results.transactions
    overdue = (tx["days_overdue"].fillna(0) > 0) & (tx["open_amount"].fillna(0) > 0)
    owner = book.transactions["customer_id"]

    def any_overdue(mask: pd.Series) -> pd.Series:
        hit = (overdue & mask.fillna(False).astype(bool)).to_numpy()
        return pd.Series(ids.isin(owner[hit].unique()), index=ids)

    customers = book.customers.set_index("customer_id")
    reasons = {
        "hold": customers["hold_dunning"].astype(bool).reindex(ids, fill_value=False),
        "below_minimum": below,
        "promise": any_overdue(tx.get("promised_date", pd.Series(pd.NaT, tx.index)).notna()),
        "plan": any_overdue(tx.get("on_plan", pd.Series(False, tx.index))),
        "disputed": any_overdue(book.transactions["disputed"]),
    }
    owes = results.customers["overdue_amount"].fillna(0) > 0
    why = pd.Series("", index=ids, dtype=object)
    for code in reversed(NOT_DUNNED):
        why = why.mask(reasons[code].to_numpy(dtype=bool), code)
    return why.where(owes & ~has_notice, "")
