"""The Jinja environment letters and statements are rendered in: sandboxed, escaping HTML.

Templates are found first in a ``letters/`` folder beside the workbook (the user's overrides,
file for file), then among the templates arsheet ships. They are named
``<template>.<language>.<format>``: ``first_notice.zh.html``, ``statement.en.txt``.

The environment is Jinja's sandbox, so a template cannot reach Python's internals, and HTML
templates escape every value, so a customer named ``<b>ACME</b>`` or ``{{ 7*7 }}`` is printed
as typed: values are data, never markup and never template code.

Filters every template has (reading ``lang`` and ``currency`` from the context):

* ``money``: minor units as ``1,234.56``;
* ``day``: a date as ``2 December 2026`` or ``2026年12月2日``;
* ``capital``: minor units in Chinese capital numerals (:func:`arsheet.letters.capital.capital`);
* ``amount``: minor units with the currency as the language writes it: ``CNY 1,234.56`` in
  English, ``¥1,234.56`` in Chinese for yuan (``USD 1,234.56`` for other currencies);
* ``right(width)``: text pushed right to end at column ``width`` of a plain-text letter, a
  Chinese character taking two columns (a Chinese letter signs at the bottom right).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from jinja2.filters import do_center, do_format
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from arsheet.core.money import format_money
from arsheet.letters.capital import capital

#: The folder beside a workbook whose templates replace arsheet's own.
OVERRIDE_FOLDER = "letters"

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


#: The most characters an operator in a template may make: a letter is a few pages long.
MOST_CHARACTERS = 1_000_000


class LetterSandbox(SandboxedEnvironment):
    """Jinja's sandbox, also refusing arithmetic that would make a huge value.

    A user's own template could otherwise stop arsheet with ``{{ "a" * 10**10 }}`` or
    ``{{ "%999999999s" % x }}``: the sandbox keeps Python's internals out of reach, not memory.
    """

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Refuse a power, repetition or %-format that would be too large; else compute it."""
        if operator == "**" and _number(right) and _number(left) and abs(right) > 64:
            raise SecurityError(f"the power {right} is too large for a letter")
        if operator == "*":
            count, sequence = (right, left) if _number(right) else (left, right)
            repeated = isinstance(sequence, str | list | tuple) and _number(count)
            if repeated and len(sequence) * count > MOST_CHARACTERS:
                raise SecurityError("the repetition would make too large a value")
        if operator == "%" and isinstance(left, str):
            _refuse_wide(left)
        return super().call_binop(context, operator, left, right)


def _refuse_wide(pattern: str) -> None:
    """Refuse a %-format asking for a width of millions of characters."""
    if re.search(r"\d{7,}", pattern):
        raise SecurityError("the format's width is too large for a letter")


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    _refuse_wide(str(value))
    return do_format(value, *args, **kwargs)


def _center(value: str, width: int = 80) -> str:
    if width > MOST_CHARACTERS:
        raise SecurityError("the width is too large for a letter")
    return do_center(value, width)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def environment(book: Path | None = None) -> SandboxedEnvironment:
    """Return the sandboxed environment for the workbook at ``book``.

    Args:
        book: the workbook; templates in a ``letters/`` folder beside it come first. ``None``:
            only the templates arsheet ships.
    """
    loaders: list[FileSystemLoader | PackageLoader] = [
        PackageLoader("arsheet.letters", "templates")
    ]
    if book is not None:
        loaders.insert(0, FileSystemLoader(book.parent / OVERRIDE_FOLDER))
    env = LetterSandbox(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "htm", "xml"], default_for_string=False),
        # A misspelt field must be an error the user sees, never a blank in a letter.
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(money=_money, day=_day, capital=_capital, amount=_amount, right=right)
    env.filters.update(format=_format, center=_center)
    return env


def template_name(template: str, lang: str, fmt: str) -> str:
    """Return the file name of ``template`` in language ``lang`` and format ``fmt``.

    >>> template_name("first_notice", "zh", "html")
    'first_notice.zh.html'
    """
    return f"{template}.{lang}.{fmt}"


def format_day(day: date, lang: str) -> str:
    """Return ``day`` as a letter writes it in language ``lang``.

    >>> format_day(date(2026, 12, 2), "en"), format_day(date(2026, 12, 2), "zh")
    ('2 December 2026', '2026年12月2日')
    """
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _money(minor: int) -> str:
    return format_money(int(minor))


@pass_context
def _day(context: Context, day: date | None) -> str:
    return "" if day is None else format_day(day, context.get("lang", "en"))


@pass_context
def _capital(context: Context, minor: int) -> str:
    currency: Any = context.get("currency", "CNY")
    return capital(int(minor), str(currency))


def format_amount(minor: int, currency: str, lang: str) -> str:
    """Return ``minor`` units with the currency, as a letter in language ``lang`` writes them.

    >>> format_amount(123456, "CNY", "en"), format_amount(123456, "CNY", "zh")
    ('CNY 1,234.56', '¥1,234.56')
    >>> format_amount(-500, "usd", "zh")
    'USD -5.00'
    """
    code = currency.strip().upper()
    if lang == "zh" and code in ("CNY", "RMB"):
        return "¥" + format_money(minor)
    return f"{code} {format_money(minor)}".strip()


@pass_context
def _amount(context: Context, minor: int) -> str:
    return format_amount(int(minor), str(context.get("currency", "")), context.get("lang", "en"))


def right(text: str, width: int) -> str:
    """Return ``text`` after the spaces that make it end at column ``width``.

    >>> right("2026年12月2日", 16)
    '   2026年12月2日'
    """
    return " " * max(0, width - display_width(text)) + text


def display_width(text: str) -> int:
    """Return how many columns ``text`` takes in a terminal or plain text: two for a Chinese
    character.

    >>> display_width("第一次催款"), display_width("First notice")
    (10, 12)
    """
    return len(text) + sum(unicodedata.east_asian_width(char) in "WF" for char in text)
