"""The book as the domain sees it: one typed frame per record set plus the settings.

Every frame keeps the index its producer gave it (the workbook adapter uses sheet row numbers), so
results and problems can be traced back to the record they came from. Column keys are the
contract's keys; value types are fixed here, as the dtypes below (the reader, the tests' books
and the results' columns all take them from here):

* money (``amount``, ``credit_limit``, ``promised_amount``): :data:`AMOUNT` minor units
  (cents/分), :data:`OPTIONAL` where the value is optional;
* dates: :data:`DATE` at midnight, ``NaT`` when blank;
* flags (``disputed``, ``written_off``, ``hold_dunning``): :data:`FLAG`;
* choices (``type``, ``method``, ``channel``, ``language``): canonical codes such as
  ``"invoice"``/``"credit_note"``, ``"bank_transfer"``, ``"email"``, ``"en"``/``"zh"``;
* identifiers and free text: :data:`TEXT` columns of ``str``, ``""`` when blank;
* counts (``terms_days``, ``installment``): :data:`OPTIONAL`.

Records with errors have already been removed when a frame reaches the engine. The records a
reader left out for errors in their own cells are kept apart in :attr:`Book.rejected`, with the
fields that could be read, so that what they take out of the figures can be told.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd

from arsheet.core.settings import Settings

#: Money that every record has, in minor units.
AMOUNT = "int64"
#: Money or a count that may be blank (NA).
OPTIONAL = "Int64"
#: A date at midnight, ``NaT`` when blank.
DATE = "datetime64[ns]"
#: Yes or no.
FLAG = "bool"
#: Identifiers, codes and free text, ``""`` when blank.
TEXT = "object"

#: The field that names each record of a table, where no two records may share it.
UNIQUE_KEYS = {
    "customers": "customer_id",
    "transactions": "document_no",
    "payments": "payment_no",
}


@dataclass(frozen=True)
class Book:
    """All records of one receivables book.

    Attributes:
        rejected: table key -> the records left out while reading, indexed like the table,
            with the fields that could be read (NA or blank where not).
    """

    customers: pd.DataFrame
    transactions: pd.DataFrame
    payments: pd.DataFrame
    plans: pd.DataFrame
    collection_log: pd.DataFrame
    settings: Settings
    rejected: Mapping[str, pd.DataFrame] = field(default_factory=lambda: MappingProxyType({}))
