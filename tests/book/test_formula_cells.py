"""Formulas without a computed value and error cells are located problems, never blanks.

Books are written by openpyxl, which stores formulas without a value (``<f>..</f><v></v>``) as
scripts do; error cells (``t="e"``) and stale cached values are written into the sheet XML
directly, as Excel stores them; LibreOffice computes ``=1/0`` and ``=NA()`` for real.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from bookmaker import make_book
from conftest import LibreOffice
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.adapters.xlsx.formula_cells import scan_sheet
from arsheet.adapters.xlsx.package import Package
from arsheet.book.messages import describe_all
from arsheet.book.port import ERROR_VALUE, NO_VALUE, UnreadCell
from arsheet.book.reader import read_book
from arsheet.cli import main
from arsheet.errors import NotABook
from arsheet.pipeline import recalculate

CUSTOMERS = [["C1", "Acme"]]
TODAY = date(2025, 1, 15)


def with_cells(path: Path, sheet: str, cells: dict[str, str]) -> Path:
    """Replace cells of ``sheet`` (address -> the cell's new XML) in the book at ``path``."""
    package = Package(path)
    part = package.sheets[sheet].part
    members = {info.filename: package.read(info.filename) for info in package.infos}
    package.close()
    xml = members[part].decode()
    for address, cell in cells.items():
        xml, found = re.subn(rf'<c r="{address}"[^>]*?(?:/>|>.*?</c>)', cell, xml, count=1)
        assert found, address
    members[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            out.writestr(name, data)
    return path


def located(path: Path, lang: str = "en") -> list[str]:
    result = read_book(XlsxBook(path), today=TODAY)
    return [p.text for p in describe_all(result.problems, result.layouts, lang)]


def test_formulas_without_a_value_are_reported_in_every_column(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": [
                ["INV-1", "C1", "Invoice", date(2024, 9, 1), None, "=100*2"],
                ["INV-2", "C1", "Invoice", date(2024, 9, 1), "=D3+30", 50],
                ["INV-3", "C1", "Invoice", date(2024, 9, 1), None, 50, "", "", '="Y"'],
            ],
            "payments": [["P-1", "C1", date(2024, 9, 5), 40, '="INV-1"']],
        },
    )
    result = read_book(XlsxBook(book), today=TODAY)
    assert 2 not in result.book.transactions.index  # an amount is needed: the row is left out
    message = "is a formula without a computed value: open and save the book in Excel, or run "
    assert located(book) == [
        f"Transactions!F2: amount {message}arsheet from the button",
        f"Transactions!E3: due date {message}arsheet from the button",
        f"Transactions!I4: disputed {message}arsheet from the button",
        f"Payments!E2: applied to {message}arsheet from the button; treated as no link",
    ]
    assert located(book, "zh")[0] == (
        "Transactions!F2：金额是尚未计算出结果的公式：请在 Excel 中打开并保存工作簿，"
        "或通过按钮运行 arsheet"
    )


def test_error_cells_are_reported_with_their_error(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": [
                ["INV-1", "C1", "Invoice", date(2024, 9, 1), "x", 100],
                ["INV-2", "C1", "Invoice", date(2024, 9, 1), None, "x"],
            ],
            "payments": [
                ["P-1", "C1", date(2024, 9, 5), 40, "x"],
                ["P-2", "C1", date(2024, 9, 5), 40, None, None, None, "x"],
            ],
        },
    )
    with_cells(
        book,
        "Transactions",
        {
            "E2": '<c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
            "F3": '<c r="F3" t="e"><v>#REF!</v></c>',
        },
    )
    with_cells(
        book,
        "Payments",
        {
            "E2": '<c r="E2" t="e"><f>VLOOKUP(A2,X:Y,2,0)</f><v>#N/A</v></c>',
            "H3": '<c r="H3" t="e"><v>#VALUE!</v></c>',
        },
    )
    assert located(book) == [
        "Transactions!E2: due date is an error value (#DIV/0!)",
        "Transactions!F3: amount is an error value (#REF!)",
        "Payments!E2: applied to is an error value (#N/A); treated as no link",
        "Payments!H3: notes is an error value (#VALUE!);"
        " read as empty, the row stays in the figures",
    ]
    assert located(book, "zh")[2] == "Payments!E2：核销单据是错误值（#N/A）；按未指定单据处理"


