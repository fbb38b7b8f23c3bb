"""Time the pure receivables engine on synthetic books; prints a Markdown table.

Usage: ``python benchmarks/bench_core.py [--sizes 10000,100000,1000000] [--repeat 3]``.
The book is generated once per size (not timed with the engine); the engine's time is the
best of ``--repeat`` runs of :func:`arsheet.core.compute` (every step: ledger, dunning).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_book

from arsheet.core import compute


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="transaction counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best counts")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print("| transactions | payments | customers | generate (s) | compute (s) |")
    print("|---:|---:|---:|---:|---:|")
    for size in (int(s.replace("_", "")) for s in args.sizes.split(",")):
        start = time.perf_counter()
        book = make_book(size, seed=args.seed)
        generated = time.perf_counter() - start
        as_of = book.settings.as_of
        assert as_of is not None
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            compute(book, as_of)
            best = min(best, time.perf_counter() - start)
        print(
            f"| {size:,} | {len(book.payments):,} | {len(book.customers):,} "
            f"| {generated:.2f} | {best:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
