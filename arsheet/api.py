"""The Python API: each command of the ``arsheet`` CLI is one function of the same name.

A book is a path to an .xlsx/.xlsm file, or any book of the port (a
:class:`~arsheet.adapters.memory.MemoryBook`, later an open Excel workbook), used as it is.

Example::

    import arsheet

    figures = arsheet.compute("debt_tracker.xlsx", as_of="2024-12-31")
    figures.customers.sort_values("overdue_amount", ascending=False).head()
    arsheet.check("debt_tracker.xlsx").problems          # place, severity, message
    arsheet.recalc("debt_tracker.xlsx")                  # writes back, keeps a .bak

Money in the frames is exact: ``Decimal`` in major units (``Decimal("1234.50")``), NA as None.
Python's decimals add, subtract and compare exactly with each other and with ints, in pandas too
(``sum``, ``groupby().sum()``), which pyarrow's fixed-precision decimals do not always (their
precision grows with every product until it overflows); they are also what a
:class:`~arsheet.adapters.memory.MemoryBook` holds and what appending a record takes. The engine
counts in integer cents (:mod:`arsheet.core.money`); only these frames turn them into decimals.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from arsheet.book.contract import CUSTOMERS, PAYMENTS, TRANSACTIONS, Kind, Sheet, aging_labels
from arsheet.core.problems import Severity
from arsheet.typed_amount import typed_cents

# pandas, the engines and the pipeline load in the functions that use them: ``arsheet new``
# needs none of them and starts twice as fast without.
if TYPE_CHECKING:
    import pandas as pd

    from arsheet.adapters.xlsx.buttons_file import ButtonsAdded
    from arsheet.book.messages import Located
    from arsheet.book.port import BookPort, BookSource
    from arsheet.core.steps import Results
    from arsheet.pipeline import Loaded, Progress, Recalculated

    Book = str | os.PathLike[str] | BookSource

#: The as-of dates arsheet accepts: Excel's 1900 serials are off by a day before 1900-03-01 (its
#: phantom 29 February 1900), and due dates and aging must stay far inside what dates can hold.
FIRST_AS_OF, LAST_AS_OF = date(1900, 3, 1), date(2199, 12, 31)


def _money_of(sheet: Sheet, *computed: str) -> frozenset[str]:
    """Return the money columns of a frame: the sheet's in the contract, and ``computed``."""
    return frozenset({*(c.key for c in sheet.columns if c.kind is Kind.MONEY), *computed})


_DOCUMENT_MONEY = _money_of(TRANSACTIONS, "written_off_amount")
_PAYMENT_MONEY = _money_of(PAYMENTS)
#: The customers' sums (:func:`arsheet.core.metrics.describe`); ``bucket_*`` are money too.
_CUSTOMER_MONEY = _money_of(
    CUSTOMERS,
    "open_amount",
    "disputed_amount",
    "unapplied_credit",
    "net_balance",
    "invoiced",
    "credited",
    "collected",
    "written_off",
    "available_credit",
    "suggested_limit",
    "long_overdue_amount",
)
_TOTAL_MONEY = _CUSTOMER_MONEY | {"overdue_amount"}


@dataclass(frozen=True)
class Checked:
    """Every problem of a book, located at its cell, in the book's language.

    Attributes:
        lang: the book's language.
        located: the problems, sorted by sheet, row and column.
    """

    lang: str
    located: tuple[Located, ...]

    @property
    def errors(self) -> int:
        """How many problems are errors (their records are left out of the figures)."""
        return sum(p.severity is Severity.ERROR for p in self.located)

    @property
    def warnings(self) -> int:
        """How many problems are warnings."""
        return len(self.located) - self.errors

    @property
    def problems(self) -> pd.DataFrame:
        """The problems as a frame: ``place`` (``Transactions!E14``), ``severity``, ``message``."""
        import pandas as pd

        return pd.DataFrame(
            {
                "place": [p.place for p in self.located],
                "severity": [str(p.severity) for p in self.located],
                "message": [p.message for p in self.located],
            },
            dtype=object,
        )


