"""Where owned columns and owned sheets go, decided once for every book adapter."""

from __future__ import annotations

import pandas as pd

from arsheet.book.content import Block, SheetContent, Style
from arsheet.book.layout import SheetLayout
from arsheet.book.marks import marks_from_names, sheet_mark
from arsheet.book.ownership import place_owned_columns, place_owned_sheets


def test_owned_columns_the_sheet_lacks_go_right_of_every_used_column() -> None:
    layout = SheetLayout("payments", "Payments", 1, {"payment_no": 1, "unapplied": 9}, 11, "en")
    places = place_owned_columns(layout)
    assert [(p.column.key, p.col, p.added) for p in places] == [
        ("applied", 12, True),
        ("unapplied", 9, False),
    ]


def _check() -> SheetContent:
    return SheetContent("check", "Check", ())


def _summary() -> SheetContent:
    links = pd.Series(["'Check'!A3", "'Check'!A4", "'Transactions'!D4"])
    block = Block(1, 1, pd.DataFrame({"x": ["a", "b", "c"]}), (Style.TEXT,), links=links)
    return SheetContent("summary", "Summary", (block,))


def test_an_owned_sheet_takes_no_users_tab_and_links_follow_it() -> None:
    tabs = ["Customers", "check", "Summary"]
    placed = place_owned_sheets(
        [_summary(), _check()], tabs, [*tabs, "Chart1"], marks_from_names({}), lambda tab: ""
    )
    assert [(content.name, new) for content, new in placed] == [
        ("Summary (arsheet)", True),
        ("Check (arsheet)", True),
    ]
    links = placed[0][0].blocks[0].links
    assert links is not None
    assert links.tolist() == ["'Check (arsheet)'!A3", "'Check (arsheet)'!A4", "'Transactions'!D4"]


def test_a_marked_owned_sheet_is_rewritten_in_place_under_its_tab_name() -> None:
    marks = marks_from_names({sheet_mark("check"): "'My check'!$A$1"})
    placed = place_owned_sheets(
        [_summary(), _check()], ["My check"], ["My check"], marks, lambda tab: ""
    )
    assert [(content.name, new) for content, new in placed] == [
        ("Summary", True),
        ("My check", False),
    ]
    links = placed[0][0].blocks[0].links
    assert links is not None
    assert links.tolist()[0] == "'My check'!A3"
