"""The e-mail notices of a run: who gets which, who cannot, and what came of sending them.

A run sends the notices due whose level's channel is e-mail, each composed in the customer's
language, from the Settings' Company e-mail. Every notice the server accepted is added to the
Collection log in one append when the batch ends, however it ends (all sent, a refusal, a lost
connection, Ctrl-C): the log is what makes the next run the same day send nothing again, so it
must hold exactly what was delivered. One append rather than one per message: an append saves
the whole book (about 45 ms for the demo book, more for a large one), and appending after each
message would not close the window anyway, since a hard kill can come between a server's reply
and any write.

A customer whose notice is due by e-mail but who has no usable address is told, never skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from arsheet.book.port import BookSink
from arsheet.core.book import Book
from arsheet.core.notices import Notice
from arsheet.errors import ArsheetError, NoSenderAddress, SentNotRecorded
from arsheet.letters.compose import Composed, compose_all
from arsheet.letters.delivery import Envelope, Outcome, Server, Status, deliver
from arsheet.letters.environment import environment
from arsheet.letters.mail import Attachment
from arsheet.letters.output import Attach, Sender, notice_message
from arsheet.letters.record import log_rows

#: The channel code of the notices a run sends.
EMAIL = "email"
#: What an address must look like to be given to a server: something, one @, a domain.
_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Mailed:
    """One notice due by e-mail and what became of it.

    Attributes:
        customer_id: whose notice it is.
        customer_name: the customer's name.
        to: the addresses it goes to, as typed in the Customers sheet.
        subject: its subject line.
        level_name: the dunning level's name.
        total: what it asks for (minor units).
        status: ``"delivered"``, ``"refused"``, ``"unsent"`` (the connection was lost),
            ``"no_address"`` (the customer has no usable e-mail address) or ``"dry_run"``.
        reason: the server's reply or the failure; for a delivered notice, the recipients
            refused (``""`` when none); for no address, the Email cell as typed.
    """

    customer_id: str
    customer_name: str
    to: tuple[str, ...]
    subject: str
    level_name: str
    total: int
    status: str
    reason: str = ""


def due_by_email(notices: Sequence[Notice]) -> tuple[Notice, ...]:
    """Return the notices whose level is sent by e-mail."""
    return tuple(n for n in notices if n.channel == EMAIL)


def send_notices(
    notices: Sequence[Notice],
    book: Book,
    *,
    lang: str,
    path: Path | None,
    server: Server | None,
    sink: BookSink | None,
    owners: Mapping[str, str] | None = None,
    attach: Attach | None = None,
    before_sending: Callable[[], None] = lambda: None,
) -> tuple[Mailed, ...]:
    """Send ``notices`` and record the delivered ones; with no ``server``, only say who gets what.

    Args:
        notices: the notices to send (their channel e-mail).
        book: the book they are for (customers, settings).
        lang: the book's language, that of the Collection log's summaries.
        path: the workbook, whose ``letters/`` folder holds the user's templates.
        server: the server to send through; ``None`` for a dry run (nothing sent or recorded).
        sink: where the delivered notices are appended (the Collection log); ``None`` with
            ``server`` ``None``.
        owners: customer ID -> its collector, named in the Collection log.
        attach: given each notice written out, returns the files its e-mail carries (the
            statement of account).
        before_sending: called once the messages are ready and before the first is sent
            (a last check that the book can be written).

    Returns:
        Each notice and what became of it, those without an address first.

    Raises:
        NoSenderAddress: there is something to send but the Settings have no Company e-mail.
        TemplateFailed: a template is missing or fails; nothing was sent.
        MailServerUnreachable, MailLoginRefused: nothing was sent.
        SentNotRecorded: notices were delivered but the book could not be written.
    """
    env = environment(path)
    composed = compose_all(notices, book, env)
    unusable = [c for c in composed if not usable(c.to)]
    ready = [c for c in composed if usable(c.to)]
    outcomes = [_mailed(c, "no_address", " ".join(c.to)) for c in unusable]
    sender = book.settings.company_email.strip()
    if ready and not sender:
        raise NoSenderAddress(path)
    if server is None:
        return (*outcomes, *(_mailed(c, "dry_run") for c in ready))
    from_ = Sender(sender, book.settings.company_name)
    envelopes = [_envelope(c, from_, attach(c) if attach else ()) for c in ready]
    by_customer = {c.notice.customer_id: c for c in ready}
    delivered: list[Notice] = []
    if envelopes:
        before_sending()
    try:
        for outcome in _sent(server, envelopes):
            mailed = by_customer[outcome.key]
            if outcome.status is Status.DELIVERED:
                delivered.append(mailed.notice)
            outcomes.append(_mailed(mailed, outcome.status.value, outcome.reason))
    finally:
        if delivered and sink is not None:
            _record(sink, log_rows(delivered, lang, owners=owners), delivered, path)
    return tuple(outcomes)


def usable(to: tuple[str, ...]) -> bool:
    """Whether ``to`` names at least one address and every one looks like an address.

    >>> usable(("ap@acme.cn",)), usable(()), usable(("ap@acme.cn", "n/a"))
    (True, False, False)
    """
    return bool(to) and all(_ADDRESS.fullmatch(address) for address in to)


def _envelope(composed: Composed, sender: Sender, attachments: Sequence[Attachment]) -> Envelope:
    mail = notice_message(composed, sender, attachments)
    return Envelope(composed.notice.customer_id, mail, sender.address, composed.to)


def _sent(server: Server, envelopes: list[Envelope]) -> Iterator[Outcome]:
    """Return the outcomes of sending ``envelopes``; nothing is connected without any."""
    return deliver(server, envelopes) if envelopes else iter(())


def _record(
    sink: BookSink, rows: list[dict[str, object]], delivered: list[Notice], path: Path | None
) -> None:
    """Append the delivered notices' rows to the Collection log, or say loudly that it failed."""
    try:
        sink.append("collection_log", rows)
    except ArsheetError as failure:
        customers = tuple(n.customer_id for n in delivered)
        raise SentNotRecorded(path, customers, failure) from failure


def _mailed(composed: Composed, status: str, reason: str = "") -> Mailed:
    notice = composed.notice
    return Mailed(
        customer_id=notice.customer_id,
        customer_name=composed.customer_name,
        to=composed.to,
        subject=composed.subject,
        level_name=notice.level_name,
        total=notice.total,
        status=status,
        reason=reason,
    )
