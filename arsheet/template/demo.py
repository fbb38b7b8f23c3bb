"""A realistic demo book: a year of invoices, payments, credit notes, disputes, plans and dunning.

Seeded by the date, so the same ``today`` always gives the same book. The records are keyed by
contract sheet and column keys and hold domain values (Decimal money, dates, choice codes, bools);
the template builder turns them into cells.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import date, timedelta
from decimal import Decimal

from arsheet.template.demo_data import COMPANY, CUSTOMERS, DESCRIPTIONS, OWNERS
from arsheet.template.demo_ledger import Customer, Document, Instalment, Ledger, Note, Payment

CENT = Decimal("0.01")
PLAN_INSTALMENTS = 4

# Customers (by position in the cast) who play a part in the story.
_OVERPAYS, _CREDITED, _DISPUTES, _PLAN, _REBATE = 0, 1, (2, 23), 3, 4
# The customer whose payment plan is off track: it paid the first instalment only.
_MISSES_PLAN = 7
_LUMP, _DEFAULTED, _RETURNS, _BAD = (6, 20), 9, 20, (9, 30)
_OVERPAYMENT = Decimal("850.00")
# How many days after the due date each kind of payer pays, and how common each kind is.
_DELAYS = {"prompt": (-10, 4), "slow": (5, 40), "late": (30, 110), "bad": (90, 200)}
_PROFILE_WEIGHTS = {"prompt": 5, "slow": 3, "late": 2}


def demo_records(lang: str, today: date) -> dict[str, list[dict[str, object]]]:
    """Return a realistic demo book as of ``today``, the same for the same ``today``.

    Args:
        lang: ``"en"`` or ``"zh"``: the language of descriptions, notes and staff names.
        today: the last day of the book's year; nothing is dated after it.

    Returns:
        Contract sheet key (``customers``, ``transactions``, ``payments``, ``plans``,
        ``collection_log``, ``settings``) -> records keyed by contract column key. Settings
        records are ``{"setting": key, "value": value}`` for the settings that are not defaults.

    Example:
        >>> book = demo_records("en", date(2024, 12, 31))
        >>> len(book["customers"])
        36
    """
    ledger = Ledger(lang, today, random.Random(f"arsheet-demo-{today.isoformat()}"))
    profiles = _add_customers(ledger)
    _add_invoices(ledger)
    plan_invoice, missed_invoice = _add_special_cases(ledger)
    _add_payments(ledger, profiles, (plan_invoice, missed_invoice))
    _add_plan(ledger, plan_invoice, 1, start_days_ago=50)
    _add_plan(ledger, missed_invoice, 2, start_days_ago=75, paid_instalments=1)
    _add_collection_log(ledger, (plan_invoice, missed_invoice))
    _number([d for d in ledger.documents if not d.document_no], "document_no", "CN")
    _number(ledger.payments, "payment_no", "RC")
    return {
        "customers": [asdict(c) for c in ledger.customers],
        "transactions": [
            asdict(d) for d in sorted(ledger.documents, key=lambda d: (d.date, d.document_no))
        ],
        "payments": [asdict(p) for p in sorted(ledger.payments, key=lambda p: p.payment_no)],
        "plans": [asdict(p) for p in ledger.plans],
        "collection_log": [
            asdict(n) for n in sorted(ledger.notes, key=lambda n: (n.date, n.customer_id))
        ],
        "settings": [
            {"setting": k, "value": v} for k, v in {**COMPANY[lang], **DUNNING_SETTINGS}.items()
        ],
    }


#: The demo charges interest on overdue invoices and leaves small balances alone.
DUNNING_SETTINGS = {"annual_interest_rate": "6", "dunning_minimum": "100"}


def _add_customers(ledger: Ledger) -> dict[str, str]:
    """Add the cast as customers; return each customer's payer profile by ID."""
    rng, profiles = ledger.rng, {}
    owners = OWNERS[ledger.lang]
    for i, cast in enumerate(CUSTOMERS):
        customer_id = f"C{i + 1:03d}"
        if i in _BAD:
            profiles[customer_id] = "bad"
        elif i in (_PLAN, *_DISPUTES):
            profiles[customer_id] = "slow"
        else:
            kinds, weights = zip(*_PROFILE_WEIGHTS.items(), strict=True)
            profiles[customer_id] = rng.choices(kinds, weights)[0]
        note = "plan_customer" if i == _PLAN else "lump" if i in _LUMP else ""
        ledger.customers.append(
            Customer(
                customer_id,
                cast.name,
                cast.contact,
                cast.phone,
                cast.email,
                cast.address,
                terms_days=rng.choice((30, 30, 45, 60)),
                credit_limit=Decimal(rng.choice((50, 80, 100, 150, 200, 300, 500)) * 1000),
                owner=owners[i % len(owners)],
                language=cast.language,
                hold_dunning=i == _PLAN,
                notes=ledger.text(note) if note else "",
            )
        )
    return profiles


