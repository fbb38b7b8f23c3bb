"""Benchmark writing dunning letters: 1,000 customers' notices as HTML, text and e-mail.

Run ``python benchmarks/bench_letters.py`` (``--customers 200`` for a quicker run). It builds
the notices in memory (three documents each, half the customers writing in Chinese) and
measures, in this same run:

(a) the letters: each notice filled in from its templates (subject, text, HTML) and written
    as ``.html``, ``.txt`` and ``.eml``, as ``arsheet letters --format html,txt,eml`` does;
(b) the floor: writing the very same bytes to as many files, with no templating and no MIME.

It reports the seconds of each (best of ``--rounds``) and their ratio.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pandas as pd

from arsheet.core.book import TEXT, Book
from arsheet.core.notices import Notice, NoticeLine
from arsheet.core.settings import Settings
from arsheet.letters.compose import Composed, compose_all
from arsheet.letters.environment import environment
from arsheet.letters.output import Sender, file_name, notice_message, write_notice

AS_OF = date(2026, 12, 2)
FORMATS = ("html", "txt", "eml")
SETTINGS = Settings(
    company_name="Northwind Trading Co., Ltd.",
    company_address="88 Harbour Road\nShanghai 200000",
    company_phone="+86 21 5555 0100",
    company_email="ar@northwind.example",
    bank_details="Bank of Example, Shanghai Branch\nAccount 6222 0000 1234 5678",
    annual_interest_rate=Decimal(8),
)
SENDER = Sender(SETTINGS.company_email, SETTINGS.company_name)
TEMPLATES = ("reminder", "first_notice", "second_notice", "final_notice")


def book_and_notices(customers: int) -> tuple[Book, list[Notice]]:
    """Return a book of ``customers`` customers and one notice for each, levels in turn."""
    ids = [f"C{i:05d}" for i in range(customers)]
    frame = pd.DataFrame(
        {
            "customer_id": ids,
            "customer_name": [
                f"Customer {i} Ltd." if i % 2 else f"客户{i}有限公司" for i in range(customers)
            ],
            "contact": ["Jane Doe"] * customers,
            "phone": ["+1 555 0100"] * customers,
            "email": [f"ap{i}@example.com; boss{i}@example.com" for i in range(customers)],
            "address": ["1 Main Street\nSpringfield"] * customers,
            "owner": ["Li"] * customers,
            "language": ["en" if i % 2 else "zh" for i in range(customers)],
        },
        index=range(2, customers + 2),
        dtype=TEXT,
    )
    empty = pd.DataFrame()
    book = Book(frame, empty, empty, empty, empty, SETTINGS)
    notices = []
    for i, customer in enumerate(ids):
        level = i % 4
        lines = tuple(
            NoticeLine(
                document_no=f"INV-{i}-{n}",
                date=AS_OF - timedelta(days=40 + 30 * n),
                due_date=AS_OF - timedelta(days=10 + 30 * n),
                amount=123_456 * (n + 1),
                open_amount=100_000 * (n + 1),
                days_overdue=10 + 30 * n,
                interest=219 * (n + 1),
            )
            for n in range(3)
        )
        notices.append(
            Notice(
                customer, AS_OF, level, TEMPLATES[level], TEMPLATES[level], "email", lines, 1_000
            )
        )
    return book, notices


def letters(book: Book, notices: list[Notice], out: Path) -> None:
    """(a): fill in and write every notice's files."""
    env = environment()
    for composed in compose_all(notices, book, env):
        write_notice(composed, FORMATS, out, sender=SENDER)


def floor(files: dict[str, bytes], out: Path) -> None:
    """(b): write the same bytes to as many files."""
    for name, data in files.items():
        (out / name).write_bytes(data)


def same_bytes(composed: list[Composed]) -> dict[str, bytes]:
    """Return the bytes (a) writes, by file name."""
    files: dict[str, bytes] = {}
    for one in composed:
        files[file_name(one, "html")] = one.html.encode()
        files[file_name(one, "txt")] = one.text.encode()
        files[file_name(one, "eml")] = bytes(notice_message(one, SENDER))
    return files


def best(run: Callable[[Path], None], rounds: int) -> float:
    """Return the fastest of ``rounds`` runs of ``run``, each into a fresh folder."""
    times = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory(prefix="bench-letters-") as folder:
            start = time.perf_counter()
            run(Path(folder))
            times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Measure and print (a), (b) and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    book, notices = book_and_notices(args.customers)
    env = environment()
    files = same_bytes(compose_all(notices, book, env))
    written = best(lambda out: letters(book, notices, out), args.rounds)
    baseline = best(lambda out: floor(files, out), args.rounds)
    size = sum(map(len, files.values())) / 2**20
    print(f"{args.customers:,} notices, {len(files):,} files, {size:.1f} MiB")
    print(f"(a) letters (templates, MIME, files): {written:.2f} s")
    print(f"(b) floor (the same bytes written):    {baseline:.2f} s")
    print(f"ratio a/b: {written / baseline:.1f}")


if __name__ == "__main__":
    main()
