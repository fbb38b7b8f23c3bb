"""A new payment plan for a loaded book: what it covers, its ID, its instalments as rows.

``propose`` checks the request against the book as computed on its as-of date, then splits the
amount evenly (:mod:`arsheet.core.schedule`) into the rows the Payment plans sheet takes. What
the book refuses is told as problems at their place, in both languages, and nothing is written:

* a customer or a document the book does not have (or a document of another customer, or a
  credit note), or a document with nothing left to pay or dated after the as-of date;
* a document (or without one, a customer's balance) with a plan that still has instalments to
  pay: the same money would count toward both;
* a plan ID already used; a new plan takes the next one in the book's own numbering
  (``PP2026-03`` after ``PP2026-02``, ``P0004`` after ``P0003``);
* an amount above what is open on the document, or too small to give each instalment a cent;
* a schedule whose last instalment falls due after 2199-12-31, the last date a book holds.

The amount is the document's open amount (or less, when one is given); without a document it
is the one given, else the customer's net balance. The first instalment falls due one period
(a week or a month) after the as-of date unless a start is given: the day the plan is made is
then its start, as the plans step counts it (:mod:`arsheet.core.plans`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd

from arsheet.book.cells import MAX_DATE
from arsheet.book.next_rows import rows_refused
from arsheet.core.money import format_money
from arsheet.core.problems import Problem
from arsheet.core.results import Results
from arsheet.core.schedule import Instalment, due_after, even_schedule
from arsheet.pipeline import Loaded

#: A numbered plan ID: any prefix, then digits (0-9 only: ``\d`` takes Arabic-Indic ones too).
_NUMBERED = r"^(?P<prefix>.*?)(?P<number>[0-9]+)$"

_NOTES = {"en": "Instalment {n} of {count}", "zh": "第 {n} 期，共 {count} 期"}


@dataclass(frozen=True)
class Request:
    """What a plan is asked for: whose, which document, how many instalments and how often.

    Attributes:
        customer_id: the customer.
        document_no: the document the plan pays, or "" for the customer's balance.
        count: how many instalments.
        every: ``"week"`` or ``"month"``.
        start: the first due date, or None for one period after the as-of date.
        amount: the amount in cents, or None for the document's open amount (without a
            document: the customer's net balance).
        plan_id: the plan's ID, or "" for the next free one.
    """

    customer_id: str
    document_no: str
    count: int
    every: str
    start: date | None = None
    amount: int | None = None
    plan_id: str = ""


@dataclass(frozen=True)
class Proposed:
    """A plan ready to append: its ID, amount in cents, instalments and sheet rows."""

    plan_id: str
    amount: int
    instalments: tuple[Instalment, ...]
    rows: tuple[Mapping[str, object], ...]


def propose(loaded: Loaded, results: Results, request: Request, path: Path) -> Proposed:
    """Return the plan ``request`` asks for in the book ``loaded``, computed as ``results``.

    Args:
        loaded: the book, read and validated.
        results: its figures on its as-of date.
        request: the plan asked for.
        path: the book's path, for the refusal's message.

    Raises:
        RowsRefused: the book refuses the plan; every reason is told at its place.
    """
    problems: list[Problem] = []
    amount = _amount(loaded, results, request, problems)
    _planned_already(loaded, results, request, problems)
    plan_id = _plan_id(loaded, request.plan_id, problems)
    if amount is not None and amount < request.count:
        problems.append(
            Problem(
                "plans",
                None,
                "amount",
                "plan_too_small",
                value=format_money(amount),
                params=(("count", str(request.count)),),
            )
        )
    if problems or amount is None:
        raise rows_refused(path, problems, loaded.read.layouts)
    first = request.start or due_after(results.as_of, 1, request.every)
    instalments = even_schedule(amount, request.count, first, request.every)
    last = instalments[-1].due_date
    if last > MAX_DATE.date():
        # One problem for the schedule, not one per instalment the append would refuse.
        late = Problem("plans", None, "due_date", "date_out_of_range", value=last.isoformat())
        raise rows_refused(path, [late], loaded.read.layouts)
    note = _NOTES["zh" if loaded.lang == "zh" else "en"]
    rows = tuple(
        {
            "plan_id": plan_id,
            "customer_id": request.customer_id,
            "document_no": request.document_no or None,
            "installment": i.number,
            "due_date": i.due_date,
            "amount": Decimal(i.amount).scaleb(-2),
            "notes": note.format(n=i.number, count=request.count),
        }
        for i in instalments
    )
    return Proposed(plan_id, amount, instalments, rows)


def _amount(
    loaded: Loaded, results: Results, request: Request, problems: list[Problem]
) -> int | None:
    """Return the amount the plan covers, or None with the problems that leave none."""
    customers = loaded.book.customers["customer_id"]
    if not (customers == request.customer_id).any():
        problems.append(
            Problem("plans", None, "customer_id", "unknown_customer", value=request.customer_id)
        )
        return None
    if request.document_no:
        return _document_amount(loaded, results, request, problems)
    if request.amount is not None:
        return request.amount
    owed = int(results.customers.loc[request.customer_id, "net_balance"])
    if owed > 0:
        return owed
    problems.append(
        Problem("plans", None, "amount", "plan_nothing_owed", value=request.customer_id)
    )
    return None


def _document_amount(
    loaded: Loaded, results: Results, request: Request, problems: list[Problem]
) -> int | None:
    """Return what the plan covers of its document, or None with the problem."""
    tx = loaded.book.transactions
    found = tx.index[tx["document_no"] == request.document_no]
    open_amount = results.transactions["open_amount"].reindex(found)
    if not len(found):
        problems.append(
            Problem("plans", None, "document_no", "unknown_document", value=request.document_no)
        )
        return None
    row = found[0]
    owner, kind = tx.at[row, "customer_id"], tx.at[row, "type"]
    where = ("transactions", row, "document_no")
    if open_amount.isna().all():
        # Dated after the as-of date: the book has it, its figures are not yet computed.
        problems.append(
            Problem(
                *where,
                "plan_document_later",
                value=request.document_no,
                params=(("date", f"{results.as_of:%Y-%m-%d}"),),
            )
        )
        return None
    if owner != request.customer_id:
        problems.append(
            Problem(
                *where,
                "document_of_other_customer",
                value=request.document_no,
                params=(("other", str(owner)),),
            )
        )
        return None
    if kind != "invoice":
        problems.append(Problem(*where, "plan_not_an_invoice", value=request.document_no))
        return None
    still_open = int(open_amount.iloc[0])
    if still_open <= 0:
        problems.append(Problem(*where, "plan_document_paid", value=request.document_no))
        return None
    if request.amount is not None and request.amount > still_open:
        problems.append(
            Problem(
                "plans",
                None,
                "amount",
                "plan_above_open",
                value=format_money(request.amount),
                params=(("open", format_money(still_open)), ("document", request.document_no)),
            )
        )
        return None
    return still_open if request.amount is None else request.amount


def _planned_already(
    loaded: Loaded, results: Results, request: Request, problems: list[Problem]
) -> None:
    """Add a problem when what the plan pays has a plan already with instalments left to pay.

    The money toward the document (or the customer's balance) would count toward both plans,
    each then looking paid with the same money.
    """
    plans = loaded.book.plans
    unpaid = results.plans["status"].reindex(plans.index) != "paid"
    same = (
        (plans["customer_id"] == request.customer_id)
        & (plans["document_no"].fillna("") == request.document_no)
        & unpaid
    )
    if same.any():
        row = plans.index[same.to_numpy()][0]
        problems.append(
            Problem(
                "plans",
                row,
                "plan_id",
                "plan_exists",
                value=request.document_no or request.customer_id,
                params=(("plan", str(plans.at[row, "plan_id"])),),
            )
        )


def _plan_id(loaded: Loaded, wanted: str, problems: list[Problem]) -> str:
    """Return the plan's ID: ``wanted`` when free, else the next free numbered one."""
    read = loaded.read.book
    rejected = read.rejected.get("plans")
    ids = pd.concat(
        [
            read.plans.get("plan_id", pd.Series(dtype=object)),
            *([rejected["plan_id"]] if rejected is not None and "plan_id" in rejected else []),
        ]
    ).astype(str)
    if wanted:
        used = ids.index[ids == wanted]
        if len(used):
            first = min(used)
            problems.append(
                Problem(
                    "plans",
                    first,
                    "plan_id",
                    "duplicate_id",
                    value=wanted,
                    params=(("first", str(first)),),
                )
            )
        return wanted
    return next_plan_id(ids.sort_index())


def next_plan_id(ids: pd.Series) -> str:
    """Return the next ID in the book's own numbering: that of its last numbered plan ID.

    ``PP2026-03`` after ``PP2026-01`` and ``PP2026-02``, ``P0004`` after ``P0003``, ``P0001`` in a
    book without numbered IDs. Digits are 0-9 only, counted as Python's ints (a typed ID may
    hold more digits than an int64 does), and the width of the largest number is kept.
    """
    parts = ids.str.extract(_NUMBERED).dropna()
    if parts.empty:
        return "P0001"
    prefix = parts["prefix"].iloc[-1]
    digits = max(parts.loc[parts["prefix"] == prefix, "number"], key=lambda n: (int(n), len(n)))
    return f"{prefix}{int(digits) + 1:0{len(digits)}d}"
