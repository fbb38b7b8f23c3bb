"""arsheet installs and runs where xlwings Lite runs it: Pyodide, without the Rust file readers.

Pyodide (Python in the browser, under Excel) has no fastexcel, python-calamine only in its
newest releases, and no threads. The path an open workbook takes — the API over a book of the
port, the pipeline, the letters — must import and run without any of them; only reading and
writing .xlsx files needs them. The subprocess below makes both readers unimportable and
threads unstartable, then imports :data:`LIVE_PATH` and runs each button's API function on a
book held in memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent

#: The modules the buttons run through; one line per module (the live adapter's too).
LIVE_PATH = (
    "arsheet",
    "arsheet.api",
    "arsheet.pipeline",
    "arsheet.adapters.memory",
    "arsheet.adapters.live",
    "arsheet.buttons",
    "arsheet.buttons.actions",
    "arsheet.letters.compose",
)

#: The file readers: Rust extensions, needed only to read .xlsx files from disk.
FILE_READERS = ("python_calamine", "fastexcel")

#: Where Pyodide gets each other runtime dependency (checked against pyodide-recipes and PyPI,
#: December 2026). A new dependency must be added here, having been checked the same way.
IN_PYODIDE = {
    "pandas": "built in Pyodide",
    "numpy": "built in Pyodide",
    "pyarrow": "built in Pyodide (0.27 and later)",
    "lxml": "built in Pyodide",
    "jinja2": "built in Pyodide (Jinja2, with MarkupSafe)",
    "openpyxl": "pure Python wheel on PyPI (with et-xmlfile, pure Python too)",
    "python-docx": "pure Python wheel on PyPI (needs lxml and typing_extensions, both in Pyodide)",
}

PYODIDE = {"sys_platform": "emscripten", "platform_system": "Emscripten"}

_RUN = textwrap.dedent(
    """
    import importlib, json, sys, tempfile, threading

    modules, readers = json.loads(sys.argv[1])


    class NotInPyodide:
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in readers:
                raise ImportError(f"{name} is not installed (as in Pyodide)")
            return None


    def no_threads(self):
        raise RuntimeError("Pyodide cannot start threads")


    sys.meta_path.insert(0, NotInPyodide())
    threading.Thread.start = no_threads
    for module in modules:
        importlib.import_module(module)

    from datetime import date
    import arsheet.api as api
    from arsheet.adapters.memory import MemoryBook
    from arsheet.template.demo import demo_records

    today = date(2026, 12, 2)
    records = demo_records("en", today)
    settings = {r["setting"]: r["value"] for r in records.pop("settings")}
    book = MemoryBook.from_records(records, settings=settings)
    done = {"problems": len(api.check(book, today=today).problems)}
    done["overdue"] = api.recalc(book, today=today).overdue_amount
    written = api.letters(book, out=tempfile.mkdtemp(), today=today)
    done["letters"] = len(written.files)
    documents = api.compute(book, today=today).documents
    planned = {row["document_no"] for row in records["plans"]}
    invoice = documents[
        (documents["open_amount"] > 0)
        & (documents["type"].astype(str).str.lower() == "invoice")
        & ~documents["document_no"].isin(planned)
    ].iloc[0]
    stated = api.statement(book, invoice["customer_id"], out=tempfile.mkdtemp(), today=today)
    done["statements"] = len(stated.statements)
    plan = api.plan(
        book, customer=invoice["customer_id"], document=invoice["document_no"], count=3,
        today=today,
    )
    done["instalments"] = len(plan.instalments)
    done["readers"] = sorted(m for m in sys.modules if m.partition(".")[0] in readers)
    print(json.dumps(done))
    """
)


def run_without(readers: tuple[str, ...], modules: tuple[str, ...] = LIVE_PATH) -> dict:
    """Run the buttons' API functions in a fresh Python where ``readers`` cannot be imported."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _RUN, json.dumps([modules, readers])],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_the_live_path_imports_and_runs_without_the_file_readers_or_threads() -> None:
    done = run_without(FILE_READERS)
    assert done["problems"] == 0
    assert done["overdue"] > 0
    assert done["letters"] > 0
    assert done["statements"] == 1
    assert done["instalments"] == 3
    assert done["readers"] == []


def test_the_check_can_fail_a_path_that_needs_a_reader() -> None:
    with pytest.raises(AssertionError, match="fastexcel is not installed"):
        run_without(FILE_READERS, (*LIVE_PATH, "arsheet.adapters.xlsx.book"))


def _dependencies(environment: dict[str, str] | None) -> set[str]:
    """Return the runtime dependencies installed in ``environment`` (None: this machine)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = (Requirement(line) for line in project["dependencies"])
    return {
        req.name.lower()
        for req in wanted
        if req.marker is None or req.marker.evaluate(environment or {})
    }


def test_pyodide_installs_every_dependency_but_the_file_readers() -> None:
    in_pyodide = _dependencies(PYODIDE)
    assert in_pyodide == set(IN_PYODIDE)
    everywhere_else = _dependencies(None)
    assert everywhere_else == set(IN_PYODIDE) | {"python-calamine", "fastexcel"}
