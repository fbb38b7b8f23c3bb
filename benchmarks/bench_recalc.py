"""Benchmark ``arsheet recalc`` against the I/O floor, openpyxl and a LibreOffice formula book.

Run ``python benchmarks/bench_recalc.py`` (``--sizes 10000 100000`` for a quicker run). For each
size it builds a book (cached in ``bench-out/``) and measures, in this same run:

(a) ``arsheet recalc`` end to end, as a user runs it (Python start-up included);
(b) the floor: the fastest calamine-based reader (fastexcel) reading the same input cells, plus
    the fastest writer on PyPI (rustpy-xlsxwriter, Rust) writing as many output cells;
(c) the naive baseline: openpyxl load, write the owned cells, save;
(d) the spreadsheet-only peer, at 10k only: the same book with formulas for the owned columns,
    recalculated by LibreOffice headless.

With ``--against REV`` it measures only (a), for this tree and for git revision REV in turns
(``--rounds`` times each, medians compared), to tell whether a change made recalc slower.

Every measurement runs in its own child process; wall time and that child's peak memory
(``wait4``'s ``ru_maxrss``) are reported, and the ratios are computed from this run's numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out"
OWNED = {"Transactions": 6, "Payments": 2, "Customers": 4}
# LibreOffice trusts the cached results of an .xlsx by default; this profile setting makes it
# recalculate every formula on load, which is the work being measured.
ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class Measured(NamedTuple):
    """One child's run: wall seconds, peak resident MiB, its output, and its processor seconds
    (user + system, steadier than wall time on a shared machine)."""

    seconds: float
    peak_mib: float
    output: str
    cpu_seconds: float


def measure(command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> Measured:
    """Run ``command`` and measure it.

    Raises:
        SystemExit: the command failed.
    """
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{err.read().decode()}")
        cpu = usage.ru_utime + usage.ru_stime
        return Measured(seconds, usage.ru_maxrss / 1024, out.read().decode(), cpu)


def build_input(size: int) -> Path:
    """Return the cached benchmark book of ``size`` transactions, building it when missing."""
    path = OUT / f"book_{size}.xlsx"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from synthetic import make_book
        from xlsx_books import write_xlsx_book

        write_xlsx_book(make_book(size, seed=size), path)
    return path


def floor_step(book: Path, target: Path) -> None:
    """Read every input cell with fastexcel and write as many owned cells with the Rust writer."""
    import fastexcel
    import rustpy_xlsxwriter

    reader = fastexcel.read_excel(str(book))
    sheets = []
    for name in reader.sheet_names:
        frame = reader.load_sheet(name).to_pandas()
        width = OWNED.get(name, 0)
        records = [dict.fromkeys(range(width), 1.0)] * len(frame)
        sheets.append((name, [{str(k): v for k, v in r.items()} for r in records]))
    rustpy_xlsxwriter.write_worksheets(sheets, str(target))


def openpyxl_step(book: Path, target: Path) -> None:
    """Load with openpyxl, write the owned cells of every data row, save: the naive approach."""
    import openpyxl

    workbook = openpyxl.load_workbook(book)
    for name, width in OWNED.items():
        sheet = workbook[name]
        first = sheet.max_column + 1
        for row in range(2, sheet.max_row + 1):
            for col in range(first, first + width):
                sheet.cell(row, col, 1.0)
    workbook.save(target)


def libreoffice_peer(book: Path, work: Path) -> float:
    """Time LibreOffice recalculating the same book with formulas in the owned columns."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    source = CalamineWorkbook.from_path(str(book))
    formula_book = work / "formulas.xlsx"
    out = xlsxwriter.Workbook(str(formula_book), {"constant_memory": True})
    for name in source.sheet_names:
        rows = source.get_sheet_by_name(name).to_python()
        sheet = out.add_worksheet(name)
        for r, row in enumerate(rows):
            sheet.write_row(r, 0, row)
            if r == 0:
                continue
            n = r + 1
            if name == "Transactions":
                sheet.write_formula(r, 11, f"=SUMIFS(Payments!D:D,Payments!E:E,A{n})")
                sheet.write_formula(r, 12, f"=F{n}-L{n}")
                sheet.write_formula(r, 13, f"=MAX(0,DATE(2026,1,1)-E{n})")
            elif name == "Customers":
                sheet.write_formula(r, 12, f"=SUMIFS(Transactions!M:M,Transactions!B:B,A{n})")
                sheet.write_formula(
                    r, 13, f'=SUMIFS(Transactions!M:M,Transactions!B:B,A{n},Transactions!N:N,">0")'
                )
    out.close()
    profile = work / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(ALWAYS_RECALCULATE)
    seconds, *_ = measure(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--calc",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(work / "lo"),
            str(formula_book),
        ]
    )
    done = CalamineWorkbook.from_path(str(work / "lo" / formula_book.name))
    if not any(row[12] for row in done.get_sheet_by_name("Customers").to_python()[1:]):
        raise SystemExit("LibreOffice did not recalculate the formula book")
    return seconds


