"""Saving is all or nothing: locks refuse, failures and kills leave the original, backups stay."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from lossless_book import build_book, owned_inputs

from arsheet.adapters.xlsx import writer
from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.adapters.xlsx.filenames import TEMP_SUFFIX
from arsheet.adapters.xlsx.save import check_not_locked
from arsheet.errors import BookLocked, CannotWrite


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return build_book(tmp_path / "Receivables 2024.xlsm")


def _write(book: Path, backup: Path | None = None) -> None:
    columns, sheets = owned_inputs()
    XlsxBook(book, backup=backup).write(columns, sheets, "en")


@pytest.mark.parametrize(
    "lock", ["~$Receivables 2024.xlsm", "~$ceivables 2024.xlsm", ".~lock.Receivables 2024.xlsm#"]
)
def test_a_lock_file_refuses_and_touches_nothing(book: Path, lock: str) -> None:
    (book.parent / lock).write_bytes(b"")
    data, listing = book.read_bytes(), sorted(os.listdir(book.parent))
    with pytest.raises(BookLocked) as raised:
        _write(book, backup=book.with_suffix(".bak.xlsm"))
    assert lock in raised.value.message("en")
    assert book.read_bytes() == data
    assert sorted(os.listdir(book.parent)) == listing


def test_check_not_locked_passes_without_lock_files(book: Path) -> None:
    check_not_locked(book)


def test_backup_keeps_the_previous_version(book: Path) -> None:
    original = book.read_bytes()
    backup = book.with_name("Receivables 2024.bak.xlsm")
    _write(book, backup=backup)
    assert backup.read_bytes() == original
    assert book.read_bytes() != original


def test_no_backup_when_none(book: Path) -> None:
    _write(book)
    assert sorted(p.name for p in book.parent.iterdir()) == [book.name]


def test_permission_bits_carry_over(book: Path) -> None:
    book.chmod(0o640)
    _write(book)
    assert book.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failure_mid_write_leaves_the_original(
    book: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    original = book.read_bytes()
    real_write = writer._write

    def failing(package: object, plan: object, stream: object) -> None:
        stream.write(b"PK partial")
        real_write(package, plan, stream)
        raise error

    monkeypatch.setattr(writer, "_write", failing)
    expected = CannotWrite if isinstance(error, OSError) else KeyboardInterrupt
    with pytest.raises(expected):
        _write(book, backup=book.with_suffix(".bak.xlsm"))
    assert book.read_bytes() == original
    assert sorted(p.name for p in book.parent.iterdir()) == [book.name]


def _big_book(path: Path, rows: int) -> Path:
    """Write a bare workbook whose Payments sheet has ``rows`` rows, quickly, without a library."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    body = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>PAY-{r}</t></is></c>'
        f'<c r="D{r}"><v>{r}.5</v></c><c r="I{r}"><v>1</v></c></row>'
        for r in range(2, rows + 2)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook {ns} xmlns:r="{rel}"><sheets>'
            '<sheet name="Payments" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/></Relationships>',
        )
        z.writestr(
            "xl/styles.xml",
            f'<styleSheet {ns}><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font>'
            '</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
            '<patternFill patternType="gray125"/></fill></fills><borders count="1"><border/>'
            '</borders><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            "</cellXfs></styleSheet>",
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet {ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Payment No.'
            f"</t></is></c></row>{body}</sheetData></worksheet>",
        )
    return path


_WRITER_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import numpy as np, pandas as pd
    from arsheet.book.layout import OwnedColumns, SheetLayout
    from arsheet.adapters.xlsx.book import XlsxBook
    rows = int(sys.argv[2])
    layout = SheetLayout("payments", "Payments", 1, {"applied": 9, "unapplied": 10}, 10, "en")
    values = pd.DataFrame(
        {"applied": pd.array(np.arange(rows), dtype="Int64"),
         "unapplied": pd.array(np.arange(rows), dtype="Int64")},
        index=np.arange(2, rows + 2),
    )
    XlsxBook(Path(sys.argv[1])).write([OwnedColumns(layout, values)], [], "en")
    """
)


def test_killing_the_writer_mid_write_leaves_the_original(tmp_path: Path) -> None:
    rows = 400_000
    book = _big_book(tmp_path / "big.xlsx", rows)
    script = tmp_path / "write.py"
    script.write_text(_WRITER_SCRIPT)
    original = book.read_bytes()
    process = subprocess.Popen([sys.executable, str(script), str(book), str(rows)])
    try:
        deadline = time.monotonic() + 120
        # Wait until the temporary file exists and has grown: the writer is mid-write.
        while time.monotonic() < deadline:
            temps = list(tmp_path.glob(f".*{TEMP_SUFFIX}"))
            if temps and temps[0].exists() and temps[0].stat().st_size > 1 << 16:
                break
            assert process.poll() is None, "the writer finished before it could be killed"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
    assert book.read_bytes() == original
    with zipfile.ZipFile(book) as z:
        assert z.testzip() is None
    books = [p.name for p in tmp_path.iterdir() if p.name.endswith((".xlsx", ".xlsm"))]
    assert books == ["big.xlsx"]
