"""arsheet owns its marked columns and sheets, nothing more: same-named user ones are left alone.

Books here are made by openpyxl (no marks: the position rules apply) or carry hand-written marks
as Excel leaves them after the user inserted or moved columns; each is recalculated through the
command line, as a user would.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from bookmaker import make_book
from openpyxl.workbook.defined_name import DefinedName
from python_calamine import CalamineWorkbook

from arsheet.adapters.xlsx.marks import read_marks
from arsheet.adapters.xlsx.package import Package
from arsheet.book.contract import TRANSACTIONS
from arsheet.book.marks import cell_ref, column_mark, sheet_mark
from arsheet.book.ownership import free_name
from arsheet.cli import main
from arsheet.template.build import template_bytes

AS_OF = "2024-03-31"
CUSTOMERS = [["C1", "Acme"]]
PAYMENTS = [["P-1", "C1", date(2024, 2, 10), 120]]
INPUTS = [c.en for c in TRANSACTIONS.inputs]
OWNED = [c.en for c in TRANSACTIONS.owned]
INVOICES = [
    ("INV-1", "C1", "Invoice", date(2024, 1, 1), date(2024, 1, 31), 100),
    ("INV-2", "C1", "Invoice", date(2024, 2, 1), date(2024, 3, 2), 250),
]


def transactions(header: list[str], user: dict[str, list[object]]) -> list[list[object]]:
    """Return a Transactions sheet under ``header``: the invoices in the input columns, the
    ``user`` values under the first column of each of their titles, everything else empty."""
    rows: list[list[object]] = [list(header)]
    for i, invoice in enumerate(INVOICES):
        values = {**dict(zip(INPUTS, invoice, strict=False))}
        values.update({title: column[i] for title, column in user.items()})
        row = [None if title in header[:col] else values.get(title) for col, title in
               enumerate(header)]  # fmt: skip
        rows.append(row)
    return rows


def mark_columns(path: Path, header: list[str], broken: str = "") -> None:
    """Mark the rightmost column of each owned title in ``header`` as Excel keeps the marks,
    and the column titled ``broken`` as deleted (``#REF!``)."""
    wb = openpyxl.load_workbook(path)
    for column in TRANSACTIONS.owned:
        name = column_mark("transactions", column.key)
        if column.en == broken:
            ref = "Transactions!#REF!"
        else:
            ref = cell_ref("Transactions", len(header) - header[::-1].index(column.en), 1)
        wb.defined_names[name] = DefinedName(name, attr_text=ref, hidden=True)
    wb.save(path)


def column_cells(path: Path, sheet: str, letter: str) -> list[bytes]:
    """Return the XML of every cell of column ``letter`` on ``sheet``, in order."""
    package = Package(path)
    try:
        xml = package.read(package.sheets[sheet].part)
    finally:
        package.close()
    return re.findall(rb'<c r="' + letter.encode() + rb'\d+"[^>]*?(?:/>|>.*?</c>)', xml)


def rows_of(path: Path, sheet: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def check_lines(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    main(["check", str(path)])
    return capsys.readouterr().out.splitlines()


def sheet_names(path: Path) -> list[str]:
    return CalamineWorkbook.from_path(str(path)).sheet_names


def workbook_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read("xl/workbook.xml")


def recalc(path: Path) -> None:
    assert main(["recalc", str(path), "--as-of", AS_OF, "--no-backup"]) in (0, 1)


# --- Columns --------------------------------------------------------------------------------


def test_user_columns_named_like_owned_ones_among_the_inputs_survive_with_one_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The user's "Paid" (Y/N) and "Status" columns sit among the inputs, at F and H.
    header = [*INPUTS[:5], "Paid", INPUTS[5], "Status", *INPUTS[6:]]
    user = {"Paid": ["Y", "N"], "Status": ["sent", "queried"]}
    book = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "transactions": transactions(header, user), "payments": PAYMENTS},
    )
    before = {letter: column_cells(book, "Transactions", letter) for letter in "FH"}

    recalc(book)
    recalc(book)  # the second run finds arsheet's columns by their marks

    for letter, cells in before.items():
        assert column_cells(book, "Transactions", letter) == cells  # every byte as it was
    rows = rows_of(book, "Transactions")
    assert rows[0] == [*header, *OWNED]  # arsheet's own columns added at the right, once
    assert [r[len(header) + OWNED.index("Status")] for r in rows[1:]] == ["Paid", "Partially paid"]
    assert [r[len(header)] for r in rows[1:]] == [100.0, 20.0]
    warnings = [line for line in check_lines(book, capsys) if "arsheet name" in line]
    assert warnings == [
        'Transactions!F1: warning: column "Paid" has an arsheet name but is not an arsheet '
        "column; left as is",
        'Transactions!H1: warning: column "Status" has an arsheet name but is not an arsheet '
        "column; left as is",
    ]


def test_a_user_grade_column_on_customers_in_chinese_is_left_and_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = ["客户编号", "信用等级", "客户名称"]
    book = make_book(
        tmp_path / "b.xlsx",
        {"customers": [header, ["C1", "VIP", "Acme"]], "transactions": [], "payments": []},
        lang="zh",
    )
    before = column_cells(book, "客户", "B")

    recalc(book)

    assert column_cells(book, "客户", "B") == before
    assert rows_of(book, "客户")[0][3:] == [
        "未收余额",
        "逾期金额",
        "信用评分",
        "信用等级",
        "信用冻结",
    ]
    assert (
        "客户!B1：警告：“信用等级”列与 arsheet 的计算列同名，但不是 arsheet 的列；已原样保留"
        in (check_lines(book, capsys))
    )


def test_marks_find_columns_excel_moved_and_leave_a_same_named_user_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As Excel leaves it: the user dragged arsheet's Status column between the inputs (to G), and
    # has a Status column of their own further left (C); Excel moved the marks with the columns.
    header = [*INPUTS[:2], "Status", *INPUTS[2:5], "Status", *INPUTS[5:], "Paid", *OWNED[1:2],
              *OWNED[3:]]  # fmt: skip
    path = make_book(
        tmp_path / "b.xlsx",
        {
            "customers": CUSTOMERS,
            "transactions": transactions(header, {"Status": ["a", "b"]}),
            "payments": PAYMENTS,
        },
    )
    mark_columns(path, header)
    user_cells = column_cells(path, "Transactions", "C")

    recalc(path)

    rows = rows_of(path, "Transactions")
    assert rows[0] == header  # nothing added: every owned column was found by its mark
    assert column_cells(path, "Transactions", "C") == user_cells
    assert [r[2] for r in rows[1:]] == ["a", "b"]
    assert [r[6] for r in rows[1:]] == ["Paid", "Partially paid"]  # arsheet's, at G
    lines = check_lines(path, capsys)
    assert [line.split(":")[0] for line in lines if "arsheet name" in line] == ["Transactions!C1"]


def test_a_column_whose_mark_is_broken_is_added_again_at_the_right(tmp_path: Path) -> None:
    # The user deleted arsheet's Status column: Excel turned its mark into #REF!.
    header = [*INPUTS, *[title for title in OWNED if title != "Status"]]
    path = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "transactions": transactions(header, {})},
    )
    mark_columns(path, header, broken="Status")

    recalc(path)

    assert rows_of(path, "Transactions")[0] == [*header, "Status"]
    marks = read_marks(workbook_xml(path))
    assert marks.columns[("transactions", "status")].col == len(header) + 1


