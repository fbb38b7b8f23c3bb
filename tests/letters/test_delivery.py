"""Messages delivered to a real SMTP server on loopback: what arrives, what is refused, when."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from smtp_server import HOST, Inbox, certificate, free_port, smtp_server

from arsheet.errors import MailLoginRefused, MailServerUnreachable
from arsheet.letters.delivery import Envelope, Outcome, Server, Status, deliver
from arsheet.letters.mail import Attachment, message

SENDER = "ar@acme.example"


def envelope(key: str, to: str = "", subject: str = "") -> Envelope:
    """Return the notice of customer ``key``: a text and an HTML part and a statement attached."""
    to = to or f"ap@{key.lower()}.example"
    mail = message(
        sender=SENDER,
        sender_name="示例贸易有限公司",
        to=[to],
        subject=subject or f"付款提醒 {key}：逾期 1,234.56 元",
        text=f"尊敬的客户：贵公司尚欠人民币壹仟贰佰叁拾肆元伍角陆分（{key}）。",
        html=f"<p>尊敬的客户：贵公司尚欠 <b>1,234.56</b> 元（{key}）。</p>",
        day=date(2026, 12, 2),
        attachments=[Attachment(f"{key}-statement.html", "<p>对账单</p>".encode(), "text/html")],
    )
    return Envelope(key, mail, SENDER, (to,))


def sent(server: Server, *keys: str) -> list[Outcome]:
    return list(deliver(server, [envelope(key) for key in keys]))


def test_each_message_arrives_whole_with_its_chinese_intact() -> None:
    with smtp_server() as running:
        outcomes = sent(Server(HOST, running.port), "C1", "C2")
    assert outcomes == [Outcome("C1", Status.DELIVERED), Outcome("C2", Status.DELIVERED)]
    first, second = running.inbox.received
    assert (first.sender, first.recipients) == (SENDER, ("ap@c1.example",))
    assert second.recipients == ("ap@c2.example",)
    mail = first.message
    assert mail["To"] == "ap@c1.example"
    assert mail["Subject"] == "付款提醒 C1：逾期 1,234.56 元"
    assert str(mail["From"]) == "示例贸易有限公司 <ar@acme.example>"
    text = mail.get_body(("plain",))
    html = mail.get_body(("html",))
    assert text is not None
    assert html is not None
    assert text.get_content().strip() == (
        "尊敬的客户：贵公司尚欠人民币壹仟贰佰叁拾肆元伍角陆分（C1）。"
    )
    assert "<b>1,234.56</b> 元（C1）" in html.get_content()
    [attached] = mail.iter_attachments()
    assert attached.get_filename() == "C1-statement.html"
    assert attached.get_content_charset() == "utf-8"
    assert attached.get_payload(decode=True).decode().strip() == "<p>对账单</p>"


def test_a_refused_message_does_not_stop_the_others() -> None:
    with smtp_server(Inbox(refuse={3})) as running:
        outcomes = sent(Server(HOST, running.port), "C1", "C2", "C3", "C4")
    assert [o.status for o in outcomes] == [Status.DELIVERED] * 2 + [
        Status.REFUSED,
        Status.DELIVERED,
    ]
    assert outcomes[2].reason == "550 5.7.1 Message refused by the test"
    assert [r.recipients[0] for r in running.inbox.received] == [
        "ap@c1.example",
        "ap@c2.example",
        "ap@c4.example",
    ]


def test_a_refused_recipient_is_told_and_the_message_not_delivered() -> None:
    with smtp_server(Inbox(unknown={"ap@c1.example"})) as running:
        [outcome] = sent(Server(HOST, running.port), "C1")
    assert outcome == Outcome("C1", Status.REFUSED, "ap@c1.example: 550 5.1.1 No such mailbox")
    assert running.inbox.received == []


def test_a_message_one_recipient_takes_is_delivered_naming_the_other() -> None:
    one = envelope("C1")
    both = Envelope("C1", one.message, SENDER, ("ap@c1.example", "boss@c1.example"))
    with smtp_server(Inbox(unknown={"ap@c1.example"})) as running:
        [outcome] = list(deliver(Server(HOST, running.port), [both]))
    assert outcome == Outcome("C1", Status.DELIVERED, "ap@c1.example: 550 5.1.1 No such mailbox")
    assert running.inbox.received[0].recipients == ("boss@c1.example",)


def test_each_outcome_is_known_before_the_next_message_goes() -> None:
    """What the caller records when stopped half-way is exactly what the server accepted."""
    with smtp_server() as running:
        batch = deliver(Server(HOST, running.port), [envelope(k) for k in ("C1", "C2", "C3")])
        assert next(batch).status is Status.DELIVERED
        assert len(running.inbox.received) == 1
        batch.close()
    assert len(running.inbox.received) == 1


def test_a_lost_connection_leaves_the_rest_unsent() -> None:
    class Dropping(Inbox):
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
            if self.arrived == 1:
                self.arrived += 1
                return "421 4.3.2 Closing, try later"
            return await super().handle_DATA(server, session, envelope)

    with smtp_server(Dropping()) as running:
        outcomes = sent(Server(HOST, running.port), "C1", "C2", "C3")
    assert [o.status for o in outcomes] == [Status.DELIVERED, Status.UNSENT, Status.UNSENT]
    assert outcomes[1].reason.startswith("421")
    assert outcomes[2].reason == "not tried: the connection was lost"


def test_an_unreachable_server_is_said_before_anything_is_sent() -> None:
    batch = deliver(Server(HOST, free_port(), timeout=5), [envelope("C1")])
    with pytest.raises(MailServerUnreachable) as raised:
        next(batch)
    assert raised.value.message().startswith(f"Could not reach the mail server {HOST}:")
    assert raised.value.message().endswith("; nothing was sent.")
    assert "未发送任何邮件" in raised.value.message("zh")


def test_nothing_connects_before_the_first_message_is_asked_for() -> None:
    deliver(Server(HOST, free_port()), [envelope("C1")])


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_login_is_given_and_a_wrong_one_refused() -> None:
    with smtp_server(login=("ar", "s3cret")) as running:
        assert sent(Server(HOST, running.port, user="ar", password="s3cret"), "C1")[0].status is (
            Status.DELIVERED
        )
        with pytest.raises(MailLoginRefused) as raised:
            sent(Server(HOST, running.port, user="ar", password="wrong"), "C2")
        refused = sent(Server(HOST, running.port), "C3")
    assert "refused the login of ar (535" in raised.value.message()
    assert refused[0].status is Status.REFUSED
    assert refused[0].reason.startswith("530")
    assert [r.recipients for r in running.inbox.received] == [("ap@c1.example",)]


def test_a_login_to_a_server_that_offers_none_is_said() -> None:
    with smtp_server() as running, pytest.raises(MailServerUnreachable) as raised:
        sent(Server(HOST, running.port, user="ar", password="x"), "C1")
    assert "it offers no login" in raised.value.message()


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return certificate(tmp_path_factory.mktemp("tls"))


def trusting(folder: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=folder / "cert.pem")


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_with_a_trusted_certificate(tls: Path, security: str) -> None:
    with smtp_server(tls=tls, implicit_tls=security == "ssl") as running:
        server = Server(HOST, running.port, security=security, context=trusting(tls))  # type: ignore[arg-type]
        assert sent(server, "C1")[0].status is Status.DELIVERED
    assert running.inbox.received[0].message["Subject"] == "付款提醒 C1：逾期 1,234.56 元"


def test_an_untrusted_certificate_sends_nothing(tls: Path) -> None:
    with smtp_server(tls=tls) as running, pytest.raises(MailServerUnreachable) as raised:
        sent(Server(HOST, running.port, security="starttls"), "C1")
    assert "CERTIFICATE_VERIFY_FAILED" in raised.value.message()
    assert running.inbox.received == []


def test_starttls_asked_of_a_server_without_it_sends_nothing() -> None:
    with smtp_server() as running, pytest.raises(MailServerUnreachable) as raised:
        sent(Server(HOST, running.port, security="starttls"), "C1")
    assert "does not offer STARTTLS" in raised.value.message()
    assert "不支持 STARTTLS" in raised.value.message("zh")


@pytest.fixture(autouse=True)
def _no_stray_connections(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every connection a test opens is closed by the time it ends."""
    opened: list[smtplib.SMTP] = []
    original = smtplib.SMTP.connect

    def connect(self: smtplib.SMTP, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(smtplib.SMTP, "connect", connect)
    yield
    assert all(getattr(c, "sock", None) is None for c in opened)
