"""A real SMTP server on loopback for the tests: what it received, what it refuses, login and TLS.

Example::

    with smtp_server() as server:           # aiosmtpd on 127.0.0.1, a free port
        deliver(Server("127.0.0.1", server.port), envelopes)
    server.inbox.received[0].message["Subject"]

``Inbox(refuse={3})`` answers the third message's data with 550 and keeps the others;
``smtp_server(login=("ar", "s3cret"))`` asks for a login (over plain loopback);
``smtp_server(tls=certificate(tmp_path))`` offers STARTTLS with a throwaway self-signed
certificate for 127.0.0.1, and ``implicit_tls=True`` speaks TLS from the start.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from ipaddress import IPv4Address
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Received:
    """One message as the server received it: the envelope and the parsed message."""

    sender: str
    recipients: tuple[str, ...]
    message: EmailMessage


@dataclass
class Inbox:
    """An aiosmtpd handler that keeps every message, except those it is told to refuse.

    Attributes:
        refuse: the numbers (from 1, in order of arrival) of the messages answered with 550.
        unknown: the addresses it has no mailbox for (RCPT TO answered with 550).
        closing: the numbers of the messages answered with 421, the server closing the
            connection.
        received: what was kept, in order.
        arrived: how many messages reached the end of their data.
    """

    refuse: set[int] = field(default_factory=set)
    unknown: set[str] = field(default_factory=set)
    closing: set[int] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)
    arrived: int = 0

    async def handle_RCPT(  # noqa: N802
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.unknown:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.arrived += 1
        if self.arrived in self.refuse:
            return "550 5.7.1 Message refused by the test"
        if self.arrived in self.closing:
            return "421 4.3.2 Closing by the test"
        message = message_from_bytes(envelope.original_content, policy=default)
        self.received.append(
            Received(envelope.mail_from, tuple(envelope.rcpt_tos), message)  # type: ignore[arg-type]
        )
        return "250 OK"


@dataclass(frozen=True)
class Running:
    """A server started by :func:`smtp_server`."""

    port: int
    inbox: Inbox


@contextmanager
def smtp_server(
    inbox: Inbox | None = None,
    *,
    login: tuple[str, str] | None = None,
    tls: Path | None = None,
    implicit_tls: bool = False,
) -> Iterator[Running]:
    """Run an SMTP server on loopback for the duration of the block.

    Args:
        inbox: the handler (default: one that keeps everything).
        login: the only user name and password it accepts; it then requires a login.
        tls: a folder holding ``cert.pem`` and ``key.pem`` (:func:`certificate`): STARTTLS is
            offered, or with ``implicit_tls`` the connection is TLS from the start.
        implicit_tls: speak TLS from the first byte (what ``--ssl`` expects).
    """
    inbox = inbox or Inbox()
    options: dict[str, Any] = {"enable_SMTPUTF8": True}
    if login is not None:
        options.update(
            authenticator=_Authenticator(*login), auth_require_tls=False, auth_required=True
        )
    if tls is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(tls / "cert.pem", tls / "key.pem")
        options["ssl_context" if implicit_tls else "tls_context"] = context
    controller = Controller(inbox, hostname=HOST, port=free_port(), **options)
    controller.start()
    try:
        yield Running(controller.port, inbox)
    finally:
        controller.stop()


def free_port() -> int:
    """Return a loopback port nothing listens on (the system's pick for port 0)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class _Authenticator:
    """Accepts one user name and password, by AUTH LOGIN or PLAIN."""

    def __init__(self, user: str, password: str) -> None:
        self.pair = (user.encode(), password.encode())

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        given = (data.login, data.password) if isinstance(data, LoginPassword) else None
        return AuthResult(success=given == self.pair, handled=False)


def certificate(folder: Path) -> Path:
    """Write a throwaway self-signed certificate for 127.0.0.1 and its key into ``folder``.

    Returns:
        ``folder``, holding ``cert.pem`` (also what a client trusts) and ``key.pem``.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(IPv4Address(HOST))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return folder
