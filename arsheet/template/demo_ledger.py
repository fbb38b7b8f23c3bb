"""The demo book while it is being made: mutable records named by contract column keys.

Each record class's fields are the contract column keys of its sheet, so ``dataclasses.asdict``
gives a row ready for the template. Used only by :mod:`arsheet.template.demo`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from arsheet.template.demo_data import TEXT


@dataclass
class Customer:
    """A row of Customers."""

    customer_id: str
    customer_name: str
    contact: str
    phone: str
    email: str
    address: str
    terms_days: int
    credit_limit: Decimal
    owner: str
    language: str
    hold_dunning: bool
    notes: str


@dataclass
class Document:
    """A row of Transactions: an invoice or a credit note."""

    document_no: str
    customer_id: str
    type: str
    date: date
    due_date: date | None
    amount: Decimal
    description: str
    against_document: str = ""
    disputed: bool = False
    written_off: bool = False
    notes: str = ""


@dataclass
class Payment:
    """A row of Payments."""

    payment_no: str
    customer_id: str
    date: date
    amount: Decimal
    applied_to: str
    method: str
    reference: str
    notes: str


@dataclass
class Instalment:
    """A row of Payment plans."""

    plan_id: str
    customer_id: str
    document_no: str
    installment: int
    due_date: date
    amount: Decimal
    notes: str


@dataclass
class Note:
    """A row of the Collection log."""

    date: date
    customer_id: str
    document_no: str
    channel: str
    summary: str
    promised_date: date | None
    promised_amount: Decimal | None
    next_follow_up: date | None
    owner: str
    notice_level: int | None = None


@dataclass
class Ledger:
    """The book being made, and what has been settled on each invoice so far."""

    lang: str
    today: date
    rng: random.Random
    customers: list[Customer] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    plans: list[Instalment] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    settled: dict[str, Decimal] = field(default_factory=dict)

    def text(self, key: str, **kw: object) -> str:
        """Return a demo text in the book's language."""
        return TEXT[self.lang][key].format(**kw)

    def invoices_of(self, customer: Customer) -> list[Document]:
        """Return a customer's invoices, oldest first."""
        return [
            d
            for d in self.documents
            if d.customer_id == customer.customer_id and d.type == "invoice"
        ]

    def open_amount(self, invoice: Document) -> Decimal:
        """Return what is still owed on an invoice, after credit notes and payments."""
        return invoice.amount - self.settled.get(invoice.document_no, Decimal(0))

    def settle(self, invoice: Document, amount: Decimal) -> None:
        """Count ``amount`` of credit or payment against an invoice."""
        self.settled[invoice.document_no] = (
            self.settled.get(invoice.document_no, Decimal(0)) + amount
        )

    def pay(
        self,
        customer: Customer,
        on: date,
        amount: Decimal,
        invoice: Document | None,
        note: str = "",
    ) -> None:
        """Record a payment; without an invoice arsheet applies it to the oldest documents."""
        others = (
            ("alipay", "wechat_pay", "bill") if customer.language == "zh" else ("cheque", "card")
        )
        method = self.rng.choice(("bank_transfer",) * 6 + others)
        reference = f"{method[:2].upper()}{on:%y%m%d}{self.rng.randint(1000, 9999)}"
        applied_to = invoice.document_no if invoice else ""
        self.payments.append(
            Payment("", customer.customer_id, on, amount, applied_to, method, reference, note)
        )
        if invoice:
            self.settle(invoice, amount)
