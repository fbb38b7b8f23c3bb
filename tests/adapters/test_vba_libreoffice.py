"""A macro-enabled book in a real LibreOffice: its buttons run macros the book's project has.

LibreOffice imports the VBA project as a Basic library and each form button as a push button
whose action is a script URL; saved as .ods, both can be read: the URL must name
``VBAProject.Module1.SampleCall`` and that module's source must define ``Sub SampleCall``.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from conftest import LibreOffice

from arsheet import api

pytestmark = pytest.mark.libreoffice


@pytest.mark.parametrize(
    ("lang", "captions"), [("en", ["Run", "Recalculate"]), ("zh", ["运行", "重新计算"])]
)
def test_the_buttons_run_sample_call_which_the_project_defines(
    tmp_path: Path, libreoffice: LibreOffice, lang: str, captions: list[str]
) -> None:
    book = api.new(tmp_path / "book.xlsm", lang=lang, demo=True, today=date(2026, 12, 3))
    (ods,) = libreoffice.convert([book], "ods", tmp_path / "out")
    with zipfile.ZipFile(ods) as package:
        content = package.read("content.xml").decode()
        module = package.read("Basic/VBAProject/Module1.xml").decode()
    buttons = re.findall(r"<form:button [^>]*form:label=\"([^\"]*)\"", content)
    assert buttons == captions
    scripts = re.findall(r'event-name="form:performaction" xlink:href="([^"]*)"', content)
    assert (
        scripts
        == [
            "vnd.sun.star.script:VBAProject.Module1.SampleCall?language=Basic&amp;location=document"
        ]
        * 2
    )
    assert re.search(r"^Sub SampleCall\(\)", module, re.MULTILINE)