@dataclass(frozen=True)
class Figures:
    """What arsheet computes for a book on an as-of date, as pandas frames.

    Attributes:
        as_of: the reporting date.
        currency: the book's currency (Settings).
        documents: one row per document (invoice or credit note) by sheet row: what was typed
            and what is computed (``paid``, ``open_amount``, ``status``, ``days_overdue``,
            ``aging_bucket``, ``dunning_level``, ...). Choices are codes (``"invoice"``).
        payments: one row per payment by sheet row, with ``applied`` and ``unapplied``.
        customers: one row per customer ID: what was typed, balances, buckets, metrics
            (``dso``, ``cei``, ...), ``dunning_level`` and ``next_action``, and credit:
            ``credit_score``, ``grade``, ``credit_hold``, ``suggested_limit``, the reasons.
        aging: the open amount of each customer by bucket, columns named as the Aging sheet
            names them in English (``Current``, ``1–30``, ..., ``121+``).
        totals: the whole book's figures, by name (money as ``Decimal``, buckets by label).
        checked: the problems of the book, those found from the as-of date included.
        results: the engine's own results (integer cents), for what the frames leave out.
    """

    as_of: date
    currency: str
    documents: pd.DataFrame
    payments: pd.DataFrame
    customers: pd.DataFrame
    aging: pd.DataFrame
    totals: pd.Series
    checked: Checked
    results: Results


@dataclass(frozen=True)
class CreditCheck:
    """Can an order ship on credit? The customer's exposure with it, grade, hold and reasons.

    Attributes:
        customer_id: the customer.
        customer_name: its name.
        as_of: the day of the figures.
        currency: the book's currency.
        amount: the order.
        net_balance: what the customer owes now, less its unapplied credit.
        exposure: ``net_balance + amount``.
        credit_limit: its credit limit, ``None`` without one.
        headroom: ``credit_limit − exposure`` (negative: over the limit), ``None`` without one.
        score: its credit score, ``None`` for a new customer.
        grade: its grade as the book shows it ("A" .. "D", "New" or 新客户).
        hold: the customer is on credit hold.
        blocks: why the order does not fit, in the book's language; empty when it fits.
        reasons: what explains the score, in the book's language.
        fits: the order may ship on credit.
        lang: the book's language, that of ``grade``, ``blocks`` and ``reasons``.
    """

    customer_id: str
    customer_name: str
    as_of: date
    currency: str
    amount: Decimal
    net_balance: Decimal
    exposure: Decimal
    credit_limit: Decimal | None
    headroom: Decimal | None
    score: int | None
    grade: str
    hold: bool
    blocks: tuple[str, ...]
    reasons: tuple[str, ...]
    fits: bool
    lang: str


def load(book: Book, *, today: date | None = None) -> Loaded:
    """Read and validate a book: its records as typed frames, every problem located.

    Args:
        book: a path, or a book of the port used as it is.
        today: what an As-of date of ``=TODAY()`` means (default: the system date).

    Raises:
        NotABook: the file cannot be read as an arsheet workbook.
        ValueError: ``today`` is not a date between 1900-03-01 and 2199-12-31.
    """
    from arsheet.pipeline import load as load_book

    return load_book(_source(book), today=as_of_date(today, "today"))


def check(book: Book, *, today: date | None = None) -> Checked:
    """Find every problem ``recalc`` would report, changing nothing.

    Args:
        book: a path, or a book of the port.
        today: the as-of date when the Settings have none (default: the system date).

    Raises:
        NotABook: the file cannot be read as an arsheet workbook.
        ValueError: ``today`` is not a date between 1900-03-01 and 2199-12-31.
    """
    from arsheet.pipeline import check as check_book

    loaded = check_book(_source(book), today=as_of_date(today, "today"))
    return Checked(loaded.lang, loaded.located)


