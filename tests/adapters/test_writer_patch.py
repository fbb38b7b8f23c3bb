"""The fast ways of writing owned cells give exactly what the general, row-by-row ways give."""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from payments_layout import PAYMENTS_LAYOUT

from arsheet.adapters.xlsx import cellxml, sheetscan
from arsheet.adapters.xlsx.patch import RecordPatch
from arsheet.book.address import column_number
from arsheet.book.content import Style
from arsheet.book.layout import OwnedColumns

_STYLES = dict.fromkeys(Style, 5)
_ROW = re.compile(rb'<row r="(\d+)"')


@given(st.lists(st.integers(-(10**18), 10**18), max_size=50))
def test_int_text_spells_integers_as_python_does(values: list[int]) -> None:
    assert cellxml.int_text(np.array(values, dtype=np.int64)).tolist() == [
        str(v).encode() for v in values
    ]


def test_money_text_is_exact_decimals() -> None:
    minor = pd.Series([0, 5, -5, 100, -123456, 10**15 + 1], dtype="Int64")
    text, missing = cellxml.value_text(minor, Style.MONEY, date1904=False)
    assert text.tolist() == [b"0", b"0.05", b"-0.05", b"1", b"-1234.56", b"10000000000000.01"]
    assert not missing.any()


def test_scan_reads_rows_and_columns_and_refuses_unusual_layouts() -> None:
    xml = (
        b'<row r="2" spans="1:3"><c r="A2"><v>1</v></c><c r="XFD2" t="inlineStr"><is><r><rPr>'
        b'<color rgb="FF000000"/></rPr><t>x</t></r></is></c></row><row r="1048576"/>'
    )
    found = sheetscan.scan(xml)
    assert found is not None
    assert found.rows.tolist() == [2, 1048576]
    assert found.columns.tolist() == [1, 16384]
    for odd in (b'<row r="2"><c s="1" r="A2"/></row>', b"<row><c/></row>", b'<row r="2"><c>'):
        assert sheetscan.scan(odd) is None


def _sheet(rows: list[tuple[int, str, bool]]) -> bytes:
    """Sheet XML with one row per (number, layout, has old owned cells)."""
    body = []
    for number, kind, old in rows:
        if kind == "empty":
            body.append(b'<row r="%d" ht="20" customHeight="1"/>' % number)
            continue
        cells = b'<c r="A%d" t="inlineStr"><is><t>P%d</t></is></c><c r="D%d"><v>%d.5</v></c>' % (
            number,
            number,
            number,
            number,
        )
        if old:
            cells += b'<c r="I%d" s="3"><v>1</v></c><c r="J%d" s="3"/>' % (number, number)
        if kind == "beyond":
            cells += b'<c r="K%d"><v>7</v></c>' % number
        body.append(b'<row r="%d">%s</row>' % (number, cells))
    return (
        b'<worksheet><dimension ref="A1:J3"/><sheetData><row r="1"><c r="A1" t="inlineStr">'
        b"<is><t>Payment No.</t></is></c></row>" + b"".join(body) + b"</sheetData></worksheet>"
    )


def _patched(xml: bytes, values: pd.DataFrame, chunk: int) -> bytes:
    patch = RecordPatch(
        OwnedColumns(PAYMENTS_LAYOUT, values), _STYLES, 9, "en", False, Path("x.xlsx")
    )
    return b"".join(patch.apply(xml[i : i + chunk] for i in range(0, len(xml), chunk)))


_ROWS = st.lists(
    st.tuples(
        st.integers(2, 60),
        st.sampled_from(["cells", "cells", "cells", "empty", "beyond"]),
        st.booleans(),
    ),
    max_size=25,
    unique_by=lambda r: r[0],
)


@settings(max_examples=60, deadline=None)
@given(
    rows=_ROWS,
    new=st.dictionaries(st.integers(2, 70), st.integers(-(10**9), 10**9), max_size=30),
    chunk=st.sampled_from([40, 300, 1 << 20]),
)
def test_fast_path_writes_what_the_general_path_writes(
    rows: list[tuple[int, str, bool]],
    new: dict[int, int],
    chunk: int,
) -> None:
    xml = _sheet(sorted(rows))
    index = sorted(new)
    values = pd.DataFrame(
        {
            "applied": pd.array([new[r] for r in index], dtype="Int64"),
            "unapplied": pd.array([None if r % 3 else 1 for r in index], dtype="Int64"),
        },
        index=index,
    )
    fast = _patched(xml, values, chunk)
    with mock.patch.object(sheetscan, "scan", return_value=None):
        general = _patched(xml, values, chunk)
    assert fast == general
    numbers = [int(n) for n in _ROW.findall(fast)]
    assert numbers == sorted(set(numbers))
    for number, kind, _ in rows:
        if kind == "beyond":
            assert b'<c r="K%d"><v>7</v></c></row>' % number in fast
    written = re.findall(rb'<c r="([A-Z]+)(\d+)" s="5"><v>(-?[\d.]+)</v>', fast)
    applied = {int(r): v for col, r, v in written if column_number(col.decode()) == 9}
    assert applied == {r: _money(v) for r, v in new.items()}


def _money(minor: int) -> bytes:
    return cellxml.value_text(pd.Series([minor], dtype="Int64"), Style.MONEY, False)[0][0]


def test_plain_rows_take_the_fast_path() -> None:
    xml = _sheet([(r, "cells", r % 2 == 0) for r in range(2, 40)])
    values = pd.DataFrame({"applied": pd.array(range(2, 50), dtype="Int64")}, index=range(2, 50))
    with mock.patch.object(RecordPatch, "_patch_general", side_effect=AssertionError):
        patched = _patched(xml, values, 200)
    assert patched.count(b'<c r="I') == 48
    assert b'<row r="49"><c r="I49" s="5"><v>0.49</v></c></row></sheetData>' in patched
