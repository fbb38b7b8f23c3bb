"""Letters as PDF: how LibreOffice is found, run once per batch, and what its failures tell.

A stand-in ``soffice`` (a small script) records how it was called and plays LibreOffice's
parts: printing every file, failing to load one, or hanging. The real LibreOffice prints in
``test_pdf_libreoffice.py``.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from pathlib import Path

import pytest

from arsheet.errors import PdfFailed, PdfNeedsLibreOffice
from arsheet.letters import pdf
from arsheet.letters.pdf import convert_to_pdf, find_soffice

#: The stand-in: logs its arguments, then does what ``SOFFICE_PART`` says.
FAKE_SOFFICE = """#!{python}
import json, os, pathlib, subprocess, sys, time
args = sys.argv[1:]
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\\n")
part = os.environ.get("SOFFICE_PART", "print")
out = pathlib.Path(args[args.index("--outdir") + 1])
files = [pathlib.Path(a) for a in args[args.index("--outdir") + 2:]]
if part == "hang":
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    pathlib.Path({log!r}).with_suffix(".pid").write_text(str(child.pid))
    time.sleep(60)
for f in files:
    if part == "fail" and f.stem == "broken":
        print("Error: source file could not be loaded")
        continue
    out.mkdir(parents=True, exist_ok=True)
    (out / (f.stem + ".pdf")).write_bytes(b"%PDF-1.4 from " + f.suffix.encode())
"""


@pytest.fixture
def soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put the stand-in ``soffice`` alone on the PATH; return the log of its calls."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "soffice.log"
    program = folder / "soffice"
    program.write_text(FAKE_SOFFICE.format(python=sys.executable, log=str(log)))
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(folder))
    return log


def _calls(log: Path) -> list[list[str]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def _letters(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = [folder / name for name in names]
    for path in paths:
        if path.suffix == ".html":
            path.write_text("<p>Dear customer, 尊敬的客户</p>", encoding="utf-8")
        else:
            path.write_bytes(b"PK")
    return paths


def test_a_batch_is_printed_in_one_run_with_a_profile_of_its_own(
    soffice: Path, tmp_path: Path
) -> None:
    letters = _letters(tmp_path / "in", "C1-first_notice.html", "C2-first_notice.docx")
    pdfs = convert_to_pdf(letters, tmp_path / "out")
    assert pdfs == [tmp_path / "out/C1-first_notice.pdf", tmp_path / "out/C2-first_notice.pdf"]
    (call,) = _calls(soffice)
    profile = next(a for a in call if a.startswith("-env:UserInstallation="))
    assert profile.startswith("-env:UserInstallation=file://")
    assert not Path(profile.split("file://")[1]).exists()
    assert {"--headless", "--norestore"} <= set(call)
    assert call[call.index("--convert-to") + 1] == "pdf:writer_pdf_Export"
    # The HTML letter is printed from the Word document made of it; the .docx as it is.
    printed = [Path(a) for a in call[call.index("--outdir") + 2 :]]
    assert [p.name for p in printed] == ["C1-first_notice.docx", "C2-first_notice.docx"]
    assert printed[1] == letters[1].resolve()
    assert pdfs[0].read_bytes() == b"%PDF-1.4 from .docx"
    # Nothing but the PDFs is left in the output folder.
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [p.name for p in pdfs]


def test_a_pdf_of_the_same_name_is_replaced(soffice: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out/C1-statement.pdf").write_bytes(b"last month's")
    (pdf_file,) = convert_to_pdf(_letters(tmp_path / "in", "C1-statement.docx"), tmp_path / "out")
    assert pdf_file.read_bytes() == b"%PDF-1.4 from .docx"


def test_a_letter_libreoffice_cannot_load_is_named_and_no_pdf_is_written(
    soffice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOFFICE_PART", "fail")
    letters = _letters(tmp_path / "in", "fine.docx", "broken.html")
    with pytest.raises(PdfFailed) as failed:
        convert_to_pdf(letters, tmp_path / "out")
    assert failed.value.files == ("broken.html",)
    assert failed.value.message("en") == (
        "LibreOffice could not print broken.html as PDF (LibreOffice said: Error: source file "
        "could not be loaded); no PDF was written."
    )
    assert "broken.html" in failed.value.message("zh")
    assert "未写入任何 PDF" in failed.value.message("zh")
    assert list((tmp_path / "out").iterdir()) == []


def test_a_libreoffice_that_hangs_is_stopped_with_what_it_started(
    soffice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOFFICE_PART", "hang")
    monkeypatch.setattr(pdf, "START_SECONDS", 2)
    monkeypatch.setattr(pdf, "SECONDS_PER_FILE", 0)
    started = time.monotonic()
    with pytest.raises(PdfFailed, match="took more than 2 seconds"):
        convert_to_pdf(_letters(tmp_path / "in", "C1-reminder.docx"), tmp_path / "out")
    assert time.monotonic() - started < 30
    child = int(soffice.with_suffix(".pid").read_text())
    # soffice's launcher starts soffice.bin; stopping only the launcher would leave it running.
    for _ in range(50):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the process LibreOffice started is still running")


def test_a_long_batch_is_split_only_where_windows_would_refuse_the_command(
    soffice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "_LONGEST_COMMAND", 2_000)
    names = [f"C{n:04d}-first_notice.docx" for n in range(60)]
    pdfs = convert_to_pdf(_letters(tmp_path / "in", *names), tmp_path / "out")
    assert [p.stem for p in pdfs] == [Path(n).stem for n in names]
    calls = _calls(soffice)
    assert 1 < len(calls) < len(names)
    assert all(len(" ".join(call)) < 2_000 + 300 for call in calls)


def test_without_libreoffice_pdf_asks_for_it_or_another_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(PdfNeedsLibreOffice) as missing:
        convert_to_pdf(_letters(tmp_path / "in", "C1-reminder.html"), tmp_path / "out")
    assert missing.value.message("en").startswith("PDF needs LibreOffice")
    assert "html or docx" in missing.value.message("en")
    assert "LibreOffice" in missing.value.message("zh")
    assert "html 或 docx" in missing.value.message("zh")
    assert missing.value.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_soffice_is_found_where_the_windows_installer_puts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    program = tmp_path / "Program Files/LibreOffice/program/soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"")
    assert find_soffice() == program
    monkeypatch.setattr(sys, "platform", "darwin")
    assert find_soffice() is None


def test_soffice_is_found_where_libreoffices_linux_packages_put_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(pdf, "_LINUX_ROOT", tmp_path)
    assert find_soffice() is None
    for version in ("7.6", "24.8", "24.2"):
        program = tmp_path / f"libreoffice{version}/program/soffice"
        program.parent.mkdir(parents=True)
        program.write_bytes(b"")
    assert find_soffice() == tmp_path / "libreoffice24.8/program/soffice"


def test_only_html_and_word_letters_with_distinct_names_are_printed(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.txt"):
        convert_to_pdf([tmp_path / "C1-reminder.txt"], tmp_path)
    with pytest.raises(ValueError, match="same PDF"):
        convert_to_pdf([tmp_path / "a/C1.html", tmp_path / "b/C1.docx"], tmp_path)
    assert convert_to_pdf([], tmp_path / "out") == []
    assert not (tmp_path / "out").exists()
