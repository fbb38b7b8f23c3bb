"""``arsheet recalc`` through the real entry point: figures written back, batch, backup, locks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from bookmaker import make_book
from corpus import CORPUS
from golden import parts
from lxml import etree
from python_calamine import CalamineWorkbook

from arsheet.cli import main

CUSTOMERS = [
    ["C1", "Acme Trading", "Ann", "", "", "", 30, 1000, "Li"],
    ["C2", "北方贸易有限公司", "王五", "", "", "", 30, None, "Wu"],
]
TRANSACTIONS = [
    # Document No., Customer, Type, Date, Due date, Amount
    ["INV-1", "C1", "Invoice", date(2024, 1, 1), date(2024, 1, 31), 100],
    ["INV-2", "C1", "Invoice", date(2024, 2, 1), date(2024, 3, 2), 250.50],
    ["INV-3", "C2", "Invoice", date(2024, 3, 1), None, 99.99],
]
PAYMENTS = [["P-1", "C1", date(2024, 2, 10), 120]]


def owned(path: Path, sheet: str, *headers: str) -> dict[str, list[object]]:
    """Return the named columns of ``sheet`` by header, data rows only, as calamine reads them."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    head = rows[0]
    return {h: [row[head.index(h)] for row in rows[1:]] for h in headers}


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return make_book(
        tmp_path / "book.xlsx",
        {"customers": CUSTOMERS, "transactions": TRANSACTIONS, "payments": PAYMENTS},
    )


def test_balances_and_aging_are_written_into_the_book(book: Path) -> None:
    assert main(["recalc", str(book), "--as-of", "2024-03-31"]) == 0
    got = owned(
        book, "Transactions", "Paid", "Open amount", "Status", "Days overdue", "Aging bucket"
    )
    assert got == {
        "Paid": [100.0, 20.0, 0.0],
        "Open amount": [0.0, 230.5, 99.99],
        "Status": ["Paid", "Partially paid", "Unpaid"],
        # INV-1 is paid; INV-2 is 29 days past due; INV-3 is due 2024-03-31, not yet overdue
        "Days overdue": ["", 29.0, 0.0],
        "Aging bucket": ["", "1–30", "Current"],
    }
    assert owned(book, "Payments", "Applied", "Unapplied") == {
        "Applied": [120.0],
        "Unapplied": [0.0],
    }
    assert owned(book, "Customers", "Open balance", "Overdue amount") == {
        "Open balance": [230.5, 99.99],
        "Overdue amount": [230.5, 0.0],
    }


def test_owned_sheets_are_added_and_check_is_green(book: Path) -> None:
    main(["recalc", str(book), "--as-of", "2024-03-31"])
    workbook = CalamineWorkbook.from_path(str(book))
    assert {"Dashboard", "Summary", "Aging", "Check"} <= set(workbook.sheet_names)
    check = workbook.get_sheet_by_name("Check").to_python()
    assert check[1][0] == "No problems found."
    summary = workbook.get_sheet_by_name("Summary").to_python()
    header = summary[2]
    first = dict(zip(header, summary[3], strict=True))
    assert first["Customer ID"] == "C1"  # the most overdue customer comes first
    assert first["Overdue"] == 230.5
    rules = openpyxl.load_workbook(book)["Summary"].conditional_formatting
    formulas = [rule.formula[0] for cf in rules for rule in cf.rules]
    assert any('="Y"' in f for f in formulas)  # over the credit limit
    assert any(">=90" in f for f in formulas)  # long overdue


def test_rows_with_errors_are_listed_and_left_out(tmp_path: Path) -> None:
    bad = [*TRANSACTIONS, ["INV-4", "C1", "Invoice", "2024-13-01", None, 50]]
    path = make_book(
        tmp_path / "bad.xlsx",
        {"customers": CUSTOMERS, "transactions": bad, "payments": PAYMENTS},
    )
    assert main(["recalc", str(path), "--as-of", "2024-03-31"]) == 1
    check = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Check").to_python()
    listed = [row for row in check if row and row[0] == "Transactions!D5"]
    assert listed, check
    assert '"2024-13-01" is not a date' in listed[0][2]
    link = openpyxl.load_workbook(path)["Check"]["A5"].hyperlink
    assert link.location == "'Transactions'!D5"
    got = owned(path, "Transactions", "Open amount", "Status")
    assert got["Status"] == ["Paid", "Partially paid", "Unpaid", ""]
    assert got["Open amount"][3] == ""


