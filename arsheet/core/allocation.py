"""Who paid what: explicit links first, then each customer's pool, oldest due document first.

The pool is a first-in-first-out matching of two sorted sequences per customer, money sources
(payments and credit notes, by date then number) against open invoices (by due date, then date,
then number). Laid end to end on one number line, each customer in a block of its own, the
running totals of both sequences cut the line into segments; every segment between two
consecutive cut points belongs to exactly one (source, target) pair and is one allocation. No
loop per customer or row: cumulative sums, a sorted union and ``searchsorted``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from arsheet.core.ledger import Positions, sort_order
from arsheet.core.money import Ints, running_total_by, sum_by

#: Source kinds, in the order they are taken when date and number tie.
PAYMENT, CREDIT_NOTE = 0, 1


@dataclass(frozen=True)
class Targets:
    """The invoices that can receive money, as parallel arrays.

    Attributes:
        customer: customer code of each invoice.
        amount: invoice amount in minor units.
        due: due date (nanoseconds).
        date: document date (nanoseconds).
        number: document number (a series read by position).
        automatic: the pool may pay it (it is neither disputed nor written off).
    """

    customer: Positions
    amount: Ints
    due: Ints
    date: Ints
    number: pd.Series
    automatic: npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Sources:
    """The money that pays invoices (payments and credit notes), as parallel arrays.

    Attributes:
        kind: :data:`PAYMENT` or :data:`CREDIT_NOTE`.
        customer: customer code.
        amount: amount in minor units.
        date: date (nanoseconds).
        number: payment or document number (a series read by position).
        target: position of the explicitly linked invoice in :class:`Targets`, -1 for none.
    """

    kind: npt.NDArray[np.int8]
    customer: Positions
    amount: Ints
    date: Ints
    number: pd.Series
    target: Positions


def allocate(targets: Targets, sources: Sources, customers: int) -> pd.DataFrame:
    """Apply the sources to the targets: explicit links first, then the customer's pool.

    An explicit link pays its invoice up to what is still open, sources linked to the same
    invoice taking turns by date, then number; the excess joins the pool. The pool fills the
    customer's automatic invoices oldest due date first. Money left over is unapplied.

    Args:
        targets: the invoices.
        sources: the payments and credit notes.
        customers: the number of customer codes.

    Returns:
        One row per allocation, sorted by source order then target order: ``source`` and
        ``target`` (positions), ``amount`` (int64) and ``date`` (nanoseconds): the later of
        the source's and the invoice's date, the day the money met the invoice.
    """
    source_order = sort_order([sources.customer, sources.date], sources.number, sources.kind)
    target_order = sort_order([targets.customer, targets.due, targets.date], targets.number)
    source_rank = _ranks(source_order)
    target_rank = _ranks(target_order)

    linked = np.flatnonzero(sources.target >= 0)
    linked = linked[np.lexsort((source_rank[linked], target_rank[sources.target[linked]]))]
    linked_to = sources.target[linked]
    explicit = _fill(sources.amount[linked], linked_to, targets.amount[linked_to])
    still_open = targets.amount - sum_by(linked_to, explicit, len(targets.amount))
    left = sources.amount.copy()
    left[linked] -= explicit

    pool_sources = source_order[left[source_order] > 0]
    pool_targets = target_order[targets.automatic[target_order] & (still_open[target_order] > 0)]
    s, t, pooled = fifo_match(
        sources.customer[pool_sources],
        left[pool_sources],
        targets.customer[pool_targets],
        still_open[pool_targets],
        customers,
    )
    paid = explicit > 0
    source = np.concatenate((linked[paid], pool_sources[s]))
    target = np.concatenate((linked_to[paid], pool_targets[t]))
    amount = np.concatenate((explicit[paid], pooled))
    order = np.lexsort((target_rank[target], source_rank[source]))
    source, target = source[order], target[order]
    return pd.DataFrame(
        {
            "source": source,
            "target": target,
            "amount": amount[order],
            "date": np.maximum(sources.date[source], targets.date[target]),
        }
    )


def fifo_match(
    source_customer: Positions,
    source_amount: Ints,
    target_customer: Positions,
    target_amount: Ints,
    customers: int,
) -> tuple[Positions, Positions, Ints]:
    """Match sources to targets first in, first out, within each customer.

    Both sequences must be sorted by customer, then in the order they are to be matched, with
    positive amounts. Customer ``c`` gets the block ``(offset_c, offset_c + width_c]`` of one
    number line, ``width_c = max(sources_c, targets_c)``; each sequence's running total within
    the customer, shifted by ``offset_c``, gives its cut points. The segments between
    consecutive cut points up to ``offset_c + min(sources_c, targets_c)`` are the matches.

    Args:
        source_customer: customer code of each source.
        source_amount: amount of each source.
        target_customer: customer code of each target.
        target_amount: amount of each target.
        customers: the number of customer codes.

    Returns:
        Source positions, target positions and amounts of the matches.

    Example:
        Sources 50, 70 and targets 100, 100 of one customer cut the line at 50, 100, 120:
        (source 0, target 0, 50), (source 1, target 0, 50), (source 1, target 1, 20).
    """
    source_total = sum_by(source_customer, source_amount, customers)
    target_total = sum_by(target_customer, target_amount, customers)
    width = np.maximum(source_total, target_total)
    block_end = np.cumsum(width)
    offset = block_end - width
    matched_end = offset + np.minimum(source_total, target_total)
    source_end = offset[source_customer] + running_total_by(source_customer, source_amount)
    target_end = offset[target_customer] + running_total_by(target_customer, target_amount)
    ends = np.sort(np.concatenate((source_end, target_end)))
    cuts = ends[np.concatenate(([True], ends[1:] != ends[:-1]))] if len(ends) else ends
    starts = np.concatenate(([0], cuts[:-1])).astype(np.int64)
    owner = np.searchsorted(block_end, cuts, side="left")
    keep = cuts <= matched_end[owner]
    cuts, starts = cuts[keep], starts[keep]
    return (
        np.searchsorted(source_end, cuts, side="left").astype(np.intp),
        np.searchsorted(target_end, cuts, side="left").astype(np.intp),
        (cuts - starts).astype(np.int64),
    )


def _fill(amounts: Ints, targets: Positions, capacity: Ints) -> Ints:
    """Return how much of each source fits into its target, sources grouped by target in turn."""
    total = running_total_by(targets, amounts)
    return np.minimum(total, capacity) - np.minimum(total - amounts, capacity)


def _ranks(order: Positions) -> Positions:
    """Return each record's place in ``order``."""
    ranks = np.empty(len(order), dtype=np.intp)
    ranks[order] = np.arange(len(order))
    return ranks