def run(sizes: list[int], baseline_max: int) -> list[dict[str, object]]:
    """Measure every size and return one result row each."""
    # A pip-installed package carries its bytecode; an editable checkout may not (for instance
    # with PYTHONDONTWRITEBYTECODE set), and recompiling on every start is no cost of arsheet.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "arsheet")], check=True)
    rows = []
    for size in sizes:
        book = build_input(size)
        work = OUT / f"run_{size}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        target = work / "book.xlsx"
        shutil.copy(book, target)
        arsheet = shutil.which("arsheet") or "arsheet"
        recalc_s, recalc_mb, summary, _ = measure(
            [arsheet, "recalc", str(target), "--no-backup", "--json"]
        )
        if json.loads(summary)["status"] != "ok":
            raise SystemExit(f"recalc of {target} reported: {summary}")
        floor_s, floor_mb, *_ = measure(
            [sys.executable, __file__, "--step", "floor", str(book), str(work / "floor.xlsx")]
        )
        row: dict[str, object] = {
            "transactions": size,
            "recalc_s": round(recalc_s, 2),
            "recalc_peak_mib": round(recalc_mb),
            "floor_s": round(floor_s, 2),
            "floor_peak_mib": round(floor_mb),
            "recalc_over_floor": round(recalc_s / floor_s, 2),
        }
        if size <= baseline_max:
            naive_s, *_ = measure(
                [sys.executable, __file__, "--step", "openpyxl", str(book), str(work / "op.xlsx")]
            )
            row["openpyxl_s"] = round(naive_s, 2)
            row["speedup_vs_openpyxl"] = round(naive_s / recalc_s, 1)
        if size <= 10_000 and shutil.which("soffice"):
            lo_s = libreoffice_peer(book, work)
            row["libreoffice_s"] = round(lo_s, 2)
            row["speedup_vs_libreoffice"] = round(lo_s / recalc_s, 1)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    return rows


def against(sizes: list[int], revision: str, rounds: int) -> list[dict[str, object]]:
    """Time ``arsheet recalc`` of this tree and of ``revision`` in turns; one row per size."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from revision import checkout

    trees = {"this": ROOT, revision: checkout(revision, OUT)}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "arsheet")], check=True)
    rows = []
    for size in sizes:
        book = build_input(size)
        work = OUT / f"ab_{size}"
        work.mkdir(parents=True, exist_ok=True)
        times: dict[str, list[float]] = {name: [] for name in trees}
        cpu: dict[str, list[float]] = {name: [] for name in trees}
        for turn in range(rounds):
            # Alternate who goes first, so neither always meets a warm or a cold disk cache.
            for name in list(trees)[:: 1 if turn % 2 == 0 else -1]:
                target = work / "book.xlsx"
                shutil.copy(book, target)
                env = {**os.environ, "PYTHONPATH": str(trees[name])}
                command = [sys.executable, "-m", "arsheet", "recalc", str(target), "--no-backup"]
                run = measure(command, cwd=work, env=env)
                times[name].append(run.seconds)
                cpu[name].append(run.cpu_seconds)
        this, before = statistics.median(times["this"]), statistics.median(times[revision])
        this_cpu, before_cpu = statistics.median(cpu["this"]), statistics.median(cpu[revision])
        row: dict[str, object] = {
            "transactions": size,
            "recalc_s": round(this, 2),
            f"{revision}_s": round(before, 2),
            "change_pct": round((this / before - 1) * 100, 1),
            "cpu_s": round(this_cpu, 2),
            f"{revision}_cpu_s": round(before_cpu, 2),
            "cpu_change_pct": round((this_cpu / before_cpu - 1) * 100, 1),
            "runs": rounds,
        }
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    return rows


def markdown(rows: list[dict[str, object]]) -> str:
    """Return the result rows as a Markdown table."""
    keys = list(dict.fromkeys(k for row in rows for k in row))
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(str(row.get(k, "")) for k in keys) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    """Parse the command line and run the benchmark or one measured step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument(
        "--baseline-max", type=int, default=1_000_000, help="skip openpyxl above this size"
    )
    parser.add_argument("--against", metavar="REV", help="time this tree against a git revision")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each tree (--against)")
    parser.add_argument("--step", choices=("floor", "openpyxl"), help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step == "floor":
        floor_step(*args.paths)
    elif args.step == "openpyxl":
        openpyxl_step(*args.paths)
    elif args.against:
        print(markdown(against(args.sizes, args.against, args.rounds)))
    else:
        print(markdown(run(args.sizes, args.baseline_max)))


if __name__ == "__main__":
    main()
