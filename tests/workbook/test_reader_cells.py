"""Column parsers: date texts round-trip, Excel serials in both date systems match typed dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from arsheet.workbook import cells
from arsheet.workbook.rawbook import open_book

CORPUS = Path("/work/shared/corpus/excel-made")
FORMATS = ("{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}年{m}月{d}日", "{y}.{m}.{d}", " {y}-{m}-{d} ")


@given(
    st.dates(min_value=date(1900, 3, 1), max_value=date(2199, 12, 31)),
    st.sampled_from(FORMATS),
)
def test_date_text_round_trips(day: date, fmt: str) -> None:
    text = fmt.format(y=day.year, m=day.month, d=day.day)
    parsed = cells.parse_dates(pd.Series([text], dtype=object), date1904=False)
    assert parsed.values.iloc[0] == pd.Timestamp(day)
    assert not any(mask.any() for mask in parsed.problems.values())


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_cents_round_trip_through_text_and_numbers(minor: int) -> None:
    amount = minor / 100
    raw = pd.Series([amount, f"{amount:,.2f}", f"¥{amount:.2f}"], dtype=object)
    parsed = cells.parse_money(raw, positive=False)
    assert parsed.values.tolist() == [minor] * 3
    assert parsed.problems["negative_amount"].tolist() == [minor < 0] * 3


@pytest.mark.parametrize(
    ("name", "date1904"),
    [("sheetjs__1904_1900.xlsx", False), ("sheetjs__1904_1904.xlsx", True)],
)
def test_serials_convert_like_the_typed_dates_beside_them(name: str, date1904: bool) -> None:
    book = open_book(CORPUS / name)
    assert book.date1904 is date1904
    rows = pd.DataFrame(book.rows(book.sheet_names[0]), dtype=object)
    rows = rows[rows[0] >= 61]  # serials before 1900-03-01 are out of range by design
    serials = cells.parse_dates(rows[0], book.date1904).values
    typed = cells.parse_dates(rows[1], book.date1904).values
    assert len(rows) >= 3
    assert serials.tolist() == typed.tolist()


@pytest.mark.parametrize("name", ["XlsxWriter__date_1904_01.xlsx", "XlsxWriter__date_1904_02.xlsx"])
def test_xlsxwriter_1904_books_are_flagged(name: str) -> None:
    assert open_book(CORPUS / name).date1904 is ("02" in name)


def test_choices_accept_every_label_and_alias_in_any_case() -> None:
    from arsheet.workbook.contract import CHANNELS

    raw = pd.Series([" e-mail ", "微信", "PHONE", "拜访", "fax", ""], dtype=object)
    parsed = cells.parse_choices(raw, CHANNELS)
    assert parsed.values.tolist() == ["email", "wechat", "call", "visit", "", ""]
    assert parsed.problems["unknown_choice"].tolist() == [False] * 4 + [True, False]
    assert parsed.blank.tolist() == [False] * 5 + [True]
