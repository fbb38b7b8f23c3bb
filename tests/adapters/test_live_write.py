"""What LiveBook writes into an open workbook: numbers and text only, and text stays text.

Excel coerces text put into a cell as if it were typed; :func:`tests.excel_payload.apply` does
the same, so a value that comes back changed was written wrongly. Appended rows go into the
record sheet's Table, which grows, and the run sees them at once.
"""

from __future__ import annotations

import datetime as dt
import doctest
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import arsheet
from arsheet.adapters.live import LiveBook
from arsheet.adapters.live import looks as looks_module
from arsheet.adapters.live import values as values_module
from arsheet.adapters.live.actions import CHUNK_CELLS, column_values, grid_values
from arsheet.adapters.live.values import excel_values, port_values
from arsheet.book.content import Style
from arsheet.errors import RowsRefused
from tests.bookmaker import make_book
from tests.excel_payload import apply, cell, entered, excel_book, payload

AS_OF = dt.date(2024, 12, 31)
TRICKY = ["00123", "2024-09-01", "=x", "+1", "-", "@home", "TRUE", "1,234.50", "12%", "'quoted"]


def test_text_excel_would_coerce_is_written_as_text() -> None:
    written = excel_values(TRICKY)
    assert [entered(v) for v in written] == TRICKY
    # Without the apostrophe Excel would have made numbers, dates and booleans of them.
    assert [entered(v) for v in TRICKY] != TRICKY
    assert excel_values(["Acme", "北京贸易有限公司", ""]) == ["Acme", "北京贸易有限公司", ""]


def test_blanks_are_written_as_empty_cells_never_as_nan() -> None:
    import pandas as pd

    blanks = [None, float("nan"), pd.NA, pd.NaT, Decimal("NaN"), float("inf")]
    assert excel_values(blanks) == [None] * len(blanks)
    assert port_values(pd.Series([None, 5], dtype="Int64"), Style.INT) == [None, 5]
    assert port_values(pd.Series([float("nan"), 0.25]), Style.PERCENT) == [None, 0.25]
    assert port_values(pd.Series(["x", None], dtype=object), Style.TEXT) == ["x", None]


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_money_is_the_double_excel_parses_from_its_text(cents: int) -> None:
    import pandas as pd

    text = str(Decimal(cents).scaleb(-2))
    [amount] = port_values(pd.Series([cents], dtype="Int64"), Style.MONEY)
    assert amount == float(text) == excel_values([Decimal(text)])[0]


def test_whole_arrays_are_cut_into_chunks_excel_accepts() -> None:
    column = column_values("S", 2, 3, list(range(2 * CHUNK_CELLS + 1)))
    assert [(a.row, len(a.rows)) for a in column] == [
        (2, CHUNK_CELLS),
        (2 + CHUNK_CELLS, CHUNK_CELLS),
        (2 + 2 * CHUNK_CELLS, 1),
    ]
    grid = grid_values("S", [[1, 2, 3]] * CHUNK_CELLS, (CHUNK_CELLS, 4), False)
    assert all(len(a.rows) * 4 <= CHUNK_CELLS for a in grid)
    assert sum(len(a.rows) for a in grid) == CHUNK_CELLS
    assert grid[0].rows[0].tolist() == [1, 2, 3, None]


def _tricky_book(tmp_path: Path) -> Path:
    return make_book(
        tmp_path / "book.xlsx",
        {
            "customers": [["00123", "TRUE"], ["C2", "北京贸易有限公司"]],
            "transactions": [
                ["2024-09-01", "00123", "Invoice", dt.date(2024, 9, 1), None, 100],
                ["1,234.50", "C2", "Invoice", dt.date(2024, 9, 1), None, 1e9],
            ],
        },
    )


