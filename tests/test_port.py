"""The port: the same book as a file and as Python values reads, computes and writes the same.

Each book is made as an .xlsx file, then copied cell by cell into a :class:`MemoryBook` through
openpyxl (values, formulas, error cells, Tables, defined names, date system): a path independent
of the Rust engines the file adapter reads with. Both go through the same pipeline; the frames,
the located problems, the figures and what lands in the owned columns and sheets must agree.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from bookmaker import make_book

from arsheet.adapters.memory import CellError, Formula, MemoryBook
from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.book.port import TableRegion
from arsheet.book.reader import read_book
from arsheet.core.steps import compute
from arsheet.errors import RowsRefused
from arsheet.pipeline import load, recalculate
from arsheet.template.build import template_bytes

AS_OF = date(2024, 12, 31)


def memory_copy(path: Path) -> MemoryBook:
    """Return the book at ``path`` as a MemoryBook, read through openpyxl."""
    workbook = openpyxl.load_workbook(path)
    sheets, tables = {}, {}
    for ws in workbook.worksheets:
        sheets[ws.title] = [[_value(cell) for cell in row] for row in ws.iter_rows()]
        tables[ws.title] = [_region(table) for table in ws.tables.values()]
    names = {name: found.attr_text for name, found in workbook.defined_names.items()}
    return MemoryBook(
        sheets,
        names=names,
        tables=tables,
        date1904=workbook.epoch.year == 1904,
        name=path.name,
    )


def _value(cell: openpyxl.cell.Cell) -> object:
    if cell.data_type == "e":
        return CellError(str(cell.value))
    if cell.data_type == "f":
        return Formula(str(cell.value))  # openpyxl keeps no computed value
    return cell.value


def _region(table: openpyxl.worksheet.table.Table) -> TableRegion:
    min_col, min_row, max_col, max_row = openpyxl.utils.cell.range_boundaries(table.ref)
    totals = table.totalsRowCount or 0
    return TableRegion(
        name=table.displayName,
        header_row=min_row if table.headerRowCount != 0 else None,
        first_col=min_col,
        last_col=max_col,
        last_body_row=max_row - totals,
        last_row=max_row,
    )


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.xlsx"
    path.write_bytes(template_bytes("en", demo=True, today=AS_OF))
    return path


def troubled(tmp_path: Path, date1904: bool = False) -> Path:
    """A small book with a problem of every kind a cell can have."""
    return make_book(
        tmp_path / "troubled.xlsx",
        {
            "customers": [["C1", "Acme", None, None, None, None, 30], ["C2", "Beta"], ["C3"]],
            "transactions": [
                ["INV-1", "C1", "Invoice", date(2024, 9, 1), None, 1234.5],
                ["INV-2", "C1", "Invoice", "2024-13-01", None, 10],
                ["INV-3", "C2", "Invoice", date(2024, 10, 1), None, "12,50"],
                ["INV-4", "C9", "Invoice", date(2024, 10, 1), None, 99],
                ["INV-5", "C2", "Invoice", date(2024, 11, 1), None, "=10*2"],
                ["INV-6", "C2", "Invoice", date(2024, 11, 1), "#N/A", 5],
                ["CN-1", "C1", "Credit note", date(2024, 11, 5), None, 34.5, "INV-1"],
                ["INV-7", "C2", "Bogus", date(2025, 2, 1), None, 7],
            ],
            "payments": [
                ["P-1", "C1", date(2024, 9, 20), 500, "INV-1", "Cash"],
                ["P-2", "C2", datetime(2024, 10, 3, 14, 30), 0.1, "INV-9", "Wire"],
                ["P-3", "C2", date(2024, 10, 3), True],
            ],
            "settings": [["Setting", "Value"], ["As-of date", "=TODAY()"], ["Grace days", 5]],
            "collection_log": [],
        },
        date1904=date1904,
    )


def both(path: Path) -> tuple[XlsxBook, MemoryBook]:
    return XlsxBook(path), memory_copy(path)


def test_empty_cells_beside_text_are_empty_not_nan() -> None:
    cells = MemoryBook({"S": [["a"], [None], [float("nan")], ["b"]]}).cells("S")
    assert cells.column(1, 1).tolist() == ["a", pd.NA, pd.NA, "b"]


@pytest.mark.parametrize("kind", ["demo", "troubled", "troubled_1904"])
def test_the_same_book_reads_the_same(kind: str, demo: Path, tmp_path: Path) -> None:
    path = demo if kind == "demo" else troubled(tmp_path, date1904=kind.endswith("1904"))
    file, memory = both(path)
    assert file.sheet_names == memory.sheet_names
    assert file.marks() == memory.marks()
    for name in file.sheet_names:
        assert file.tables(name) == memory.tables(name)
    a, b = read_book(file, AS_OF), read_book(memory, AS_OF)
    for key in ("customers", "transactions", "payments", "plans", "collection_log"):
        pd.testing.assert_frame_equal(getattr(a.book, key), getattr(b.book, key))
        pd.testing.assert_frame_equal(a.book.rejected[key], b.book.rejected[key])
    assert a.book.settings == b.book.settings
    assert (a.layouts, a.lang, a.problems, a.date1904) == (
        b.layouts,
        b.lang,
        b.problems,
        b.date1904,
    )
    if kind != "demo":
        found = {p.code for p in a.problems}
        assert {"formula_without_value", "error_value", "decimal_comma", "not_a_date"} <= found


@pytest.mark.parametrize("kind", ["demo", "troubled"])
def test_the_same_book_has_the_same_problems_and_figures(
    kind: str, demo: Path, tmp_path: Path
) -> None:
    path = demo if kind == "demo" else troubled(tmp_path)
    file, memory = both(path)
    a, b = load(file, today=AS_OF), load(memory, today=AS_OF)
    assert a.located == b.located
    if kind != "demo":
        assert [p.place for p in a.located] == [
            "Customers!B4",
            "Transactions!D3",
            "Transactions!F4",
            "Transactions!B5",
            "Transactions!F6",
            "Transactions!E7",
            "Transactions!C9",
            "Payments!E3",
            "Payments!D4",
        ]
    one, other = compute(a.book, AS_OF), compute(b.book, AS_OF)
    for frame in ("transactions", "payments", "allocations", "customers", "monthly"):
        pd.testing.assert_frame_equal(getattr(one, frame), getattr(other, frame))
    for fact in ("as_of", "totals", "bucket_bounds", "problems"):
        assert getattr(one, fact) == getattr(other, fact)


@pytest.mark.parametrize("kind", ["demo", "troubled"])
def test_the_same_book_is_written_the_same(kind: str, demo: Path, tmp_path: Path) -> None:
    path = demo if kind == "demo" else troubled(tmp_path)
    memory = memory_copy(path)
    done = recalculate(XlsxBook(path), as_of=AS_OF, today=AS_OF)
    in_memory = recalculate(memory, as_of=AS_OF, today=AS_OF)
    assert dataclasses.replace(done, path=in_memory.path) == in_memory
    written = memory_copy(path)
    assert written.sheet_names == memory.sheet_names
    assert written.marks() == memory.marks()
    for name in written.sheet_names:
        assert _plain(written.sheet(name)) == _plain(memory.sheet(name)), name


def test_a_second_recalculation_finds_what_the_first_wrote(demo: Path) -> None:
    memory = memory_copy(demo)
    recalculate(memory, as_of=AS_OF)
    first = {name: _plain(memory.sheet(name)) for name in memory.sheet_names}
    names = dict(memory.names)
    recalculate(memory, as_of=AS_OF)
    assert {name: _plain(memory.sheet(name)) for name in memory.sheet_names} == first
    assert memory.names == names


NEW_ROWS = {
    "customers": [{"customer_id": "C7", "customer_name": "Gamma", "terms_days": 45}],
    "payments": [
        {
            "payment_no": "P-9",
            "customer_id": "C1",
            "date": date(2024, 12, 20),
            "amount": Decimal("1234.50"),
            "method": "bank_transfer",
            "applied_to": "INV-1",
        },
        {"payment_no": "P-10", "customer_id": "C2", "date": datetime(2024, 12, 21), "amount": 7},
    ],
    "collection_log": [
        {"date": date(2024, 12, 22), "customer_id": "C1", "channel": "Phone", "summary": "promised"}
    ],
}


@pytest.mark.parametrize("kind", ["demo", "troubled", "table_with_room"])
def test_the_same_append_reads_back_the_same(kind: str, demo: Path, tmp_path: Path) -> None:
    path = {"demo": demo, "troubled": troubled(tmp_path), "table_with_room": None}[kind]
    if path is None:
        path = customers_table(tmp_path / "room.xlsx", body_rows=4, totals=False)
    memory = memory_copy(path)
    for key, rows in NEW_ROWS.items():
        XlsxBook.for_update(path).append(key, rows)
        memory.append(key, rows)
    file = XlsxBook(path)
    for name in file.sheet_names:
        assert file.tables(name) == memory.tables(name)
    a, b = read_book(file, AS_OF), read_book(memory, AS_OF)
    for key in ("customers", "payments", "collection_log"):
        pd.testing.assert_frame_equal(getattr(a.book, key), getattr(b.book, key))
        pd.testing.assert_frame_equal(a.book.rejected[key], b.book.rejected[key])
    assert (a.layouts, a.problems) == (b.layouts, b.problems)
    assert "C7" in b.book.customers["customer_id"].tolist()
    assert b.book.payments["amount"].tolist()[-2:] == [123450, 700]


@pytest.mark.parametrize(
    ("kind", "key", "rows"),
    [
        (
            "troubled",
            "payments",
            [
                {"payment_no": "P-9", "amount": 12.5, "method": "Bitcoin"},
                {"payment_no": "P-10", "applied": Decimal(1), "colour": "red"},
                {"payment_no": "P-11", "date": "2024-13-01", "amount": "12,50"},
                {},
            ],
        ),
        ("troubled", "settings", [{"setting": "x"}]),
        ("cell_in_the_way", "customers", [{"customer_id": "C8", "customer_name": "x"}] * 2),
        ("full_table", "customers", [{"customer_id": "C8", "customer_name": "x"}] * 2),
        ("no_sheet", "plans", [{"plan_id": "PL-1"}]),
    ],
)
def test_the_same_append_is_refused_the_same(
    kind: str, key: str, rows: list[dict], tmp_path: Path
) -> None:
    if kind == "troubled":
        path = troubled(tmp_path)
    elif kind == "cell_in_the_way":
        path = make_book(
            tmp_path / "way.xlsx", {"customers": [["C1", "Acme"], [*[None] * 19, "a note"]]}
        )
    elif kind == "full_table":
        path = customers_table(tmp_path / "full.xlsx", body_rows=2, totals=True)
    else:
        path = make_book(tmp_path / "bare.xlsx", {})
    memory = memory_copy(path)
    before = path.read_bytes()
    raised = []
    for book in (XlsxBook.for_update(path), memory):
        with pytest.raises((RowsRefused, ValueError)) as refused:
            book.append(key, rows)
        raised.append(refused.value)
    in_file, in_memory = raised
    assert type(in_file) is type(in_memory)
    assert path.read_bytes() == before
    if isinstance(in_file, RowsRefused):
        assert isinstance(in_memory, RowsRefused)
        assert in_file.problems_en == in_memory.problems_en
        assert in_file.problems_zh == in_memory.problems_zh
        assert in_file.message("zh") == in_memory.message("zh")
        assert in_file.problems_en
    assert [_plain(memory.sheet(n)) for n in memory.sheet_names] == [
        _plain(memory_copy(path).sheet(n)) for n in memory.sheet_names
    ]


def customers_table(path: Path, body_rows: int, totals: bool) -> Path:
    """Write a book whose Customers sheet is a Table of C1 and C2 with ``body_rows`` rows."""
    make_book(path, {"customers": [["C1", "Acme"], ["C2", "Beta"]], "collection_log": []})
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Customers"]
    last = 1 + body_rows + int(totals)
    table = openpyxl.worksheet.table.Table(
        displayName="tblCustomers",
        ref=f"A1:{openpyxl.utils.get_column_letter(sheet.max_column)}{last}",
        totalsRowCount=1 if totals else None,
    )
    if totals:
        sheet.cell(last, 1).value = "Total"
    sheet.add_table(table)
    workbook.save(path)
    return path


def _plain(rows: list[list[object]]) -> list[list[object]]:
    """Return rows as comparable cells: money and numbers as Decimal, dates as dates, no tails."""
    plain = [[_cell(v) for v in row] for row in rows]
    for row in plain:
        while row and row[-1] is None:
            row.pop()
    while plain and not plain[-1]:
        plain.pop()
    return plain


def _cell(value: object) -> object:
    if isinstance(value, Formula):
        return value.text
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)).normalize()
    return value
