"""The template: golden files, every contract sheet and header, tables, drop-downs, owned columns.

Also the demo book: valid under the contract (every reference resolves) and the same for the same
day. The golden test builds through :func:`build`; swapping the builder is a one-line change.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from golden import check_golden, differences, parts
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from arsheet.book import contract
from arsheet.book.contract import (
    DUNNING_LEVELS,
    LANGUAGES,
    OWNED_HEADER_NOTE,
    RECORD_SHEETS,
    SETTINGS,
    SETTINGS_SHEET,
    Kind,
)
from arsheet.book.look import (
    OWNED_CELL_FILL,
    OWNED_HEADER_FILL,
    RECORD_DATE_FORMAT,
    RECORD_INT_FORMAT,
    RECORD_MONEY_FORMAT,
)
from arsheet.core.settings import DEFAULT_DUNNING_LEVELS
from arsheet.reports.dashboard_ranges import (
    DASHBOARD_AGING_ROW,
    DASHBOARD_AGING_ROWS,
    DASHBOARD_FORECAST_ROW,
    DASHBOARD_FORECAST_ROWS,
    DASHBOARD_MONTHS_ROW,
    DASHBOARD_MONTHS_ROWS,
    DASHBOARD_TOP_ROW,
    DASHBOARD_TOP_ROWS,
)
from arsheet.template.build import build_template
from arsheet.template.demo import demo_records
from arsheet.template.settings import DUNNING_COLUMN

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
GOLDEN = {"en": TEMPLATES / "debt_tracker.xlsx", "zh": TEMPLATES / "debt_tracker_zh.xlsx"}
TODAY = date(2025, 6, 30)
SHEET_ORDER = contract.TEMPLATE_ORDER


def build(path: Path, lang: str) -> None:
    """Build the template the way the committed files are built."""
    build_template(path, lang)


@pytest.fixture(scope="module", params=LANGUAGES)
def template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty template in each language."""
    path = tmp_path_factory.mktemp("template") / f"template_{request.param}.xlsx"
    build(path, request.param)
    return path


@pytest.fixture(scope="module")
def book(template: Path) -> tuple[Workbook, str]:
    """The template opened with openpyxl, and its language."""
    return load_workbook(template), "zh" if template.stem.endswith("zh") else "en"


def test_the_committed_templates_are_what_the_code_builds(template: Path) -> None:
    lang = "zh" if template.stem.endswith("zh") else "en"
    check_golden(template, GOLDEN[lang])


def test_every_sheet_is_there_in_order(book: tuple[Workbook, str]) -> None:
    wb, lang = book
    assert wb.sheetnames == [s.name(lang) for s in SHEET_ORDER]
    assert wb.active.title == contract.HOW_TO.name(lang)


def test_every_record_sheet_has_the_contract_headers(book: tuple[Workbook, str]) -> None:
    wb, lang = book
    for sheet in RECORD_SHEETS:
        ws = wb[sheet.name(lang)]
        assert _row(ws, 1) == [c.header(lang) for c in sheet.columns], sheet.key
        assert ws.freeze_panes == "A2"
        assert not ws.protection.sheet, "protection would stop the tables from growing"


def test_each_record_sheet_is_one_table_over_the_header_and_an_empty_row(
    book: tuple[Workbook, str],
) -> None:
    wb, lang = book
    for sheet in RECORD_SHEETS:
        ws = wb[sheet.name(lang)]
        (table,) = ws.tables.values()
        last = ws.cell(row=1, column=len(sheet.columns)).column_letter
        assert (table.displayName, table.ref) == (sheet.table, f"A1:{last}2")
        assert table.autoFilter is not None
        assert [c.name for c in table.tableColumns] == [c.header(lang) for c in sheet.columns]


def test_choice_and_flag_columns_offer_their_labels(book: tuple[Workbook, str]) -> None:
    wb, lang = book
    for sheet in RECORD_SHEETS:
        lists = _validations(wb[sheet.name(lang)], "list")
        for i, column in enumerate(sheet.columns, start=1):
            letter = wb[sheet.name(lang)].cell(row=1, column=i).column_letter
            if column.choices is not None:
                expected = '"' + ",".join(column.choices.labels(lang)) + '"'
                assert lists.get(f"{letter}2:{letter}1048576") == expected, column.key


def test_input_cells_are_unlocked_and_formatted(book: tuple[Workbook, str]) -> None:
    wb, lang = book
    formats = {
        Kind.DATE: RECORD_DATE_FORMAT,
        Kind.MONEY: RECORD_MONEY_FORMAT,
        Kind.INT: RECORD_INT_FORMAT,
    }
    for sheet in RECORD_SHEETS:
        ws = wb[sheet.name(lang)]
        for i, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=2, column=i)
            dimension = ws.column_dimensions[cell.column_letter]
            assert cell.protection.locked is column.owned, column.key
            assert dimension.width >= column.width
            if column.kind in formats:
                assert cell.number_format == formats[column.kind], column.key
                assert dimension.number_format == formats[column.kind], column.key