def test_ids_and_names_that_look_like_values_survive_a_recalculation(tmp_path: Path) -> None:
    data = payload(_tricky_book(tmp_path))
    book = excel_book(data)
    arsheet.recalc(LiveBook(book), as_of=AS_OF)
    actions = book.json()["actions"]
    applied, _ = apply(data, actions)
    items = next(s["values"] for s in applied["sheets"] if s["name"] == "Open items")
    cells = {v for row in items for v in row}
    assert {"00123", "TRUE", "2024-09-01", "1,234.50", "北京贸易有限公司"} <= cells
    assert 1e9 in cells
    # No text that starts like a formula reaches Excel without its apostrophe.
    sent = [v for a in actions if a["func"] == "setValues" for row in a["values"] for v in row]
    assert not [v for v in sent if isinstance(v, str) and v.startswith(("=", "+", "-", "@"))]
    # A second run reads them back as the same records.
    again = arsheet.load(LiveBook(excel_book(applied)), today=AS_OF)
    assert list(again.book.transactions["document_no"]) == ["2024-09-01", "1,234.50"]


def _log(day: dt.date, customer: str, summary: str) -> dict[str, Any]:
    return {"date": day, "customer_id": customer, "summary": summary, "channel": "email"}


def test_appended_rows_fill_the_table_which_grows_and_the_run_sees_them(tmp_path: Path) -> None:
    template = Path(arsheet.__file__).parent.parent / "templates" / "debt_tracker.xlsx"
    data = payload(template)
    book = excel_book(data)
    live = LiveBook(book)
    live.append("customers", [{"customer_id": "00123", "customer_name": "=Acme"}])
    live.append(
        "collection_log",
        [_log(dt.date(2024, 9, n), "00123", f"call {n}") for n in (1, 2, 3)],
    )
    # The run sees its own rows before Excel has them: the remote engine never updates.
    assert live.cells("Collection log").column(1, 2).tolist()[:3] == [
        "2024-09-01 00:00:00",
        "2024-09-02 00:00:00",
        "2024-09-03 00:00:00",
    ]
    applied, looks = apply(data, book.json()["actions"])
    log = next(s for s in applied["sheets"] if s["name"] == "Collection log")
    assert log["tables"][0]["range_address"] == "A1:L4"
    assert cell(applied, "Collection log", "A2") == 45536
    assert looks.number_formats[("Collection log", "A2:A4")] == "yyyy-mm-dd_)"
    assert cell(applied, "Collection log", "F4") == "call 3"
    assert cell(applied, "Customers", "A2") == "00123"
    assert cell(applied, "Customers", "B2") == "=Acme"
    customers = next(s for s in applied["sheets"] if s["name"] == "Customers")
    # One row into the Table's empty body row: it does not grow.
    assert customers["tables"][0]["range_address"] == "A1:Q2"


def test_a_refused_append_sends_nothing(tmp_path: Path) -> None:
    data = payload(_tricky_book(tmp_path))
    book = excel_book(data)
    with pytest.raises(RowsRefused, match="Transactions!D5"):
        LiveBook(book).append(
            "transactions",
            [
                {
                    "document_no": "INV-9",
                    "customer_id": "C2",
                    "type": "invoice",
                    "date": dt.date(2024, 9, 1),
                    "amount": Decimal("1.00"),
                },
                {
                    "document_no": "INV-10",
                    "customer_id": "C2",
                    "type": "invoice",
                    "date": "not a date",
                    "amount": Decimal("1.00"),
                },
            ],
        )
    assert book.json()["actions"] == []


@pytest.mark.parametrize("module", [values_module, looks_module], ids=lambda m: m.__name__)
def test_the_examples_in_the_docstrings_hold(module: Any) -> None:
    assert doctest.testmod(module).failed == 0


def test_rows_appended_then_recalculated_in_one_run_are_counted() -> None:
    template = Path(arsheet.__file__).parent.parent / "templates" / "debt_tracker.xlsx"
    data = payload(template)
    book = excel_book(data)
    live = LiveBook(book)
    live.append("customers", [{"customer_id": "00123", "customer_name": "Acme"}])
    invoice = {
        "document_no": "INV-1",
        "customer_id": "00123",
        "type": "invoice",
        "date": dt.date(2024, 9, 1),
        "amount": Decimal("100.00"),
    }
    live.append("transactions", [invoice])
    done = arsheet.recalc(live, as_of=AS_OF)
    assert (done.customers, done.documents, done.open_amount) == (1, 1, 10000)
    applied, _ = apply(data, book.json()["actions"])
    rows = next(s["values"] for s in applied["sheets"] if s["name"] == "Transactions")
    assert rows[1][0] == "INV-1"
    assert rows[1][rows[0].index("Open amount")] == 100.0
