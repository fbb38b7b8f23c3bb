"""Integrity checks across the book's records: unique numbers and known customers and documents.

``validate(book) -> (book, problems)`` in the shape of every pipeline step. Records with an error
are left out of the returned book (all documents and payments when their amounts add up beyond
what the engine adds exactly, :data:`MAX_BOOK_TOTAL`). A link to a document (Against document,
Applied to, a plan's or a log entry's Document No.) that names no valid document of the same
customer is a warning and is read as no link: the record stays and its money goes to the
customer's pool. A promised date before its log entry's date is a warning and is read as
no promise. Problems name the record by its index label, the field by its key.

A record whose customer row was left out for an error (a customer without a name, say) goes with
it, and the cascade is reported once, at the cause: one ``left_out_with_customer`` error on the
customer's row saying how many documents and payments, and how much money, went with it. A
customer ID found nowhere is an ``unknown_customer`` error on each record that names it.

Example: customers C1; transactions INV-1 (C1) and INV-1 (C2) -> the second INV-1 is a
``duplicate_id`` naming the first, and is dropped.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from arsheet.core.book import UNIQUE_KEYS, Book
from arsheet.core.money import format_money
from arsheet.core.problems import Problem, Severity


def validate(book: Book) -> tuple[Book, list[Problem]]:
    """Check the book's integrity and return it without the offending records.

    Args:
        book: the parsed book (each frame holds only records that parsed).

    Returns:
        The book of valid records and the problems found (errors and warnings).
    """
    problems: list[Problem] = []
    customers = _unique(book.customers, "customers", problems)
    known = pd.Index(_values(customers, "customer_id"), dtype=object)
    gone = _Gone.of(book.rejected.get("customers"), known)

    numbers = pd.Index(_values(book.transactions, "document_no"), dtype=object)
    transactions = _unique(book.transactions, "transactions", problems, numbers)
    transactions = _known_customers(transactions, "transactions", known, problems, gone)
    # The rows only ever shrink, so the same length means the hash of the numbers still fits.
    documents = _Documents.of(transactions, numbers if len(numbers) == len(transactions) else None)
    transactions = _document_refs(
        transactions, "transactions", "against_document", problems, documents, transactions
    )
    _due_before_date(transactions, problems)

    payments = _unique(book.payments, "payments", problems)
    payments = _known_customers(payments, "payments", known, problems, gone)
    payments = _document_refs(payments, "payments", "applied_to", problems, documents, transactions)

    plans = _known_customers(book.plans, "plans", known, problems, gone)
    plans = _document_refs(plans, "plans", "document_no", problems, documents, transactions)
    log = _known_customers(book.collection_log, "collection_log", known, problems, gone)
    problems += gone.problems()
    log = _document_refs(log, "collection_log", "document_no", problems, documents, transactions)
    log = _promised_before_entry(log, problems)

    if not _adds_up_exactly(transactions, payments, problems):
        transactions, payments = transactions.iloc[:0], payments.iloc[:0]

    valid = dataclasses.replace(
        book,
        customers=customers,
        transactions=transactions,
        payments=payments,
        plans=plans,
        collection_log=log,
    )
    return valid, problems


def _values(frame: pd.DataFrame, field: str) -> np.ndarray:
    """Return a text column as a numpy array of ``str`` (no copy when it is one already)."""
    return frame[field].to_numpy(dtype=object)


def _drop(frame: pd.DataFrame, bad: np.ndarray) -> pd.DataFrame:
    # Copying a million-row frame costs more than every check; most books have nothing to drop.
    return frame[~bad] if bad.any() else frame


def _unique(
    frame: pd.DataFrame,
    table: str,
    problems: list[Problem],
    numbers: pd.Index | None = None,
) -> pd.DataFrame:
    """Report every repeat of a table's key after its first record, naming that first record.

    ``numbers``, the column as an index, is hashed once for this check and the lookups after it.
    """
    field = UNIQUE_KEYS[table]
    values = _values(frame, field)
    if numbers is not None and numbers.is_unique:
        return frame
    repeated = pd.Series(values, dtype=object).duplicated(keep="first").to_numpy() & (values != "")
    if repeated.any():
        first = frame.index.to_series().groupby(values).transform("first").to_numpy()
        for row, value, of in zip(
            frame.index[repeated], values[repeated], first[repeated], strict=True
        ):
            problems.append(
                Problem(
                    table, row, field, "duplicate_id", value=value, params=(("first", str(of)),)
                )
            )
    return _drop(frame, repeated)


def _known_customers(
    frame: pd.DataFrame, table: str, known: pd.Index, problems: list[Problem], gone: _Gone
) -> pd.DataFrame:
    """Leave out records whose customer is not among the valid customers.

    Those of a customer left out for an error are counted with it (:class:`_Gone`); the others
    name a customer found nowhere, an error on each record.
    """
    values = _values(frame, "customer_id")
    unknown = ~pd.Index(values, dtype=object).isin(known)
    went = unknown & pd.Index(values, dtype=object).isin(gone.ids)
    gone.count(table, frame[went])
    unknown_alone = unknown & ~went
    for row, value in zip(frame.index[unknown_alone], values[unknown_alone], strict=True):
        problems.append(Problem(table, row, "customer_id", "unknown_customer", value=value))
    return _drop(frame, unknown)


@dataclass
class _Gone:
    """The customers left out for an error, and the records that went with each of them.

    Attributes:
        ids: the customer IDs of rows left out while reading and not among the valid customers.
        rows: each such ID's first row, where the cascade is reported.
        records: table key -> the records that went with them.
    """

    ids: pd.Index
    rows: pd.Series
    records: dict[str, pd.DataFrame]

    @classmethod
    def of(cls, rejected: pd.DataFrame | None, known: pd.Index) -> _Gone:
        if rejected is None or "customer_id" not in rejected:
            return cls(pd.Index([], dtype=object), pd.Series(dtype=object), {})
        ids = rejected["customer_id"].fillna("").astype(str)
        ids = ids[(ids != "") & ~ids.isin(known)]
        first = pd.Series(ids.index.to_list(), index=ids.to_numpy(), dtype=object)
        first = first.groupby(level=0).first()
        return cls(pd.Index(first.index, dtype=object), first, {})

    def count(self, table: str, records: pd.DataFrame) -> None:
        """Keep ``records`` of ``table`` as gone with their customer."""
        if len(records):
            self.records[table] = records

    def problems(self) -> list[Problem]:
        """Return one ``left_out_with_customer`` error per customer that took records along."""
        if not self.records:
            return []
        went = pd.concat(
            [
                r[["customer_id"]].assign(table=t, amount=_amounts(r))
                for t, r in self.records.items()
            ]
        )
        out = []
        for customer, found in went.groupby("customer_id", sort=True):
            table = found["table"].to_numpy()
            amount = found["amount"].to_numpy()
            documents, payments = table == "transactions", table == "payments"
            params = (
                ("documents", str(documents.sum())),
                ("document_amount", format_money(sum(amount[documents]))),
                ("payments", str(payments.sum())),
                ("payment_amount", format_money(sum(amount[payments]))),
                ("others", str(len(table) - documents.sum() - payments.sum())),
            )
            out.append(
                Problem(
                    "customers", self.rows[customer], "customer_id", "left_out_with_customer",
                    value=str(customer), params=params,
                )
            )  # fmt: skip
        return out


def _amounts(records: pd.DataFrame) -> np.ndarray:
    """Return the records' amounts as Python integers, exact however many (0 without one)."""
    if "amount" not in records:
        return np.zeros(len(records), dtype=object)
    return np.array([int(a) for a in records["amount"]], dtype=object)


