"""Column parsers: date texts round-trip, Excel serials in both date systems match typed dates."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from bookmaker import make_book
from corpus import CORPUS
from hypothesis import example, given
from hypothesis import strategies as st

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.adapters.xlsx.rawbook import open_book
from arsheet.book import cells
from arsheet.book.contract import RECORD_SHEETS, SETTINGS, SETTINGS_TABLES, Kind
from arsheet.book.messages import describe_all
from arsheet.book.reader import read_book
from arsheet.book.records import INT_MAXIMUM, INT_MINIMUM

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
    from arsheet.book.contract import CHANNELS

    raw = pd.Series([" e-mail ", "微信", "PHONE", "拜访", "fax", ""], dtype=object)
    parsed = cells.parse_choices(raw, CHANNELS)
    assert parsed.values.tolist() == ["email", "wechat", "call", "visit", "", ""]
    assert parsed.problems["unknown_choice"].tolist() == [False] * 4 + [True, False]
    assert parsed.blank.tolist() == [False] * 5 + [True]


# Text that reads like a typed value ("true", "45566") is read as that value by both engines,
# since fastexcel gives every cell as text; Excel itself turns such typing into typed values.
MIXED = [
    [45566, 0.1 + 0.2, 10.005, 123456789.12, -5, 1e-7],
    [True, False, "yes", " x ", "", "45566"],
    [datetime(2024, 9, 1), date(2024, 9, 1), datetime(2024, 9, 1, 13, 45), time(12, 30)],
    ["2024/9/1", "2024年9月1日", "1,234.56", "¥200", "Invoice", "Y"],
]


def test_both_engines_give_the_same_cells(tmp_path: Path) -> None:
    """fastexcel (1900 books) and python-calamine (1904 books) feed the parsers alike."""
    path = make_book(tmp_path / "b.xlsx", {"Mixed": MIXED})
    fast = open_book(path)
    slow = dataclasses.replace(fast, date1904=True)  # a 1904 book is read with python-calamine
    a, b = fast.cells("Mixed"), slow.cells("Mixed")
    assert a.height == b.height == len(MIXED)
    for number in range(1, 7):
        x, y = a.column(number, 1), b.column(number, 1)
        assert cells.to_text(x).tolist() == cells.to_text(y).tolist()
        assert cells.parse_money(x, positive=False).values.tolist() == (
            cells.parse_money(y, positive=False).values.tolist()
        )
        assert cells.parse_dates(x, date1904=False).values.tolist() == (
            cells.parse_dates(y, date1904=False).values.tolist()
        )


def test_cells_read_as_the_user_sees_them(tmp_path: Path) -> None:
    book = open_book(make_book(tmp_path / "b.xlsx", {"Mixed": MIXED}))
    grid = book.cells("Mixed").head(4)
    assert [cells.display(v) for v in grid[0]] == [
        "45566", "0.3", "10.005", "123456789.12", "-5", "0.0000001"
    ]  # fmt: skip
    assert [cells.display(v) for v in grid[1][:4]] == ["TRUE", "FALSE", "yes", "x"]
    assert [cells.display(v) for v in grid[2][:2]] == ["2024-09-01", "2024-09-01"]
    assert grid[2][3] == "12:30:00"


def test_a_sheet_starting_below_and_right_of_a1_keeps_its_cell_addresses(tmp_path: Path) -> None:
    rows = [[], [], [None, None, "x"], [None, 5]]
    book = open_book(make_book(tmp_path / "b.xlsx", {"Offset": rows}))
    found = book.cells("Offset")
    assert found.height == 4
    assert found.head(4)[2] == ["", "", "x"]
    assert found.column(2, 3).to_dict() == {3: None, 4: "5"}


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2))
@example(Decimal("170459192.70"))  # big enough for float error to pass 1e-6 of a cent
def test_money_text_is_exact_cents(amount: Decimal) -> None:
    parsed = cells.parse_money(pd.Series([str(amount)], dtype=object), positive=False)
    assert parsed.values.tolist() == [int(amount * 100)]


@pytest.mark.parametrize("amount", [170459192.70, 9999999999.99, 123456789.12])
def test_large_typed_amounts_are_exact_cents(amount: float) -> None:
    parsed = cells.parse_money(pd.Series([amount], dtype=object), positive=True)
    assert parsed.values.tolist() == [round(Decimal(str(amount)) * 100)]
    assert not any(flags.any() for flags in parsed.problems.values())


def first_codes(parsed: cells.Parsed) -> list[str]:
    """Return each cell's problem code, or "" when it has none."""
    flagged = pd.DataFrame({code: mask.to_numpy() for code, mask in parsed.problems.items()})
    return [next((c for c in flagged if row[c]), "") for _, row in flagged.iterrows()]