def compute(
    book: Book | Loaded, *, as_of: date | str | None = None, today: date | None = None
) -> Figures:
    """Compute balances, aging, metrics and dunning levels without writing anything.

    Args:
        book: a path, a book of the port, or what :func:`load` returned.
        as_of: the reporting date (``date`` or ``"2024-12-31"``); default the Settings'
            As-of date, else ``today``.
        today: what "today" is (default: the system date).

    Raises:
        NotABook: the file cannot be read as an arsheet workbook.
        ValueError: ``as_of`` or ``today`` is not a date between 1900-03-01 and 2199-12-31.
    """
    from arsheet.book.messages import describe_all
    from arsheet.core.steps import compute as compute_results
    from arsheet.pipeline import Loaded

    today = as_of_date(today, "today")
    loaded = book if isinstance(book, Loaded) else load(book, today=today)
    settings = loaded.book.settings
    when = as_of_date(as_of) or settings.as_of or today or date.today()
    results = compute_results(loaded.book, when)
    problems = (*loaded.problems, *results.problems)
    located = tuple(describe_all(problems, loaded.read.layouts, loaded.lang))
    labels = aging_labels(results.bucket_bounds, "en")
    buckets = [f"bucket_{i}" for i in range(len(labels))]
    customers = loaded.book.customers.set_index("customer_id")
    customers = customers.drop(columns=[c for c in results.customers if c in customers])
    return Figures(
        as_of=when,
        currency=settings.currency,
        documents=_joined(loaded.book.transactions, results.transactions, _DOCUMENT_MONEY),
        payments=_joined(loaded.book.payments, results.payments, _PAYMENT_MONEY),
        customers=_money(customers.join(results.customers, how="right"), _CUSTOMER_MONEY),
        aging=_money(results.customers[buckets], _CUSTOMER_MONEY).set_axis(labels, axis=1),
        totals=_totals(results, labels),
        checked=Checked(loaded.lang, located),
        results=results,
    )


def credit_check(
    book: Book | Loaded,
    customer: str,
    amount: Decimal | int | str,
    *,
    as_of: date | str | None = None,
    today: date | None = None,
) -> CreditCheck:
    """Say whether an order of ``amount`` for ``customer`` may ship on credit, and why.

    It fits when the customer is not on credit hold, its net balance plus the order stays
    within its credit limit (when it has one) and its grade does not ask for prepayment.

    Example::

        arsheet.credit_check("debt_tracker.xlsx", "C001", "5000").fits

    Args:
        book: a path, a book of the port, or what :func:`load` returned.
        customer: the Customer ID.
        amount: the order in major units (``Decimal("5000.00")``, ``"5000"``, ``5000``).
        as_of: the reporting date; default the Settings' As-of date, else ``today``.
        today: what "today" is (default: the system date).

    Raises:
        NotABook: the file cannot be read as an arsheet workbook.
        UnknownCustomer: the book computes no customer of that ID.
        ValueError: ``amount`` is not an amount of at most two decimals and not negative,
            or a date is not one arsheet handles.
    """
    import pandas as pd

    from arsheet.adapters.memory.content import major_units
    from arsheet.core.credit_policy import order_blocks
    from arsheet.errors import UnknownCustomer
    from arsheet.pipeline import Loaded
    from arsheet.reports.reasons import block_text, grade_label, reason_parts

    cents = typed_cents(amount, zero=True)
    # The book's IDs are read stripped, as ``plan`` takes its customer.
    customer = str(customer).strip()
    today = as_of_date(today, "today")
    loaded = book if isinstance(book, Loaded) else load(book, today=today)
    figures = compute(loaded, as_of=as_of, today=today)
    customers = figures.results.customers
    if customer not in customers.index:
        path = Path(book) if isinstance(book, str | os.PathLike) else None
        raise UnknownCustomer(path, customer)
    lang, settings = loaded.lang, loaded.book.settings
    one = customers.loc[[customer]]
    row = one.iloc[0]
    blocks = order_blocks(row, cents)
    hold = (settings.hold_days_overdue, settings.hold_overdue_amount)
    net = int(row["net_balance"])
    limit = None if pd.isna(row["credit_limit"]) else int(row["credit_limit"])
    return CreditCheck(
        customer_id=customer,
        customer_name=str(figures.customers.loc[customer, "customer_name"]),
        as_of=figures.as_of,
        currency=figures.currency,
        amount=major_units(cents),
        net_balance=major_units(net),
        exposure=major_units(net + cents),
        credit_limit=None if limit is None else major_units(limit),
        headroom=None if limit is None else major_units(limit - net - cents),
        score=None if pd.isna(row["credit_score"]) else int(row["credit_score"]),
        grade=str(grade_label(one["grade"], lang).iloc[0]),
        hold=bool(row["credit_hold"]),
        blocks=tuple(block_text(code, lang, *hold) for code in blocks),
        reasons=tuple(str(p.iloc[0]) for p in reason_parts(one, lang) if p.notna().iloc[0]),
        fits=not blocks,
        lang=lang,
    )


