"""Where rows appended to a record sheet go: after its last record, inside its Excel Table.

The sheet, its header and its columns are found as the reader finds them
(:mod:`arsheet.book.headers`, :mod:`arsheet.book.ownership`, :mod:`arsheet.book.tables`). The
last record is the last row, down to the end of the data the reader reads, with a value in an
input column; new rows follow it. A Table longer than its data thus gets the new rows in its
first empty body rows, and grows only by the rows that do not fit; under a Table that did not
grow as records were typed below it, the new rows go after those records. The rows taken must
be free: a cell with a value there (other than in arsheet's computed columns, or in columns the
adapter fills itself, such as a Table's formula column) is in the way, and so is a totals row.

Every book adapter's append follows these rules the same way: :func:`appended_sheet`,
:func:`place_rows` and :func:`checked_rows`, each refusal a :class:`~arsheet.errors.RowsRefused`
that locates every problem in both languages.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow.compute as pc

from arsheet.book.cells import to_text
from arsheet.book.contract import RECORD_SHEETS, Sheet
from arsheet.book.headers import find_sheet
from arsheet.book.layout import SheetLayout
from arsheet.book.locate import locate_sheet
from arsheet.book.messages import describe
from arsheet.book.new_records import NewRecords, check_new_records, plain
from arsheet.book.port import BookSource, SheetCells, TableRegion
from arsheet.core.book import UNIQUE_KEYS
from arsheet.core.problems import Problem
from arsheet.errors import RowsRefused

#: The last row of a worksheet; a row below it makes a file Excel must repair.
LAST_ROW = 1_048_576


@dataclass(frozen=True)
class NextRows:
    """Where new rows go on one record sheet.

    Attributes:
        layout: where the reader finds the sheet's columns.
        table: the Table the header row heads, if any.
        first_row: the sheet row of the first new row.
        cells: every cell of the sheet (not cut at the Table's end).
    """

    layout: SheetLayout
    table: TableRegion | None
    first_row: int
    cells: SheetCells


def given_rows(rows: Iterable[Mapping[str, object]]) -> list[Mapping[str, object]]:
    """Return the rows given to an append as a list, refusing what is no list of rows.

    Raises:
        TypeError: ``rows`` is one row alone (it would be read as its keys), or holds a
            value that is no mapping.
    """
    # A generator is taken once, as a list.
    given = [] if isinstance(rows, Mapping) else list(rows)
    if isinstance(rows, Mapping) or not all(isinstance(row, Mapping) for row in given):
        raise TypeError("rows are a list of mappings, one per row: give [row] for one row")
    return given


def appended_sheet(key: str) -> Sheet:
    """Return the record sheet rows are appended to by its key.

    Raises:
        ValueError: ``key`` is not the key of a record sheet.
    """
    sheet = next((s for s in RECORD_SHEETS if s.key == key), None)
    if sheet is None:
        raise ValueError(f"{key!r} is not the key of a record sheet")
    return sheet


def place_rows(source: BookSource, sheet: Sheet) -> NextRows:
    """Return where rows appended to ``sheet`` go (:func:`next_rows`).

    Raises:
        RowsRefused: the book has no such sheet, it has no header, or a required column is
            missing.
    """
    place = next_rows(source, sheet)
    if isinstance(place, list):
        raise rows_refused(source.path, place, {})
    return place


def checked_rows(
    source: BookSource,
    place: NextRows,
    sheet: Sheet,
    rows: Sequence[Mapping[str, object]],
    fills: Collection[int] = (),
) -> NewRecords:
    """Return ``rows`` checked (:func:`arsheet.book.new_records.check_new_records`) at ``place``.

    Args:
        source: the book.
        place: where the rows go.
        sheet: the contract record sheet.
        rows: contract column key -> value, one mapping per new row.
        fills: columns the adapter fills in new rows itself (a Table's formula columns).

    Raises:
        RowsRefused: a cell is in the way (:func:`refusals`) or a value does not fit its
            column; every such problem is told.
    """
    problems = refusals(place, sheet, len(rows), fills)
    checked = check_new_records(sheet, place.layout, place.first_row, rows, source.date1904)
    problems += repeated_keys(place, sheet, rows)
    if problems or checked.problems:
        layouts = {sheet.key: place.layout}
        raise rows_refused(source.path, [*problems, *checked.problems], layouts)
    return checked


def repeated_keys(
    place: NextRows, sheet: Sheet, rows: Sequence[Mapping[str, object]]
) -> list[Problem]:
    """Return a problem for each new row whose key a record of the sheet or an earlier new row has.

    A second run of the same import would otherwise write every record again, and the book then
    holds an error per row; the reader would leave the copies out of the figures.
    """
    key = UNIQUE_KEYS.get(sheet.key)
    col = place.layout.columns.get(key) if key else None
    if key is None or col is None:
        return []
    first = place.layout.header_row + 1
    existing = to_text(place.cells.column(col, first)).iloc[: place.first_row - first]
    existing = existing[(existing != "") & ~existing.duplicated()]
    seen = dict(zip(existing, existing.index, strict=True))
    problems = []
    for row, values in enumerate(rows, start=place.first_row):
        value = plain(values.get(key))
        if value is None or isinstance(value, bool) or not isinstance(value, str | int):
            continue
        text = str(value).strip()
        if text in seen:
            problems.append(
                Problem(
                    sheet.key,
                    row,
                    key,
                    "duplicate_id",
                    value=text,
                    params=(("first", str(seen[text])),),
                )
            )
        elif text:
            seen[text] = row
    return problems


def rows_refused(
    path: Path, problems: Sequence[Problem], layouts: Mapping[str, SheetLayout]
) -> RowsRefused:
    """Return the error that refuses an append for ``problems``, each located in both languages."""
    located = {
        lang: tuple(describe(p, layouts, lang).text for p in problems) for lang in ("en", "zh")
    }
    return RowsRefused(path, located["en"], located["zh"])


def next_rows(source: BookSource, sheet: Sheet) -> NextRows | list[Problem]:
    """Return where rows appended to ``sheet`` go, or why none can be.

    Args:
        source: the book.
        sheet: the contract record sheet.

    Returns:
        The place, or the problems (no such sheet, no header, a required column missing).
    """
    name = find_sheet(source.sheet_names, sheet.names())
    if name is None:
        return [Problem(sheet.key, None, None, "append_no_sheet")]
    located = locate_sheet(source, sheet, name, source.marks())
    if located is None:
        return [Problem(sheet.key, None, None, "no_header")]
    if located.missing:
        return list(located.missing)
    layout, found = located.layout, located.cells
    table = _table(source, sheet, layout)
    end = found.height if layout.last_row is None else layout.last_row
    inputs = [layout.columns[c.key] for c in sheet.inputs if c.key in layout.columns]
    used = [_used(found, col, layout.header_row + 1, end) for col in inputs]
    last = max((int(rows[-1]) for rows in used if rows.size), default=layout.header_row)
    return NextRows(layout, table, last + 1, found)


def _table(source: BookSource, sheet: Sheet, layout: SheetLayout) -> TableRegion | None:
    """Return the Table whose header is the sheet's header row, as the reader picks it."""
    key = next(c.key for c in sheet.inputs if c.required)
    col = layout.columns[key]
    return next(
        (
            t
            for t in source.tables(layout.name)
            if t.header_row == layout.header_row and t.first_col <= col <= t.last_col
        ),
        None,
    )


def _used(found: SheetCells, col: int, first: int, last: int) -> np.ndarray:
    """Return the rows from ``first`` to ``last`` (sorted) whose cell in ``col`` is not empty."""
    rows = np.empty(0, dtype=np.int64)
    column = found.columns.get(col)
    if column is not None and first <= min(last, len(column)):
        part = column.slice(first - 1, last - first + 1)
        rows = first + np.flatnonzero(pc.is_valid(part).to_numpy())
    unread = [row for row in found.unread_in(col) if first <= row <= last]
    return np.union1d(rows, np.array(unread, dtype=np.int64))


def refusals(
    place: NextRows, sheet: Sheet, count: int, fills: Collection[int] = ()
) -> list[Problem]:
    """Return what keeps ``count`` rows from going where ``place`` says.

    Args:
        place: where the rows go.
        sheet: the contract record sheet.
        count: how many rows.
        fills: columns the adapter fills in new rows itself (a Table's formula columns).

    Returns:
        One problem for a totals row the rows would run into, or one per cell in the way:
        in the Table's columns and the sheet's input columns, or in any column without a Table.
    """
    table, layout = place.table, place.layout
    last_row = place.first_row + count - 1
    if last_row > LAST_ROW:
        return [Problem(sheet.key, None, None, "append_sheet_full", value=str(count))]
    if (
        table is not None
        and table.last_row > table.last_body_row
        and last_row > table.last_body_row
    ):
        return [
            Problem(
                sheet.key,
                table.last_row,
                None,
                "append_table_full",
                value=str(count),
                params=(("table", table.name),),
            )
        ]
    columns = {*place.cells.columns, *place.cells.unread}
    if table is not None:
        columns &= {*range(table.first_col, table.last_col + 1), *layout.columns.values()}
    owned = {layout.columns[c.key] for c in sheet.owned if c.key in layout.columns}
    return [
        Problem(sheet.key, int(row), None, "append_cell_taken", params=(("column", str(col)),))
        for col in sorted(columns - owned - set(fills))
        for row in _used(place.cells, col, place.first_row, last_row)
    ]