# Amounts as typed -> cents, or the problem. A comma that is not a thousands separator in groups
# of three is a decimal comma, reported, never read as 1,250; too large is "too large".
AMOUNTS = [
    ("12,50", None, "decimal_comma"),
    ("1,23", None, "decimal_comma"),
    ("0,500", None, "decimal_comma"),  # a half, never 500
    ("-0,125", None, "decimal_comma"),
    ("0 500", None, "not_a_number"),
    ("1 234,50", None, "decimal_comma"),
    ("1.234,50", None, "decimal_comma"),
    ("¥12,5", None, "decimal_comma"),
    ("1,234.56", 123456, ""),
    ("¥1,234.56", 123456, ""),
    ("1，234", 123400, ""),  # a full-width comma
    ("１２３４．５６", 123456, ""),  # typed in a full-width input mode
    ("￥１，２３４", 123400, ""),
    ("１２，５０", None, "decimal_comma"),
    ("５²", None, "not_a_number"),  # only full-width forms are read as ASCII, not superscripts
    ("1,234,567.89", 123456789, ""),
    ("1 234 567.89", 123456789, ""),
    ("USD 1,000", 100000, ""),
    ("100 元", 10000, ""),
    ("12 50", None, "not_a_number"),
    ("1,2,3", None, "not_a_number"),
    ("1e300", None, "too_large"),
    ("99999999999999999", None, "too_large"),
    ("10000000000", None, "too_large"),
    (1e300, None, "too_large"),
    ("9999999999.99", 999999999999, ""),
    ("-9999999999.99", -999999999999, "negative_amount"),
]


def test_amount_text_reads_exactly_or_says_why_not() -> None:
    parsed = cells.parse_money(pd.Series([a for a, _, _ in AMOUNTS], dtype=object), False)
    assert parsed.values.tolist() == [pd.NA if c is None else c for _, c, _ in AMOUNTS]
    assert first_codes(parsed) == [code for _, _, code in AMOUNTS]


@given(
    st.integers(min_value=0, max_value=999_999),
    st.text("0123456789", min_size=1, max_size=6).filter(lambda digits: len(digits) != 3),
    st.sampled_from(["", "¥", "-"]),
)
def test_a_comma_not_before_three_digits_is_never_read(whole: int, after: str, sign: str) -> None:
    parsed = cells.parse_money(pd.Series([f"{sign}{whole},{after}"], dtype=object), False)
    assert parsed.values.tolist() == [pd.NA]
    assert first_codes(parsed) == ["decimal_comma"]


def test_a_decimal_comma_is_suggested_with_a_point() -> None:
    assert [cells.with_decimal_point(a) for a in ("12,50", "1.234,50", "1 234,5", "¥-1,23")] == [
        "12.50",
        "1234.50",
        "1234.5",
        "-1.23",
    ]


@given(st.integers(min_value=-(10**11), max_value=10**11))
def test_whole_amounts_with_thousands_separators_read_exactly(minor: int) -> None:
    amount = Decimal(minor) / 100
    raw = pd.Series([f"{amount:,.2f}", f"{amount:,.2f}".replace(",", " ")], dtype=object)
    assert cells.parse_money(raw, positive=False).values.tolist() == [minor, minor]


def test_amount_problems_are_located_in_both_languages(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [["C1", "Acme"]],
            "transactions": [
                ["INV-1", "C1", "Invoice", date(2024, 9, 1), None, "12,50"],
                ["INV-2", "C1", "Invoice", date(2024, 9, 1), None, 1e300],
                ["INV-3", "C1", "Invoice", date(2024, 9, 1), None, "1,234.56"],
            ],
        },
    )
    result = read_book(XlsxBook(book))
    assert result.book.transactions["amount"].tolist() == [123456]
    assert [p.text for p in describe_all(result.problems, result.layouts, "en")] == [
        'Transactions!F2: amount "12,50" has a decimal comma; type 12.50',
        'Transactions!F3: amount "1E+300" is too large (at most 9,999,999,999.99)',
    ]
    assert [p.text for p in describe_all(result.problems, result.layouts, "zh")] == [
        "Transactions!F2：金额“12,50”使用了小数逗号，请输入 12.50",
        "Transactions!F3：金额“1E+300”过大（最大为 9,999,999,999.99）",
    ]