# --- Sheets ---------------------------------------------------------------------------------


def test_a_user_sheet_called_check_survives_and_arsheets_goes_to_a_free_name(
    tmp_path: Path,
) -> None:
    register = [["Cheque no.", "Payee", "Amount"], [1001, "Gas board", 80]]
    path = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "transactions": INVOICES, "Check": register},
    )
    package = Package(path)
    user_part = package.sheets["Check"].part
    package.close()
    with zipfile.ZipFile(path) as before:
        user_xml = before.read(user_part)

    recalc(path)
    recalc(path)

    with zipfile.ZipFile(path) as after:
        assert after.read(user_part) == user_xml
    names = sheet_names(path)
    assert names.count("Check") == 1
    assert names.count("Check (arsheet)") == 1
    assert rows_of(path, "Check (arsheet)")[0][0] == f"Data check as of {AS_OF}"
    assert read_marks(workbook_xml(path)).sheets["check"] == "Check (arsheet)"


def test_a_user_sheet_summary_in_lower_case_gets_no_summary_beside_it(tmp_path: Path) -> None:
    path = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "transactions": INVOICES, "summary": [["my notes"]]},
    )

    recalc(path)

    names = sheet_names(path)
    assert "Summary" not in names
    assert "summary" in names
    assert "Summary (arsheet)" in names
    assert len({n.casefold() for n in names}) == len(names)
    assert rows_of(path, "summary") == [["my notes"]]


