"""``arsheet check`` lists exactly the problems ``recalc`` puts on the Check sheet, any input."""

from __future__ import annotations

import io
import re
import tempfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
from bookmaker import make_book
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arsheet.app.check import run_check
from arsheet.app.recalc import run_recalc

# Cells a hostile user may type anywhere: formulas without a value, decimal commas, noise around
# zero, serials, times, links to other customers' and later documents.
HOSTILE = [
    "", "=1/0", "12,50", "(5)", "1e300", 1e-17, -1e-17, 0, -5, 10000000000, "１２３", "x", True,
    45536, -1, time(12), datetime(2024, 9, 1, 13), "2024-02-30", "N", "Y", "C1", "C2", "INV-1",
    "INV-2", "CN-1", "P-1", 3651, "Credit note",
]  # fmt: skip


def cell(base: object) -> st.SearchStrategy[object]:
    return st.one_of(st.just(base), st.sampled_from(HOSTILE))


@st.composite
def books(draw: st.DrawFn) -> dict[str, list[list[object]]]:
    customers = [
        [draw(cell(f"C{i}")), draw(cell(f"N{i}")), "", "", "", "", draw(cell(30)), draw(cell(500))]
        for i in (1, 2)
    ]
    transactions = [
        [
            draw(cell(number)),
            draw(cell(draw(st.sampled_from(["C1", "C2"])))),
            draw(cell("Credit note" if number.startswith("CN") else "Invoice")),
            draw(cell(date(2024, draw(st.integers(1, 6)), 1))),
            draw(cell(None)),
            draw(cell(draw(st.integers(1, 500)))),
            draw(cell(draw(st.sampled_from(["", "INV-1", "INV-2"])))),
        ]
        for number in ("INV-1", "INV-2", "CN-1")
    ]
    payments = [
        [
            draw(cell("P-1")),
            draw(cell("C1")),
            draw(cell(date(2024, draw(st.integers(1, 6)), 15))),
            draw(cell(draw(st.integers(1, 300)))),
            draw(cell(draw(st.sampled_from(["", "INV-1", "INV-2"])))),
        ]
    ]
    as_of = [["As-of date", draw(cell(date(2024, 3, 31)))], ["Aging buckets", draw(cell("30"))]]
    return {
        "customers": customers,
        "transactions": transactions,
        "payments": payments,
        "settings": as_of,
    }


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book=books())
def test_check_lists_what_recalc_writes_on_the_check_sheet(
    book: dict[str, list[list[object]]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = make_book(Path(folder) / "b.xlsx", book)
        out = io.StringIO()
        checked = run_check(path, out)
        listed = out.getvalue().splitlines()
        # A Settings As-of date that cannot be read means today for both commands.
        recalced = run_recalc([path], backup=False, out=io.StringIO())
        rows = list(openpyxl.load_workbook(path)["Check"].values)
    assert checked == recalced
    written = [f"{place}: {severity.lower()}: {message}" for place, severity, message in rows[4:]]
    assert listed[:-1] == written
    counted = re.findall(r"\d+", listed[-1])
    assert counted == (re.findall(r"\d+", rows[1][0]) if written else ["0", "0"])