def recalc(
    book: Book,
    *,
    as_of: date | str | None = None,
    backup: bool | str | os.PathLike[str] = True,
    today: date | None = None,
    progress: Progress | None = None,
) -> Recalculated:
    """Recalculate a book and write back only what arsheet owns.

    Args:
        book: a path (opened for update: refused while another program has it open), or a
            book of the port.
        as_of: the reporting date; default the Settings' As-of date, else ``today``.
        backup: for a path, keep the previous version as ``BOOK.xlsx.bak`` (True), at a path
            of your choosing, or not at all (False).
        today: what "today" is (default: the system date).
        progress: told the name of each phase as it starts.

    Raises:
        ArsheetError: the book cannot be read or written (``NotABook``, ``BookLocked``,
            ``CannotWrite``, ...); a file is then left as it was.
        ValueError: ``as_of`` or ``today`` is not a date between 1900-03-01 and 2199-12-31,
            or ``backup`` is the book itself.
    """
    from arsheet.pipeline import recalculate

    when, day = as_of_date(as_of), as_of_date(today, "today")
    return recalculate(_for_update(book, backup), as_of=when, today=day, progress=progress)


@dataclass(frozen=True)
class Planned:
    """A payment plan proposed and, unless it was a dry run, appended to the book.

    Attributes:
        plan_id: the new plan's ID (``P0004``).
        customer_id: its customer.
        document_no: the invoice it pays, "" for the customer's balance.
        amount: what it covers, as ``Decimal``.
        instalments: ``(number, due date, amount as Decimal)`` in order; the amounts add up
            to ``amount`` exactly.
        every: ``"week"`` or ``"month"`` between due dates.
        lang: the book's language.
        written: whether the rows were appended.
    """

    plan_id: str
    customer_id: str
    document_no: str
    amount: Decimal
    instalments: tuple[tuple[int, date, Decimal], ...]
    every: str
    lang: str
    written: bool


def plan(
    book: Book,
    *,
    customer: str,
    document: str | None = None,
    count: int,
    every: str = "month",
    start: date | str | None = None,
    amount: Decimal | int | str | None = None,
    plan_id: str | None = None,
    dry_run: bool = False,
    backup: bool | str | os.PathLike[str] = True,
    today: date | None = None,
) -> Planned:
    """Propose an even payment plan and append it to the Payment plans sheet.

    The amount is split to the cent, the remainder on the last instalment; monthly due dates
    keep the first one's day, on the month's last day when it is shorter (31 January, 29
    February, 31 March). The rows are appended as :meth:`XlsxBook.append` does: after the
    last plan, the Table growing, atomically, keeping a backup as ``recalc`` does.

    Args:
        book: a path (opened for update), or a book of the port.
        customer: the customer's ID.
        document: the invoice the plan pays; without one the plan is for the customer's
            balance (its payments from the plan's start pay it).
        count: how many instalments (1 to 1200).
        every: ``"week"`` or ``"month"``.
        start: the first due date; default one period after the book's as-of date (the
            Settings' As-of date, else ``today``).
        amount: what the plan covers, in major units (``Decimal("1000.00")``, ``"1000.00"``);
            default what is open on the document, or without one the customer's net balance.
        plan_id: the new plan's ID; default the next free one (``P0004`` after ``P0003``).
        dry_run: propose only; nothing is written.
        backup: for a path, as for :func:`recalc`.
        today: what "today" is (default: the system date).

    Returns:
        The plan.

    Raises:
        RowsRefused: the book refuses the plan (an unknown customer or document, a document
            already paid, a plan ID already used, an amount above what is open, ...), every
            reason told at its place in both languages; nothing was written.
        ArsheetError: the book cannot be read or written; a file is then left as it was.
        ValueError: ``count``, ``every``, ``start``, ``amount`` or ``today`` is not valid.
    """
    from arsheet.pipeline import computed, load
    from arsheet.planning import Request, propose

    request = Request(
        customer_id=str(customer).strip(),
        document_no=str(document or "").strip(),
        count=_count(count),
        every=_every(every),
        start=as_of_date(start, "start"),
        amount=None if amount is None else typed_cents(amount),
        plan_id=str(plan_id or "").strip(),
    )
    day = as_of_date(today, "today")
    sink = None if dry_run else _for_update(book, backup)
    source = sink or _source(book)
    loaded, results = computed(load(source, today=day), today=day)
    proposed = propose(loaded, results, request, source.path)
    if sink is not None:
        sink.append("plans", proposed.rows)
    return Planned(
        plan_id=proposed.plan_id,
        customer_id=request.customer_id,
        document_no=request.document_no,
        amount=Decimal(proposed.amount).scaleb(-2),
        instalments=tuple(
            (i.number, i.due_date, Decimal(i.amount).scaleb(-2)) for i in proposed.instalments
        ),
        every=request.every,
        lang=loaded.lang,
        written=not dry_run,
    )


