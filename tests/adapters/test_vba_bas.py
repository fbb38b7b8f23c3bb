"""``macros/arsheet.bas``: one Sub per button, each running its entry point of arsheet.excel."""

from __future__ import annotations

import re
from pathlib import Path

from arsheet.buttons.actions import ACTIONS

BAS = Path(__file__).resolve().parents[2] / "macros" / "arsheet.bas"


def test_the_module_is_named_arsheet_and_ascii() -> None:
    data = BAS.read_bytes()
    # The VBA editor reads an imported module in the system's code page, and wants CRLF.
    assert data.isascii()
    assert data.splitlines()[0] == b'Attribute VB_Name = "arsheet"'
    assert b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_one_sub_per_button_each_calling_its_entry_point() -> None:
    text = BAS.read_text()
    subs = dict(re.findall(r"^Sub (\w+)\(\)\r?\n(.*?)^End Sub", text, re.MULTILINE | re.DOTALL))
    assert list(subs) == [action.macro for action in ACTIONS]
    for action in ACTIONS:
        assert subs[action.macro].strip() == (
            f'RunPython "import arsheet.excel; arsheet.excel.{action.name}()"'
        )
