"""arsheet: accounts receivable kept in an Excel workbook, recalculated losslessly.

The Python API (:mod:`arsheet.api`), one function per command of the CLI::

    import arsheet

    figures = arsheet.compute("debt_tracker.xlsx", as_of="2024-12-31")
    arsheet.check("debt_tracker.xlsx").problems
    arsheet.recalc("debt_tracker.xlsx")

The names are loaded on first use, so that ``import arsheet.core`` stays free of the file
libraries (and ``arsheet --version`` quick).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_API = {
    "load": "arsheet.api",
    "check": "arsheet.api",
    "compute": "arsheet.api",
    "recalc": "arsheet.api",
    "new": "arsheet.api",
    "plan": "arsheet.api",
    "Planned": "arsheet.api",
    "credit_check": "arsheet.api",
    "Checked": "arsheet.api",
    "CreditCheck": "arsheet.api",
    "Figures": "arsheet.api",
    # Statements of account (issue 11).
    "statement": "arsheet.api",
    "statement_html": "arsheet.api",
    "Stated": "arsheet.api",
    "MemoryBook": "arsheet.adapters.memory",
    "XlsxBook": "arsheet.adapters.xlsx.book",
    # arsheet send
    "send": "arsheet.api",
    "Sent": "arsheet.api",
}
__all__ = ["__version__", *_API]

if TYPE_CHECKING:
    from arsheet.adapters.memory import MemoryBook as MemoryBook
    from arsheet.adapters.xlsx.book import XlsxBook as XlsxBook
    from arsheet.api import Checked as Checked
    from arsheet.api import CreditCheck as CreditCheck
    from arsheet.api import Figures as Figures
    from arsheet.api import Planned as Planned
    from arsheet.api import Sent as Sent
    from arsheet.api import Stated as Stated
    from arsheet.api import check as check
    from arsheet.api import compute as compute
    from arsheet.api import credit_check as credit_check
    from arsheet.api import load as load
    from arsheet.api import new as new
    from arsheet.api import plan as plan
    from arsheet.api import recalc as recalc
    from arsheet.api import send as send
    from arsheet.api import statement as statement
    from arsheet.api import statement_html as statement_html


def __getattr__(name: str) -> object:
    """Return an API name, importing its module on first use."""
    if name not in _API:
        raise AttributeError(f"module 'arsheet' has no attribute {name!r}")
    return getattr(importlib.import_module(_API[name]), name)
