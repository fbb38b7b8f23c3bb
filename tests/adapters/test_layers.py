"""Nothing above the adapters sees XML: the layers over them import no adapter and no lxml.

Read from the source (every import statement, at any depth), so that an import made inside a
function counts too. Only the commands in ``arsheet/app`` name a file adapter, and only through
:class:`~arsheet.adapters.xlsx.book.XlsxBook`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import arsheet

PACKAGE = Path(arsheet.__file__).parent
ABOVE = sorted(
    [
        *(PACKAGE / "book").rglob("*.py"),
        *(PACKAGE / "reports").rglob("*.py"),
        *(PACKAGE / "app").rglob("*.py"),
        PACKAGE / "pipeline.py",
    ]
)
#: What the commands may import from the adapters: the file book, and nothing else of it.
APP_MAY_IMPORT = {("arsheet.adapters.xlsx.book", "XlsxBook")}


def _imports(path: Path) -> list[tuple[str, str]]:
    """Return (module, name) of each import of ``path``; name is ``""`` for ``import module``."""
    found: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.module, alias.name) for alias in node.names]
    return found


def _forbidden(path: Path) -> list[tuple[str, str]]:
    allowed = APP_MAY_IMPORT if path.parent.name == "app" else set()
    return [
        (module, name)
        for module, name in _imports(path)
        if (module.split(".")[0] == "lxml" or module.startswith("arsheet.adapters"))
        and (module, name) not in allowed
    ]


@pytest.mark.parametrize("path", ABOVE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_no_adapter_internals_and_no_xml(path: Path) -> None:
    assert _forbidden(path) == []


def test_the_scan_sees_what_it_forbids(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "run.py").write_text(
        "from arsheet.adapters.xlsx.book import XlsxBook\n"
        "def f():\n"
        "    from arsheet.adapters.xlsx.temps import temp_beside\n"
        "    import lxml.etree\n"
    )
    assert _forbidden(app / "run.py") == [
        ("arsheet.adapters.xlsx.temps", "temp_beside"),
        ("lxml.etree", ""),
    ]
    (tmp_path / "report.py").write_text("from arsheet.adapters.xlsx.book import XlsxBook\n")
    assert _forbidden(tmp_path / "report.py") == [("arsheet.adapters.xlsx.book", "XlsxBook")]