def _add_invoices(ledger: Ledger) -> None:
    """Add a year of invoices for every customer, numbered per year in date order."""
    rng, start = ledger.rng, ledger.today - timedelta(days=364)
    for customer in ledger.customers:
        size = rng.choice((3_000, 8_000, 15_000, 30_000))
        for day in sorted(rng.sample(range(365), rng.randint(5, 13))):
            on = start + timedelta(days=day)
            amount = Decimal(size * rng.uniform(0.4, 1.8)).quantize(CENT)
            due = on + timedelta(days=customer.terms_days)
            ledger.documents.append(_document(ledger, customer, "invoice", on, amount, due))
    ledger.documents.sort(key=lambda d: (d.date, d.customer_id))
    _number(ledger.documents, "document_no", "INV")


def _document(
    ledger: Ledger,
    customer: Customer,
    kind: str,
    on: date,
    amount: Decimal,
    due: date | None = None,
    description: str = "",
) -> Document:
    """Return an unnumbered invoice or credit note with a description in the book's language."""
    text = description or ledger.rng.choice(DESCRIPTIONS[ledger.lang]).format(
        month=on.month, n=on.day
    )
    return Document("", customer.customer_id, kind, on, due, amount, text)


def _number(records: Iterable[Document | Payment], key: str, prefix: str) -> None:
    """Number records in date order, e.g. ``INV2024-0007``, counting per year."""
    counters: dict[int, int] = {}
    for record in sorted(records, key=lambda r: r.date):
        counters[record.date.year] = counters.get(record.date.year, 0) + 1
        setattr(record, key, f"{prefix}{record.date.year}-{counters[record.date.year]:04d}")


def _overdue(ledger: Ledger, customer: Customer, least: int, most: int) -> Document:
    """Return the first invoice overdue by ``least`` to ``most`` days, else the oldest one."""
    invoices = ledger.invoices_of(customer)
    for invoice in invoices:
        assert invoice.due_date is not None
        if least <= (ledger.today - invoice.due_date).days <= most:
            return invoice
    return invoices[0]


def _add_special_cases(ledger: Ledger) -> tuple[Document, Document]:
    """Add disputes, a write-off and credit notes; return the invoices the payment plans are for.

    The first plan keeps to schedule, the second misses instalments.
    """
    customers, rng = ledger.customers, ledger.rng
    for i in _DISPUTES:
        invoice = _overdue(ledger, customers[i], 30, 100)
        invoice.disputed, invoice.notes = True, ledger.text("disputed")
    written_off = ledger.invoices_of(customers[_DEFAULTED])[0]
    written_off.written_off, written_off.notes = True, ledger.text("written_off")
    for i, least, most in ((_CREDITED, 60, 300), (_RETURNS, -20, 10)):
        invoice = _overdue(ledger, customers[i], least, most)
        amount = (invoice.amount * Decimal("0.1")).quantize(CENT)
        on = min(ledger.today, invoice.date + timedelta(days=rng.randint(5, 15)))
        credit = _document(
            ledger, customers[i], "credit_note", on, amount, description=ledger.text("return")
        )
        credit.against_document = invoice.document_no
        ledger.documents.append(credit)
        ledger.settle(invoice, amount)
    rebated = customers[_REBATE]
    on = ledger.today - timedelta(days=20)
    year = sum(d.amount for d in ledger.invoices_of(rebated))
    rebate = (year * Decimal("0.02")).quantize(CENT)
    quarter = (on.month - 1) // 3 + 1
    ledger.documents.append(
        _document(
            ledger,
            rebated,
            "credit_note",
            on,
            rebate,
            description=ledger.text("rebate", quarter=quarter),
        )
    )
    return _plan_invoice(ledger, customers[_PLAN]), _plan_invoice(ledger, customers[_MISSES_PLAN])


def _plan_invoice(ledger: Ledger, customer: Customer) -> Document:
    """Return the customer's largest invoice at least 60 days overdue, else its largest."""
    invoices = ledger.invoices_of(customer)
    overdue = [d for d in invoices if d.due_date and (ledger.today - d.due_date).days >= 60]
    return max(overdue or invoices, key=lambda d: d.amount)


