"""``arsheet send``: notices e-mailed to a real SMTP server on loopback, each recorded once.

The book: on 2 December 2026 three customers owe an invoice some days overdue, at the first
notice (sent by e-mail): ACME in English, 华东贸易 in Chinese (its Language), Delta in the
book's English. Each run goes through the command line's own entry point.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from bookmaker import make_book
from smtp_server import HOST, Inbox, Running, certificate, free_port, smtp_server

from arsheet.cli import main

AS_OF = date(2026, 12, 2)
CUSTOMERS = [
    ["C1", "ACME Industries", "Jane Doe", "", "ap@acme.example", "", 30, None, "Li", ""],
    ["C2", "华东贸易有限公司", "王经理", "", "caiwu@huadong.example", "", 30, None, "Li", "中文"],
    ["C4", "Delta Ltd", "", "", "ap@delta.example; boss@delta.example", "", 30, None, "Wu", ""],
]
TRANSACTIONS = [
    ["INV-1", "C1", "Invoice", date(2026, 10, 18), date(2026, 11, 17), 100],
    ["INV-2", "C2", "Invoice", date(2026, 10, 21), date(2026, 11, 20), 1005],
    ["INV-4", "C4", "Invoice", date(2026, 10, 26), date(2026, 11, 25), 200],
]
SETTINGS = [
    ["Setting", "Value"],
    ["Company name", "Northwind Trading Co., Ltd."],
    ["Company e-mail", "ar@northwind.example"],
    ["As-of date", AS_OF],
]


def notice_book(
    path: Path, customers: list[list[object]] = CUSTOMERS, settings: list[list[object]] = SETTINGS
) -> Path:
    ids = {row[0] for row in customers}
    return make_book(
        path,
        {
            "customers": customers,
            "transactions": [row for row in TRANSACTIONS if row[1] in ids],
            "collection_log": [],
            "settings": settings,
        },
    )


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return notice_book(tmp_path / "b.xlsx")


@pytest.fixture
def server() -> Iterator[Running]:
    with smtp_server() as running:
        yield running


def send(book: Path, port: int, *more: str) -> int:
    return main(["send", str(book), "--smtp", f"{HOST}:{port}", *more])


def log(path: Path) -> list[tuple[object, ...]]:
    """Return the Collection log's rows: date, customer, document, channel, level, summary,
    owner."""
    sheet = openpyxl.load_workbook(path)["Collection log"]
    return [(*row[:6], row[9]) for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]


def received(running: Running) -> list[tuple[str, ...]]:
    return [r.recipients for r in running.inbox.received]


def test_each_customer_gets_its_notice_once_in_its_language(
    book: Path, server: Running, capsys: pytest.CaptureFixture[str]
) -> None:
    assert send(book, server.port) == 0
    assert capsys.readouterr().out.splitlines() == [
        "sent        C1  ACME Industries  ap@acme.example  First notice  100.00",
        "sent        C2  华东贸易有限公司  caiwu@huadong.example  First notice  1,005.00",
        "sent        C4  Delta Ltd  ap@delta.example, boss@delta.example  First notice  200.00",
        "3 notices sent and added to b.xlsx (Collection log); previous version kept as b.xlsx.bak",
    ]
    assert received(server) == [
        ("ap@acme.example",),
        ("caiwu@huadong.example",),
        ("ap@delta.example", "boss@delta.example"),
    ]
    acme, huadong, delta = (r.message for r in server.inbox.received)
    assert acme["To"] == "ap@acme.example"
    assert str(acme["From"]) == '"Northwind Trading Co., Ltd." <ar@northwind.example>'
    assert delta["To"] == "ap@delta.example, boss@delta.example"
    assert acme["Message-ID"] == "<notice.C1.2026-12-02.1@northwind.example>"
    chinese = huadong.get_body(("plain",))
    assert chinese is not None
    assert "华东贸易有限公司" in chinese.get_content()
    assert "壹仟零伍元整" in chinese.get_content()
    assert any("\u4e00" <= char <= "\u9fff" for char in huadong["Subject"])
    assert huadong.get_body(("html",)) is not None
    day = datetime(2026, 12, 2)
    assert log(book) == [
        (day, "C1", None, "Email", 1, "First notice: INV-1; 100.00", "Li"),
        (day, "C2", None, "Email", 1, "First notice: INV-2; 1,005.00", "Li"),
        (day, "C4", None, "Email", 1, "First notice: INV-4; 200.00", "Wu"),
    ]

    assert send(book, server.port) == 0
    assert len(server.inbox.received) == 3
    assert len(log(book)) == 3
    assert capsys.readouterr().out.splitlines() == ["no notice is due by e-mail on 2026-12-02"]


def test_a_refused_third_message_is_the_only_one_sent_again(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with smtp_server(Inbox(refuse={3})) as refusing:
        assert send(book, refusing.port) == 1
    captured = capsys.readouterr()
    assert "refused     C4  Delta Ltd" in captured.out
    assert "550 5.7.1 Message refused by the test" in captured.out
    assert captured.err.strip() == "1 notice not sent: run again to send them"
    assert [row[1] for row in log(book)] == ["C1", "C2"]

    with smtp_server() as taking:
        assert send(book, taking.port) == 0
    assert received(taking) == [("ap@delta.example", "boss@delta.example")]
    assert [row[1] for row in log(book)] == ["C1", "C2", "C4"]


def test_a_connection_closed_half_way_leaves_the_rest_for_the_next_run(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with smtp_server(Inbox(closing={2})) as closing:
        assert send(book, closing.port) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[1:3] == [
        "not sent    C2  华东贸易有限公司  caiwu@huadong.example  First notice  "
        "421 4.3.2 Closing by the test",
        "not sent    C4  Delta Ltd  ap@delta.example, boss@delta.example  First notice  "
        "not tried: the connection was lost",
    ]
    assert captured.err.strip() == "2 notices not sent: run again to send them"
    assert [row[1] for row in log(book)] == ["C1"]
    with smtp_server() as taking:
        assert send(book, taking.port) == 0
    assert [row[1] for row in log(book)] == ["C1", "C2", "C4"]


def test_a_customer_without_an_address_is_named(
    tmp_path: Path, server: Running, capsys: pytest.CaptureFixture[str]
) -> None:
    customers = [*CUSTOMERS[:2], [*CUSTOMERS[2][:4], "", *CUSTOMERS[2][5:]]]
    book = notice_book(tmp_path / "b.xlsx", customers)
    assert send(book, server.port) == 1
    captured = capsys.readouterr()
    assert "no e-mail   C4  Delta Ltd  First notice" in captured.out
    assert captured.err.strip() == "no usable e-mail address for C4: fill it in on Customers"
    assert received(server) == [("ap@acme.example",), ("caiwu@huadong.example",)]
    assert [row[1] for row in log(book)] == ["C1", "C2"]


def test_an_address_that_is_none_is_not_given_to_the_server(
    tmp_path: Path, server: Running, capsys: pytest.CaptureFixture[str]
) -> None:
    customers = [[*CUSTOMERS[0][:4], "n/a", *CUSTOMERS[0][5:]]]
    book = notice_book(tmp_path / "b.xlsx", customers)
    assert send(book, server.port) == 1
    assert 'no e-mail   C1  ACME Industries  "n/a"  First notice' in capsys.readouterr().out
    assert server.inbox.received == []


def test_a_dry_run_says_who_would_get_what_and_sends_nothing(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = book.read_bytes()
    assert main(["send", str(book), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("would send  C1  ACME Industries  ap@acme.example  First notice")
    assert out[-1] == "dry run: nothing was sent or recorded"
    assert len(out) == 4
    assert book.read_bytes() == before


def test_an_unreachable_server_sends_and_records_nothing(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = book.read_bytes()
    port = free_port()
    assert send(book, port) == 2
    captured = capsys.readouterr()
    [sentence] = captured.err.splitlines()
    assert sentence.startswith(f"Could not reach the mail server {HOST}:{port}: ")
    assert sentence.endswith("; nothing was sent.")
    assert captured.out == ""
    assert book.read_bytes() == before


def test_without_a_company_address_nothing_is_sent(
    tmp_path: Path, server: Running, capsys: pytest.CaptureFixture[str]
) -> None:
    book = notice_book(tmp_path / "b.xlsx", settings=[SETTINGS[0], SETTINGS[3]])
    assert send(book, server.port) == 2
    assert capsys.readouterr().err.strip() == (
        "b.xlsx has no Company e-mail in its Settings to send the notices from; nothing was sent."
    )
    assert server.inbox.received == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_password_comes_from_the_environment_only(
    book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    login = ["--user", "ar", "--password-env", "ARSHEET_TEST_SMTP_PASSWORD"]
    with smtp_server(login=("ar", "s3cret")) as guarded:
        monkeypatch.delenv("ARSHEET_TEST_SMTP_PASSWORD", raising=False)
        assert send(book, guarded.port, *login) == 2
        assert capsys.readouterr().err.strip() == (
            "arsheet send: the environment variable ARSHEET_TEST_SMTP_PASSWORD "
            "(--password-env) is not set"
        )
        monkeypatch.setenv("ARSHEET_TEST_SMTP_PASSWORD", "wrong")
        assert send(book, guarded.port, *login) == 2
        assert "refused the login of ar" in capsys.readouterr().err
        assert log(book) == []
        monkeypatch.setenv("ARSHEET_TEST_SMTP_PASSWORD", "s3cret")
        assert send(book, guarded.port, *login) == 0
    assert len(guarded.inbox.received) == 3
    with pytest.raises(SystemExit):
        main(["send", str(book), "--smtp", f"{HOST}:1", "--password", "s3cret"])


def test_starttls_trusts_the_certificates_the_system_is_told_to(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tls = certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(tls / "cert.pem"))
    with smtp_server(tls=tls) as protected:
        assert send(book, protected.port, "--starttls") == 0
    assert len(protected.inbox.received) == 3


def test_interrupted_half_way_records_what_was_delivered(
    book: Path, server: Running, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from arsheet.letters import delivery

    real = delivery._send
    calls: list[object] = []

    def interrupted_on_the_second(connection: object, envelope: object) -> object:
        calls.append(envelope)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(connection, envelope)  # type: ignore[arg-type]

    monkeypatch.setattr(delivery, "_send", interrupted_on_the_second)
    assert send(book, server.port) == 130
    assert capsys.readouterr().err.strip() == (
        "interrupted; the notices sent before were added to the Collection log"
    )
    assert received(server) == [("ap@acme.example",)]
    assert [row[1] for row in log(book)] == ["C1"]


def test_terminated_half_way_records_what_was_delivered(book: Path, tmp_path: Path) -> None:
    """A kill (SIGTERM) between two messages leaves the first recorded, through a real process."""
    script = tmp_path / "slow_server.py"
    script.write_text(
        "import sys, time, asyncio\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from smtp_server import Inbox, smtp_server\n"
        "class Slow(Inbox):\n"
        "    async def handle_DATA(self, server, session, envelope):\n"
        "        if self.arrived == 1:\n"
        "            print('second', flush=True)\n"
        "            await asyncio.sleep(120)\n"
        "        return await super().handle_DATA(server, session, envelope)\n"
        "with smtp_server(Slow()) as running:\n"
        "    print(running.port, flush=True)\n"
        "    sys.stdin.read()\n"
    )
    server = subprocess.Popen(
        [sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
        run = subprocess.Popen(
            [sys.executable, "-m", "arsheet", "send", str(book), "--smtp", f"{HOST}:{port}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert server.stdout.readline().strip() == "second"
        run.terminate()
        # Well before the server answers: a stopped run does not wait for it to record.
        _, err = run.communicate(timeout=30)
    finally:
        # It is still holding the second message; it has nothing more to say.
        server.kill()
        server.communicate(timeout=60)
    assert run.returncode == 130
    assert err.strip() == "interrupted; the notices sent before were added to the Collection log"
    assert [row[1] for row in log(book)] == ["C1"]


def test_a_chinese_book_is_told_in_chinese(
    tmp_path: Path, server: Running, capsys: pytest.CaptureFixture[str]
) -> None:
    # Without a Dunning levels table the default levels, named in Chinese.
    customers = [CUSTOMERS[1], ["C5", "无邮箱有限公司", "", "", "", "", 30, None, "Li", "中文"]]
    book = make_book(
        tmp_path / "账簿.xlsx",
        {
            "customers": customers,
            "transactions": [
                TRANSACTIONS[1],
                ["INV-5", "C5", "发票", date(2026, 10, 21), date(2026, 11, 20), 300],
            ],
            "collection_log": [],
            "settings": [
                ["设置项", "值"],
                ["公司名称", "北风贸易"],
                ["公司邮箱", "ar@northwind.example"],
                ["统计截止日", AS_OF],
            ],
        },
        lang="zh",
    )
    assert send(book, server.port) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "无邮箱  C5  无邮箱有限公司  第一次催款",
        "已发送  C2  华东贸易有限公司  caiwu@huadong.example  第一次催款  1,005.00",
        "已发送 1 封催收邮件，并记入 账簿.xlsx（催收记录）；原版本已保存为 账簿.xlsx.bak",
    ]
    assert captured.err.strip() == "客户 C5 没有可用的邮箱，请在客户表中填写"
    [received] = server.inbox.received
    assert received.message["Subject"].startswith("【催款通知】北风贸易")


def test_notices_delivered_but_not_recorded_are_named(
    book: Path, server: Running, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone saved the book in Excel while the notices went: the user must record them."""
    from arsheet.adapters.xlsx.book import XlsxBook
    from arsheet.errors import BookChanged

    def saved_meanwhile(self: XlsxBook, sheet: str, rows: object) -> None:
        raise BookChanged(self.path)

    monkeypatch.setattr(XlsxBook, "append", saved_meanwhile)
    assert send(book, server.port) == 2
    assert capsys.readouterr().err.strip() == (
        "Notices were sent to C1, C2, C4 but could not be added to the Collection log of b.xlsx "
        "(b.xlsx was saved by another program or run after arsheet read it, so nothing was "
        "changed; run again); add them by hand, or the next run sends them again."
    )
    assert len(server.inbox.received) == 3
