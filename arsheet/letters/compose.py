"""A dunning notice written out: its subject, plain-text and HTML letter, in the right language.

The letter's language is the customer's (the Customers sheet's Language), else the book's. Its
templates are ``<letter_template>.<lang>.subject``, ``.txt`` and ``.html``
(:mod:`arsheet.letters.environment` finds them, the user's own in ``letters/`` beside the book
first).

What every notice template is given (amounts are int minor units: show them with the
``money``, ``amount`` or ``capital`` filters; dates are ``datetime.date``: use ``day``):

* ``lang``: ``"en"`` or ``"zh"``; ``currency``: the book's currency code (``"CNY"``).
* ``day``: the notice's date (the as-of date).
* ``company``: ``name``, ``address``, ``phone``, ``email``, ``bank_details`` from the Settings.
* ``customer``: ``id``, ``name``, ``contact``, ``phone``, ``email``, ``address`` from the
  Customers sheet.
* ``notice``: ``level`` (0 is the reminder before the due date), ``level_name``, ``template``,
  ``channel``, ``previous_day`` and ``previous_level`` (the last notice, ``None`` when none).
* ``lines``: the documents, oldest due date first, each with ``document_no``, ``date``,
  ``due_date``, ``amount``, ``open_amount``, ``days_overdue`` (0 or less: not yet due) and
  ``interest``.
* ``open_amount``, ``interest``, ``fee``, ``total``: the notice's sums (``total`` is what it
  asks for: open amount, interest and fee).
* ``interest_rate``: the Settings' interest in percent a year, as text (``"10"``, ``"8.5"``).

Example: ``Dear {{ customer.contact or customer.name }}, {{ total|amount }} is overdue.``
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from email.utils import getaddresses
from typing import Any

import pandas as pd
from jinja2 import Environment

from arsheet.core.book import Book
from arsheet.core.notices import Notice
from arsheet.letters.environment import template_name
from arsheet.letters.render import render

#: The customer fields a letter shows, by the name templates use for them.
_CUSTOMER_FIELDS = {
    "id": "customer_id",
    "name": "customer_name",
    "contact": "contact",
    "phone": "phone",
    "email": "email",
    "address": "address",
}
_ADDRESS_SEPARATORS = re.compile(r"[;,，；\s]+")
#: What separates addresses written with their names: every separator but the space.
_LIST_SEPARATORS = re.compile(r"[;，；\n]+")


@dataclass(frozen=True)
class Composed:
    """One notice written out in one language.

    Attributes:
        notice: the notice.
        lang: the letter's language.
        subject: the e-mail subject, one line.
        text: the plain-text letter.
        html: the HTML letter.
        to: the customer's e-mail addresses, in the order typed; empty when it has none.
        customer_name: the customer's name.
    """

    notice: Notice
    lang: str
    subject: str
    text: str
    html: str
    to: tuple[str, ...]
    customer_name: str


def compose(notice: Notice, book: Book, env: Environment) -> Composed:
    """Write out ``notice`` from its level's templates, in the customer's language.

    Args:
        notice: the notice.
        book: the book it is for (its customers and settings).
        env: the letters environment (:func:`arsheet.letters.environment.environment`).

    Raises:
        TemplateFailed: a template is missing or fails, named with its line.
    """
    return _composed(notice, book, env, customer_fields(book, [notice.customer_id]))


def compose_all(notices: Sequence[Notice], book: Book, env: Environment) -> list[Composed]:
    """Write out every notice of ``notices``, as :func:`compose` does, the customers read once.

    Raises:
        TemplateFailed: a template is missing or fails; no notice is returned.
    """
    fields = customer_fields(book, [notice.customer_id for notice in notices])
    return [_composed(notice, book, env, fields) for notice in notices]


def _composed(
    notice: Notice, book: Book, env: Environment, fields: Mapping[str, dict[str, str]]
) -> Composed:
    customer = dict(fields[notice.customer_id])
    lang = customer.pop("language") or book.settings.language
    context = notice_context(notice, book, customer, lang)
    parts = {
        fmt: render(env, template_name(notice.template, lang, fmt), context)
        for fmt in ("subject", "txt", "html")
    }
    return Composed(
        notice=notice,
        lang=lang,
        subject=" ".join(parts["subject"].split()),
        text=parts["txt"],
        html=parts["html"],
        to=addresses(customer["email"]),
        customer_name=customer["name"],
    )


def customer_fields(book: Book, customer_ids: Sequence[str]) -> dict[str, dict[str, str]]:
    """Return what a letter shows of each customer, by ID, ``""`` where the book has nothing.

    The Customers sheet may leave out any column but the ID and name; a customer the sheet
    does not list (named only by its documents) is shown by its ID. The language is there
    too, under ``language``.
    """
    customers = book.customers
    wanted = set(customer_ids)
    rows = customers[customers["customer_id"].isin(wanted)].drop_duplicates("customer_id")
    columns = {**_CUSTOMER_FIELDS, "language": "language"}
    found = {cid: dict.fromkeys(columns, "") for cid in wanted}
    for name, column in columns.items():
        if column in rows:
            for cid, value in zip(rows["customer_id"], rows[column], strict=True):
                found[cid][name] = _text(value)
    for cid in wanted:
        found[cid]["id"] = cid
        found[cid]["name"] = found[cid]["name"] or cid
    return found


def notice_context(
    notice: Notice, book: Book, customer: Mapping[str, str], lang: str
) -> dict[str, Any]:
    """Return what a notice's templates are given (the module docstring lists it)."""
    settings = book.settings
    return {
        "lang": lang,
        "currency": settings.currency,
        "day": notice.day,
        "company": {
            "name": settings.company_name,
            "address": settings.company_address,
            "phone": settings.company_phone,
            "email": settings.company_email,
            "bank_details": settings.bank_details,
        },
        "customer": dict(customer),
        "notice": notice,
        "lines": notice.lines,
        "open_amount": notice.open_amount,
        "interest": notice.interest,
        "fee": notice.fee,
        "total": notice.total,
        "interest_rate": percent(settings.annual_interest_rate),
    }


def addresses(typed: str) -> tuple[str, ...]:
    """Return the e-mail addresses typed in one cell, split on ``;``, ``,`` or spaces.

    Addresses copied from a mail program come with their names (``Jane Doe <jane@acme.cn>``,
    ``"Doe, Jane" <jane@acme.cn>``): only what is inside the angle brackets is the address.

    >>> addresses("ap@acme.cn; boss@acme.cn,  ")
    ('ap@acme.cn', 'boss@acme.cn')
    >>> addresses('"Doe, Jane" <jane@acme.cn>；王经理 <wang@acme.cn>')
    ('jane@acme.cn', 'wang@acme.cn')
    """
    if "<" not in typed:
        return tuple(part for part in _ADDRESS_SEPARATORS.split(typed) if part)
    listed = _LIST_SEPARATORS.sub(",", typed)
    return tuple(address for _, address in getaddresses([listed]) if address)


def percent(rate: Decimal) -> str:
    """Return a rate in percent as a letter writes it.

    >>> percent(Decimal("10.00")), percent(Decimal("8.50")), percent(Decimal(0))
    ('10', '8.5', '0')
    """
    return f"{rate.normalize():f}" if rate else "0"


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value).strip()  # type: ignore[call-overload]
