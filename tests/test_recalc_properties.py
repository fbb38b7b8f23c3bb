"""Properties of a whole recalculation over random books: stable, well formed, faithful to text."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from bookmaker import make_book
from golden import parts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from python_calamine import CalamineWorkbook

from arsheet.cli import main

# Text a user may type, XML's special characters and characters outside the BMP included;
# control characters are excluded because Excel itself cannot store them in a cell.
names = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() == s and not s.startswith("="))  # "=…" would be a formula
amounts = st.decimals(Decimal("0.01"), Decimal("99999.99"), places=2)
days = st.integers(0, 400)
START = date(2024, 1, 1)


@st.composite
def books(draw: st.DrawFn) -> dict[str, list[list[object]]]:
    people = draw(st.lists(names, min_size=1, max_size=4, unique_by=str.casefold))
    customers = [[f"C{i}", name] for i, name in enumerate(people)]
    ids = [row[0] for row in customers]
    transactions = [
        [
            f"INV-{i:03d}",
            draw(st.sampled_from(ids)),
            "Invoice",
            START + timedelta(draw(days)),
            None,
            float(draw(amounts)),
        ]
        for i in range(draw(st.integers(0, 6)))
    ]
    payments = [
        [
            f"P-{i:03d}",
            draw(st.sampled_from(ids)),
            START + timedelta(draw(days)),
            float(draw(amounts)),
        ]
        for i in range(draw(st.integers(0, 4)))
    ]
    return {"customers": customers, "transactions": transactions, "payments": payments}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book=books(), lang=st.sampled_from(["en", "zh"]))
def test_recalculating_twice_changes_nothing_and_keeps_every_name(
    book: dict[str, list[list[object]]], lang: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = make_book(Path(folder) / "book.xlsx", book, lang=lang)
        args = ["recalc", str(path), "--as-of", "2025-03-01", "--no-backup"]
        assert main(args) == 0
        first = parts(path)
        assert main(args) == 0
        assert parts(path) == first
        for name, data in first.items():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(data)
        tab = "客户汇总" if lang == "zh" else "Summary"
        summary = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(tab).to_python()
        written = {row[1] for row in summary[3:] if row and row[1] != ""}
        assert written == {row[1] for row in book["customers"]}
