"""A sheet's cells as the port hands them over: columns by sheet row, absent columns empty."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from arsheet.book.port import SheetCells


def test_a_column_with_no_cell_is_empty_from_any_row_down() -> None:
    cells = SheetCells({1: pa.chunked_array([["Customer ID", "C1", "C2", None, "C4"]])}, 5)
    assert cells.column(1, 3).tolist() == ["C2", pd.NA, "C4"]
    absent = cells.column(2, 3)
    assert absent.index.tolist() == [3, 4, 5]
    assert absent.isna().all()
