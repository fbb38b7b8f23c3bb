"""``arsheet letters``: the notices due written out, told where, and recorded in the book."""

from __future__ import annotations

import hashlib
from email import message_from_bytes, policy
from pathlib import Path

import openpyxl
import pytest
from letters_book import AS_OF, SETTINGS, letters_book

from arsheet.api import letters
from arsheet.cli import main

FOLDER = f"letters/{AS_OF.isoformat()}"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return letters_book(tmp_path / "b.xlsx")


def log_rows(path: Path) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(path)["Collection log"]
    return [row[:6] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_notices_due_are_written_beside_the_book(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["letters", str(book)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("3 notices as of 2026-12-02, written to ")
    assert out[0].endswith(f"{FOLDER} (html, txt):")
    assert out[1:4] == [
        "  C1  First notice           110.41",
        "  C2  Second notice        1,042.07",
        "  C3  First notice           514.25",
    ]
    folder = book.parent / FOLDER
    assert sorted(p.name for p in folder.iterdir()) == [
        "C1-first_notice.html",
        "C1-first_notice.txt",
        "C2-second_notice.html",
        "C2-second_notice.txt",
        "C3-first_notice.html",
        "C3-first_notice.txt",
    ]
    # The worked example: 100.00 overdue 15 days at 10 %, a fee of 10.00.
    letter = (folder / "C1-first_notice.txt").read_text(encoding="utf-8")
    assert "Interest at 10 % a year                        0.41" in letter
    assert "Total to pay                             CNY 110.41" in letter
    chinese = (folder / "C2-second_notice.html").read_text(encoding="utf-8")
    assert "再次催款通知函" in chinese
    assert "人民币壹仟零肆拾贰元零柒分" in chinese


def test_notices_by_letter_are_recorded_and_not_written_again_the_same_day(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["letters", str(book)]) == 0
    assert (
        "1 notice going other than by e-mail recorded in the Collection log of b.xlsx; "
        "previous version kept as b.xlsx.bak"
    ) in capsys.readouterr().out
    rows = log_rows(book)
    assert rows[1][1:] == (
        "C2",
        None,
        "Letter",
        2,
        "Second notice: INV-7; 1,042.07 incl. interest 17.07 and fee 20.00",
    )
    assert rows[1][0].date() == AS_OF  # type: ignore[union-attr]
    assert book.with_name("b.xlsx.bak").exists()
    # E-mails are recorded by arsheet send when delivered: they are still due.
    assert main(["letters", str(book)]) == 0
    out = capsys.readouterr().out
    assert "2 notices" in out
    assert "C2" not in out
    assert len(log_rows(book)) == 2


def test_a_dry_run_writes_the_letters_and_leaves_the_book_alone(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(book)
    assert main(["letters", str(book), "--dry-run", "--out", str(book.parent / "preview")]) == 0
    assert "dry run: nothing was recorded in the book" in capsys.readouterr().out
    assert digest(book) == before
    assert (book.parent / "preview" / "C2-second_notice.html").exists()


def test_emails_go_to_the_customers_addresses_and_one_without_is_named(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["letters", str(book), "--format", "eml", "--no-backup"]) == 1
    captured = capsys.readouterr()
    assert "no e-mail address for C3: no .eml was written for them" in captured.err
    folder = book.parent / FOLDER
    assert sorted(p.name for p in folder.iterdir()) == [
        "C1-first_notice.eml",
        "C2-second_notice.eml",
    ]
    mail = message_from_bytes((folder / "C1-first_notice.eml").read_bytes(), policy=policy.default)
    assert mail["To"] == "ap@acme.example"
    assert mail["From"] == '"Northwind Trading Co., Ltd." <ar@northwind.example>'
    assert "CNY 110.41" in mail["Subject"]
    assert not book.with_name("b.xlsx.bak").exists()


def test_each_email_carries_the_customers_statement_in_its_language(book: Path) -> None:
    assert main(["letters", str(book), "--format", "eml", "--no-backup"]) == 1
    folder = book.parent / FOLDER
    for name, file, words in (
        ("C1-first_notice.eml", "C1-statement.html", ("ACME Industries", "INV-1", "100.00")),
        (
            "C2-second_notice.eml",
            "C2-statement.html",
            ("华东贸易有限公司", "INV-7", "对账确认回执"),
        ),
    ):
        mail = message_from_bytes((folder / name).read_bytes(), policy=policy.default)
        (statement,) = mail.iter_attachments()
        assert statement.get_filename() == file
        assert statement.get_content_type() == "text/html"
        text = statement.get_content()
        assert all(word in text for word in words)


def test_one_customer_at_another_level(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["letters", str(book), "--customer", "C1", "--level", "3", "--no-backup"]) == 0
    out = capsys.readouterr().out
    assert "  C1  Final notice          130.41" in out
    assert (book.parent / FOLDER / "C1-final_notice.html").exists()
    assert log_rows(book)[-1][1:5] == ("C1", None, "Letter", 3)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--customer", "C9"], "b.xlsx has no customer C9"),
        (["--level", "7"], "level 7 is not one of the book's levels [0, 1, 2, 3]"),
        (["--format", "html,rtf"], "formats are some of html, txt, eml, docx, pdf, not rtf"),
        (["--format", ""], "formats are some of html, txt, eml, docx, pdf, not none"),
        (["--as-of", "2026-13-01"], "is not a date like 2024-12-31"),
    ],
)
def test_a_wrong_argument_is_one_sentence_and_nothing_is_written(
    book: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    before = digest(book)
    assert main(["letters", str(book), *args]) == 2
    assert said in capsys.readouterr().err
    assert digest(book) == before
    assert not (book.parent / "letters").exists()


def test_a_broken_template_writes_nothing(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (book.parent / "letters").mkdir()
    (book.parent / "letters" / "first_notice.en.txt").write_text("{{ customer.nmae }}\n")
    before = digest(book)
    assert main(["letters", str(book)]) == 2
    err = capsys.readouterr().err
    assert "letters/first_notice.en.txt, line 1," in err
    assert "no letters were written" in err
    assert digest(book) == before
    assert not (book.parent / FOLDER).exists()


def test_emails_need_the_company_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    without = [row for row in SETTINGS if row[0] != "Company e-mail"]
    path = letters_book(tmp_path / "b.xlsx", settings=without)
    assert main(["letters", str(path), "--format", "html,eml"]) == 1
    assert "the Settings have no Company e-mail" in capsys.readouterr().err
    assert not (tmp_path / "letters").exists()


def test_a_chinese_book_is_answered_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chinese = [row if row[0] != "Language" else ["Language", "zh"] for row in SETTINGS]
    path = letters_book(tmp_path / "b.xlsx", settings=chinese)
    assert main(["letters", str(path), "--no-backup"]) == 0
    out = capsys.readouterr().out
    assert "2026-12-02 的催收通知 3 份，已写入" in out
    assert "已在 b.xlsx 的催收记录中登记 1 份非邮件通知" in out
    # C3 has no language of its own: its letter is in the book's.
    letter = (tmp_path / FOLDER / "C3-first_notice.txt").read_text(encoding="utf-8")
    assert "尊敬的Beta Ltd：" in letter
    assert (
        log_rows(path)[-1][5] == "Second notice：INV-7；合计 1,042.07（含利息 17.07、费用 20.00）"
    )


def test_the_api_writes_the_same_letters(book: Path) -> None:
    done = letters(book, formats=["txt"], dry_run=True, out=book.parent / "api")
    assert [n.customer_id for n in done.notices] == ["C1", "C2", "C3"]
    assert [f.name for f in done.files] == [
        "C1-first_notice.txt",
        "C2-second_notice.txt",
        "C3-first_notice.txt",
    ]
    assert (done.as_of, done.lang, done.recorded, done.no_email) == (AS_OF, "en", 0, ())


def test_nothing_due_is_said(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["letters", str(book), "--as-of", "2026-09-01", "--no-backup"]) == 0
    assert capsys.readouterr().out == "no notice is due as of 2026-09-01; nothing was written\n"


def test_a_folder_that_cannot_be_made_is_one_sentence_and_the_book_is_unchanged(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = book.parent / "not-a-folder"
    blocker.write_text("x")
    before = digest(book)
    assert main(["letters", str(book), "--out", str(blocker / "letters")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cannot write ")
    assert err.rstrip().endswith("the book is unchanged")
    assert digest(book) == before


def test_a_customer_asked_for_without_a_notice_is_told_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import arsheet

    demo = tmp_path / "demo.xlsx"
    arsheet.new(demo, demo=True, force=True)
    people = arsheet.compute(demo).results.customers
    held = people.index[people["not_dunned"] == "hold"][0]
    idle = people.index[people["notice_level"].isna() & (people["not_dunned"] == "")][0]
    asked = ["--customer", held, "--customer", idle, "--dry-run"]
    assert main(["letters", str(demo), *asked]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        f"  {held}  Not dunned: on hold",
        f"  {idle}  Nothing to dun",
    ]
