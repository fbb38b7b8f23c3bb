"""Issue 11 attacked: notices on books and inputs their authors did not plan for.

Each test is an attack that once broke: a book made before dunning notices (its Collection log
without a Dunning level column), whose notices were sent and then could not be recorded, so
every run sent them again; customers whose letters overwrote each other's files (``A/B`` and
``a_b``); a customer ID too long for a file name; a Dunning level typed in the Collection
log that the ladder has not, silently read as none; an address with its name
(``Jane Doe <jane@acme.example>``) taken for no address; notices dated after today
recorded on a day that has not come, so that today's run issued them again; --out naming a
file, told as an unexpected error.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from bookmaker import make_book
from letters_book import AS_OF, CUSTOMERS, SETTINGS, TRANSACTIONS
from smtp_server import HOST, smtp_server

from arsheet.api import load
from arsheet.cli import main
from arsheet.pipeline import computed

#: The Collection log as books made before dunning notices have it: no Dunning level.
OLD_LOG = [
    ["Date", "Customer ID", "Document No.", "Channel", "Summary"],
    [date(2026, 11, 10), "C2", "", "Email", "Called about INV-7"],
]
OLD_LOG_ZH = [
    ["日期", "客户编号", "单据编号", "渠道", "沟通摘要"],
    [date(2026, 11, 10), "C2", "", "Email", "电话催收 INV-7"],
]


def old_book(path: Path, log: list[list[object]] = OLD_LOG) -> Path:
    """The letters book with its Collection log made before dunning notices."""
    rows = [["Setting", "Value"], *SETTINGS]
    return make_book(
        path,
        {
            "customers": CUSTOMERS,
            "transactions": TRANSACTIONS,
            "collection_log": log,
            "settings": rows,
        },
    )


def test_send_on_a_book_without_a_dunning_level_column_sends_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = old_book(tmp_path / "old.xlsx")
    before = book.read_bytes()
    with smtp_server() as server:
        assert main(["send", str(book), "--smtp", f"{HOST}:{server.port}"]) == 2
    assert server.inbox.received == []
    assert book.read_bytes() == before
    assert capsys.readouterr().err.strip() == (
        "old.xlsx: the Collection log has no “Dunning level” column, so the notices issued "
        "could not be recorded and the next run would issue them again; add a column headed "
        "“Dunning level” to the Collection log and run again. No notice was issued."
    )


def test_letters_on_paper_in_a_book_without_the_column_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARSHEET_LANG", "zh")
    book = old_book(tmp_path / "old.xlsx", OLD_LOG_ZH)
    before = book.read_bytes()
    assert main(["letters", str(book), "--level", "2"]) == 2
    assert not (tmp_path / "letters" / AS_OF.isoformat()).exists()
    assert book.read_bytes() == before
    assert "“催收记录”表没有“催收级别”列" in capsys.readouterr().err


def test_a_dry_run_of_letters_in_an_old_book_still_shows_them(tmp_path: Path) -> None:
    book = old_book(tmp_path / "old.xlsx")
    assert main(["letters", str(book), "--level", "2", "--dry-run"]) == 0
    assert sorted(p.name for p in (tmp_path / "letters" / AS_OF.isoformat()).iterdir())[:2] == [
        "C1-second_notice.html",
        "C1-second_notice.txt",
    ]


def customers_book(path: Path, ids: list[str], *, with_log: bool = False) -> Path:
    """The letters book with customers ``ids``, each owing what ACME owes; ``with_log``: with
    an empty Collection log, to record notices in."""
    return make_book(
        path,
        {
            "customers": [[i, f"Customer {i}", *CUSTOMERS[0][2:]] for i in ids],
            "transactions": [
                [f"INV-{n}", i, *TRANSACTIONS[0][2:]] for n, i in enumerate(ids, start=1)
            ],
            "settings": [["Setting", "Value"], *SETTINGS],
            **({"collection_log": []} if with_log else {}),
        },
    )


def test_two_customers_whose_letters_share_a_file_name_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = customers_book(tmp_path / "b.xlsx", ["A/B", "C1", "a_b"])
    assert main(["letters", str(book), "--dry-run"]) == 2
    assert capsys.readouterr().err.strip() == (
        "arsheet letters: customers A/B and a_b would both be written to "
        "a_b-first_notice.html; write them one at a time to different folders"
    )
    assert not (tmp_path / "letters").exists()


def test_a_customer_id_too_long_for_a_file_name_is_cut(tmp_path: Path) -> None:
    long_id = "客户" * 100
    book = customers_book(tmp_path / "b.xlsx", [long_id])
    assert main(["letters", str(book), "--dry-run", "--format", "html,txt,docx"]) == 0
    names = sorted(p.name for p in (tmp_path / "letters" / AS_OF.isoformat()).iterdir())
    assert names == [f"{'客户' * 20}-first_notice.{ext}" for ext in ("docx", "html", "txt")]


def test_a_logged_level_the_ladder_has_not_is_a_warning_and_no_notice(tmp_path: Path) -> None:
    log = [
        ["Date", "Customer ID", "Document No.", "Channel", "Dunning level", "Summary"],
        [date(2026, 11, 10), "C2", "", "Letter", 99, "Sent the lawyer's letter"],
    ]
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": TRANSACTIONS,
            "collection_log": log,
            "settings": [["Setting", "Value"], *SETTINGS],
        },
    )
    loaded, results = computed(load(book), today=AS_OF)
    assert [p.text for p in loaded.located] == [
        "'Collection log'!E2: dunning level \"99\" is not one of the Dunning levels on Settings "
        "(0, 1, 2, 3); read as empty, the row stays in the figures"
    ]
    c2 = results.customers.loc["C2"]
    assert (c2["notice_name"], c2["last_notice_level"]) == ("First notice", pd.NA)


def test_addresses_with_their_names_as_a_mail_program_copies_them_are_sent_to(
    tmp_path: Path,
) -> None:
    book = customers_book(tmp_path / "b.xlsx", ["C1", "C2"], with_log=True)
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Customers"]
    sheet["E2"] = "Jane Doe <jane@acme.example>"
    sheet["E3"] = '"Doe, John" <john@acme.example>; 王经理 <wang@acme.example>'
    workbook.save(book)
    with smtp_server() as server:
        assert main(["send", str(book), "--smtp", f"{HOST}:{server.port}"]) == 0
    assert [r.recipients for r in server.inbox.received] == [
        ("jane@acme.example",),
        ("john@acme.example", "wang@acme.example"),
    ]


def test_send_on_a_book_without_a_collection_log_sends_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = customers_book(tmp_path / "b.xlsx", ["C1"])
    with smtp_server() as server:
        assert main(["send", str(book), "--smtp", f"{HOST}:{server.port}"]) == 2
    assert server.inbox.received == []
    assert capsys.readouterr().err.startswith(
        "b.xlsx: has no Collection log sheet, so the notices issued could not be recorded"
    )


@pytest.mark.parametrize("command", ["letters", "send"])
def test_notices_dated_after_today_are_not_issued(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    book = customers_book(tmp_path / "b.xlsx", ["C1"], with_log=True)
    before = book.read_bytes()
    with smtp_server() as server:
        more = ["--smtp", f"{HOST}:{server.port}"] if command == "send" else ["--level", "2"]
        assert main([command, str(book), "--as-of", "2099-01-15", *more]) == 2
    assert server.inbox.received == []
    assert book.read_bytes() == before
    assert not (tmp_path / "letters").exists()
    assert "would be dated 2099-01-15, after today" in capsys.readouterr().err


def test_letters_asked_into_a_file_are_refused_in_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = customers_book(tmp_path / "b.xlsx", ["C1"])
    assert main(["letters", str(book), "--dry-run", "--out", str(book)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"arsheet letters: {book} is a file, not a folder the letters can go to"
    )
