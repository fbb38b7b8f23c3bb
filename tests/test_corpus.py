"""Files that are not arsheet workbooks get one clear sentence and exit 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import CORPUS

from arsheet.cli import main

EXCEL_MADE = sorted(p for p in CORPUS.iterdir() if p.suffix in {".xlsx", ".xlsm"})


def not_books(tmp: Path) -> list[Path]:
    """The corpus plus a fake .xls (OLE header), a .csv, a folder and a missing path."""
    xls = tmp / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    csv = tmp / "customers.csv"
    csv.write_text("Customer ID,Customer name\nC1,Acme\n", encoding="utf-8")
    folder = tmp / "folder.xlsx"
    folder.mkdir()
    return [*EXCEL_MADE, xls, csv, folder, tmp / "missing.xlsx"]


def test_the_corpus_is_there() -> None:
    assert len(EXCEL_MADE) >= 30


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_gets_one_sentence_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8" if lang == "zh" else "C.UTF-8")
    for path in not_books(tmp_path):
        assert main(["check", str(path)]) == 2, path.name
        out, err = capsys.readouterr()
        lines = out.splitlines()
        assert len(lines) == 1, (path.name, out)
        expected = "无法作为 arsheet 工作簿读取" if lang == "zh" else "cannot be read as an arsheet"
        assert expected in lines[0]
        assert path.name in lines[0]
        assert "Traceback" not in out + err


def test_through_the_real_command(tmp_path: Path) -> None:
    paths = [CORPUS / "calamine__pass_protected.xlsx", CORPUS / "python-calamine__empty_file.xlsx"]
    for path, reason in zip(paths, ["password", "empty"], strict=True):
        run = subprocess.run(
            [sys.executable, "-m", "arsheet", "check", str(path)],
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
            timeout=120,
        )
        assert run.returncode == 2
        assert run.stderr == ""
        assert reason in run.stdout
        assert len(run.stdout.splitlines()) == 1