def test_a_formula_with_its_value_or_an_empty_text_result_reads_as_usual(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": [["INV-1", "C1", "Invoice", date(2024, 9, 1), "x", "x", "x"]],
        },
    )
    with_cells(
        book,
        "Transactions",
        {
            "E2": '<c r="E2"><f>D2+30</f><v>45566</v></c>',
            "F2": '<c r="F2"><f>100*2</f><v>200</v></c>',
            "G2": '<c r="G2" t="str"><f>IF(1,"","x")</f><v></v></c>',
        },
    )
    result = read_book(XlsxBook(book), today=TODAY)
    assert result.problems == ()
    assert result.book.transactions.loc[2, "amount"] == 20000
    assert result.book.transactions.loc[2, "due_date"].date() == date(2024, 10, 1)


def test_a_last_row_of_nothing_but_formulas_is_still_read(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "payments": [["P-1", "C1", date(2024, 9, 5), 40], ["=A2"]]},
    )
    assert located(book)[0].startswith("Payments!A3: payment No. is a formula without")


def test_a_sheet_that_is_not_well_formed_xml_is_refused_in_one_sentence(tmp_path: Path) -> None:
    book = make_book(tmp_path / "b.xlsx", {"customers": [*CUSTOMERS, ["x"]]})
    # A cell without its address needs a full parse, which finds the mismatched end tag that
    # the engines let pass.
    with_cells(book, "Customers", {"A3": "<c><f>1+1</f></c></cx>"})
    with pytest.raises(NotABook, match="damaged"):
        read_book(XlsxBook(book))


@pytest.mark.parametrize(
    ("cell", "as_of"),
    [
        ("=TODAY()", TODAY),
        ("=now()", TODAY),
        ("=DATE(2024,9,30)", None),  # no computed value: a problem, and no As-of date
    ],
)
def test_as_of_formulas(tmp_path: Path, cell: str, as_of: date | None) -> None:
    book = make_book(tmp_path / "b.xlsx", {"settings": [["As-of date", cell]]})
    result = read_book(XlsxBook(book), today=TODAY)
    assert result.book.settings.as_of == as_of
    assert [p.code for p in result.problems] == ([] if as_of else [NO_VALUE])


def test_as_of_today_is_today_not_the_value_cached_at_the_last_save(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {"settings": [["As-of date", "x"], ["Default terms days", "x"], ["Grace days", "x"]]},
    )
    with_cells(
        book,
        "Settings",
        {
            "B1": '<c r="B1"><f>TODAY()</f><v>45000</v></c>',
            "B2": '<c r="B2"><f>20+25</f><v>45</v></c>',
            "B3": '<c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
        },
    )
    result = read_book(XlsxBook(book), today=TODAY)
    assert result.book.settings.as_of == TODAY
    assert result.book.settings.default_terms_days == 45
    assert located(book) == ["Settings!B3: grace days is an error value (#DIV/0!)"]


def test_recalc_uses_today_for_an_as_of_of_today(tmp_path: Path) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": [["INV-1", "C1", "Invoice", date(2024, 9, 1), None, 100]],
            "settings": [["As-of date", "=TODAY()"]],
        },
    )
    assert recalculate(XlsxBook(book), today=TODAY).as_of == TODAY


@pytest.mark.libreoffice
def test_errors_computed_by_libreoffice_are_located(
    libreoffice: LibreOffice, tmp_path: Path
) -> None:
    book = make_book(
        tmp_path / "lo.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": [["INV-1", "C1", "Invoice", date(2024, 9, 1), "=1/0", "=NA()"]],
        },
    )
    (computed,) = libreoffice.convert([book], "xlsx", tmp_path / "lo")
    assert located(computed) == [
        "Transactions!E2: due date is an error value (#DIV/0!)",
        "Transactions!F2: amount is an error value (#N/A)",
    ]