def test_a_renamed_owned_sheet_is_found_by_its_mark(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    path.write_bytes(template_bytes("en"))
    wb = openpyxl.load_workbook(path)
    wb["Summary"].title = "Customer overview"
    name = sheet_mark("summary")
    wb.defined_names[name] = DefinedName(name, attr_text=cell_ref("Customer overview", 1, 1))
    wb.save(path)

    recalc(path)

    names = sheet_names(path)
    assert "Summary" not in names
    assert rows_of(path, "Customer overview")[0][0] == f"Customer summary as of {AS_OF}"


def test_a_new_dashboard_under_a_free_name_has_charts_reading_it(tmp_path: Path) -> None:
    path = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "transactions": INVOICES, "Dashboard": [["my own"]]},
    )

    recalc(path)

    assert rows_of(path, "Dashboard") == [["my own"]]
    with zipfile.ZipFile(path) as package:
        charts = [package.read(n) for n in package.namelist() if n.startswith("xl/charts/")]
    ranges = {ref for chart in charts for ref in re.findall(rb"<f>([^<!]*)!", chart)}
    assert ranges == {b"'Dashboard (arsheet)'"}


@pytest.mark.parametrize(
    ("wanted", "taken", "free"),
    [
        ("Check", ["Customers"], "Check"),
        ("Check", ["CHECK"], "Check (arsheet)"),
        ("Check", ["check", "Check (Arsheet)"], "Check (arsheet 2)"),
        ("数据检查", ["数据检查"], "数据检查（arsheet）"),
        ("A" * 31, ["a" * 31], "A" * 21 + " (arsheet)"),
    ],
)
def test_free_names_are_valid_excel_tab_names(wanted: str, taken: list[str], free: str) -> None:
    assert free_name(wanted, taken) == free
    assert len(free) <= 31


def test_a_mark_on_a_record_sheet_never_makes_it_an_owned_sheet(tmp_path: Path) -> None:
    path = make_book(tmp_path / "b.xlsx", {"customers": CUSTOMERS, "transactions": INVOICES})
    wb = openpyxl.load_workbook(path)
    name = sheet_mark("summary")
    wb.defined_names[name] = DefinedName(name, attr_text=cell_ref("Transactions", 1, 1))
    wb.save(path)

    recalc(path)

    assert rows_of(path, "Transactions")[1][0] == "INV-1"
    assert rows_of(path, "Summary")[0][0] == f"Customer summary as of {AS_OF}"


def test_a_chart_sheet_called_summary_keeps_its_name(tmp_path: Path) -> None:
    path = make_book(tmp_path / "b.xlsx", {"customers": CUSTOMERS, "transactions": INVOICES})
    wb = openpyxl.load_workbook(path)
    wb.create_chartsheet("Summary")
    wb.save(path)

    recalc(path)

    assert "Summary (arsheet)" in sheet_names(path)


def test_an_added_owned_column_goes_right_of_untitled_user_cells(tmp_path: Path) -> None:
    # The user keeps working formulas two columns right of the inputs, under no title.
    path = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "transactions": transactions(INPUTS, {})},
    )
    wb = openpyxl.load_workbook(path)
    wb["Transactions"]["N2"] = "=F2*2"
    wb.save(path)
    user_cells = column_cells(path, "Transactions", "N")

    recalc(path)

    assert column_cells(path, "Transactions", "N") == user_cells
    assert rows_of(path, "Transactions")[0] == [*INPUTS, "", "", "", *OWNED]


def test_a_mark_given_twice_adds_no_column_run_after_run(tmp_path: Path) -> None:
    # A second Status mark, pointing elsewhere, after the true one (Excel refuses such a book;
    # a tool merging names may leave one).
    header = [*INPUTS, *OWNED]
    path = make_book(
        tmp_path / "b.xlsx",
        {"customers": CUSTOMERS, "transactions": transactions(header, {})},
    )
    mark_columns(path, header)
    name = column_mark("transactions", "status").encode()
    twice = b'<definedName name="%s">Transactions!$A$1</definedName></definedNames>' % name
    with zipfile.ZipFile(path) as old:
        members = {info.filename: old.read(info) for info in old.infolist()}
    members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(b"</definedNames>", twice)
    with zipfile.ZipFile(path, "w") as new:
        for member, data in members.items():
            new.writestr(member, data)

    recalc(path)
    recalc(path)

    assert rows_of(path, "Transactions")[0] == header
    assert workbook_xml(path).count(name) == 1
