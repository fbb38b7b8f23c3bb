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
from dataclasses import dataclass, field
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

    from arsheet.book.messages import Located
    from arsheet.book.port import BookPort, BookSource
    from arsheet.core.steps import Results
    from arsheet.letters.outbox import Mailed
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
    from arsheet.adapters.xlsx.book import XlsxBook

    if not isinstance(book, str | os.PathLike):
        return _book(book)  # type: ignore[return-value]
    path = Path(book)
    kept = XlsxBook.backup_path(path) if backup is True else backup or None
    # A backup over the book itself would be replaced by the new version: none kept.
    if kept and os.path.realpath(kept) == os.path.realpath(path):
        raise ValueError(f"{kept}: the backup must be another file than the book")
    return XlsxBook.for_update(path, backup=Path(kept) if kept else None)


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
        path: where to create it; the name must end in ``.xlsx``.
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
        ValueError: the name does not end in ``.xlsx``, ``lang`` is unknown, or ``today`` is
            not a date between 1900-03-01 and 2199-12-31.
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
    # The template holds no macros, and Excel refuses an .xlsm name on a macro-free package.
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"{path}: the name must end in .xlsx")
    package = template_bytes(lang, demo, day)
    XlsxBook.create(path, _recalculated(package, day) if demo else package)
    return path


def _recalculated(package: bytes, as_of: date) -> bytes:
    """Return the book ``package`` holds, recalculated as of ``as_of``.

    It is recalculated in a folder of its own, not where the new book goes: the book still
    appears whole or not at all, and a book it replaces stays as it was should this fail.
    """
    import tempfile

    from arsheet.adapters.xlsx.book import XlsxBook
    from arsheet.pipeline import recalculate

    with tempfile.TemporaryDirectory(prefix="arsheet-new-") as folder:
        book = XlsxBook.create(Path(folder, "book.xlsx"), package)
        recalculate(book, as_of=as_of)
        return book.path.read_bytes()


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


def _source(book: Book) -> BookSource:
    from arsheet.adapters.xlsx.book import XlsxBook

    if isinstance(book, str | os.PathLike):
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


# Letters (issue 11): ``arsheet letters``, the dunning notices written out as files.

if TYPE_CHECKING:
    from collections.abc import Sequence

    from arsheet.core.book import Book as CoreBook
    from arsheet.core.notices import Notice
    from arsheet.core.settings import Settings
    from arsheet.letters.compose import Composed
    from arsheet.letters.output import Attach


@dataclass(frozen=True)
class Lettered:
    """The notices ``letters`` wrote, where, and what it recorded in the Collection log.

    Attributes:
        out: the folder the letters went to.
        as_of: the notices' date.
        lang: the book's language (each letter is in its customer's).
        notices: the notices written, one per customer.
        files: every file written, in order.
        no_email: customers an e-mail was asked for but who have no e-mail address in the
            Customers sheet: no .eml was written for them.
        recorded: how many notices were recorded in the Collection log (those whose channel
            is not e-mail: ``arsheet send`` records an e-mail when it is delivered).
        held: customers asked for by name who have no notice, with why: a code of
            :data:`arsheet.core.dunning_policy.NOT_DUNNED`, or "" when nothing is dunnable.
    """

    out: Path
    as_of: date
    lang: str
    notices: tuple[Notice, ...]
    files: tuple[Path, ...]
    no_email: tuple[str, ...]
    recorded: int
    held: dict[str, str] = field(default_factory=dict)


