"""Benchmark the Recalculate button on xlwings' remote engine against ``arsheet.api.recalc``.

Run ``python benchmarks/bench_buttons.py`` (``--sizes 10000`` for a quicker run). It measures,
in this same run and process (imports done beforehand, best of ``--rounds``):

(a) the button: the JSON text Excel's xlwings client sends for a book (built beforehand) parsed
    and handed to the remote engine, as xlwings' server does with a request,
    :func:`arsheet.buttons.recalculate` run on it, and its actions returned (what a user waits
    for before Excel applies them);
(b) the baseline: :func:`arsheet.api.recalc` of the very same book as an .xlsx file (read,
    compute, write the file back), a copy each round.

for the demo book (``arsheet new --demo``) and for synthetic books of ``--sizes`` transactions
(``benchmarks/synthetic.py``), and prints a table of the seconds and their ratio. The issue asks
for the demo book "well under a second" and 100k transactions "in a few seconds".
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

# xlwings as excel_payload imports it: after the test licence key, which xlwings reads on import.
from excel_payload import Payload, iso, payload, xw  # noqa: E402
from synthetic import make_book  # noqa: E402
from xlsx_books import _records, write_xlsx_book  # noqa: E402

import arsheet.api  # noqa: E402
import arsheet.buttons  # noqa: E402
from arsheet.book.contract import CUSTOMERS, PAYMENTS, TRANSACTIONS  # noqa: E402


def best(run: Callable[[], object], rounds: int) -> float:
    """Return the fewest seconds ``run`` took in ``rounds`` runs."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def press(sent: str) -> list[dict[str, Any]]:
    """Press the Recalculate button on the JSON text ``sent``; return the actions for Excel."""
    book = xw.Book(json=json.loads(sent))
    arsheet.buttons.recalculate(book)
    return list(book.json()["actions"])


def recalc_copy(path: Path, folder: Path) -> None:
    """Recalculate a fresh copy of ``path`` as a file."""
    copy = shutil.copy(path, folder / f"copy-{path.name}")
    arsheet.api.recalc(copy, backup=False)


def synthetic_payload(size: int, path: Path) -> Payload:
    """Write a synthetic book of ``size`` transactions at ``path``; return its payload.

    Built straight from the records, as the client would send the same sheets: openpyxl
    would take longer to read 100k rows than the button takes to run.
    """
    book = make_book(size, seed=size)
    write_xlsx_book(book, path)
    records = (
        (CUSTOMERS, book.customers),
        (TRANSACTIONS, book.transactions),
        (PAYMENTS, book.payments),
    )
    sheets = [_sheet(sheet.en, _records(sheet, frame)) for sheet, frame in records]
    return {
        "version": "bench",
        "client": "Office.js",
        "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": sheets,
    }


def _sheet(name: str, records: list[dict[str, object]]) -> dict[str, Any]:
    header = list(records[0]) if records else []
    values = [header] + [[_sent(v) for v in record.values()] for record in records]
    return {"name": name, "values": values, "pictures": [], "tables": []}


def _sent(value: object) -> object:
    """Return a cell's value as the client sends it (a date as ISO text, empty as "")."""
    if value is None:
        return ""
    if isinstance(value, date):
        return iso(value)
    return value


def main() -> None:
    """Measure each book and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-buttons-") as scratch:
        folder = Path(scratch)
        books: list[tuple[str, Path, Payload]] = []
        demo = arsheet.api.new(folder / "demo.xlsx", demo=True)
        books.append(("demo book", demo, payload(demo)))
        for size in args.sizes:
            path = folder / f"book_{size}.xlsx"
            books.append((f"{size:,} transactions", path, synthetic_payload(size, path)))
        for name, path, data in books:
            sent = json.dumps(data)
            actions = press(sent)  # warm: the first run imports what the pipeline needs
            button = best(lambda sent=sent: press(sent), args.rounds)
            baseline = best(lambda path=path: recalc_copy(path, folder), args.rounds)
            rows.append((name, len(actions), button, baseline))
    print("| book | actions | button (s) | api.recalc of the file (s) | ratio |")
    print("|---|---:|---:|---:|---:|")
    for name, count, button, baseline in rows:
        print(f"| {name} | {count} | {button:.3f} | {baseline:.3f} | {button / baseline:.2f} |")


if __name__ == "__main__":
    main()
