"""Sending e-mails over SMTP, a batch on one connection, telling what came of each message.

:func:`deliver` yields an :class:`Outcome` as soon as the server has answered for a message, so
the caller knows at every moment what was delivered, even when the batch stops half-way (a
refusal, a dropped connection, Ctrl-C): that is what it records, and nothing else.

A message is delivered once the server has accepted it for at least one of its recipients (its
reply to the end of the data). A refusal stops that message only; a lost connection stops the
batch, and the messages not tried are told as not sent, so that a second run sends them.

Example::

    server = Server("smtp.example.com", 587, security="starttls", user="ar", password=secret)
    for outcome in deliver(server, [Envelope("C001", mail, "ar@acme.cn", ("ap@beta.cn",))]):
        print(outcome.key, outcome.status, outcome.reason)
"""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from enum import Enum
from typing import Literal

from arsheet.errors import MailLoginRefused, MailServerUnreachable

#: How the connection is protected: not at all, upgraded by STARTTLS, or TLS from the start.
Security = Literal["none", "starttls", "ssl"]
#: The port each kind of connection uses when none is named.
DEFAULT_PORTS: dict[str, int] = {"none": 25, "starttls": 587, "ssl": 465}
#: A reply that means the server is closing the connection: nothing more goes through it.
_CLOSING = 421
#: ``host``, ``host:port``, ``[IPv6]`` or ``[IPv6]:port``.
_ADDRESS = re.compile(
    r"\[(?P<v6>[^\]]+)\](?::(?P<v6port>\d+))?|(?P<host>[^:\[\]\s]+)(?::(?P<port>\d+))?"
)