def test_every_figure_ends_a_space_short_of_the_next_column(book: tuple[Workbook, str]) -> None:
    # A right-aligned 150,000.00 must not run into the left-aligned name beside it: every number
    # column of every record sheet and of the Dunning levels keeps a bracket's width free (``_)``).
    wb, lang = book
    tables = [(sheet, sheet.name(lang), 1) for sheet in RECORD_SHEETS]
    tables.append((DUNNING_LEVELS, SETTINGS_SHEET.name(lang), DUNNING_COLUMN))
    numbers = 0
    for sheet, title, first in tables:
        ws = wb[title]
        for i, column in enumerate(sheet.columns, start=first):
            if column.kind in (Kind.DATE, Kind.MONEY, Kind.INT):
                numbers += 1
                letter = ws.cell(row=2, column=i).column_letter
                assert ws.column_dimensions[letter].number_format.endswith("_)"), column.key
                assert ws.cell(row=2, column=i).number_format.endswith("_)"), column.key
    assert numbers > 20


def test_owned_columns_sit_at_the_right_marked_locked_and_refusing_input(
    book: tuple[Workbook, str],
) -> None:
    wb, lang = book
    for sheet in RECORD_SHEETS:
        ws = wb[sheet.name(lang)]
        owned = [c.owned for c in sheet.columns]
        assert owned == sorted(owned), "owned columns come last"
        refused = _validations(ws, "custom")
        for i, column in enumerate(sheet.columns, start=1):
            header, cell = ws.cell(row=1, column=i), ws.cell(row=2, column=i)
            if not column.owned:
                assert header.comment is None
                continue
            assert header.fill.fgColor.rgb == OWNED_HEADER_FILL
            assert header.font.bold
            assert header.comment.text == OWNED_HEADER_NOTE[lang]
            assert cell.fill.fgColor.rgb == OWNED_CELL_FILL
            assert refused[f"{cell.column_letter}2:{cell.column_letter}1048576"] == "FALSE"
        for validation in ws.data_validations.dataValidation:
            if validation.type == "custom":
                assert validation.showErrorMessage
                assert validation.errorStyle in (None, "stop"), "stop is the default"
                assert validation.error == OWNED_HEADER_NOTE[lang]


def test_settings_hold_the_defaults_and_the_dunning_levels(book: tuple[Workbook, str]) -> None:
    wb, lang = book
    ws = wb[SETTINGS_SHEET.name(lang)]
    assert set(ws.tables) == {SETTINGS_SHEET.table, *(t.table for t in contract.SETTINGS_TABLES)}
    assert _row(ws, 1)[:2] == [c.header(lang) for c in SETTINGS_SHEET.columns]
    labels = [ws.cell(row=r, column=1).value for r in range(2, len(SETTINGS) + 2)]
    assert labels == [s.label(lang) for s in SETTINGS]
    values = {s.key: ws.cell(row=r, column=2).value for r, s in enumerate(SETTINGS, start=2)}
    assert values["currency"] == "CNY"
    assert values["language"] == lang
    assert values["default_terms_days"] == 30
    assert values["aging_bounds"] == "30,60,90,120"
    assert values["as_of"] is None
    dunning = [ws.cell(row=1, column=4 + i).value for i in range(len(DUNNING_LEVELS.columns))]
    assert dunning == [c.header(lang) for c in DUNNING_LEVELS.columns]
    levels = [ws.cell(row=r, column=4).value for r in range(2, len(DEFAULT_DUNNING_LEVELS) + 2)]
    assert levels == [d.level for d in DEFAULT_DUNNING_LEVELS]
    names = {ws.cell(row=r, column=5).value for r in range(2, len(DEFAULT_DUNNING_LEVELS) + 2)}
    assert names == (
        set(contract.DUNNING_NAMES_ZH.values())
        if lang == "zh"
        else {d.name for d in DEFAULT_DUNNING_LEVELS}
    )


def test_owned_sheets_carry_only_a_title(book: tuple[Workbook, str]) -> None:
    wb, lang = book
    for sheet in (contract.SUMMARY, contract.AGING, contract.CHECK):
        ws = wb[sheet.name(lang)]
        assert ws.dimensions == "A1:A1"
        assert sheet.name(lang) in ws["A1"].value


def test_the_how_to_sheet_names_every_sheet_and_the_recalc_command(
    book: tuple[Workbook, str],
) -> None:
    wb, lang = book
    ws = wb[contract.HOW_TO.name(lang)]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    for sheet in SHEET_ORDER[1:]:
        assert sheet.name(lang) in text
    assert "arsheet recalc" in text
    assert "arsheet check" in text
    assert not re.search(r"TODO|TBD|lorem|\{\w*\}", text, re.IGNORECASE)


