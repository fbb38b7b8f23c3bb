"""``arsheet check``: every problem at its cell, sorted, counted, in the book's language."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from bookmaker import make_book

from arsheet.app.check import run_check
from arsheet.app.recalc import run_recalc

CUSTOMERS = [["C1", "Acme"], ["C2", "Beta"]]


def check(path: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = run_check(path, out)
    return status, out.getvalue().splitlines()


def test_a_clean_book_exits_0(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": [["INV-1", "C1", "Invoice", date(2024, 9, 1), date(2024, 10, 1), 100]],
            "payments": [["P-1", "C1", date(2024, 9, 5), 40, "INV-1", "Cash"]],
        },
    )
    assert check(book) == (0, ["0 errors, 0 warnings."])


def test_warnings_alone_still_exit_0(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": [["INV-1", "C1", "Invoice", date(2024, 9, 1), date(2024, 8, 1), 100]],
        },
    )
    assert check(book) == (
        0,
        [
            "Transactions!E2: warning: due date 2024-08-01 is before the document date 2024-09-01",
            "0 errors, 1 warning.",
        ],
    )


def test_parse_and_integrity_problems_together_sorted_by_sheet_and_row(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [*CUSTOMERS, ["C1", "Acme again"]],
            "transactions": [
                ["INV-1", "C1", "Invoice", date(2024, 9, 1), "2024-13-01", 100],
                ["INV-2", "C9", "Invoice", date(2024, 9, 1), None, 100],
                ["CN-1", "C2", "Credit note", date(2024, 9, 2), None, 10, "INV-2"],
            ],
            "payments": [["P-1", "C1", date(2024, 9, 5), "12.345", "INV-1"]],
        },
    )
    status, lines = check(book)
    assert status == 1
    assert lines == [
        'Customers!A4: error: customer ID "C1" is already used in row 2',
        'Transactions!E2: error: due date "2024-13-01" is not a date',
        'Transactions!B3: error: customer ID "C9" is not a valid customer on the Customers sheet',
        'Transactions!G4: warning: against document "INV-2" is not a valid document on the'
        " Transactions sheet; treated as no link",
        'Payments!D2: error: amount "12.345" has more than 2 decimals',
        "4 errors, 1 warning.",
    ]


def test_a_chinese_book_is_reported_in_chinese(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "payments": [["P-1", "C1", "2024年9月31日", 10]]},
        lang="zh",
    )
    assert check(book) == (
        1,
        ["收款记录!C2：错误：收款日期“2024年9月31日”不是有效日期", "错误 1 个，警告 0 个。"],
    )


def test_check_reports_a_link_to_a_later_document_as_recalc_does(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": [["INV-1", "C1", "Invoice", date(2024, 6, 1), date(2024, 7, 1), 100]],
            "payments": [["P-1", "C1", date(2024, 2, 10), 40, "INV-1"]],
            "settings": [["As-of date", date(2024, 3, 31)]],
        },
    )
    warning = (
        'Payments!E2: warning: applied to "INV-1" is dated 2024-06-01, after the as-of date;'
        " treated as no link"
    )
    assert check(book) == (0, [warning, "0 errors, 1 warning."])
    out = io.StringIO()
    run_recalc([book], backup=False, out=out)
    assert "0 errors, 1 warning (see the Check sheet)" in out.getvalue()


def test_an_unexpected_failure_is_one_line_and_exit_2_not_data_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr("arsheet.app.check.check", broken)
    monkeypatch.setenv("ARSHEET_LANG", "en")
    assert check(tmp_path / "b.xlsx") == (
        2,
        ["b.xlsx: the check failed with an unexpected error (ValueError: a bug)"],
    )


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    book = make_book(tmp_path / "b.xlsx", {"customers": CUSTOMERS})
    # The pipe is closed before the command writes, as `arsheet check b.xlsx | head -0` does.
    command = [sys.executable, "-m", "arsheet", "check", str(book)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as run:
        assert run.stdout is not None
        assert run.stderr is not None
        run.stdout.close()
        err = run.stderr.read()
    assert (run.returncode, err) == (141, b"")