def test_terms_days_too_large_are_a_warning_listed_and_the_default_terms_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": [["C1", "Acme", "", "", "", "", 100000]],
            "transactions": [["INV-1", "C1", "Invoice", date(2024, 9, 1), None, 100]],
        },
    )
    assert located(book) == [
        'Customers!G2: terms days "100000" is too large (at most 3650);'
        " read as empty, the row stays in the figures"
    ]
    assert located(book, "zh") == [
        "Customers!G2：账期天数“100000”过大（最大为 3650）；按空白处理，该行仍计入统计"
    ]
    # A customer's terms are a field the row can do without: the Settings' default applies.
    assert main(["recalc", str(book), "--as-of", "2024-12-31"]) == 0
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert "1 warning" in out.out
    customers = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("Customers").to_python()
    assert customers[1][13] == 100  # overdue: due 2024-10-01 on the default 30 days
    check = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("Check").to_python()
    assert any(row[0] == "Customers!G2" and "too large" in row[2] for row in check)


# Scanning the XML: the regular expressions and a full parse agree, with or without addresses.
CELLS = {
    "number": '<c r="{a}" s="1"><v>12.5</v></c>',
    "text": '<c r="{a}" t="inlineStr"><is><t>of f> t="e" </t></is></c>',
    "formula": '<c r="{a}"><f>B1*2</f><v>3</v></c>',
    "no value": '<c r="{a}"><f>B1*2</f></c>',
    "empty value": '<c r="{a}"><f>B1*2</f><v></v></c>',
    "closed value": '<c r="{a}" s="2"><f>SUM(A1:A3)</f><v/></c>',
    "shared, no value": '<c r="{a}"><f t="shared" si="0"/></c>',
    "empty text": '<c r="{a}" t="str"><f>IF(1,"","x")</f><v></v></c>',
    "error": '<c r="{a}" t="e"><v>#N/A</v></c>',
    "error formula": '<c r="{a}" s="3" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    "today": '<c r="{a}"><f>TODAY()</f><v>45000</v></c>',
}
EXPECTED = {
    "no value": (NO_VALUE, ""),
    "empty value": (NO_VALUE, ""),
    "closed value": (NO_VALUE, ""),
    "shared, no value": (NO_VALUE, ""),
    "error": (ERROR_VALUE, "#N/A"),
    "error formula": (ERROR_VALUE, "#DIV/0!"),
}


@given(
    st.lists(st.lists(st.sampled_from(sorted(CELLS)), max_size=5), max_size=6),
    st.booleans(),
    st.booleans(),
    st.integers(min_value=1, max_value=64),
)
def test_scanning_finds_exactly_the_cells_without_a_value(
    rows: list[list[str]], addressed: bool, prefixed: bool, chunk: int
) -> None:
    xml = "<sheetData>"
    expected, today = [], set()
    for r, kinds in enumerate(rows, start=1):
        xml += f'<row r="{r}">'
        for c, kind in enumerate(kinds, start=1):
            address = f"{'ABCDE'[c - 1]}{r}"
            cell = CELLS[kind].format(a=address)
            xml += cell if addressed or c != 2 else cell.replace(f' r="{address}"', "")
            if kind in EXPECTED:
                expected.append(UnreadCell(r, c, *EXPECTED[kind]))
            today |= {(r, c)} if kind == "today" else set()
        xml += "</row>"
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    xml = f'<worksheet xmlns="{main}">{xml}</sheetData></worksheet>'
    if prefixed:  # as some writers do: every element in a prefixed namespace
        xml = re.sub(r"<(/?)(?=[a-z])", r"<\1x:", xml).replace("xmlns=", "xmlns:x=")
    data = xml.encode()
    found = scan_sheet(lambda: [data[i : i + chunk] for i in range(0, len(data), chunk)], True)
    assert list(found.unread) == expected
    assert found.today == today