def letters(
    book: Book,
    *,
    out: str | os.PathLike[str] | None = None,
    customers: Sequence[str] | None = None,
    level: int | None = None,
    formats: Sequence[str] = ("html", "txt"),
    as_of: date | str | None = None,
    dry_run: bool = False,
    backup: bool | str | os.PathLike[str] = True,
    today: date | None = None,
    attach: Attach | None = None,
) -> Lettered:
    """Write the dunning notices due as letters, and record those sent on paper.

    One notice per customer due one on the as-of date (or each of ``customers``, due or not),
    in the customer's language, from the templates in a ``letters/`` folder beside the book
    or else arsheet's own. Every letter is filled in before any file is written, so a broken
    template writes nothing. The notices whose channel is not e-mail are then appended to
    the Collection log, which is what stops a second run the same day from sending them again.

    Example::

        arsheet.api.letters("debt_tracker.xlsx", formats=["html", "eml"]).files

    Args:
        book: a path (opened for update), or a book of the port.
        out: the folder; default ``letters/<as-of date>/`` beside the book.
        customers: only these customers' notices, made even when not due yet.
        level: the dunning level to write at (its template and fee) instead of the one due.
        formats: any of ``html``, ``txt``, ``eml``, ``docx``, ``pdf``.
        as_of: the notices' date; default the Settings' As-of date, else ``today``.
        dry_run: write the letters but record nothing in the book.
        backup: for a path, as for :func:`recalc`.
        today: what "today" is (default: the system date).
        attach: given each notice written out, returns the files its e-mail carries; by
            default the customer's statement of account as HTML, listing every document the
            notice asks for (:mod:`arsheet.letters.attached`).

    Raises:
        TemplateFailed: a template is missing or fails; nothing was written.
        NoSender: .eml files were asked for and the Settings have no Company e-mail.
        UnknownCustomer: one of ``customers`` is not in the book.
        ArsheetError: the book cannot be read or written; a file is then left as it was.
        ValueError: a format, level or date is not valid (notices to record dated after
            today), ``out`` is missing for a book in memory or is a file, or two customers'
            letters would have one file name (nothing written).
    """
    from arsheet.core.notices import notices
    from arsheet.errors import NoSender, UnknownCustomer
    from arsheet.letters.attached import statements_attached
    from arsheet.letters.compose import compose_all
    from arsheet.letters.environment import environment
    from arsheet.letters.filenames import refuse_shared_names
    from arsheet.letters.output import file_name
    from arsheet.letters.record import log_rows
    from arsheet.pipeline import computed, load

    wanted = _formats(formats)
    path = Path(book) if isinstance(book, str | os.PathLike) else None
    if out is None and path is None:
        raise ValueError("a book in memory needs out=, the folder the letters go to")
    day = as_of_date(today, "today")
    sink = None if dry_run else _for_update(book, backup)
    source = sink or _source(book)
    loaded, results = computed(load(source, today=day), as_of_date(as_of), day)
    asked = None if customers is None else tuple(str(c).strip() for c in customers)
    for customer in asked or ():
        if customer not in results.customers.index:
            raise UnknownCustomer(path, customer)
    settings = loaded.book.settings
    found = notices(loaded.book, results, customers=asked, level=level)
    if "eml" in wanted and found and not settings.company_email:
        raise NoSender(path)
    env = environment(path)
    composed = compose_all(found, loaded.book, env)
    on_paper = [c.notice for c in composed if c.notice.channel != "email"]
    if sink is not None and on_paper:
        _can_record_notices(loaded, path, results.as_of, day)
    refuse_shared_names({c.notice.customer_id: file_name(c, "html") for c in composed})
    if attach is None and "eml" in wanted:
        attach = statements_attached(loaded.book, results, env, found)
    folder = Path(out) if out is not None else _letters_folder(path, results.as_of)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} is a file, not a folder the letters can go to")
    files, no_email = _write_letters(composed, wanted, folder, settings, attach)
    recorded = 0
    if sink is not None and on_paper:
        sink.append("collection_log", log_rows(on_paper, loaded.lang, owners=_owners(loaded.book)))
        recorded = len(on_paper)
    return Lettered(
        out=folder,
        as_of=results.as_of,
        lang=loaded.lang,
        notices=tuple(found),
        files=tuple(files),
        no_email=no_email,
        recorded=recorded,
        held={
            c: str(results.customers.at[c, "not_dunned"])
            for c in asked or ()
            if c not in {n.customer_id for n in found}
        },
    )