def test_settings_beyond_their_maximum_are_too_large_and_keep_the_default(tmp_path: Path) -> None:
    settings = [["Grace days", 100000], ["Default terms days", "1e6"]]
    result = read_book(XlsxBook(make_book(tmp_path / "b.xlsx", {"settings": settings})))
    assert (result.book.settings.grace_days, result.book.settings.default_terms_days) == (0, 30)
    assert [p.text for p in describe_all(result.problems, result.layouts, "en")] == [
        'Settings!B1: grace days "100000" is too large (at most 3650)',
        'Settings!B2: default terms days "1e6" is too large (at most 3650)',
    ]


def test_whole_numbers_beyond_their_maximum_are_too_large() -> None:
    raw = pd.Series(["3650", "3651", "100000", "1e300", 1e20, "-1e300", "2.5"], dtype=object)
    parsed = cells.parse_ints(raw, minimum=-3650, maximum=3650)
    assert parsed.values.tolist() == [3650, *[pd.NA] * 6]
    assert first_codes(parsed) == [""] + ["too_large"] * 4 + ["too_small", "not_a_whole_number"]


def test_every_whole_number_column_and_setting_has_a_range() -> None:
    columns = [c for s in (*RECORD_SHEETS, *SETTINGS_TABLES) for c in s.inputs]
    keys = {c.key for c in columns if c.kind is Kind.INT}
    keys |= {s.key for s in SETTINGS if s.kind is Kind.INT}
    assert keys == set(INT_MINIMUM) == set(INT_MAXIMUM)
    assert all(INT_MINIMUM[key] < INT_MAXIMUM[key] for key in keys)


def test_text_that_reads_like_a_typed_value_stays_the_users_text(tmp_path: Path) -> None:
    """A customer called "false" is not the boolean FALSE, nor "1899-12-31 10:00" a time."""
    names = ["false", "true", "1899-12-31 10:00:00"]
    rows = [[f"C{i}", name] for i, name in enumerate(names)]
    book = read_book(XlsxBook(make_book(tmp_path / "b.xlsx", {"customers": rows})))
    assert book.book.customers["customer_name"].tolist() == names


@pytest.mark.parametrize("noise", [5.551115123125783e-17, -2.7755575615628914e-17])
def test_formula_noise_around_zero_is_a_zero_amount(noise: float) -> None:
    # =0.1+0.2-0.3 and =0.3-0.1-0.2 are zero in cents: never a positive amount nor "negative".
    parsed = cells.parse_money(pd.Series([noise], dtype=object), positive=True)
    assert first_codes(parsed) == ["zero_amount"]
    optional = cells.parse_money(pd.Series([noise], dtype=object), positive=False)
    assert (first_codes(optional), optional.values.tolist()) == ([""], [0])


@pytest.mark.parametrize(
    ("lang", "bounds", "message"),
    [
        (
            "en",
            "30, 99999999999999999999999",
            'Settings!B1: aging buckets "30, 99999999999999999999999" must be increasing whole'
            " numbers of days, at most 3650, such as 30,60,90,120",
        ),
        (
            "zh",
            "30,3651",
            "设置!B1：账龄分段“30,3651”应为递增的整数天数（最大为 3650），例如 30,60,90,120",
        ),
    ],
)
def test_aging_buckets_beyond_ten_years_are_located_and_keep_the_default(
    tmp_path: Path, lang: str, bounds: str, message: str
) -> None:
    settings = [["Aging buckets" if lang == "en" else "账龄分段", bounds]]
    result = read_book(XlsxBook(make_book(tmp_path / "b.xlsx", {"settings": settings}, lang=lang)))
    assert result.book.settings.aging_bounds == (30, 60, 90, 120)
    assert [p.text for p in describe_all(result.problems, result.layouts, lang)] == [message]


def test_a_time_of_day_on_the_last_date_is_still_in_range() -> None:
    raw = pd.Series(["2199-12-31 23:59:00", datetime(2199, 12, 31, 12), "2200-01-01"], dtype=object)
    parsed = cells.parse_dates(raw, date1904=False)
    assert parsed.values.tolist()[:2] == [pd.Timestamp("2199-12-31")] * 2
    assert first_codes(parsed) == ["", "", "date_out_of_range"]


def test_full_width_whole_numbers_and_dates_read_as_typed() -> None:
    ints = cells.parse_ints(pd.Series(["３０", "３．５"], dtype=object), minimum=0, maximum=3650)
    assert (ints.values.tolist(), first_codes(ints)) == ([30, pd.NA], ["", "not_a_whole_number"])
    dates = cells.parse_dates(
        pd.Series(["２０２４－０９－０１", "４５５３６"], dtype=object), False
    )
    assert dates.values.tolist() == [pd.Timestamp("2024-09-01")] * 2
