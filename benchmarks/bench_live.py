"""Benchmark a recalculation through LiveBook (an open workbook) against the same book in memory.

Run ``python benchmarks/bench_live.py`` (``--sizes 10000`` for a quicker run). For each size it
builds a synthetic book (:mod:`synthetic`) directly as the JSON xlwings' client sends for it open
in Excel (dates as ISO text, amounts as numbers, empty cells as ``""``), then measures in this
same run, each a few times (median):

(a) live: xlwings' remote engine over that JSON, :class:`~arsheet.adapters.live.LiveBook` reading
    it, the recalculation, and the actions it returns (what goes back to Excel);
(b) baseline: the same rows as a :class:`~arsheet.adapters.memory.MemoryBook`, recalculated.

and reports both, the ratio (a)/(b), and how many actions and cells (a) sends back.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from synthetic import make_book  # noqa: E402
from xlsx_books import _records  # noqa: E402  (the rows the file benchmark writes)

import arsheet  # noqa: E402
from arsheet.adapters.live import LiveBook  # noqa: E402
from arsheet.adapters.memory import MemoryBook  # noqa: E402
from arsheet.book.contract import CUSTOMERS, PAYMENTS, TRANSACTIONS  # noqa: E402
from tests.excel_payload import Payload, excel_book, iso  # noqa: E402

AS_OF = dt.date(2024, 12, 31)


def book_rows(size: int) -> dict[str, list[list[object]]]:
    """Return tab -> rows (header first) of the synthetic book of ``size`` transactions."""
    book = make_book(size, seed=size)
    tabs = {}
    for sheet, frame in (
        (CUSTOMERS, book.customers),
        (TRANSACTIONS, book.transactions),
        (PAYMENTS, book.payments),
    ):
        records = _records(sheet, frame)
        header = list(records[0]) if records else [c.en for c in sheet.inputs]
        tabs[sheet.en] = [header, *([r[h] for h in header] for r in records)]
    return tabs


def as_payload(tabs: dict[str, list[list[object]]]) -> Payload:
    """Return the JSON xlwings' client sends for ``tabs`` open in Excel."""

    def sent(value: object) -> object:
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return iso(value)
        return value

    sheets = [
        {
            "name": name,
            "values": [[sent(v) for v in row] for row in rows],
            "pictures": [],
            "tables": [],
        }
        for name, rows in tabs.items()
    ]
    return {
        "version": "0.33.0",
        "client": "Office.js",
        "book": {"name": "book.xlsx", "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": sheets,
    }


def timed(run: Callable[[], object], rounds: int) -> tuple[float, object]:
    """Return the median wall seconds of ``rounds`` runs and the last run's result."""
    seconds, result = [], None
    for _ in range(rounds):
        gc.collect()
        started = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def live_run(data: Payload) -> list[dict[str, object]]:
    """Recalculate ``data`` through LiveBook; return the actions that go back to Excel."""
    book = excel_book(data)
    arsheet.recalc(LiveBook(book), as_of=AS_OF, today=AS_OF)
    return book.json()["actions"]  # type: ignore[no-any-return]


def memory_run(tabs: dict[str, list[list[object]]]) -> None:
    """Recalculate the same rows as a book in memory."""
    book = MemoryBook({name: [list(r) for r in rows] for name, rows in tabs.items()})
    arsheet.recalc(book, as_of=AS_OF, today=AS_OF)


def main() -> None:
    """Measure each size and print one JSON line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for size in args.sizes:
        tabs = book_rows(size)
        data = as_payload(tabs)
        live_s, actions = timed(partial(live_run, data), args.rounds)
        memory_s, _ = timed(partial(memory_run, tabs), args.rounds)
        sent = [a for a in actions if a["func"] == "setValues"]  # type: ignore[union-attr]
        row = {
            "transactions": size,
            "live_s": round(live_s, 2),
            "memory_s": round(memory_s, 2),
            "live_over_memory": round(live_s / memory_s, 2),
            "actions": len(actions),  # type: ignore[arg-type]
            "cells_sent": sum(len(a["values"]) * len(a["values"][0]) for a in sent),
        }
        print(json.dumps(row))


if __name__ == "__main__":
    main()