def _add_payments(ledger: Ledger, profiles: dict[str, str], planned: tuple[Document, ...]) -> None:
    """Pay the invoices as each customer's habits say; some stay open, some are part-paid."""
    rng, today = ledger.rng, ledger.today
    for i, customer in enumerate(ledger.customers):
        lump: dict[tuple[int, int], list[tuple[date, Document]]] = {}
        earlier_open = False
        for invoice in ledger.invoices_of(customer):
            owed = ledger.open_amount(invoice)
            on_plan = any(invoice is p for p in planned)
            if invoice.disputed or invoice.written_off or on_plan or owed <= 0:
                earlier_open = earlier_open or owed > 0
                continue
            assert invoice.due_date is not None
            least, most = _DELAYS[profiles[customer.customer_id]]
            on = max(
                invoice.date + timedelta(days=1),
                invoice.due_date + timedelta(days=rng.randint(least, most)),
            )
            if on > today:
                earlier_open = True
            elif i in _LUMP:
                lump.setdefault((on.year, on.month), []).append((on, invoice))
            elif rng.random() < 0.12:
                first = (owed * Decimal(rng.uniform(0.3, 0.7))).quantize(CENT)
                ledger.pay(customer, on, first, invoice)
                rest_on = on + timedelta(days=rng.randint(15, 60))
                if rest_on <= today:
                    ledger.pay(customer, rest_on, owed - first, invoice)
                earlier_open = earlier_open or rest_on > today
            else:
                automatic = not earlier_open and rng.random() < 0.25
                ledger.pay(customer, on, owed, None if automatic else invoice)
                if automatic:
                    ledger.settle(invoice, owed)
        for batch in lump.values():
            ledger.pay(
                customer,
                max(on for on, _ in batch),
                sum(ledger.open_amount(d) for _, d in batch),
                None,
            )
            for _, invoice in batch:
                ledger.settle(invoice, ledger.open_amount(invoice))
    _overpay(ledger, ledger.customers[_OVERPAYS])


def _overpay(ledger: Ledger, customer: Customer) -> None:
    """Make the customer's last payment of a settled invoice too large, as a double payment."""
    settled = {d.document_no for d in ledger.invoices_of(customer) if ledger.open_amount(d) == 0}
    paid = [p for p in ledger.payments if p.applied_to in settled]
    if paid:
        paid[-1].amount += _OVERPAYMENT
        paid[-1].notes = ledger.text("overpaid")


def _add_plan(
    ledger: Ledger,
    invoice: Document,
    number: int,
    start_days_ago: int,
    paid_instalments: int = PLAN_INSTALMENTS,
) -> None:
    """Spread an invoice over monthly instalments from ``start_days_ago``; pay those due.

    Only the first ``paid_instalments`` are paid: fewer than are due make a plan off track.
    """
    customer = next(c for c in ledger.customers if c.customer_id == invoice.customer_id)
    total, start = ledger.open_amount(invoice), ledger.today - timedelta(days=start_days_ago)
    share = (total / PLAN_INSTALMENTS).quantize(CENT)
    for n in range(1, PLAN_INSTALMENTS + 1):
        amount = share if n < PLAN_INSTALMENTS else total - share * (PLAN_INSTALMENTS - 1)
        due = start + timedelta(days=30 * (n - 1))
        note = ledger.text("plan_note", n=n, count=PLAN_INSTALMENTS)
        ledger.plans.append(
            Instalment(
                f"PP{start.year}-{number:02d}",
                customer.customer_id,
                invoice.document_no,
                n,
                due,
                amount,
                note,
            )
        )
        if due <= ledger.today and n <= paid_instalments:
            ledger.pay(customer, due, amount, invoice, note)


