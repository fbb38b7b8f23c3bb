"""A statement of account written out: HTML and plain text, in the customer's language.

The statement itself (balances, movements, aging) comes from :mod:`arsheet.core.statement`;
this module gives it to the templates ``statement.<lang>.html`` and ``statement.<lang>.txt``
(:mod:`arsheet.letters.environment` finds them, a user's own in ``letters/`` beside the book
first). The language is the customer's (the Customers sheet's Language), else the book's.

What a statement template is given (amounts are int minor units: show them with the
``money`` or ``capital`` filters; dates are ``datetime.date``: use ``day``):

* ``lang``: ``"en"`` or ``"zh"``; ``currency``: the book's currency code (``"CNY"``).
* ``day``: the day the statement is made (the as-of date).
* ``company``: ``name``, ``address``, ``phone``, ``email``, ``bank_details`` from the Settings.
* ``customer``: ``id``, ``name``, ``contact``, ``phone``, ``email``, ``address``.
* ``start``, ``end``: the period; ``opening``, ``closing``: the balances brought and carried
  forward; ``debits``, ``credits``: the period's movements added up.
* ``movements``: each with ``day``, ``kind`` (``invoice``, ``credit_note``, ``payment``,
  ``write_off``), ``number``, ``reference``, ``due_date`` (``None`` but for invoices),
  ``debit``, ``credit`` and ``balance`` (after it).
* ``aging``: the open amount at ``end`` per bucket, each with ``label`` (``1–30``) and
  ``amount``; ``open_amount`` (their sum), ``unapplied_credit`` (payments and credit notes
  not yet applied, which the closing balance deducts) and ``disputed`` (inside the buckets).

Example: ``Balance at {{ end|day }}: {{ currency }} {{ closing|money }}``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment

from arsheet.book.contract import aging_labels
from arsheet.core.book import Book
from arsheet.core.statement import Statement
from arsheet.letters.compose import customer_fields
from arsheet.letters.environment import template_name
from arsheet.letters.filenames import refuse_shared_names, safe_name
from arsheet.letters.render import render

#: The formats a statement is written in from its own templates.
TEMPLATE_FORMATS = ("html", "txt")
#: Every format a statement is written in: Word and PDF are made of its HTML.
FORMATS = (*TEMPLATE_FORMATS, "docx", "pdf")
#: The template every statement is written from.
TEMPLATE = "statement"


def write_statement(
    found: Statement, book: Book, env: Environment, day: date, formats: Iterable[str]
) -> tuple[str, dict[str, str]]:
    """Write out a statement in the customer's language.

    Args:
        found: the statement (:func:`arsheet.core.statement.statement`).
        book: the book it is from (its customers and settings).
        env: the letters environment (:func:`arsheet.letters.environment.environment`).
        day: the day it is made.
        formats: some of :data:`TEMPLATE_FORMATS`.

    Returns:
        The language, and the text of each format.

    Raises:
        TemplateFailed: a template is missing or fails, named with its line.
    """
    customer = customer_fields(book, [found.customer_id])[found.customer_id]
    lang = customer.pop("language") or book.settings.language
    context = statement_context(found, book, customer, lang, day)
    written = {fmt: render(env, template_name(TEMPLATE, lang, fmt), context) for fmt in formats}
    return lang, written


def templates_for(formats: Iterable[str]) -> tuple[str, ...]:
    """Return the template formats ``formats`` are made from: Word and PDF from the HTML.

    >>> templates_for(["pdf", "txt"])
    ('html', 'txt')
    """
    wanted = set(formats)
    if wanted & {"docx", "pdf"}:
        wanted.add("html")
    return tuple(f for f in TEMPLATE_FORMATS if f in wanted)


def save_statements(
    written: Sequence[tuple[str, dict[str, str]]], folder: Path, formats: Sequence[str], day: date
) -> dict[str, tuple[Path, ...]]:
    """Write each statement in ``formats`` into ``folder``, the PDFs first.

    LibreOffice prints the PDFs (:func:`arsheet.letters.pdf.convert_to_pdf`) before any other
    file is written, so when it is missing or fails nothing is left half-made.

    Args:
        written: each customer ID with its statement's text per template format.
        folder: where the files go, made when missing.
        formats: some of :data:`FORMATS`.
        day: the day the statements are made, the Word documents' date.

    Returns:
        The files written for each customer ID, in the order of ``formats``.

    Raises:
        PdfNeedsLibreOffice: PDF was asked for and LibreOffice is not installed.
        PdfFailed: LibreOffice did not print them all.
        ValueError: two customers' files would have the same name (``A/B`` and ``A_B``, or
            ``c1`` and ``C1`` where a file system ignores case); nothing is written.
    """
    from arsheet.letters.docx import html_to_docx
    from arsheet.letters.pdf import convert_to_pdf

    files = {
        customer_id: tuple(folder / file_name(customer_id, fmt) for fmt in formats)
        for customer_id, _ in written
    }
    refuse_shared_names({c: paths[0].name for c, paths in files.items() if paths})
    folder.mkdir(parents=True, exist_ok=True)
    if "pdf" in formats:
        with tempfile.TemporaryDirectory(prefix="arsheet-statements-") as scratch:
            pages = [Path(scratch) / file_name(customer_id, "html") for customer_id, _ in written]
            for page, (_, texts) in zip(pages, written, strict=True):
                page.write_text(texts["html"], encoding="utf-8")
            convert_to_pdf(pages, folder)
    for customer_id, texts in written:
        for fmt, file in zip(formats, files[customer_id], strict=True):
            if fmt == "docx":
                file.write_bytes(html_to_docx(texts["html"], day=day))
            elif fmt != "pdf":
                file.write_text(texts[fmt], encoding="utf-8")
    return files


def statement_context(
    found: Statement, book: Book, customer: dict[str, str], lang: str, day: date
) -> dict[str, Any]:
    """Return what a statement's templates are given (the module docstring lists it)."""
    settings = book.settings
    labels = aging_labels(found.bucket_bounds, lang)
    return {
        "lang": lang,
        "currency": settings.currency,
        "day": day,
        "company": {
            "name": settings.company_name,
            "address": settings.company_address,
            "phone": settings.company_phone,
            "email": settings.company_email,
            "bank_details": settings.bank_details,
        },
        "customer": customer,
        "start": found.start,
        "end": found.end,
        "opening": found.opening,
        "closing": found.closing,
        "debits": found.debits,
        "credits": found.credits,
        "movements": found.movements,
        "aging": [
            {"label": label, "amount": amount}
            for label, amount in zip(labels, found.aging, strict=True)
        ],
        "open_amount": found.open_amount,
        "unapplied_credit": found.unapplied_credit,
        "disputed": found.disputed,
    }


def file_name(customer_id: str, ext: str) -> str:
    """Return the file a customer's statement is written to, its ID made safe for a file name.

    >>> file_name("C001", "html"), file_name("ACME/BJ: 1", "txt")
    ('C001-statement.html', 'ACME_BJ_ 1-statement.txt')
    """
    return f"{safe_name(customer_id)}-{TEMPLATE}.{ext}"