@dataclass(frozen=True)
class Server:
    """The SMTP server a batch is sent through.

    Attributes:
        host: its name or address.
        port: its port.
        security: ``"none"``, ``"starttls"`` or ``"ssl"``.
        user: the login name; blank: no login.
        password: the login's password.
        timeout: seconds to wait for the server at each step.
        context: the TLS settings (default: the system's trusted certificates, host name checked).
    """

    host: str
    port: int
    security: Security = "none"
    user: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 60.0
    context: ssl.SSLContext | None = None

    @property
    def address(self) -> str:
        """``host:port``, as the user named it."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


@dataclass(frozen=True)
class Envelope:
    """One message to send, and to whom.

    Attributes:
        key: what the caller knows the message by (the customer's ID).
        message: the message.
        sender: the envelope sender (MAIL FROM), where bounces go.
        recipients: the addresses it is delivered to (RCPT TO).
    """

    key: str
    message: EmailMessage
    sender: str
    recipients: tuple[str, ...]


class Status(Enum):
    """What came of one message."""

    #: The server accepted it (for at least one recipient).
    DELIVERED = "delivered"
    #: The server refused it; the connection goes on with the next message.
    REFUSED = "refused"
    #: It was not sent: the connection was lost before or while it went.
    UNSENT = "unsent"


@dataclass(frozen=True)
class Outcome:
    """What came of one message.

    Attributes:
        key: the envelope's key.
        status: delivered, refused or not sent.
        reason: the server's reply or the failure, e.g. ``"550 mailbox unavailable"``; for a
            delivered message, the recipients the server refused (``""`` when none).
    """

    key: str
    status: Status
    reason: str = ""


def server_address(text: str, security: str = "none") -> tuple[str, int]:
    """Return the host and port of a server named ``HOST:PORT`` (the port may be left out).

    >>> server_address("smtp.example.com:2525"), server_address("[::1]", "ssl")
    (('smtp.example.com', 2525), ('::1', 465))

    Args:
        text: the server as the user names it.
        security: ``"none"``, ``"starttls"`` or ``"ssl"``: what picks the port when none is
            named (25, 587 or 465).

    Raises:
        ValueError: not a server's name, a port outside 1..65535, or an unknown ``security``.
    """
    if security not in DEFAULT_PORTS:
        raise ValueError(f"security is none, starttls or ssl, not {security!r}")
    found = _ADDRESS.fullmatch(text.strip())
    if found is None:
        raise ValueError(f"{text!r} is not a mail server such as smtp.example.com:587")
    host = found["v6"] or found["host"]
    port = int(found["v6port"] or found["port"] or DEFAULT_PORTS[security])
    if not 0 < port < 65536:
        raise ValueError(f"{text!r}: the port is a number from 1 to 65535")
    return host, port


def deliver(server: Server, envelopes: Iterable[Envelope]) -> Iterator[Outcome]:
    """Send ``envelopes`` in order over one connection, yielding what came of each.

    Nothing is connected before the first message is asked for. Closing the iteration early
    (or Ctrl-C while a message goes) drops the connection at once.

    Args:
        server: the server and how to log in.
        envelopes: the messages.

    Yields:
        One outcome per envelope, in order, as soon as it is known.

    Raises:
        MailServerUnreachable: the connection (or TLS) could not be set up; nothing was sent.
        MailLoginRefused: the server refused the login; nothing was sent.
    """
    pending = iter(envelopes)
    connection = _connect(server)
    try:
        for envelope in pending:
            outcome = _send(connection, envelope)
            yield outcome
            if outcome.status is Status.UNSENT:
                break
        for envelope in pending:
            yield Outcome(envelope.key, Status.UNSENT, "not tried: the connection was lost")
    except BaseException:
        # Stopped half-way (Ctrl-C, the batch closed): no goodbye, whose answer could keep the
        # caller from recording what was delivered for as long as the server takes.
        connection.close()
        raise
    _close(connection)


def _connect(server: Server) -> smtplib.SMTP:
    """Return a connection to ``server``, protected and logged in as asked.

    Raises:
        MailServerUnreachable, MailLoginRefused: as for :func:`deliver`.
    """
    context = server.context or ssl.create_default_context()
    connection: smtplib.SMTP | None = None
    try:
        if server.security == "ssl":
            connection = smtplib.SMTP_SSL(
                server.host, server.port, timeout=server.timeout, context=context
            )
        else:
            connection = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
        connection.ehlo_or_helo_if_needed()
        if server.security == "starttls":
            if not connection.has_extn("starttls"):
                raise MailServerUnreachable(
                    server.address,
                    "it does not offer STARTTLS (try --ssl, or neither)",
                    "服务器不支持 STARTTLS（可改用 --ssl，或两者都不用）",
                )
            connection.starttls(context=context)
        if server.user:
            _login(connection, server)
    except smtplib.SMTPAuthenticationError as refused:
        _close(connection)
        raise MailLoginRefused(server.address, server.user, _reply(refused)) from None
    except MailServerUnreachable:
        _close(connection)
        raise
    except (OSError, smtplib.SMTPException) as failure:
        # SMTPException is an OSError too; socket errors, timeouts and TLS failures all land here.
        _close(connection)
        raise MailServerUnreachable(server.address, _failure(failure)) from None
    return connection


def _login(connection: smtplib.SMTP, server: Server) -> None:
    """Log in, telling apart a server that offers no login from one that refuses it."""
    if not connection.has_extn("auth"):
        plain = server.security == "none"
        raise MailServerUnreachable(
            server.address,
            "it offers no login" + (" (it may offer one after --starttls)" if plain else ""),
            "服务器不提供登录" + ("（使用 --starttls 后也许会提供）" if plain else ""),
        )
    connection.login(server.user, server.password)


def _send(connection: smtplib.SMTP, envelope: Envelope) -> Outcome:
    """Send one message and return what came of it."""
    try:
        refused = connection.send_message(
            envelope.message, from_addr=envelope.sender, to_addrs=list(envelope.recipients)
        )
    except smtplib.SMTPRecipientsRefused as error:
        return Outcome(envelope.key, Status.REFUSED, _refusals(error.recipients))
    except smtplib.SMTPServerDisconnected as lost:
        return Outcome(envelope.key, Status.UNSENT, _failure(lost))
    except smtplib.SMTPResponseException as error:
        status = Status.UNSENT if error.smtp_code == _CLOSING else Status.REFUSED
        return Outcome(envelope.key, status, _reply(error))
    except smtplib.SMTPException as error:
        # Refused before a word was sent, e.g. an address in Chinese the server cannot take.
        return Outcome(envelope.key, Status.REFUSED, str(error))
    except OSError as lost:
        return Outcome(envelope.key, Status.UNSENT, _failure(lost))
    return Outcome(envelope.key, Status.DELIVERED, _refusals(refused))


def _close(connection: smtplib.SMTP | None) -> None:
    """Say goodbye if the server still listens; close the socket in any case."""
    if connection is None:
        return
    try:
        connection.quit()
    except (OSError, smtplib.SMTPException):
        connection.close()


def _refusals(replies: dict[str, tuple[int, bytes]]) -> str:
    """Return each refused recipient with the server's reply."""
    return "; ".join(f"{address}: {_reply_text(*reply)}" for address, reply in replies.items())


def _reply(error: smtplib.SMTPResponseException) -> str:
    return _reply_text(error.smtp_code, error.smtp_error)


def _reply_text(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(words.split())}"


def _failure(error: BaseException) -> str:
    """Return a failure in a few words: the system's own, else the kind of failure."""
    return str(error) or type(error).__name__