def test_batch_reports_one_line_per_book_and_fails_if_any_failed(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "notes.xlsx"
    other.write_bytes(b"not a workbook")
    missing = tmp_path / "missing.xlsx"
    status = main(["recalc", str(book), str(other), str(missing), "--as-of", "2024-03-31"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert status == 2
    assert len(lines) == 3
    assert lines[0].startswith("book.xlsx: recalculated as of 2024-03-31 — 2 customers")
    assert "notes.xlsx" in lines[1]
    assert "missing.xlsx" in lines[2]


def test_json_summary(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recalc", str(book), "--as-of", "2024-03-31", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["status"] == "ok"
    assert summary["open_amount"] == "330.49"
    assert summary["overdue_amount"] == "230.50"
    assert summary["customers"] == 2


def test_backup_keeps_the_previous_version(book: Path) -> None:
    before = book.read_bytes()
    main(["recalc", str(book), "--as-of", "2024-03-31"])
    assert (book.parent / "book.xlsx.bak").read_bytes() == before
    (book.parent / "book.xlsx.bak").unlink()
    main(["recalc", str(book), "--as-of", "2024-03-31", "--no-backup"])
    assert not (book.parent / "book.xlsx.bak").exists()


@pytest.mark.parametrize("lock", ["~$book.xlsx", ".~lock.book.xlsx#"])
def test_a_book_open_elsewhere_is_refused_untouched(
    book: Path, lock: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (book.parent / lock).write_bytes(b"")
    before = book.read_bytes()
    assert main(["recalc", str(book)]) == 2
    assert book.read_bytes() == before
    assert "open in another program" in capsys.readouterr().out


def test_recalculating_twice_changes_nothing(book: Path) -> None:
    main(["recalc", str(book), "--as-of", "2024-03-31", "--no-backup"])
    first = parts(book)
    main(["recalc", str(book), "--as-of", "2024-03-31", "--no-backup"])
    assert parts(book) == first


def test_chinese_book_gets_chinese_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_book(
        tmp_path / "账本.xlsx",
        {"customers": CUSTOMERS, "transactions": TRANSACTIONS, "payments": PAYMENTS},
        lang="zh",
    )
    assert main(["recalc", str(path), "--as-of", "2024-03-31"]) == 0
    assert "已重新计算" in capsys.readouterr().out
    got = owned(path, "交易明细", "状态", "账龄区间")
    assert got == {"状态": ["已结清", "部分收款", "未收款"], "账龄区间": ["", "1–30天", "未到期"]}
    assert "客户汇总" in CalamineWorkbook.from_path(str(path)).sheet_names


def test_the_installed_command_runs_quietly_when_not_a_terminal(book: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "arsheet", "recalc", str(book), "--as-of", "2024-03-31"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.startswith("book.xlsx: recalculated")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_part_written_is_well_formed_xml(tmp_path: Path, lang: str) -> None:
    path = make_book(
        tmp_path / "book.xlsx",
        {"customers": CUSTOMERS, "transactions": TRANSACTIONS, "payments": PAYMENTS},
        lang=lang,
    )
    main(["recalc", str(path), "--as-of", "2024-03-31"])
    for name, data in parts(path).items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(data)  # raises on a malformed part, naming the line
    openpyxl.load_workbook(path)


def test_files_that_are_not_books_are_refused_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copies = []
    for source in sorted(CORPUS.iterdir()):
        if source.suffix in {".xlsx", ".xlsm"}:
            copy = tmp_path / source.name
            copy.write_bytes(source.read_bytes())
            copies.append(copy)
    before = {p: p.read_bytes() for p in copies}
    assert main(["recalc", *map(str, copies)]) == 2
    out, err = capsys.readouterr()
    assert len(out.strip().splitlines()) == len(copies)
    assert "Traceback" not in out + err
    assert all(p.read_bytes() == data for p, data in before.items())
    assert sorted(tmp_path.iterdir()) == sorted(copies)  # no backup, no temp file left


def test_a_read_only_book_is_refused_untouched(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book.chmod(0o444)
    before = book.read_bytes()
    assert main(["recalc", str(book)]) == 2
    assert book.read_bytes() == before
    assert "is read-only" in capsys.readouterr().out
    assert not (book.parent / "book.xlsx.bak").exists()


def test_a_killed_runs_leftovers_are_cleared_but_a_fresh_one_is_kept(book: Path) -> None:
    stale = book.parent / ".book.xlsx.abc123.arsheet-tmp"
    fresh = book.parent / ".book.xlsx.def456.arsheet-tmp"
    other = book.parent / ".other.xlsx.abc123.arsheet-tmp"
    for temp in (stale, fresh, other):
        temp.write_bytes(b"half a workbook")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    os.utime(other, (two_hours_ago, two_hours_ago))
    assert main(["recalc", str(book), "--as-of", "2024-03-31", "--no-backup"]) == 0
    assert not stale.exists()
    assert fresh.exists()  # another run may still be writing it
    assert other.exists()  # another book's
