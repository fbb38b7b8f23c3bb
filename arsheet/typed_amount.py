"""An amount as a person types it on the command line or passes it to the API, read as cents.

Text is digits with at most two decimals after a point, thousands grouped by commas or not:
``"1000"``, ``"1,000.00"``, ``"1250.5"``. Anything that could be read more than one way is
refused rather than guessed at: ``"1.000,00"`` (a thousand where a decimal comma is used, one
here), ``"1,00"``, ``"1e3"``, ``"五千"``. A ``Decimal`` or an ``int`` is taken as it is; a float
is refused (it is not exact). Every amount stays within what a book's cell holds.

>>> typed_cents("1,000.50")
100050
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

#: Digits, optionally grouped in threes by commas, and up to two decimals after a point.
_TYPED = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?")


def typed_cents(amount: Decimal | int | str, *, zero: bool = False) -> int:
    """Return ``amount`` in major units as cents, exactly.

    Args:
        amount: the amount: text as typed, a ``Decimal`` or an ``int``.
        zero: whether 0 is an amount here (an order may be 0; a plan may not).

    Raises:
        ValueError: not such an amount, negative (or 0 unless ``zero``), with more than two
            decimals, or larger than a cell of the book holds (9,999,999,999.99).
    """
    from arsheet.book.cells import MAX_AMOUNT_CENTS

    what = f"amount {amount!r}"
    if isinstance(amount, str):
        text = amount.strip()
        if not _TYPED.fullmatch(text):
            raise ValueError(f"{what} is not an amount such as 1000.00 or 1,000.00")
        amount = Decimal(text.replace(",", ""))
    elif isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        raise ValueError(f"{what}: give a Decimal, an int or text such as 1000.00")
    try:
        cents = Decimal(amount).scaleb(2)
        whole = cents.is_finite() and cents == cents.to_integral_value()
    except InvalidOperation:
        whole = False
    if not whole:
        raise ValueError(f"{what} is not an amount with at most two decimals")
    if cents > MAX_AMOUNT_CENTS:
        raise ValueError(f"{what} is larger than 9,999,999,999.99")
    if cents < 0 or (cents == 0 and not zero):
        least = "0 or more" if zero else "more than 0"
        raise ValueError(f"{what} must be {least}")
    return int(cents)