def test_dashboard_charts_read_the_fixed_ranges(template: Path, book: tuple[Workbook, str]) -> None:
    wb, lang = book
    name = contract.DASHBOARD.name(lang)
    with zipfile.ZipFile(template) as archive:
        charts = [archive.read(n) for n in archive.namelist() if n.startswith("xl/charts/chart")]
    refs = {
        r.decode().replace("'", "").replace("$", "")
        for chart in charts
        for r in re.findall(rb"<(?:c:)?f>([^<]*)</(?:c:)?f>", chart)
    }
    expected = set()
    for header, rows, values in (
        (DASHBOARD_AGING_ROW, DASHBOARD_AGING_ROWS, "E"),
        (DASHBOARD_TOP_ROW, DASHBOARD_TOP_ROWS, "E"),
        (DASHBOARD_MONTHS_ROW, DASHBOARD_MONTHS_ROWS, "EF"),
        (DASHBOARD_FORECAST_ROW, DASHBOARD_FORECAST_ROWS, "E"),
    ):
        last = header + rows
        expected.add(f"{name}!D{header + 1}:D{last}")  # category labels
        for col in values:
            expected |= {f"{name}!{col}{header}", f"{name}!{col}{header + 1}:{col}{last}"}
    assert len(charts) == 4
    assert refs == expected
    ws = wb[name]
    headers = (DASHBOARD_AGING_ROW, DASHBOARD_TOP_ROW, DASHBOARD_MONTHS_ROW, DASHBOARD_FORECAST_ROW)
    for row in headers:
        assert ws.cell(row=row, column=4).value
        assert ws.cell(row=row + 1, column=4).value is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_building_twice_gives_the_same_parts(tmp_path: Path, lang: str) -> None:
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    build_template(first, lang, demo=True, today=TODAY)
    build_template(second, lang, demo=True, today=TODAY)
    assert differences(first, second) == []
    assert first.read_bytes() == second.read_bytes()
    core = parts(first)["docProps/core.xml"]
    assert b"created" not in core, "golden.IGNORED removes the timestamps"