def _add_collection_log(ledger: Ledger, planned: tuple[Document, ...]) -> None:
    """Add a dozen collection notes: the plan, the disputes, and calls with promises to pay."""
    rng, today = ledger.rng, ledger.today
    by_id = {c.customer_id: c for c in ledger.customers}

    def note(
        invoice: Document,
        on: date,
        channel: str,
        summary: str,
        promise: Decimal | None,
        days: int = 14,
    ) -> None:
        customer = by_id[invoice.customer_id]
        promised = on + timedelta(days=days) if promise else None
        follow_up = (promised or on + timedelta(days=days)) + timedelta(days=1)
        ledger.notes.append(
            Note(
                on,
                customer.customer_id,
                invoice.document_no,
                channel,
                ledger.text(summary, contact=customer.contact, count=PLAN_INSTALMENTS),
                promised,
                promise,
                follow_up,
                customer.owner,
            )
        )

    plan_start = ledger.plans[0]
    note(
        planned[0],
        plan_start.due_date - timedelta(days=5),
        "visit",
        "agreed_plan",
        plan_start.amount,
        5,
    )
    for invoice in (d for d in ledger.documents if d.disputed):
        assert invoice.due_date is not None
        note(
            invoice,
            min(today, invoice.due_date + timedelta(days=rng.randint(5, 20))),
            "email",
            "dispute_call",
            None,
        )
    overdue = [
        d
        for d in ledger.documents
        if d.type == "invoice"
        and d.due_date
        and d.due_date < today
        and not d.disputed
        and not d.written_off
        and all(d is not p for p in planned)
        and ledger.open_amount(d) > 0
    ]
    for invoice in rng.sample(overdue, min(9, len(overdue))):
        assert invoice.due_date is not None
        on = min(today, invoice.due_date + timedelta(days=rng.randint(3, 30)))
        summary = rng.choice(("promise", "promise", "after_close", "statement", "voicemail"))
        chat = "wechat" if by_id[invoice.customer_id].language == "zh" else "call"
        channel = {"statement": "email", "voicemail": "call"}.get(summary, chat)
        promise = ledger.open_amount(invoice) if summary in ("promise", "after_close") else None
        note(invoice, on, channel, summary, promise, rng.randint(3, 21))
    _promises_of_each_kind(ledger, note, overdue)
    _notices_sent(ledger, overdue)


def _notices_sent(ledger: Ledger, overdue: list[Document]) -> None:
    """Add the notices sent before: first notices three weeks ago, a second one last week.

    The customers with an invoice long overdue and no promise to pay are the ones noticed, so
    the Dunning sheet shows notices that moved on a level, and one that must wait.
    """
    today = ledger.today
    noted = {n.customer_id for n in ledger.notes if n.promised_date}
    by_id = {c.customer_id: c for c in ledger.customers}
    late = [
        d
        for d in overdue
        if d.due_date
        and (today - d.due_date).days > 52
        and d.customer_id not in noted
        and not by_id[d.customer_id].hold_dunning
    ]
    names = {1: "First notice", 2: "Second notice"}
    names_zh = {1: "第一次催款", 2: "第二次催款"}
    chosen = list({d.customer_id: d for d in late}.values())[:4]
    for n, invoice in enumerate(chosen):
        level, days_ago = (2, 5) if 0 < n == len(chosen) - 1 else (1, 21)
        customer = by_id[invoice.customer_id]
        label = (names_zh if ledger.lang == "zh" else names)[level]
        ledger.notes.append(
            Note(
                today - timedelta(days=days_ago),
                customer.customer_id,
                "",
                "email",
                ledger.text("notice", level=label, document=invoice.document_no),
                None,
                None,
                None,
                customer.owner,
                level,
            )
        )


def _promises_of_each_kind(
    ledger: Ledger, note: Callable[..., None], overdue: list[Document]
) -> None:
    """Add a promise kept, one broken and one still open, whatever the random notes hold.

    The kept one promised a payment that came two days before its date; the broken one, made
    forty days ago, promised an overdue invoice's open amount within a week, and less came;
    the open one, made two days ago, promises the largest overdue invoice's in ten days.
    """
    today = ledger.today
    invoices = {d.document_no: d for d in ledger.documents}
    linked = [
        p
        for p in ledger.payments
        if p.applied_to and today - timedelta(days=60) <= p.date <= today - timedelta(days=10)
    ]
    if linked:
        paid = linked[len(linked) // 2]
        note(
            invoices[paid.applied_to],
            paid.date - timedelta(days=5),
            "call",
            "promise",
            paid.amount,
            7,
        )
    on = today - timedelta(days=40)
    for invoice in overdue:
        came = sum(
            p.amount
            for p in ledger.payments
            if p.customer_id == invoice.customer_id and on <= p.date <= on + timedelta(days=7)
        )
        if invoice.due_date and invoice.due_date < on and came < ledger.open_amount(invoice):
            note(invoice, on, "call", "promise", ledger.open_amount(invoice), 7)
            break
    if overdue:
        largest = max(overdue, key=ledger.open_amount)
        on = today - timedelta(days=2)
        note(largest, on, "call", "promise", ledger.open_amount(largest), 10)