@dataclass(frozen=True)
class _Documents:
    """The transactions with unique numbers, hashed once for every reference check.

    Later checks refer to subsets of these records (those still valid), so a lookup finds the
    record here and then asks whether it is still among the targets.
    """

    records: pd.DataFrame
    numbers: pd.Index

    @classmethod
    def of(cls, transactions: pd.DataFrame, numbers: pd.Index | None) -> _Documents:
        records = transactions
        if numbers is None:
            numbers = pd.Index(_values(records, "document_no"), dtype=object)
        if not numbers.is_unique:  # a number's first record is the one referred to
            records = records[~numbers.duplicated(keep="first")]
            numbers = pd.Index(_values(records, "document_no"), dtype=object)
        return cls(records, numbers)

    def find(self, refs: np.ndarray, targets: pd.DataFrame) -> np.ndarray:
        """Return each reference's position in :attr:`records`, -1 when not among ``targets``."""
        found = self.numbers.get_indexer(refs)
        if len(targets) < len(self.records):
            alive = self.records.index.isin(targets.index)
            found[(found >= 0) & ~alive[found]] = -1
        return found


def _document_refs(
    frame: pd.DataFrame,
    table: str,
    field: str,
    problems: list[Problem],
    documents: _Documents,
    targets: pd.DataFrame,
) -> pd.DataFrame:
    """Check a reference to a document: it exists, is the same customer's, and is an invoice.

    With ``frame`` being ``targets`` (a credit note's Against document) only credit notes are
    checked; for payments the target must be an invoice too. A bad reference is a warning and
    is blanked: the record stays, with no link.
    """
    refs = _values(frame, field)
    checked = refs != ""
    itself = frame is targets
    if itself:
        checked &= _values(frame, "type") == "credit_note"
    at = np.flatnonzero(checked)
    found = documents.find(refs[at], targets)
    hit = found[found >= 0]
    owner = np.full(len(at), None, dtype=object)
    owner[found >= 0] = _values(documents.records, "customer_id")[hit]
    kind = np.full(len(at), None, dtype=object)
    kind[found >= 0] = _values(documents.records, "type")[hit]
    unknown = found < 0
    other = ~unknown & (owner != _values(frame, "customer_id")[at])
    must_be_invoice = itself or table == "payments"
    credit = ~unknown & ~other & (kind == "credit_note") & must_be_invoice
    for code, mask in (
        ("unknown_document", unknown),
        ("document_of_other_customer", other),
        ("credit_against_credit_note", credit),
    ):
        rows = frame.index[at[mask]]
        for row, value, of in zip(rows, refs[at[mask]], owner[mask], strict=True):
            params = (("other", str(of)),) if code == "document_of_other_customer" else ()
            problems.append(
                Problem(table, row, field, code, Severity.WARNING, value=value, params=params)
            )
    bad = np.zeros(len(frame), dtype=bool)
    bad[at] = unknown | other | credit
    return frame.assign(**{field: np.where(bad, "", refs)}) if bad.any() else frame


