"""Problems as data: what is wrong, where in the book, and how bad, collected and reported later."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors exclude the record from the computation, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one record of the book.

    The place is given in domain terms (table, record, field); the workbook adapter turns it
    into a cell address such as ``Transactions!D14`` and a message in the user's language.

    Attributes:
        table: the record set, e.g. ``"transactions"``.
        row: the record's index label in that table's frame (the adapter uses sheet row numbers);
            ``None`` when the problem concerns the table as a whole.
        field: the column key, e.g. ``"due_date"``; ``None`` for the whole record.
        code: what is wrong, a key of the message catalogue, e.g. ``"not_a_date"``.
        severity: error or warning.
        value: the offending value as the user typed it.
        params: further named values for the message, e.g. ``(("other", "C-002"),)``.
    """

    table: str
    row: Hashable | None
    field: str | None
    code: str
    severity: Severity = Severity.ERROR
    value: str = ""
    params: tuple[tuple[str, str], ...] = ()

    def param(self, name: str) -> str:
        """Return the named message parameter, or an empty string."""
        return dict(self.params).get(name, "")
