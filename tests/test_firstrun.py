"""A new user's first run: the demo opens with its figures, ``recalc`` says where the previous
version went, and English counts read "1 warning", not "1 warnings".

Through the real entry points (``arsheet new``, ``check``, ``recalc``), in English and Chinese.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from bookmaker import make_book
from python_calamine import CalamineWorkbook

import arsheet
from arsheet.app.check import run_check
from arsheet.cli import main

TODAY = date(2024, 12, 31)
AS_OF = "2024-03-31"
DASHBOARD_TITLE = {"en": "Receivables dashboard as of {}", "zh": "应收账款仪表盘（截至 {}）"}


def sheets(path: Path) -> dict[str, Sequence[Sequence[object]]]:
    """Return every sheet's values, as calamine reads them."""
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def column(rows: Sequence[Sequence[object]], header: str) -> list[object]:
    """Return the values under ``header`` in the first row."""
    at = rows[0].index(header)
    return [row[at] for row in rows[1:]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_demo_opens_recalculated_as_of_its_last_day(
    tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.xlsx"
    assert main(["new", str(path), "--demo", "--lang", lang]) == 0
    day = date.today()
    said = {
        "en": f"created {path}, recalculated as of {day}",
        "zh": f"已创建 {path}，已重新计算（截至 {day}）",
    }
    assert capsys.readouterr().out.strip() == said[lang]
    made = sheets(path)
    dashboard = made["仪表盘" if lang == "zh" else "Dashboard"]
    assert dashboard[0][0] == DASHBOARD_TITLE[lang].format(day)
    open_amount = arsheet.compute(path, as_of=day).totals["open_amount"]
    assert open_amount > 0
    assert dashboard[3][1] == float(open_amount)  # B4, the first tile
    # Nothing is left for a recalculation of that day to fill in or change, and no backup was kept.
    assert main(["recalc", str(path), "--as-of", day.isoformat(), "--no-backup"]) == 0
    assert sheets(path) == made
    assert [p.name for p in tmp_path.iterdir()] == ["demo.xlsx"]


def test_the_api_recalculates_the_demo_as_of_the_day_it_ends(tmp_path: Path) -> None:
    path = arsheet.new(tmp_path / "demo.xlsx", demo=True, today=TODAY)
    made = sheets(path)
    assert made["Dashboard"][0][0] == DASHBOARD_TITLE["en"].format(TODAY)
    assert made["Check"][1][0] == "No problems found."
    statuses = set(column(made["Transactions"], "Status"))
    assert {"Paid", "Partially paid", "Unpaid"} <= statuses
    assert "" not in statuses  # every document has its figures
    open_amount = arsheet.compute(path, as_of=TODAY).totals["open_amount"]
    assert made["Dashboard"][3][1] == float(open_amount)


def test_a_demo_that_cannot_be_recalculated_replaces_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    path = tmp_path / "book.xlsx"
    path.write_bytes(b"mine")
    monkeypatch.setattr("arsheet.pipeline.recalculate", broken)
    with pytest.raises(OSError, match="No space left"):
        arsheet.new(path, demo=True, force=True, today=TODAY)
    assert path.read_bytes() == b"mine"
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_recalc_names_the_backup_it_kept(
    tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    book = make_book(tmp_path / "book.xlsx", {"customers": [["C1", "Acme"]]}, lang=lang)
    kept = {
        "en": "; previous version kept as book.xlsx.bak",
        "zh": "；原版本已保存为 book.xlsx.bak",
    }
    assert main(["recalc", str(book), "--as-of", AS_OF]) == 0
    assert capsys.readouterr().out.strip().endswith(kept[lang])
    assert main(["recalc", str(book), "--as-of", AS_OF, "--backup-suffix", ".prev"]) == 0
    assert capsys.readouterr().out.strip().endswith(kept[lang].replace(".bak", ".prev"))
    assert main(["recalc", str(book), "--as-of", AS_OF, "--no-backup"]) == 0
    line = capsys.readouterr().out
    assert "previous version" not in line
    assert "原版本" not in line


def test_recalc_json_gives_the_backup_or_null(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = make_book(tmp_path / "book.xlsx", {"customers": [["C1", "Acme"]]})
    assert main(["recalc", str(book), "--as-of", AS_OF, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["backup"] == str(tmp_path / "book.xlsx.bak")
    assert main(["recalc", str(book), "--as-of", AS_OF, "--json", "--no-backup"]) == 0
    assert json.loads(capsys.readouterr().out)["backup"] is None


def one_of_each(path: Path, lang: str) -> Path:
    """Return a book of one customer with one warning (an early due date) and one error (a
    document dated 13th month, left out of the figures)."""
    invoice = "发票" if lang == "zh" else "Invoice"
    return make_book(
        path,
        {
            "customers": [["C1", "Acme"]],
            "transactions": [
                ["INV-1", "C1", invoice, date(2024, 1, 10), date(2024, 1, 1), 100],
                ["INV-2", "C1", invoice, "2024-13-01", None, 50],
            ],
        },
        lang=lang,
    )


def test_one_of_each_is_counted_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = one_of_each(tmp_path / "book.xlsx", "en")
    out = io.StringIO()
    assert run_check(book, out) == 1
    assert out.getvalue().splitlines()[-1] == "1 error, 1 warning."
    assert main(["recalc", str(book), "--as-of", AS_OF, "--no-backup"]) == 1
    line = capsys.readouterr().out
    assert "— 1 customer, open 100.00 CNY" in line
    assert (
        "1 error, 1 warning (see the Check sheet), left out of the figures: 1 row (documents: 1,"
        " 50.00; payments: 0, 0.00)"
    ) in line
    made = openpyxl.load_workbook(book)
    assert made["Check"]["A2"].value == "1 error, 1 warning"
    assert made["Dashboard"]["D2"].value.startswith(
        "⚠ Left out of these figures because of errors: 1 row, of which documents: 1 (50.00)"
    )


def test_chinese_counts_are_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = one_of_each(tmp_path / "book.xlsx", "zh")
    out = io.StringIO()
    assert run_check(book, out) == 1
    assert out.getvalue().splitlines()[-1] == "错误 1 个，警告 1 个。"
    assert main(["recalc", str(book), "--as-of", AS_OF, "--no-backup"]) == 1
    line = capsys.readouterr().out
    assert "— 1 个客户，未收 100.00 CNY" in line
    assert "1 个错误，1 个警告（见“数据检查”表），1 行未计入统计" in line
    made = openpyxl.load_workbook(book)
    assert made["数据检查"]["A2"].value == "1 个错误，1 个警告"
    assert made["仪表盘"]["D2"].value.startswith("⚠ 有 1 行因错误未计入本表数字")