def _formats(formats: Sequence[str]) -> tuple[str, ...]:
    from arsheet.letters.output import FORMATS

    wanted = tuple(dict.fromkeys(str(f).strip().lower() for f in formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        typed = ", ".join(unknown) or "none"
        raise ValueError(f"formats are some of {', '.join(FORMATS)}, not {typed}")
    return wanted


def _owners(book: CoreBook) -> dict[str, str]:
    """Return each customer's collector (the Customers sheet's Owner), for the log's rows."""
    customers = book.customers
    if "owner" not in customers:
        return {}
    return dict(zip(customers["customer_id"], customers["owner"], strict=True))


def _letters_folder(path: Path | None, as_of: date) -> Path:
    """Return where a day's letters go by default: ``letters/<as-of date>/`` beside the book."""
    from arsheet.letters.environment import OVERRIDE_FOLDER

    assert path is not None  # a book in memory was asked for its folder already
    return path.parent / OVERRIDE_FOLDER / as_of.isoformat()


def _write_letters(
    composed: Sequence[Composed],
    formats: tuple[str, ...],
    folder: Path,
    settings: Settings,
    attach: Attach | None,
) -> tuple[list[Path], tuple[str, ...]]:
    """Write each notice's files, then the PDFs in one LibreOffice run.

    Returns:
        The files, and the customers given no .eml for want of an e-mail address.
    """
    import tempfile

    from arsheet.letters.output import Sender, write_notice, write_pdfs

    sender = Sender(settings.company_email, settings.company_name)
    files: list[Path] = []
    no_email: list[str] = []
    printed: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="arsheet-letters-") as scratch:
        for one in composed:
            mailed = "eml" in formats and bool(one.to)
            if "eml" in formats and not one.to:
                no_email.append(one.notice.customer_id)
            own = [f for f in formats if f not in ("eml", "pdf")] + (["eml"] if mailed else [])
            attachments = attach(one) if mailed and attach is not None else ()
            written = write_notice(one, own, folder, sender=sender, attachments=attachments)
            files += written
            if "pdf" in formats:
                # A PDF is printed from the HTML letter, written aside when it was not asked for.
                html = [f for f in written if f.suffix == ".html"]
                printed += html or write_notice(one, ["html"], Path(scratch))
        files += write_pdfs(printed, folder) if printed else []
    return files, tuple(no_email)


# Sending notices by e-mail (arsheet send).


@dataclass(frozen=True)
class Sent:
    """The e-mail notices of a run and what became of each.

    Attributes:
        as_of: the day of the notices.
        lang: the book's language.
        notices: each notice due by e-mail (:class:`arsheet.letters.outbox.Mailed`): to whom,
            its subject, level and total (minor units), and ``status``: ``"delivered"``,
            ``"refused"``, ``"unsent"``, ``"no_address"`` or, for a dry run, ``"dry_run"``.
        dry_run: nothing was sent or recorded.
    """

    as_of: date
    lang: str
    notices: tuple[Mailed, ...]
    dry_run: bool

    @property
    def delivered(self) -> tuple[Mailed, ...]:
        """The notices the server accepted: those added to the Collection log."""
        return tuple(m for m in self.notices if m.status == "delivered")

    @property
    def failed(self) -> tuple[Mailed, ...]:
        """The notices that did not go: refused, not sent, or for a customer without e-mail."""
        return tuple(m for m in self.notices if m.status not in ("delivered", "dry_run"))


def send(
    book: Book,
    *,
    smtp: str | None = None,
    security: str = "none",
    user: str = "",
    password: str = "",
    dry_run: bool = False,
    as_of: date | str | None = None,
    backup: bool | str | os.PathLike[str] = True,
    today: date | None = None,
    timeout: float = 60.0,
    attach: Attach | None = None,
) -> Sent:
    """E-mail the dunning notices due and add each one delivered to the Collection log.

    The notices are those due on the as-of date whose level's channel is e-mail, each in the
    customer's language, sent from the Settings' Company e-mail. The log is what makes a second
    run the same day send nothing again; it holds exactly the notices the server accepted,
    however the batch ends (a refusal, a lost connection, Ctrl-C).

    Example::

        done = arsheet.send("debt_tracker.xlsx", smtp="smtp.example.com:587",
                            security="starttls", user="ar@example.com", password=secret)
        [(m.customer_id, m.status, m.reason) for m in done.failed]

    Args:
        book: a path (opened for update), or a book of the port.
        smtp: the server, ``HOST:PORT`` (the port by default 25, 587 with STARTTLS, 465 with
            SSL); not needed for a dry run.
        security: ``"none"``, ``"starttls"`` or ``"ssl"``.
        user: the login name; blank: no login.
        password: the login's password.
        dry_run: only say who would get which notice; nothing is sent or written.
        as_of: the notices' date; default the Settings' As-of date, else ``today``.
        backup: for a path, as for :func:`recalc`.
        today: what "today" is (default: the system date).
        timeout: seconds to wait for the server at each step.
        attach: given each notice written out, returns the files its e-mail carries; by
            default the customer's statement of account, as for :func:`letters`.

    Raises:
        NoSenderAddress: there is something to send and the Settings have no Company e-mail.
        MailServerUnreachable, MailLoginRefused: the server cannot be used; nothing was sent.
        SentNotRecorded: notices were delivered but the book could not be written.
        TemplateFailed: a letter template is missing or fails; nothing was sent.
        ArsheetError: the book cannot be read; nothing was sent.
        ValueError: ``smtp``, ``security`` or a date is not valid (the as-of date after
            today: nothing was sent).
    """
    from arsheet.core.notices import notices
    from arsheet.letters.attached import statements_attached
    from arsheet.letters.delivery import Server, server_address
    from arsheet.letters.environment import environment
    from arsheet.letters.outbox import due_by_email, send_notices
    from arsheet.pipeline import computed, load

    server = None
    if not dry_run:
        if not smtp:
            raise ValueError("smtp names the mail server, e.g. smtp.example.com:587")
        host, port = server_address(smtp, security)
        server = Server(host, port, security, user, password, timeout)  # type: ignore[arg-type]
    when, day = as_of_date(as_of), as_of_date(today, "today")
    sink = None if dry_run else _for_update(book, backup)
    source = sink or _source(book)
    loaded, results = computed(load(source, today=day), when, day)
    path = Path(book) if isinstance(book, str | os.PathLike) else None
    due = due_by_email(notices(loaded.book, results))
    if sink is not None and due:
        _can_record_notices(loaded, path, results.as_of, day)
    if attach is None:
        attach = statements_attached(loaded.book, results, environment(path), due)
    mailed = send_notices(
        due,
        loaded.book,
        lang=loaded.lang,
        path=path,
        server=server,
        sink=sink,
        owners=_owners(loaded.book),
        attach=attach,
        before_sending=(lambda: _not_locked(path)) if path else lambda: None,
    )
    return Sent(results.as_of, loaded.lang, mailed, dry_run)


def _can_record_notices(loaded: Loaded, path: Path | None, as_of: date, today: date | None) -> None:
    """Refuse to issue notices that could not be recorded as issued.

    A book made before notices has no Dunning level to record them in; a notice dated after
    today would be recorded on a day that has not come (the policy reads the log up to the
    as-of date only, so the next run would issue it again). Checked before anything is sent or
    written: a notice issued but not recorded would be issued again by the next run.

    Raises:
        NoNoticeLevelColumn: the Collection log, or its Dunning level column, is missing.
        ValueError: the as-of date is after today.
    """
    from arsheet.book.contract import COLLECTION_LOG
    from arsheet.errors import NoNoticeLevelColumn

    today = today or date.today()
    if as_of > today:
        raise ValueError(
            f"the notices would be dated {as_of.isoformat()}, after today "
            f"({today.isoformat()}), and cannot be recorded as issued; use --dry-run to "
            "see them, or an As-of date no later than today"
        )
    layout = loaded.read.layouts.get(COLLECTION_LOG.key)
    lang = layout.lang if layout is not None else loaded.lang
    header = COLLECTION_LOG.column("notice_level").header(lang)
    if layout is None:
        raise NoNoticeLevelColumn(path, header, COLLECTION_LOG.name(lang))
    if "notice_level" not in layout.columns:
        raise NoNoticeLevelColumn(path, header)


def _not_locked(path: Path) -> None:
    """Refuse to send while another program has the book open: its log could not be saved."""
    from arsheet.adapters.xlsx.save import check_not_locked

    check_not_locked(path)


# Statements of account (issue 11): arsheet statement, and one statement's HTML for e-mails.

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jinja2.sandbox import SandboxedEnvironment

    from arsheet.core.statement import Statement

#: The formats ``statement`` writes; PDF needs LibreOffice.
STATEMENT_FORMATS = ("html", "txt", "docx", "pdf")


@dataclass(frozen=True)
class Stated:
    """The statements :func:`statement` wrote.

    Attributes:
        start: the period's first day.
        end: its last day, the day the balances and aging are taken on.
        statements: each customer's statement (:class:`arsheet.core.statement.Statement`,
            amounts in minor units), in customer-ID order.
        names: each customer's name, by customer ID.
        languages: the language each was written in, by customer ID.
        files: the files written for each, by customer ID.
        lang: the book's language, what the command reports in.
    """

    start: date
    end: date
    statements: tuple[Statement, ...]
    names: dict[str, str]
    languages: dict[str, str]
    files: dict[str, tuple[Path, ...]]
    lang: str = "en"


def statement(
    book: Book | Loaded,
    customer: str | None = None,
    *,
    start: date | str | None = None,
    end: date | str | None = None,
    out: str | os.PathLike[str] = ".",
    formats: Sequence[str] = ("html", "txt"),
    today: date | None = None,
) -> Stated:
    """Write statements of account with a confirmation slip, each in its customer's language.

    One file per customer and format, ``<customer_id>-statement.<format>`` in ``out``: the
    balance brought forward, the period's invoices, credit notes, payments and write-offs with
    a running balance, the closing balance (the customer's net balance at ``end``) and its
    aging (:mod:`arsheet.core.statement`). A template of the same name in a ``letters/`` folder
    beside the book replaces arsheet's (:mod:`arsheet.letters.statement` lists its fields).

    Example::

        arsheet.statement("debt_tracker.xlsx", "C001", start="2026-11-01", end="2026-11-30")
        arsheet.statement("debt_tracker.xlsx", out="statements")  # every customer

    Args:
        book: a path, a book of the port, or what :func:`load` returned.
        customer: the Customer ID; ``None``: every customer with a balance at ``end`` or a
            movement in the period.
        start: the period's first day; default the first day of ``end``'s month.
        end: its last day; default the Settings' As-of date, else ``today``.
        out: the folder the files go to, made if missing.
        formats: some of :data:`STATEMENT_FORMATS`.
        today: what "today" is (default: the system date).

    Raises:
        NotABook: the file cannot be read as an arsheet workbook.
        UnknownCustomer: the book computes no customer of that ID.
        PdfNeedsLibreOffice: PDF was asked for and LibreOffice is not installed (nothing is
            written then).
        PdfFailed: LibreOffice did not print every statement (nothing is written).
        TemplateFailed: a statement template is missing or fails.
        ValueError: an unknown format, a date that is not one, or a period ending before
            it starts.
    """
    from arsheet.letters.statement import save_statements, templates_for, write_statement

    wanted = _statement_formats(formats)
    loaded, day, (first, last), found = _statements(book, customer, start, end, today)
    env, templates = _letters(book), templates_for(wanted)
    written = {
        one.customer_id: write_statement(one, loaded.book, env, day, templates) for one in found
    }
    files = save_statements(
        [(customer_id, texts) for customer_id, (_, texts) in written.items()],
        Path(out),
        wanted,
        day,
    )
    names = loaded.book.customers.set_index("customer_id")["customer_name"]
    return Stated(
        start=first,
        end=last,
        statements=tuple(found),
        names={one.customer_id: str(names.get(one.customer_id, "")) for one in found},
        languages={customer_id: lang for customer_id, (lang, _) in written.items()},
        files=files,
        lang=loaded.lang,
    )


def statement_html(
    book: Book | Loaded,
    customer: str,
    *,
    start: date | str | None = None,
    end: date | str | None = None,
    today: date | None = None,
) -> str:
    """Return one customer's statement as HTML, in its language, to attach to an e-mail.

    The arguments and errors are :func:`statement`'s.
    """
    from arsheet.letters.statement import write_statement

    loaded, day, _, found = _statements(book, customer, start, end, today)
    return write_statement(found[0], loaded.book, _letters(book), day, ("html",))[1]["html"]


def _statements(
    book: Book | Loaded,
    customer: str | None,
    start: date | str | None,
    end: date | str | None,
    today: date | None,
) -> tuple[Loaded, date, tuple[date, date], list[Statement]]:
    """Return the book, the day statements are made on, the period, and the statements."""
    from arsheet.core.statement import statements
    from arsheet.core.steps import compute as compute_results
    from arsheet.errors import UnknownCustomer
    from arsheet.pipeline import Loaded

    today = as_of_date(today, "today")
    loaded = book if isinstance(book, Loaded) else load(book, today=today)
    period = first, last = _period(loaded, start, end, today)
    made_on = _made_on(loaded, today)
    results = compute_results(loaded.book, last)
    ids = results.customers.index
    if customer is not None:
        # The book's IDs are read stripped, as ``plan`` and ``credit_check`` take theirs.
        customer = str(customer).strip()
        if customer not in ids:
            path = Path(book) if isinstance(book, str | os.PathLike) else None
            raise UnknownCustomer(path, customer)
        return loaded, made_on, period, list(statements(loaded.book, results, [customer], first))
    found = statements(loaded.book, results, sorted(ids), first)
    return loaded, made_on, period, [s for s in found if s.closing or s.movements]


def _period(
    loaded: Loaded, start: date | str | None, end: date | str | None, today: date | None
) -> tuple[date, date]:
    """Return the period asked for: ``end`` default the as-of date, ``start`` its month's first."""
    last = as_of_date(end, "end date") or _made_on(loaded, today)
    first = as_of_date(start, "start date") or last.replace(day=1)
    if first > last:
        raise ValueError(f"the period starts on {first}, after it ends on {last}")
    return first, last


def _made_on(loaded: Loaded, today: date | None) -> date:
    """Return the day statements are made on: the Settings' As-of date, else today."""
    return loaded.book.settings.as_of or today or date.today()


def _statement_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """Return the formats asked for, each once, or say which one arsheet does not write."""
    wanted = tuple(dict.fromkeys(f.strip().lower() for f in formats))
    unknown = [f for f in wanted if f not in STATEMENT_FORMATS]
    if unknown or not wanted:
        asked = ", ".join(unknown) or "nothing"
        raise ValueError(f"statements are written as {', '.join(STATEMENT_FORMATS)}, not {asked}")
    return wanted


def _letters(book: object) -> SandboxedEnvironment:
    """Return the letters environment, with the user's templates beside a book given by path."""
    from arsheet.letters.environment import environment

    return environment(Path(book) if isinstance(book, str | os.PathLike) else None)
