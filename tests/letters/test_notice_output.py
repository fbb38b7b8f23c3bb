"""A notice's files: their names, and the e-mail that is ready to send."""

from __future__ import annotations

from dataclasses import replace
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from arsheet.letters.compose import compose
from arsheet.letters.environment import environment
from arsheet.letters.mail import Attachment
from arsheet.letters.output import Sender, write_notice

from .notice_book import book, notice

SENDER = Sender("ar@northwind.example", "Northwind Trading")


def _mail(path: Path) -> EmailMessage:
    mail = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(mail, EmailMessage)
    return mail


def test_a_notice_is_written_as_html_text_and_email(tmp_path: Path) -> None:
    composed = compose(notice(1), book(), environment())
    files = write_notice(composed, ["html", "txt", "eml"], tmp_path, sender=SENDER)
    assert [f.name for f in files] == [
        "C1-first_notice.html",
        "C1-first_notice.txt",
        "C1-first_notice.eml",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.name for f in files)
    assert files[0].read_text(encoding="utf-8") == composed.html
    mail = _mail(files[2])
    assert mail["To"] == "ap@acme.example, jane@acme.example"
    assert mail["From"] == "Northwind Trading <ar@northwind.example>"
    assert mail["Subject"] == composed.subject
    assert mail["Message-ID"] == "<notice.C1.2026-12-02.1@northwind.example>"
    text = mail.get_body(("plain",))
    html = mail.get_body(("html",))
    assert text is not None
    assert html is not None
    # The message's lines end in CRLF, as SMTP has them.
    assert text.get_content().replace("\r\n", "\n") == composed.text
    assert html.get_content().replace("\r\n", "\n") == composed.html


def test_a_chinese_notice_arrives_intact_with_its_attachment(tmp_path: Path) -> None:
    composed = compose(notice(1, "C2"), book(), environment())
    statement = Attachment("C2-statement.html", "<p>对账单</p>".encode(), "text/html")
    (eml,) = write_notice(composed, ["eml"], tmp_path, sender=SENDER, attachments=[statement])
    mail = _mail(eml)
    assert mail["Subject"] == composed.subject
    assert "【催款通知】" in mail["Subject"]
    body = mail.get_body(("plain",))
    assert body is not None
    assert "人民币壹佰壹拾元肆角壹分" in body.get_content()
    (attached,) = mail.iter_attachments()
    assert attached.get_filename() == "C2-statement.html"
    assert attached.get_content_charset() == "utf-8"
    assert attached.get_content().strip() == "<p>对账单</p>"


def test_a_customer_id_is_made_safe_as_a_file_name(tmp_path: Path) -> None:
    composed = compose(notice(1), book(), environment())
    odd = replace(composed, notice=replace(composed.notice, customer_id="ACME/EU:01"))
    (html,) = write_notice(odd, ["html"], tmp_path)
    assert html.name == "ACME_EU_01-first_notice.html"
    assert html.parent == tmp_path


def test_every_customer_has_its_own_message_id() -> None:
    from arsheet.letters.output import notice_message

    composed = compose(notice(1), book(), environment())
    ids = {
        notice_message(replace(composed, notice=replace(composed.notice, customer_id=c)), SENDER)[
            "Message-ID"
        ]
        for c in ("客户一", "客户二", "C_1", "C-1", "C 1")
    }
    assert len(ids) == 5
