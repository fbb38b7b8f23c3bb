"""Appends attacked as a hostile user would: two book objects on one file, odd values, odd books.

Each test names a way an append went wrong before it was fixed, or a defect reported to the
lead (``xfail(strict=True)``, with the reason) in a module another helper is reworking.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from append_books import loaded, new_payment, parts, shared_strings_book
from openpyxl.comments import Comment

from arsheet.adapters.xlsx.append_sheet import AppendedSheet
from arsheet.adapters.xlsx.book import XlsxBook
from arsheet.book.contract import CUSTOMERS, PAYMENTS, TRANSACTIONS
from arsheet.errors import BookChanged, RowsRefused
from arsheet.pipeline import load, recalculate

TEMPLATE = Path(__file__).parents[2] / "templates" / "debt_tracker.xlsx"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """The template with customer C1, as a user starts."""
    path = Path(shutil.copy(TEMPLATE, tmp_path / "book.xlsx"))
    XlsxBook.for_update(path).append("customers", [{"customer_id": "C1", "customer_name": "Acme"}])
    return path


def payment_numbers(path: Path) -> list[str]:
    return loaded(path).book.payments["payment_no"].tolist()


def test_a_book_object_that_read_the_file_appends_after_rows_another_one_added(
    book: Path,
) -> None:
    first, second = XlsxBook.for_update(book), XlsxBook.for_update(book)
    load(second)  # reads, and keeps, the file as it is now
    first.append("payments", [new_payment("P-1")])
    assert load(second).book.payments["payment_no"].tolist() == ["P-1"]
    second.append("payments", [new_payment("P-2")])
    assert payment_numbers(book) == ["P-1", "P-2"]


def test_a_recalculation_refuses_to_write_over_a_file_changed_since_it_was_read(
    book: Path,
) -> None:
    def another_run_appends(phase: str) -> None:
        if phase == "write":  # after the figures were computed from the file as it was
            XlsxBook.for_update(book).append("payments", [new_payment("P-1")])

    with pytest.raises(BookChanged) as refused:
        recalculate(XlsxBook.for_update(book), progress=another_run_appends)
    assert payment_numbers(book) == ["P-1"]
    assert "book.xlsx" in refused.value.message("en")
    assert "book.xlsx" in refused.value.message("zh")


def test_ten_thousand_rows_of_text_xml_would_misread_read_back_as_given(book: Path) -> None:
    notes = [f'Tom & <Jerry> "{n}" _x0041_ \x01 ' for n in range(10_000)]
    rows = [new_payment(f"P-{n}", Decimal(n + 1).scaleb(-2), notes=notes[n]) for n in range(10_000)]
    XlsxBook.for_update(book).append("payments", rows)
    payments = loaded(book).book.payments
    assert payments["payment_no"].tolist() == [f"P-{n}" for n in range(10_000)]
    assert payments["notes"].tolist() == [n.strip() for n in notes]
    assert payments["amount"].tolist() == list(range(1, 10_001))


def test_rows_that_would_run_past_the_sheets_last_row_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "full.xlsx"
    workbook = openpyxl.Workbook()
    payments = workbook.active
    payments.title = PAYMENTS.en
    payments.append([c.en for c in PAYMENTS.inputs])
    for col, value in enumerate(["P-1", "C1", "2024-09-30", 5], start=1):
        payments.cell(1_048_575, col, value)
    workbook.create_sheet(CUSTOMERS.en).append([c.en for c in CUSTOMERS.inputs])
    workbook.create_sheet(TRANSACTIONS.en).append([c.en for c in TRANSACTIONS.inputs])
    workbook.save(path)
    XlsxBook.for_update(path).append("payments", [new_payment("P-2")])  # the very last row
    before = path.read_bytes()
    with pytest.raises(RowsRefused) as refused:
        XlsxBook.for_update(path).append("payments", [new_payment("P-3")])
    assert refused.value.problems_en == (
        "Payments: the sheet ends at row 1,048,576, with too little room below its last record"
        " for the rows to add (1)",
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize("amount", [12.5, float("nan"), np.float64(12.5)])
def test_a_value_of_the_wrong_type_is_one_problem_at_its_cell(book: Path, amount: object) -> None:
    with pytest.raises(RowsRefused) as refused:
        XlsxBook.for_update(book).append("payments", [new_payment("P-1", amount)])
    assert len(refused.value.problems_en) == 1


def test_numpy_values_of_a_frames_row_are_taken_as_pythons_own(book: Path) -> None:
    row = new_payment("P-1", np.int64(7), date=np.datetime64("2024-09-30"))
    XlsxBook.for_update(book).append("payments", [row])
    assert loaded(book).book.payments["amount"].tolist() == [700]


def test_text_longer_than_a_cell_holds_is_refused(book: Path) -> None:
    with pytest.raises(RowsRefused):
        XlsxBook.for_update(book).append("payments", [new_payment("P-1", notes="x" * 32_768)])


def test_one_row_given_where_a_list_of_rows_is_due_is_told_as_such(book: Path) -> None:
    with pytest.raises(TypeError, match=r"give \[row\] for one row"):
        XlsxBook.for_update(book).append("payments", new_payment("P-1"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a list of mappings"):
        XlsxBook.for_update(book).append("payments", ["P-1"])  # type: ignore[list-item]


def test_a_date_before_a_1904_books_first_day_is_refused(tmp_path: Path) -> None:
    path = Path(shutil.copy(TEMPLATE, tmp_path / "mac.xlsx"))
    workbook = openpyxl.load_workbook(path)
    workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    workbook.save(path)
    with pytest.raises(RowsRefused, match="before 1904-01-01"):
        XlsxBook.for_update(path).append("payments", [new_payment("P-1", date=date(1903, 12, 31))])


def test_ctrl_c_in_the_middle_of_writing_the_rows_leaves_the_book_whole(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = book.read_bytes()
    streamed = AppendedSheet.stream

    def interrupted(self: AppendedSheet, chunks: Iterable[bytes]) -> Iterator[bytes]:
        for number, chunk in enumerate(streamed(self, chunks)):
            if number == 1:
                raise KeyboardInterrupt
            yield chunk

    monkeypatch.setattr(AppendedSheet, "stream", interrupted)
    with pytest.raises(KeyboardInterrupt):
        XlsxBook.for_update(book).append("payments", [new_payment(f"P-{n}") for n in range(500)])
    assert book.read_bytes() == before
    assert sorted(p.name for p in book.parent.iterdir()) == ["book.xlsx"]


def test_a_link_to_the_book_stays_a_link_and_the_book_takes_the_rows(book: Path) -> None:
    link = book.with_name("link.xlsx")
    link.symlink_to(book)
    XlsxBook.for_update(link).append("payments", [new_payment("P-1")])
    assert link.is_symlink()
    assert payment_numbers(book) == ["P-1"]


def test_text_xml_would_misread_reads_back_from_a_books_shared_strings(tmp_path: Path) -> None:
    book = shared_strings_book(tmp_path / "sst.xlsx")
    notes = ["Tom & <Jerry>", "_x0041_", "\x01", " spaced ", "Tom & <Jerry>", "Acme"]
    rows = [new_payment(f"P-{n}", notes=note) for n, note in enumerate(notes, start=2)]
    XlsxBook.for_update(book).append("payments", rows)
    assert loaded(book).book.payments["notes"].tolist()[1:] == [n.strip() for n in notes]
    strings = parts(book)["xl/sharedStrings.xml"]
    assert strings.count(b"Tom &amp; &lt;Jerry&gt;") == 1
    assert strings.count(b"<t>C1</t>") == 1  # the customer's ID, there already


@pytest.mark.parametrize("number", [12345678901234567, 2**53 + 1, 10**15, 999_999_999_999_999])
def test_a_whole_number_id_keeps_every_digit(book: Path, number: int) -> None:
    customer = {"customer_id": number, "customer_name": "Long"}
    XlsxBook.for_update(book).append("customers", [customer])
    payment = new_payment("P-1", customer_id=number)
    XlsxBook.for_update(book).append("payments", [payment])
    read = loaded(book)
    assert read.book.customers["customer_id"].tolist() == ["C1", str(number)]
    assert read.book.payments["customer_id"].tolist() == [str(number)]
    assert read.located == ()


def test_a_second_run_of_the_same_append_is_refused_as_duplicate_keys(book: Path) -> None:
    XlsxBook.for_update(book).append("payments", [new_payment("P-1")])
    before = book.read_bytes()
    with pytest.raises(RowsRefused):
        XlsxBook.for_update(book).append("payments", [new_payment("P-1")])
    assert book.read_bytes() == before


def test_rows_another_run_saved_while_these_were_written_are_not_lost(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    streamed = AppendedSheet.stream
    others = [new_payment("P-other")]

    def meanwhile(self: AppendedSheet, chunks: Iterable[bytes]) -> Iterator[bytes]:
        if others:  # another run saves its rows while this one writes
            monkeypatch.setattr(AppendedSheet, "stream", streamed)
            XlsxBook.for_update(book).append("payments", [others.pop()])
        yield from streamed(self, chunks)

    monkeypatch.setattr(AppendedSheet, "stream", meanwhile)
    with pytest.raises(BookChanged):
        XlsxBook.for_update(book).append("payments", [new_payment("P-mine")])
    assert payment_numbers(book) == ["P-other"]
    assert sorted(p.name for p in book.parent.iterdir()) == ["book.xlsx"]


def test_rows_of_a_frame_with_empty_cells_are_appended(book: Path) -> None:
    frame = pd.DataFrame(
        {
            "payment_no": ["P-1", "P-2"],
            "customer_id": ["C1", "C1"],
            "date": pd.to_datetime(["2024-09-01", "2024-09-02"]),
            "amount": [Decimal("1.00"), Decimal("2.00")],
            "reference": [None, "R-2"],
            "notes": ["paid", pd.NA],
        }
    )
    XlsxBook.for_update(book).append("payments", frame.to_dict("records"))
    assert payment_numbers(book) == ["P-1", "P-2"]


def test_two_new_rows_with_one_key_are_refused(book: Path) -> None:
    with pytest.raises(RowsRefused):
        XlsxBook.for_update(book).append("payments", [new_payment("P-1"), new_payment("P-1")])


def test_the_users_columns_sheets_comment_merge_and_hidden_row_above_stay_theirs(
    book: Path,
) -> None:
    XlsxBook.for_update(book).append("payments", [new_payment("P-1")])
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Payments"]
    sheet["L1"], sheet["L2"], sheet["M1"], sheet["M2"] = "My note", "kept", "Unapplied", 5
    sheet["G2"].comment = Comment("called them", "me")
    sheet.merge_cells("N2:O2")
    sheet.row_dimensions[2].hidden = True
    workbook.create_sheet("Mine")["A1"] = "my own sheet"
    workbook.save(book)
    before = parts(book)
    XlsxBook.for_update(book).append("payments", [new_payment("P-2")])
    after = parts(book)
    changed = {name for name in before if before[name] != after[name]}
    # openpyxl asks for a full calculation on load already: workbook.xml stays too.
    assert changed == {"xl/worksheets/sheet5.xml", "xl/tables/table3.xml"}
    sheet = openpyxl.load_workbook(book)["Payments"]
    assert [sheet.cell(3, c).value for c in (1, 12, 13, 14)] == ["P-2", None, None, None]
    assert sheet["G3"].comment is None
    assert [str(r) for r in sheet.merged_cells.ranges] == ["N2:O2"]
    assert sheet.row_dimensions[2].hidden
    assert not sheet.row_dimensions[3].hidden
    assert payment_numbers(book) == ["P-1", "P-2"]


def test_a_date_appended_to_a_1904_book_is_that_day_in_its_date_system(book: Path) -> None:
    workbook = openpyxl.load_workbook(book)
    workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    workbook.save(book)
    XlsxBook.for_update(book).append("payments", [new_payment("P-1", date=date(2024, 9, 30))])
    assert openpyxl.load_workbook(book)["Payments"]["C2"].value.date() == date(2024, 9, 30)
    assert loaded(book).book.payments["date"].dt.date.tolist() == [date(2024, 9, 30)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Acme \ud800"),
        "Acme \uffff",
        "\ufffe",
    ],
)
def test_a_text_no_workbook_can_hold_is_refused_at_its_cell(book: Path, text: str) -> None:
    before = book.read_bytes()
    with pytest.raises(RowsRefused) as refused:
        XlsxBook.for_update(book).append("payments", [new_payment("P-1", notes=text)])
    assert refused.value.problems_en == (
        "Payments!H2: this text has a character a workbook cannot hold (half a UTF-16 pair, "
        "U+FFFE or U+FFFF); remove it",
    )
    assert book.read_bytes() == before


@pytest.mark.parametrize("text", ["emoji 😀", "nul \x00", "bom \ufeff", "_x0041_", "\x1f"])
def test_a_text_of_any_other_characters_reads_back_as_given(book: Path, text: str) -> None:
    XlsxBook.for_update(book).append("payments", [new_payment("P-1", notes=text)])
    assert loaded(book).book.payments["notes"].tolist() == [text.strip()]


def test_rows_given_by_a_generator_are_appended(book: Path) -> None:
    XlsxBook.for_update(book).append("payments", (new_payment(f"P-{n}") for n in (1, 2)))
    assert payment_numbers(book) == ["P-1", "P-2"]


def test_no_rows_by_an_empty_generator_change_nothing(book: Path) -> None:
    before = book.read_bytes()
    XlsxBook.for_update(book).append("payments", iter([]))
    assert book.read_bytes() == before