def _count(count: int) -> int:
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 1200:
        raise ValueError(f"count {count!r} is not a whole number from 1 to 1200")
    return count


def _every(every: str) -> str:
    if every not in ("week", "month"):
        raise ValueError(f"every is week or month, not {every!r}")
    return every


def _for_update(book: Book, backup: bool | str | os.PathLike[str]) -> BookPort:
    """Return ``book`` to be read and written back: a path opened for update, with its backup.

    Raises:
        ValueError: the backup is the book itself.
    """
    if not isinstance(book, str | os.PathLike):
        return _book(book)  # type: ignore[return-value]
    from arsheet.adapters.xlsx.book import XlsxBook

    path = Path(book)
    return XlsxBook.for_update(path, backup=_backup_of(path, backup))


def _backup_of(path: Path, backup: bool | str | os.PathLike[str]) -> Path | None:
    """Return where writing ``path`` keeps its previous version (``backup`` as recalc takes it).

    Raises:
        ValueError: the backup is the book itself.
    """
    from arsheet.adapters.xlsx.book import XlsxBook

    kept = XlsxBook.backup_path(path) if backup is True else backup or None
    # A backup over the book itself would be replaced by the new version: none kept.
    if kept and os.path.realpath(kept) == os.path.realpath(path):
        raise ValueError(f"{kept}: the backup must be another file than the book")
    return Path(kept) if kept else None


def new(
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    demo: bool = False,
    force: bool = False,
    today: date | None = None,
) -> Path:
    """Create a workbook from the template, whole or not at all, with the user's permissions.

    Args:
        path: where to create it; the name must end in ``.xlsx``, or in ``.xlsm`` for a book
            with arsheet's buttons (needs xlwings), which also writes ``<stem>.py`` beside it.
        lang: ``"en"`` or ``"zh"``: sheet names, headers and help text.
        demo: fill it with a realistic demo book ending ``today``, recalculated as of that
            day, so that it opens with every figure and chart filled in.
        force: replace an existing file.
        today: the demo book's last day (default: the system date).

    Returns:
        The path of the new book.

    Raises:
        FileExistsError: the file exists and ``force`` is not set.
        BookLocked, BookReadOnly, BookNotWritable: the file to replace is open in another
            program, marked read-only, or not the user's to write; it is left as it was.
        FileNotFoundError: the folder it goes in does not exist.
        ValueError: the name does not end in ``.xlsx`` or ``.xlsm``, ``lang`` is unknown, or
            ``today`` is not a date between 1900-03-01 and 2199-12-31.
        NotAModuleName, ModuleFileExists, NoXlwings: an .xlsm's name is no Python module
            name, its ``<stem>.py`` exists with other contents, or xlwings is not installed.
        OSError: the file cannot be written.
    """
    from arsheet.adapters.xlsx.book import XlsxBook
    from arsheet.adapters.xlsx.save import check_not_locked, check_writable
    from arsheet.template.build import template_bytes

    path, day = Path(path), as_of_date(today, "today") or date.today()
    if path.exists():
        if not force:
            raise FileExistsError(
                errno.EEXIST, "the file exists; force=True replaces it", str(path)
            )
        # Replacing is asked for, but not under another program's feet nor over a read-only mark.
        check_not_locked(path)
        check_writable(path)
    # Said here, or the error would name the temporary file the book is built in.
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "there is no such folder", str(path.parent))
    # Excel refuses an .xlsm name on a macro-free package, and an .xlsx holding macros.
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise ValueError(f"{path}: the name must end in .xlsx or .xlsm")
    # --- The VBA route (issue 12): a book with buttons, refused before anything is built ---
    macros = path.suffix.lower() == ".xlsm"
    if macros:
        from arsheet.adapters.xlsx.book_module import check_module, module_path, write_module
        from arsheet.adapters.xlsx.vba import xlwings_project

        module = module_path(path)
        check_module(module)
        xlwings_project()
    package = template_bytes(lang, demo, day)
    if demo or macros:
        package = _finished(package, day if demo else None, macros)
    XlsxBook.create(path, package)
    if macros:
        write_module(module)
    return path


