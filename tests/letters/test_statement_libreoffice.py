"""The statements printed by a real LibreOffice: each on one A4 page, the slip included."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import SOFFICE_TIMEOUT, LibreOffice

import arsheet

from .statement_books import statement_book

pytestmark = pytest.mark.libreoffice

#: LibreOffice opens .html in Writer/Web by default, whose PDF export loses the first
#: paragraph and adds an empty first page; Writer's own HTML filter prints it as a browser does.
WRITER_HTML = "HTML (StarWriter)"


def test_each_statement_prints_on_one_a4_page(libreoffice: LibreOffice, tmp_path: Path) -> None:
    done = arsheet.statement(
        statement_book(tmp_path / "b.xlsx"), out=tmp_path / "html", formats=["html"]
    )
    pages = tmp_path / "pdf"
    html = [file for files in done.files.values() for file in files]
    subprocess.run(
        [
            libreoffice.program,
            f"-env:UserInstallation={libreoffice.profile.as_uri()}",
            "--headless",
            "--norestore",
            f"--infilter={WRITER_HTML}",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(pages),
            *map(str, html),
        ],
        capture_output=True,
        timeout=SOFFICE_TIMEOUT,
        check=True,
    )
    for file in html:
        pdf = (pages / f"{file.stem}.pdf").read_bytes()
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1, file.name
        # A4 is 210 × 297 mm: 595.3 × 841.9 points.
        assert re.search(rb"/MediaBox\s*\[\s*0 0 595\.3\d* 841\.8\d*", pdf), file.name
