"""Files, processes and permissions: backups, links, owners, long names, Ctrl-C, leftovers, dates.

Each test is a way a real user's folder, shell or cron job met ``arsheet recalc`` or ``new``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from bigbook import big_book
from bookmaker import make_book
from python_calamine import CalamineWorkbook

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.adapters.xlsx.filenames import TEMP_SUFFIX, temp_path
from arsheet.app import recalc
from arsheet.cli import main

CUSTOMERS = [["C1", "Acme Trading"]]
TRANSACTIONS = [["INV-1", "C1", "Invoice", date(2024, 1, 1), date(2024, 1, 31), 100]]
AS_OF = ["--as-of", "2024-03-31"]
NOBODY = 65534
ROOT = os.geteuid() == 0


def book_at(path: Path) -> Path:
    """Write a one-invoice book (open 100.00, overdue) at ``path``."""
    return make_book(path, {"customers": CUSTOMERS, "transactions": TRANSACTIONS})


def open_amounts(path: Path) -> list[object]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Transactions").to_python()
    return [row[rows[0].index("Open amount")] for row in rows[1:]]


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX))


# --- backups: never taken as books ----------------------------------------------------------


def test_three_cron_runs_leave_one_backup_per_book(tmp_path: Path) -> None:
    books = tmp_path / "books"
    books.mkdir()
    for name in ("acme.xlsx", "north.xlsx"):
        book_at(books / name)
    for _ in range(3):  # the README's cron line: the shell expands books/*.xlsx each time
        assert main(["recalc", *map(str, sorted(books.glob("*.xlsx"))), *AS_OF]) == 0
    assert sorted(p.name for p in books.iterdir()) == [
        "acme.xlsx",
        "acme.xlsx.bak",
        "north.xlsx",
        "north.xlsx.bak",
    ]


def test_an_old_style_backup_beside_its_book_is_skipped_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = book_at(tmp_path / "book.xlsx")
    old = tmp_path / "book.bak.xlsx"
    shutil.copy(book, old)
    lone = book_at(tmp_path / "2024.bak.xlsx")  # no 2024.xlsx beside it: the user's own book
    before = old.read_bytes()
    assert main(["recalc", str(book), str(old), str(lone), *AS_OF]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "book.bak.xlsx: skipped, it is arsheet's backup of book.xlsx"
    assert lines[2].startswith("2024.bak.xlsx: recalculated")
    assert len(lines) == 3
    assert old.read_bytes() == before


def test_a_backup_named_explicitly_is_skipped_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = book_at(tmp_path / "book.xlsx")
    main(["recalc", str(book), *AS_OF])
    backup = tmp_path / "book.xlsx.bak"
    before = backup.read_bytes()
    assert main(["recalc", str(backup), *AS_OF, "--json"]) == 0
    assert '"status": "skipped"' in capsys.readouterr().out
    assert backup.read_bytes() == before


# --- symbolic links ---------------------------------------------------------------------------


def test_a_linked_book_is_written_through_the_link_and_backed_up_by_copy(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    real = book_at(tmp_path / "archive" / "acme.xlsx")
    folder = tmp_path / "books"
    folder.mkdir()
    link = folder / "acme.xlsx"
    link.symlink_to(real)
    original = real.read_bytes()
    assert main(["recalc", str(link), *AS_OF]) == 0
    assert link.is_symlink()
    assert link.resolve() == real.resolve()
    assert open_amounts(real) == [100.0]  # the real book holds the figures
    backup = folder / "acme.xlsx.bak"
    assert not backup.is_symlink()
    assert backup.read_bytes() == original
    assert backup.stat().st_ino != real.stat().st_ino
    assert real.stat().st_nlink == 1  # no hard link shares the live book
    assert temps(folder) == temps(real.parent) == []


def test_a_linked_book_open_under_its_real_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = book_at(tmp_path / "2024 receivables.xlsx")
    link = tmp_path / "current.xlsx"
    link.symlink_to(real.name)
    (tmp_path / ".~lock.2024 receivables.xlsx#").write_bytes(b"")  # LibreOffice has it open
    before = real.read_bytes()
    assert main(["recalc", str(link), *AS_OF]) == 2
    assert "open in another program" in capsys.readouterr().out
    assert real.read_bytes() == before


# --- permissions ------------------------------------------------------------------------------


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder anyone may write, outside pytest's root-only temporary tree."""
    folder = Path(tempfile.mkdtemp(prefix="arsheet-shared-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder)


@contextlib.contextmanager
def as_nobody() -> Iterator[None]:
    """Run the block with the effective user and group of ``nobody`` (root may come back)."""
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.mark.skipif(not ROOT, reason="switching to another user needs root")
def test_a_book_the_user_may_not_write_is_refused_though_the_folder_is_writable(
    shared_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = book_at(shared_folder / "book.xlsx")
    book.chmod(0o644)  # the owner (root) may write it; nobody may only read it
    main(["recalc", str(book_at(shared_folder / "warm.xlsx")), *AS_OF])  # imports done as root
    capsys.readouterr()
    before = book.read_bytes()
    with as_nobody():
        status = main(["recalc", str(book), *AS_OF])
    assert status == 2
    assert capsys.readouterr().out == (
        "book.xlsx may not be written by you, so nothing was changed; "
        "ask its owner for write permission to recalculate it.\n"
    )
    assert book.read_bytes() == before
    assert book.stat().st_uid == 0
    assert not (shared_folder / "book.xlsx.bak").exists()


@pytest.mark.skipif(ROOT, reason="root may write any file, whatever its mode says")
def test_a_book_only_others_may_write_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = book_at(tmp_path / "book.xlsx")
    book.chmod(0o466)  # group and others may write, its owner (this user) may not
    before = book.read_bytes()
    assert main(["recalc", str(book), *AS_OF]) == 2
    assert "may not be written by you" in capsys.readouterr().out
    assert book.read_bytes() == before


@pytest.mark.skipif(not ROOT, reason="giving a file to another user needs root")
def test_an_administrator_recalculating_keeps_the_books_owner_group_and_mode(
    tmp_path: Path,
) -> None:
    book = book_at(tmp_path / "book.xlsx")
    os.chown(book, NOBODY, NOBODY)
    book.chmod(0o640)
    assert main(["recalc", str(book), *AS_OF]) == 0
    after = book.stat()
    assert (after.st_uid, after.st_gid, after.st_mode & 0o7777) == (NOBODY, NOBODY, 0o640)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_a_new_book_gets_the_mode_the_users_umask_gives(
    tmp_path: Path, umask: int, mode: int
) -> None:
    before = os.umask(umask)
    try:
        assert main(["new", str(tmp_path / "book.xlsx")]) == 0
    finally:
        os.umask(before)
    assert (tmp_path / "book.xlsx").stat().st_mode & 0o777 == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


# --- names and arguments ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a" * 245 + ".xlsx", "应收账款" * 20 + "账" * 3 + ".xlsx"])
def test_a_long_but_legal_name_is_recalculated_with_its_backup(tmp_path: Path, name: str) -> None:
    assert len(name.encode()) in (250, 254)
    book = book_at(tmp_path / name)
    for _ in range(2):  # the second run replaces the backup the first one made
        assert main(["recalc", str(book), *AS_OF]) == 0
    assert open_amounts(book) == [100.0]
    others = [p.name for p in tmp_path.iterdir() if p != book]
    assert len(others) == 1
    assert others[0].endswith(".xlsx.bak")
    assert len(others[0].encode()) <= 255
    assert main(["recalc", str(tmp_path / others[0])]) == 0  # recognised as the backup


@pytest.mark.parametrize("suffix", ["", "/tmp/x", "old/", "\\x", "..", "."])
def test_a_backup_suffix_that_is_no_file_name_ending_is_a_usage_error(
    tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    book = book_at(tmp_path / "book.xlsx")
    with pytest.raises(SystemExit) as exited:
        main(["recalc", str(book), f"--backup-suffix={suffix}"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: arsheet recalc")
    assert "argument --backup-suffix" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


def test_a_custom_backup_suffix_goes_after_the_whole_name(tmp_path: Path) -> None:
    book = book_at(tmp_path / "book.xlsx")
    assert main(["recalc", str(book), *AS_OF, "--backup-suffix", ".prev"]) == 0
    assert (tmp_path / "book.xlsx.prev").is_file()


@pytest.mark.parametrize("as_of", ["2300-01-01", "1899-12-31"])
def test_an_as_of_date_outside_excels_range_is_one_line_and_exit_2(
    tmp_path: Path, as_of: str, capsys: pytest.CaptureFixture[str]
) -> None:
    book = book_at(tmp_path / "book.xlsx")
    before = book.read_bytes()
    assert main(["recalc", str(book), "--as-of", as_of]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"--as-of {as_of} is outside the dates arsheet handles (1900-03-01 to 2199-12-31)\n"
    )
    assert book.read_bytes() == before


# --- a batch, Ctrl-C and leftovers ------------------------------------------------------------


def test_a_batch_goes_on_after_a_book_that_fails_unexpectedly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    books = [book_at(tmp_path / f"{name}.xlsx") for name in ("a", "b", "c")]
    real = recalc.recalculate

    def broken_on_b(book: XlsxBook, **kwargs: object) -> object:
        if book.path.name == "b.xlsx":
            raise RuntimeError("a bug met in this book")
        return real(book, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(recalc, "recalculate", broken_on_b)
    assert main(["recalc", *map(str, books), *AS_OF]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["a.xlsx", "b.xlsx", "c.xlsx"]
    assert "RuntimeError: a bug met in this book" in lines[1]
    assert "Traceback" not in lines[1]
    assert open_amounts(books[2]) == [100.0]


@pytest.mark.slow
def test_ctrl_c_mid_write_exits_130_with_one_line_and_leaves_the_book(tmp_path: Path) -> None:
    book = big_book(tmp_path / "big.xlsx", 100_000)
    original = book.read_bytes()
    run = subprocess.Popen(
        [sys.executable, "-m", "arsheet", "recalc", str(book), "--as-of", "2024-12-31"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # wait until the new file is being written
            written = [p for p in tmp_path.glob(f".*{TEMP_SUFFIX}") if _size(p) > 1 << 16]
            if written:
                break
            assert run.poll() is None, "the run finished before it could be interrupted"
            time.sleep(0.005)
        run.send_signal(signal.SIGINT)
        out, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 130
    assert (out, err) == ("", "interrupted: big.xlsx was left as it was\n")
    assert book.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.xlsx"]


def _size(path: Path) -> int:
    with contextlib.suppress(FileNotFoundError):
        return path.stat().st_size
    return 0


_LIVE_RUN = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from arsheet.adapters.xlsx.temps import temp_beside
    with temp_beside(Path(sys.argv[1])) as (stream, temp):
        stream.write(b"half a workbook")
        print(temp, flush=True)
        sys.stdin.read()
    """
)


def test_a_dead_runs_temp_goes_at_the_next_start_and_a_live_runs_stays(tmp_path: Path) -> None:
    book = book_at(tmp_path / "book.xlsx")
    dead = temp_path(book, _pid_of_finished(), "0123abcd")
    dead.write_bytes(b"half a workbook")  # fresh: minutes, not hours, after the kill
    live_run = subprocess.Popen(
        [sys.executable, "-c", _LIVE_RUN, str(book)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert live_run.stdout is not None
        live = Path(live_run.stdout.readline().strip())
        assert main(["recalc", str(book), *AS_OF, "--no-backup"]) == 0
        assert not dead.exists()
        assert live.exists()  # its run is still writing it
    finally:
        live_run.communicate("")  # the run ends without renaming its file: as if killed
    assert main(["recalc", str(book), *AS_OF, "--no-backup"]) == 0
    assert temps(tmp_path) == []


def _pid_of_finished() -> int:
    """Return the id of a process that has ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid
