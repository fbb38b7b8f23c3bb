"""``arsheet statement``: statements written per customer; a wrong customer or period exits 2."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from letters.statement_books import statement_book

import arsheet
from arsheet.cli import main


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return statement_book(tmp_path / "b.xlsx")


def test_one_customers_statement_in_each_format(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["statement", str(book), "--customer", "ACME", "--out", str(out)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"ACME Acme Ltd: 2,400.00 (en) {out / 'ACME-statement.html'}, {out / 'ACME-statement.txt'}",
        "1 statement, 2026-11-01 to 2026-11-30",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["ACME-statement.html", "ACME-statement.txt"]


def test_all_customers_with_a_balance_or_a_movement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = statement_book(tmp_path / "b.xlsx")
    out = tmp_path / "out"
    args = ["statement", str(book), "--all", "--out", str(out), "--format", "txt"]
    assert main([*args, "--from", "2026-10-01", "--to", "2026-10-31"]) == 0
    # In October only Acme was invoiced; 恒信 owes for September's H-1.
    assert sorted(p.name for p in out.iterdir()) == ["ACME-statement.txt", "HX-statement.txt"]
    assert capsys.readouterr().out.splitlines()[-1] == "2 statements, 2026-10-01 to 2026-10-31"
    assert main([*args, "--to", "2026-08-31"]) == 0
    assert capsys.readouterr().out.splitlines() == ["0 statements, 2026-08-01 to 2026-08-31"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--customer", "NOPE"], "has no customer NOPE"),
        (["--customer", "ACME", "--from", "2026-12-01"], "after it ends on 2026-11-30"),
        (["--customer", "ACME", "--to", "2026-13-01"], "is not a date"),
        (["--customer", "ACME", "--format", "html,rtf"], "not rtf"),
    ],
)
def test_what_cannot_be_done_is_one_sentence_and_writes_nothing(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    out = tmp_path / "out"
    assert main(["statement", str(book), "--out", str(out), *args]) == 2
    err = capsys.readouterr().err
    assert said in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_a_template_that_fails_writes_nothing(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "statement.en.txt").write_text("{{ no_such_field }}", "utf-8")
    out = tmp_path / "out"
    assert main(["statement", str(book), "--all", "--out", str(out)]) == 2
    assert "'no_such_field' is undefined" in capsys.readouterr().err
    assert not out.exists()


def test_customer_or_all_is_required(book: Path) -> None:
    with pytest.raises(SystemExit) as usage:
        main(["statement", str(book)])
    assert usage.value.code == 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_demo_statement_closes_on_the_net_balance(tmp_path: Path, lang: str) -> None:
    """The demo book, the whole year: opening + movements = closing = the engine's net balance."""
    book = tmp_path / "demo.xlsx"
    arsheet.new(book, demo=True, lang=lang, force=True)
    figures = arsheet.compute(book)
    done = arsheet.statement(
        book, start=figures.as_of.replace(month=1, day=1), out=tmp_path / "out"
    )
    assert done.end == figures.as_of
    assert done.statements
    for found in done.statements:
        net = figures.results.customers.loc[found.customer_id, "net_balance"]
        assert found.closing == found.opening + found.debits - found.credits == net
        assert found.open_amount - found.unapplied_credit == net
    moved = {s.customer_id for s in done.statements}
    customers = figures.results.customers
    assert moved >= set(customers.index[customers["net_balance"] != 0])
    assert date(figures.as_of.year, 1, 1) == done.start


def test_a_chinese_book_is_told_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "账簿.xlsx"
    arsheet.new(book, demo=True, lang="zh", force=True)
    assert main(["statement", str(book), "--customer", "C001", "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("1 份对账单，")


def test_a_word_statement_holds_the_slip(book: Path, tmp_path: Path) -> None:
    from docx import Document

    done = arsheet.statement(book, "HX", out=tmp_path / "out", formats=["docx"])
    assert done.files == {"HX": (tmp_path / "out" / "HX-statement.docx",)}
    text = "\n".join(p.text for p in Document(str(done.files["HX"][0])).paragraphs)
    assert "对账确认回执" in text
    assert "人民币伍佰零伍元整" in text


def test_without_libreoffice_a_pdf_statement_writes_nothing(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("arsheet.letters.pdf.find_soffice", lambda: None)
    out = tmp_path / "out"
    args = ["statement", str(book), "--all", "--out", str(out), "--format", "html,pdf"]
    assert main(args) == 2
    assert "PDF needs LibreOffice" in capsys.readouterr().err
    assert list(out.iterdir()) == []


@pytest.mark.libreoffice
def test_a_pdf_statement_is_one_a4_page(book: Path, tmp_path: Path) -> None:
    done = arsheet.statement(book, out=tmp_path / "out", formats=["pdf"])
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "ACME-statement.pdf",
        "HX-statement.pdf",
    ]
    for (pdf,) in done.files.values():
        assert len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes())) == 1, pdf.name