def _finished(package: bytes, as_of: date | None, macros: bool) -> bytes:
    """Return the book ``package`` holds, recalculated as of ``as_of``, with buttons if ``macros``.

    It is finished in a folder of its own, not where the new book goes: the book still
    appears whole or not at all, and a book it replaces stays as it was should this fail.
    """
    import tempfile

    from arsheet.adapters.xlsx.book import XlsxBook
    from arsheet.adapters.xlsx.buttons_file import macro_package
    from arsheet.pipeline import recalculate

    with tempfile.TemporaryDirectory(prefix="arsheet-new-") as folder:
        book = XlsxBook.create(Path(folder, "book.xlsx"), package)
        if as_of is not None:
            recalculate(book, as_of=as_of)
        return macro_package(book.path) if macros else book.path.read_bytes()


def as_of_date(value: date | str | None, what: str = "as-of date") -> date | None:
    """Return an as-of date given as a date or ``"2024-12-31"``, checked against the range.

    A ``datetime`` (a pandas ``Timestamp`` too) stands for its day: the figures are a day's.

    Args:
        value: the date, or None.
        what: what the date is, for the message (``today`` is checked the same way).

    Raises:
        ValueError: not such a date, or outside 1900-03-01 .. 2199-12-31.
    """
    if value is None:
        return None
    not_a_date = ValueError(f"{what} {value!r} is not a date like 2024-12-31")
    if isinstance(value, datetime):
        when = value.date()
    elif isinstance(value, date):
        when = value
    elif isinstance(value, str):
        try:
            when = date.fromisoformat(value)
        except ValueError:
            raise not_a_date from None
    else:
        raise not_a_date
    # pandas' NaT is a datetime whose day is NaT again.
    if isinstance(when, datetime):
        raise not_a_date
    if not FIRST_AS_OF <= when <= LAST_AS_OF:
        raise ValueError(f"{what} {when} is outside {FIRST_AS_OF} .. {LAST_AS_OF}")
    return when


def book_path(book: object) -> Path | None:
    """Return where a book lives: its path, or the absolute path a book of the port is named
    by (an open workbook on the desktop), where a ``letters/`` folder of the user's templates
    may be; None for a book with no folder.
    """
    if isinstance(book, str | os.PathLike):
        return Path(book)
    path = getattr(book, "path", None)
    return path if isinstance(path, Path) and path.is_absolute() else None


def _source(book: Book) -> BookSource:
    if isinstance(book, str | os.PathLike):
        # Imported for a file only: an open workbook (xlwings Lite) runs without the file readers.
        from arsheet.adapters.xlsx.book import XlsxBook

        return XlsxBook(Path(book))
    return _book(book)


