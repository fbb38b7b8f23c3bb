"""``arsheet.send`` from Python: a Chinese book in memory, its notice sent and logged in Chinese."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from smtp_server import HOST, Inbox, smtp_server

import arsheet
from arsheet.letters.compose import Composed
from arsheet.letters.mail import Attachment

AS_OF = date(2026, 12, 2)


def chinese_book(email: str = "caiwu@huadong.example", owner: str = "李四") -> arsheet.MemoryBook:
    """华东贸易 owes 1,005.00, due 20 November 2026: its first notice is due on 2 December."""
    return arsheet.MemoryBook.from_records(
        {
            "customers": [
                {
                    "customer_id": "C2",
                    "customer_name": "华东贸易有限公司",
                    "email": email,
                    "owner": owner,
                },
            ],
            "transactions": [
                {
                    "document_no": "INV-2",
                    "customer_id": "C2",
                    "type": "invoice",
                    "date": date(2026, 10, 21),
                    "due_date": date(2026, 11, 20),
                    "amount": Decimal("1005.00"),
                },
            ],
        },
        lang="zh",
        settings={"company_name": "北风贸易", "company_email": "ar@northwind.example"},
    )


def test_a_chinese_notice_is_sent_and_logged_in_chinese() -> None:
    book = chinese_book()
    with smtp_server() as running:
        done = arsheet.send(book, smtp=f"{HOST}:{running.port}", as_of=AS_OF)
    [mailed] = done.notices
    assert (done.as_of, done.lang, done.failed, done.dry_run) == (AS_OF, "zh", (), False)
    assert (mailed.customer_id, mailed.status, mailed.to, mailed.total) == (
        "C2",
        "delivered",
        ("caiwu@huadong.example",),
        100_500,
    )
    [received] = running.inbox.received
    assert received.message["Subject"] == mailed.subject
    text = received.message.get_body(("plain",))
    assert text is not None
    assert "人民币壹仟零伍元整" in text.get_content()
    header, row = book.sheet("催收记录")
    logged = dict(zip(header, row, strict=False))
    assert logged["客户编号"] == "C2"
    assert logged["渠道"] == "邮件"
    assert logged["负责人"] == "李四"
    assert logged["沟通摘要"].endswith("：INV-2；合计 1,005.00")

    again = arsheet.send(book, smtp=f"{HOST}:1", as_of=AS_OF)
    assert again.notices == ()


def test_the_statement_goes_attached() -> None:
    def statement(composed: Composed) -> list[Attachment]:
        customer = composed.notice.customer_id
        return [Attachment(f"{customer}-statement.html", "<p>对账单</p>".encode(), "text/html")]

    with smtp_server() as running:
        arsheet.send(chinese_book(), smtp=f"{HOST}:{running.port}", as_of=AS_OF, attach=statement)
    [received] = running.inbox.received
    [attached] = received.message.iter_attachments()
    assert attached.get_filename() == "C2-statement.html"
    assert attached.get_content_charset() == "utf-8"
    assert attached.get_payload(decode=True).decode().strip() == "<p>对账单</p>"
    assert received.message.get_body(("html",)) is not None


def test_a_customer_without_an_owner_is_logged_all_the_same() -> None:
    book = chinese_book(owner="")
    with smtp_server() as running:
        done = arsheet.send(book, smtp=f"{HOST}:{running.port}", as_of=AS_OF)
    assert [m.status for m in done.notices] == ["delivered"]
    header, row = book.sheet("催收记录")
    assert dict(zip(header, row, strict=False))["客户编号"] == "C2"


def test_a_dry_run_needs_no_server_and_writes_nothing() -> None:
    book = chinese_book()
    done = arsheet.send(book, dry_run=True, as_of=AS_OF)
    assert [m.status for m in done.notices] == ["dry_run"]
    assert book.sheet("催收记录") == [book.sheet("催收记录")[0]]


def test_a_refused_notice_is_not_logged() -> None:
    book = chinese_book()
    with smtp_server(Inbox(refuse={1})) as running:
        done = arsheet.send(book, smtp=f"{HOST}:{running.port}", as_of=AS_OF)
    assert [(m.status, m.reason) for m in done.failed] == [
        ("refused", "550 5.7.1 Message refused by the test")
    ]
    assert len(book.sheet("催收记录")) == 1


@pytest.mark.parametrize(
    ("smtp", "security", "wrong"),
    [
        (None, "none", "smtp names the mail server"),
        ("smtp.example.com:99999", "none", "the port is a number from 1 to 65535"),
        ("smtp.example.com", "tls", "security is none, starttls or ssl"),
        ("smtp example com", "none", "is not a mail server"),
    ],
)
def test_a_wrong_server_is_said(smtp: str | None, security: str, wrong: str) -> None:
    with pytest.raises(ValueError, match=wrong):
        arsheet.send(chinese_book(), smtp=smtp, security=security, as_of=AS_OF)
