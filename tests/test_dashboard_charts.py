"""The Dashboard's chart ranges, as a book in memory reads them: what each chart is given to draw.

The aging range has one row per bucket and adds the buckets it has no room for into its last;
the top-overdue range one per overdue customer, or one saying there is none; the monthly range
twelve months, the current one marked as partial unless the as-of date ends its month; the
forecast range the money expected in each of the next thirteen weeks, then later. The
template's charts label every category and count whole money on their value axes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import arsheet
from arsheet.book.contract import DASHBOARD
from arsheet.reports import dashboard_ranges as at
from arsheet.template.build import template_bytes


def dashboard(
    as_of: date, lang: str = "en", *, due: date = date(2024, 9, 30), **book_settings: str
) -> list[list[object]]:
    """Return the Dashboard's rows after recalculating a one-invoice book as of ``as_of``."""
    book = arsheet.MemoryBook.from_records(
        {
            "customers": [{"customer_id": "C1", "customer_name": "Acme", "terms_days": 30}],
            "transactions": [
                {
                    "document_no": "INV-1",
                    "customer_id": "C1",
                    "type": "invoice",
                    "date": date(2024, 9, 1),
                    "due_date": due,
                    "amount": Decimal("1200.00"),
                }
            ],
        },
        lang=lang,
        settings=book_settings,
    )
    arsheet.recalc(book, as_of=as_of)
    return book.sheet(DASHBOARD.name(lang))


def column(rows: list[list[object]], header_row: int, offset: int = 0) -> list[object]:
    """Return a range's column below its header down to the first empty cell."""
    values = []
    for row in rows[header_row:]:
        value = row[at.DASHBOARD_TABLE_COL - 1 + offset]
        if value is None:
            break
        values.append(value)
    return values


@pytest.mark.parametrize(
    ("lang", "as_of", "last"),
    [
        ("en", date(2024, 12, 2), "2024-12 (to 2 Dec)"),
        ("zh", date(2024, 12, 2), "2024-12（截至2日）"),
        ("en", date(2025, 2, 27), "2025-02 (to 27 Feb)"),
        ("en", date(2024, 12, 31), "2024-12"),
        ("zh", date(2024, 2, 29), "2024-02"),
    ],
)
def test_the_current_month_is_marked_partial_unless_it_is_over(
    lang: str, as_of: date, last: str
) -> None:
    months = column(dashboard(as_of, lang), at.DASHBOARD_MONTHS_ROW)
    assert len(months) == at.DASHBOARD_MONTHS_ROWS
    assert months[-1] == last
    assert months[-2] == f"{as_of.year}-{as_of.month - 1:02d}" or as_of.month == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nothing_overdue_is_said_in_one_row(lang: str) -> None:
    rows = dashboard(date(2024, 9, 15), lang)
    assert column(rows, at.DASHBOARD_TOP_ROW) == [
        "No overdue customers" if lang == "en" else "无逾期客户"
    ]
    assert column(rows, at.DASHBOARD_TOP_ROW, 1) == [Decimal("0.00")]


# A whole recalculation per example: few examples, however long each takes.
@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 400), min_size=1, max_size=12, unique=True))
def test_the_aging_range_holds_every_bucket_and_the_whole_open_amount(bounds: list[int]) -> None:
    bounds = sorted(bounds)
    rows = dashboard(
        date(2025, 6, 30), due=date(2024, 12, 1), aging_bounds=",".join(map(str, bounds))
    )
    labels = column(rows, at.DASHBOARD_AGING_ROW)
    amounts = column(rows, at.DASHBOARD_AGING_ROW, 1)
    assert len(labels) == len(amounts) == min(len(bounds) + 2, at.DASHBOARD_AGING_ROWS)
    assert labels[0] == "Current"
    assert labels[-1].endswith("+")
    assert sum(amounts) == Decimal("1200.00")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_templates_charts_label_every_category_on_whole_number_axes(lang: str) -> None:
    with zipfile.ZipFile(io.BytesIO(template_bytes(lang, False, date(2024, 12, 31)))) as package:
        charts = [package.read(n) for n in package.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 4
    for chart in charts:
        assert re.findall(rb"<tickLblSkip val=\"(\d+)\"/>", chart) == [b"1"]
        assert re.findall(rb"<valAx>.*?formatCode=\"([^\"]*)\"", chart) == [b"#,##0"]
    (months,) = (chart for chart in charts if b"<lineChart>" in chart)
    # LibreOffice smooths a line whose series does not say otherwise.
    assert re.findall(rb"<smooth val=\"(\d)\"/>", months) == [b"0"]


@pytest.mark.parametrize(
    ("lang", "first", "later"),
    [("en", "10-01 – 10-07 (incl. overdue)", "Later"), ("zh", "10-01 – 10-07（含逾期）", "更晚")],
)
def test_the_forecast_range_holds_thirteen_weeks_then_later(
    lang: str, first: str, later: str
) -> None:
    # Due 2024-12-31, no history: expected then, in the 14th week from 10-01 (12-31 .. 01-06).
    rows = dashboard(date(2024, 9, 30), lang, due=date(2024, 12, 31))
    weeks = column(rows, at.DASHBOARD_FORECAST_ROW)
    amounts = column(rows, at.DASHBOARD_FORECAST_ROW, 1)
    assert rows[at.DASHBOARD_FORECAST_ROW - 1][at.DASHBOARD_TABLE_COL - 1 :][:2] == [
        "Week" if lang == "en" else "周",
        "Expected collections" if lang == "en" else "预计回款",
    ]
    assert len(weeks) == len(amounts) == at.DASHBOARD_FORECAST_ROWS
    assert weeks[0] == first
    assert weeks[1] == "10-08 – 10-14"
    assert weeks[-2] == "12-24 – 12-30"
    assert weeks[-1] == later
    assert amounts == [Decimal("0.00")] * 13 + [Decimal("1200.00")]


def test_money_overdue_is_expected_in_the_first_week() -> None:
    amounts = column(dashboard(date(2024, 12, 31)), at.DASHBOARD_FORECAST_ROW, 1)
    assert amounts == [Decimal("1200.00")] + [Decimal("0.00")] * 13