def _book(book: object) -> BookSource:
    """Return ``book`` if it is a book of the port, else say what a book is."""
    if all(hasattr(book, name) for name in ("sheet_names", "cells", "marks")):
        return book  # type: ignore[return-value]
    raise TypeError(
        f"a book is a path to an .xlsx file or a book such as arsheet.MemoryBook, "
        f"not {type(book).__name__}"
    )


def _joined(records: pd.DataFrame, computed: pd.DataFrame, money: frozenset[str]) -> pd.DataFrame:
    """Return each record's typed cells beside what was computed for it (computed wins)."""
    typed = records.drop(columns=[c for c in computed if c in records])
    return _money(typed.join(computed).rename_axis("row"), money)


def _money(frame: pd.DataFrame, money: frozenset[str]) -> pd.DataFrame:
    """Return ``frame`` with its money columns (integer cents) as ``Decimal`` major units."""
    import pandas as pd

    from arsheet.adapters.memory.content import python_values
    from arsheet.book.content import Style

    found = {
        str(column): pd.Series(
            python_values(frame[column], Style.MONEY), index=frame.index, dtype=object
        )
        for column in frame.columns
        if _is_money(str(column), money)
    }
    return frame.assign(**found)


def _is_money(column: str, money: frozenset[str]) -> bool:
    return column in money or column.startswith("bucket_")


def _totals(results: Results, labels: list[str]) -> pd.Series:
    """Return the book's totals by name, money as ``Decimal``, buckets by label."""
    import pandas as pd

    from arsheet.adapters.memory.content import major_units

    figures: dict[str, object] = {}
    for name, value in vars(results.totals).items():
        if name == "buckets":
            figures.update({label: major_units(v) for label, v in zip(labels, value, strict=True)})
        else:
            figures[name] = major_units(value) if name in _TOTAL_MONEY else value
    return pd.Series(figures, dtype=object, name=results.as_of)


# --- The VBA route (issue 12): arsheet's buttons for an existing book ---


def buttons(
    book: str | os.PathLike[str], *, backup: bool | str | os.PathLike[str] = True
) -> ButtonsAdded:
    """Give a workbook arsheet's buttons: xlwings' VBA project and form buttons running it.

    An .xlsx gets a new .xlsm beside it and stays as it was; an .xlsm without macros is
    replaced atomically (refused while another program has it open). ``<stem>.py``, which the
    buttons run, is written beside the book. A second run changes nothing.

    Args:
        book: the .xlsx or .xlsm file.
        backup: when an .xlsm is replaced, keep its previous version as ``BOOK.xlsm.bak``
            (True), at a path of your choosing, or not at all (False).

    Returns:
        The macro-enabled book, its Python file, and whether the buttons were added now.

    Raises:
        ArsheetError: ``NotAModuleName``, ``ForeignMacros`` (the book's own macros stay),
            ``ModuleFileExists``, ``NoXlwings``, or what stops a recalc (``NotABook``,
            ``BookLocked``, ...); nothing is then changed.
        FileExistsError: the .xlsm to make from an .xlsx exists and is not arsheet's.
        ValueError: the name ends in neither .xlsx nor .xlsm, or the backup is the book.
    """
    from arsheet.adapters.xlsx.buttons_file import add_buttons, macro_book_path

    path = Path(book)
    return add_buttons(path, backup=_backup_of(macro_book_path(path), backup))


# The notices' and the statements' functions live in modules of their own, one idea each; they
# are the API's as every command's are. They import this module's helpers, so they come last.
from arsheet.api_letters import Lettered, Sent, letters, send  # noqa: E402
from arsheet.api_statements import (  # noqa: E402
    STATEMENT_FORMATS,
    Stated,
    statement,
    statement_html,
)

__all__ = [
    "FIRST_AS_OF",
    "LAST_AS_OF",
    "STATEMENT_FORMATS",
    "Checked",
    "CreditCheck",
    "Figures",
    "Lettered",
    "Planned",
    "Sent",
    "Stated",
    "as_of_date",
    "buttons",
    "check",
    "compute",
    "credit_check",
    "letters",
    "load",
    "new",
    "plan",
    "recalc",
    "send",
    "statement",
    "statement_html",
]