#: The engine adds amounts in int64: while all of them add up to less than this, no sum, running
#: total or difference it takes can overflow (the reader keeps each amount below 10^12 cents).
MAX_BOOK_TOTAL = 2**62


def _adds_up_exactly(
    transactions: pd.DataFrame, payments: pd.DataFrame, problems: list[Problem]
) -> bool:
    """Report a book whose amounts add up beyond what int64 sums hold exactly.

    The float total is within a millionth of the exact one, far inside the margin of 2 below
    the int64 limit, so a book that passes can be added up exactly.
    """
    total = sum(
        float(np.abs(frame["amount"].to_numpy(dtype=np.float64)).sum())
        for frame in (transactions, payments)
    )
    if total < MAX_BOOK_TOTAL:
        return True
    limit = format_money(MAX_BOOK_TOTAL)
    problems.append(Problem("transactions", None, "amount", "book_total_too_large", value=limit))
    return False


def _promised_before_entry(log: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """Warn about a promised date before the log entry's own date, and read it as no promise.

    No payment can fall between the two, so the promise would count as broken, against the
    customer's score, for what is a typing mistake.
    """
    if "promised_date" not in log or "date" not in log:
        return log
    early = _dated_before(log, "collection_log", "promised_date", "promised_before_entry", problems)
    if not early.any():
        return log
    return log.assign(promised_date=log["promised_date"].mask(early))


def _due_before_date(transactions: pd.DataFrame, problems: list[Problem]) -> None:
    """Warn about a due date before the document's own date (the record stays)."""
    _dated_before(transactions, "transactions", "due_date", "due_before_date", problems)


def _dated_before(
    records: pd.DataFrame, table: str, field: str, code: str, problems: list[Problem]
) -> npt.NDArray[np.bool_]:
    """Warn, as ``code``, about each record whose ``field`` is before its own ``date``.

    Returns:
        Which records are.
    """
    early = (records[field] < records["date"]).to_numpy(dtype=bool)
    found = records[early]
    for row, value, date in zip(found.index, found[field], found["date"], strict=True):
        problems.append(
            Problem(
                table,
                row,
                field,
                code,
                Severity.WARNING,
                value=f"{value:%Y-%m-%d}",
                params=(("date", f"{date:%Y-%m-%d}"),),
            )
        )
    return early