def test_an_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="fr"):
        build_template(tmp_path / "x.xlsx", "fr")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_demo_book_fills_every_record_sheet(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "demo.xlsx"
    build_template(path, lang, demo=True, today=TODAY)
    wb = load_workbook(path)
    records = demo_records(lang, TODAY)
    for sheet in RECORD_SHEETS:
        ws = wb[sheet.name(lang)]
        rows = records[sheet.key]
        assert ws.max_row == len(rows) + 1, sheet.key
        (table,) = ws.tables.values()
        assert table.ref.endswith(str(len(rows) + 1))
    transactions = wb[contract.TRANSACTIONS.name(lang)]
    types = {transactions.cell(row=r, column=3).value for r in range(2, transactions.max_row + 1)}
    assert types == set(contract.DOCUMENT_TYPES.labels(lang))
    assert wb[SETTINGS_SHEET.name(lang)]["B2"].value == records["settings"][0]["value"]


def test_the_demo_is_the_same_for_the_same_day() -> None:
    assert demo_records("en", TODAY) == demo_records("en", TODAY)
    assert demo_records("en", TODAY) != demo_records("en", TODAY - timedelta(days=1))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_demo_tells_the_whole_story(lang: str) -> None:
    book = demo_records(lang, TODAY)
    customers, documents = book["customers"], book["transactions"]
    invoices = [d for d in documents if d["type"] == "invoice"]
    credits = [d for d in documents if d["type"] == "credit_note"]
    names = " ".join(str(c["customer_name"]) for c in customers)
    assert 30 <= len(customers) <= 40
    assert re.search(r"[\u4e00-\u9fff]", names)
    assert re.search(r"Ltd", names)
    assert {c["terms_days"] for c in customers} == {30, 45, 60}
    assert 200 <= len(invoices) <= 500
    assert min(d["date"] for d in invoices) >= TODAY - timedelta(days=365)
    assert sum(bool(d["disputed"]) for d in documents) == 2
    assert sum(bool(d["written_off"]) for d in documents) == 1
    assert any(d["against_document"] for d in credits)
    assert any(not d["against_document"] for d in credits)
    applied = Counter(p["applied_to"] for p in book["payments"] if p["applied_to"])
    assert any(n > 1 for n in applied.values()), "some invoices are paid in parts"
    assert any(not p["applied_to"] for p in book["payments"])
    amounts = {d["document_no"]: d["amount"] for d in invoices}
    paid = Counter()
    for p in book["payments"]:
        paid[p["applied_to"]] += p["amount"]
    assert any(paid[no] > amount for no, amount in amounts.items()), "an overpayment"
    assert 6 <= len(book["plans"]) <= 8  # two plans of four instalments, some due
    assert 12 <= len(book["collection_log"]) <= 17
    assert sum(e["promised_date"] is not None for e in book["collection_log"]) >= 3


@settings(max_examples=8, deadline=None)
@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
def test_the_demo_is_valid_under_the_contract_on_any_day(today: date) -> None:
    for lang in LANGUAGES:
        assert _contract_problems(demo_records(lang, today), today) == []


def _contract_problems(book: dict[str, list[dict[str, object]]], today: date) -> list[str]:
    """Return every way the demo records break the contract (empty when they are valid)."""
    problems: list[str] = []
    customer_of: dict[str, dict[str, str]] = {"customer_id": {}}
    for sheet in RECORD_SHEETS:
        keys = {c.key for c in sheet.inputs}
        for i, record in enumerate(book[sheet.key]):
            where = f"{sheet.key}[{i}]"
            problems += [f"{where}: unknown column {k}" for k in record.keys() - keys]
            for column in sheet.inputs:
                problems += _value_problems(where, column, record.get(column.key), today)
    ids = {
        "customers": "customer_id",
        "transactions": "document_no",
        "payments": "payment_no",
    }
    for key, id_key in ids.items():
        counts = Counter(r[id_key] for r in book[key])
        problems += [f"duplicate {id_key} {v}" for v, n in counts.items() if n > 1]
    customers = {r["customer_id"] for r in book["customers"]}
    customer_of = {str(d["document_no"]): str(d["customer_id"]) for d in book["transactions"]}
    invoices = {str(d["document_no"]) for d in book["transactions"] if d["type"] == "invoice"}
    for key in ("transactions", "payments", "plans", "collection_log"):
        for r in book[key]:
            if r["customer_id"] not in customers:
                problems.append(f"{key}: unknown customer {r['customer_id']}")
    references = [
        (d, "against_document") for d in book["transactions"] if d["type"] == "credit_note"
    ]
    references += [(p, "applied_to") for p in book["payments"]]
    references += [(r, "document_no") for r in (*book["plans"], *book["collection_log"])]
    for record, key in references:
        target = str(record[key] or "")
        if target and (target not in invoices or customer_of[target] != record["customer_id"]):
            problems.append(f"{key} {target} is not an invoice of {record['customer_id']}")
    return problems


def _value_problems(where: str, column: contract.Column, value: object, today: date) -> list[str]:
    """Return what is wrong with one value of a demo record."""
    if value in (None, "") or value is False:
        return [f"{where}.{column.key} is required"] if column.required else []
    kinds: dict[Kind, type | tuple[type, ...]] = {
        Kind.DATE: date,
        Kind.MONEY: Decimal,
        Kind.INT: int,
        Kind.FLAG: bool,
    }
    if not isinstance(value, kinds.get(column.kind, str)):
        return [f"{where}.{column.key}: {value!r} is not {column.kind}"]
    if isinstance(value, Decimal) and (value <= 0 or value != value.quantize(Decimal("0.01"))):
        return [f"{where}.{column.key}: {value} is not a positive amount in cents"]
    if column.choices is not None and column.kind is Kind.CHOICE:
        codes = {c.code for c in column.choices.choices}
        if value not in codes:
            return [f"{where}.{column.key}: {value!r} is not a code"]
    if isinstance(value, date) and column.key == "date" and value > today:
        return [f"{where}.{column.key}: {value} is after {today}"]
    return []


def _row(ws: Worksheet, row: int) -> list[object]:
    """Return the values of one sheet row up to its last filled cell."""
    return [c.value for c in ws[row] if c.value is not None]


def _validations(ws: Worksheet, kind: str) -> dict[str, str]:
    """Return range -> formula of the sheet's data validations of one type."""
    return {
        str(ref): v.formula1
        for v in ws.data_validations.dataValidation
        if v.type == kind
        for ref in v.sqref.ranges
    }


def test_the_golden_comparison_ignores_save_times_but_nothing_else(tmp_path: Path) -> None:
    built, resaved, edited = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "c.xlsx"
    build(built, "en")
    with zipfile.ZipFile(built) as src:
        members = {n: src.read(n) for n in src.namelist()}
    for target, part, old, new in (
        (resaved, "docProps/core.xml", b"2024-01-01", b"2031-05-06"),
        (edited, "xl/workbook.xml", b"<sheets>", b"<sheets >"),
    ):
        with zipfile.ZipFile(target, "w") as out:
            for name, data in reversed(members.items()):
                out.writestr(name, data.replace(old, new) if name == part else data)
    assert differences(resaved, built) == []
    (found,) = differences(edited, built)
    assert found.startswith("xl/workbook.xml differs")
