"""The Python API of dunning notices: ``letters`` writes them out, ``send`` e-mails them.

Both read the book's notices due (:func:`arsheet.core.notices.notices`), compose them in each
customer's language from the letters templates, and record what was issued in the Collection
log, which is what keeps a second run the same day from issuing it again. The functions are
also :mod:`arsheet.api`'s, as every command's are.

Example::

    import arsheet.api

    arsheet.api.letters("debt_tracker.xlsx", formats=["html", "eml"]).files
    arsheet.api.send("debt_tracker.xlsx", smtp="smtp.example.com:587", security="starttls")
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from arsheet.api import Book
    from arsheet.core.book import Book as CoreBook
    from arsheet.core.notices import Notice
    from arsheet.core.settings import Settings
    from arsheet.letters.compose import Composed
    from arsheet.letters.outbox import Mailed
    from arsheet.letters.output import Attach
    from arsheet.pipeline import Loaded


@dataclass(frozen=True)
class Lettered:
    """The notices ``letters`` wrote, where, and what it recorded in the Collection log.

    Attributes:
        out: the folder the letters went to.
        as_of: the notices' date.
        lang: the book's language (each letter is in its customer's).
        notices: the notices written, one per customer.
        files: every file written, in order.
        no_email: customers an e-mail was asked for but who have no e-mail address in the
            Customers sheet: no .eml was written for them.
        recorded: how many notices were recorded in the Collection log (those whose channel
            is not e-mail: ``arsheet send`` records an e-mail when it is delivered).
        held: customers asked for by name who have no notice, with why: a code of
            :data:`arsheet.core.dunning_policy.NOT_DUNNED`, or "" when nothing is dunnable.
    """

    out: Path
    as_of: date
    lang: str
    notices: tuple[Notice, ...]
    files: tuple[Path, ...]
    no_email: tuple[str, ...]
    recorded: int
    held: dict[str, str] = field(default_factory=dict)


def letters(
    book: Book,
    *,
    out: str | os.PathLike[str] | None = None,
    customers: Sequence[str] | None = None,
    level: int | None = None,
    formats: Sequence[str] = ("html", "txt"),
    as_of: date | str | None = None,
    dry_run: bool = False,
    backup: bool | str | os.PathLike[str] = True,
    today: date | None = None,
    attach: Attach | None = None,
) -> Lettered:
    """Write the dunning notices due as letters, and record those sent on paper.

    One notice per customer due one on the as-of date (or each of ``customers``, due or not),
    in the customer's language, from the templates in a ``letters/`` folder beside the book
    or else arsheet's own. Every letter is filled in before any file is written, so a broken
    template writes nothing. The notices whose channel is not e-mail are then appended to
    the Collection log, which is what stops a second run the same day from sending them again.

    Example::

        arsheet.api.letters("debt_tracker.xlsx", formats=["html", "eml"]).files

    Args:
        book: a path (opened for update), or a book of the port.
        out: the folder; default ``letters/<as-of date>/`` beside the book.
        customers: only these customers' notices, made even when not due yet.
        level: the dunning level to write at (its template and fee) instead of the one due.
        formats: any of ``html``, ``txt``, ``eml``, ``docx``, ``pdf``.
        as_of: the notices' date; default the Settings' As-of date, else ``today``.
        dry_run: write the letters but record nothing in the book.
        backup: for a path, as for :func:`recalc`.
        today: what "today" is (default: the system date).
        attach: given each notice written out, returns the files its e-mail carries; by
            default the customer's statement of account as HTML, listing every document the
            notice asks for (:mod:`arsheet.letters.attached`).

    Raises:
        TemplateFailed: a template is missing or fails; nothing was written.
        NoSender: .eml files were asked for and the Settings have no Company e-mail.
        UnknownCustomer: one of ``customers`` is not in the book.
        ArsheetError: the book cannot be read or written; a file is then left as it was.
        ValueError: a format, level or date is not valid (notices to record dated after
            today), ``out`` is missing for a book in memory or is a file, or two customers'
            letters would have one file name (nothing written).
    """
    from arsheet.api import _for_update, _source, as_of_date, book_path
    from arsheet.core.notices import notices
    from arsheet.errors import NoSender, UnknownCustomer
    from arsheet.letters.attached import statements_attached
    from arsheet.letters.compose import compose_all
    from arsheet.letters.environment import environment
    from arsheet.letters.filenames import refuse_shared_names
    from arsheet.letters.output import file_name
    from arsheet.letters.record import log_rows
    from arsheet.pipeline import computed, load

    wanted = _formats(formats)
    path = book_path(book)
    if out is None and path is None:
        raise ValueError("a book in memory needs out=, the folder the letters go to")
    day = as_of_date(today, "today")
    sink = None if dry_run else _for_update(book, backup)
    source = sink or _source(book)
    loaded, results = computed(load(source, today=day), as_of_date(as_of), day)
    asked = None if customers is None else tuple(str(c).strip() for c in customers)
    for customer in asked or ():
        if customer not in results.customers.index:
            raise UnknownCustomer(path, customer)
    settings = loaded.book.settings
    found = notices(loaded.book, results, customers=asked, level=level)
    if "eml" in wanted and found and not settings.company_email:
        raise NoSender(path)
    env = environment(path)
    composed = compose_all(found, loaded.book, env)
    on_paper = [c.notice for c in composed if c.notice.channel != "email"]
    if sink is not None and on_paper:
        _can_record_notices(loaded, path, results.as_of, day)
    refuse_shared_names({c.notice.customer_id: file_name(c, "html") for c in composed})
    if attach is None and "eml" in wanted:
        attach = statements_attached(loaded.book, results, env, found)
    folder = Path(out) if out is not None else _letters_folder(path, results.as_of)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} is a file, not a folder the letters can go to")
    files, no_email = _write_letters(composed, wanted, folder, settings, attach)
    recorded = 0
    if sink is not None and on_paper:
        sink.append("collection_log", log_rows(on_paper, loaded.lang, owners=_owners(loaded.book)))
        recorded = len(on_paper)
    return Lettered(
        out=folder,
        as_of=results.as_of,
        lang=loaded.lang,
        notices=tuple(found),
        files=tuple(files),
        no_email=no_email,
        recorded=recorded,
        held={
            c: str(results.customers.at[c, "not_dunned"])
            for c in asked or ()
            if c not in {n.customer_id for n in found}
        },
    )


def _formats(formats: Sequence[str]) -> tuple[str, ...]:
    from arsheet.letters.output import FORMATS

    wanted = tuple(dict.fromkeys(str(f).strip().lower() for f in formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        typed = ", ".join(unknown) or "none"
        raise ValueError(f"formats are some of {', '.join(FORMATS)}, not {typed}")
    return wanted


def _owners(book: CoreBook) -> dict[str, str]:
    """Return each customer's collector (the Customers sheet's Owner), for the log's rows."""
    customers = book.customers
    if "owner" not in customers:
        return {}
    return dict(zip(customers["customer_id"], customers["owner"], strict=True))


def _letters_folder(path: Path | None, as_of: date) -> Path:
    """Return where a day's letters go by default: ``letters/<as-of date>/`` beside the book."""
    from arsheet.letters.environment import OVERRIDE_FOLDER

    assert path is not None  # a book in memory was asked for its folder already
    return path.parent / OVERRIDE_FOLDER / as_of.isoformat()


def _write_letters(
    composed: Sequence[Composed],
    formats: tuple[str, ...],
    folder: Path,
    settings: Settings,
    attach: Attach | None,
) -> tuple[list[Path], tuple[str, ...]]:
    """Write each notice's files, then the PDFs in one LibreOffice run.

    Returns:
        The files, and the customers given no .eml for want of an e-mail address.
    """
    import tempfile

    from arsheet.letters.output import Sender, write_notice, write_pdfs

    sender = Sender(settings.company_email, settings.company_name)
    files: list[Path] = []
    no_email: list[str] = []
    printed: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="arsheet-letters-") as scratch:
        for one in composed:
            mailed = "eml" in formats and bool(one.to)
            if "eml" in formats and not one.to:
                no_email.append(one.notice.customer_id)
            own = [f for f in formats if f not in ("eml", "pdf")] + (["eml"] if mailed else [])
            attachments = attach(one) if mailed and attach is not None else ()
            written = write_notice(one, own, folder, sender=sender, attachments=attachments)
            files += written
            if "pdf" in formats:
                # A PDF is printed from the HTML letter, written aside when it was not asked for.
                html = [f for f in written if f.suffix == ".html"]
                printed += html or write_notice(one, ["html"], Path(scratch))
        files += write_pdfs(printed, folder) if printed else []
    return files, tuple(no_email)


# Sending notices by e-mail (arsheet send).


@dataclass(frozen=True)
class Sent:
    """The e-mail notices of a run and what became of each.

    Attributes:
        as_of: the day of the notices.
        lang: the book's language.
        notices: each notice due by e-mail (:class:`arsheet.letters.outbox.Mailed`): to whom,
            its subject, level and total (minor units), and ``status``: ``"delivered"``,
            ``"refused"``, ``"unsent"``, ``"no_address"`` or, for a dry run, ``"dry_run"``.
        dry_run: nothing was sent or recorded.
    """

    as_of: date
    lang: str
    notices: tuple[Mailed, ...]
    dry_run: bool

    @property
    def delivered(self) -> tuple[Mailed, ...]:
        """The notices the server accepted: those added to the Collection log."""
        return tuple(m for m in self.notices if m.status == "delivered")

    @property
    def failed(self) -> tuple[Mailed, ...]:
        """The notices that did not go: refused, not sent, or for a customer without e-mail."""
        return tuple(m for m in self.notices if m.status not in ("delivered", "dry_run"))


def send(
    book: Book,
    *,
    smtp: str | None = None,
    security: str = "none",
    user: str = "",
    password: str = "",
    dry_run: bool = False,
    as_of: date | str | None = None,
    backup: bool | str | os.PathLike[str] = True,
    today: date | None = None,
    timeout: float = 60.0,
    attach: Attach | None = None,
) -> Sent:
    """E-mail the dunning notices due and add each one delivered to the Collection log.

    The notices are those due on the as-of date whose level's channel is e-mail, each in the
    customer's language, sent from the Settings' Company e-mail. The log is what makes a second
    run the same day send nothing again; it holds exactly the notices the server accepted,
    however the batch ends (a refusal, a lost connection, Ctrl-C).

    Example::

        done = arsheet.send("debt_tracker.xlsx", smtp="smtp.example.com:587",
                            security="starttls", user="ar@example.com", password=secret)
        [(m.customer_id, m.status, m.reason) for m in done.failed]

    Args:
        book: a path (opened for update), or a book of the port.
        smtp: the server, ``HOST:PORT`` (the port by default 25, 587 with STARTTLS, 465 with
            SSL); not needed for a dry run.
        security: ``"none"``, ``"starttls"`` or ``"ssl"``.
        user: the login name; blank: no login.
        password: the login's password.
        dry_run: only say who would get which notice; nothing is sent or written.
        as_of: the notices' date; default the Settings' As-of date, else ``today``.
        backup: for a path, as for :func:`recalc`.
        today: what "today" is (default: the system date).
        timeout: seconds to wait for the server at each step.
        attach: given each notice written out, returns the files its e-mail carries; by
            default the customer's statement of account, as for :func:`letters`.

    Raises:
        NoSenderAddress: there is something to send and the Settings have no Company e-mail.
        MailServerUnreachable, MailLoginRefused: the server cannot be used; nothing was sent.
        SentNotRecorded: notices were delivered but the book could not be written.
        TemplateFailed: a letter template is missing or fails; nothing was sent.
        ArsheetError: the book cannot be read; nothing was sent.
        ValueError: ``smtp``, ``security`` or a date is not valid (the as-of date after
            today: nothing was sent).
    """
    from arsheet.api import _for_update, _source, as_of_date, book_path
    from arsheet.core.notices import notices
    from arsheet.letters.attached import statements_attached
    from arsheet.letters.delivery import Server, server_address
    from arsheet.letters.environment import environment
    from arsheet.letters.outbox import due_by_email, send_notices
    from arsheet.pipeline import computed, load

    server = None
    if not dry_run:
        if not smtp:
            raise ValueError("smtp names the mail server, e.g. smtp.example.com:587")
        host, port = server_address(smtp, security)
        server = Server(host, port, security, user, password, timeout)  # type: ignore[arg-type]
    when, day = as_of_date(as_of), as_of_date(today, "today")
    sink = None if dry_run else _for_update(book, backup)
    source = sink or _source(book)
    loaded, results = computed(load(source, today=day), when, day)
    path = book_path(book)
    due = due_by_email(notices(loaded.book, results))
    if sink is not None and due:
        _can_record_notices(loaded, path, results.as_of, day)
    if attach is None:
        attach = statements_attached(loaded.book, results, environment(path), due)
    mailed = send_notices(
        due,
        loaded.book,
        lang=loaded.lang,
        path=path,
        server=server,
        sink=sink,
        owners=_owners(loaded.book),
        attach=attach,
        before_sending=(lambda: _not_locked(path)) if path else lambda: None,
    )
    return Sent(results.as_of, loaded.lang, mailed, dry_run)


def _can_record_notices(loaded: Loaded, path: Path | None, as_of: date, today: date | None) -> None:
    """Refuse to issue notices that could not be recorded as issued.

    A book made before notices has no Dunning level to record them in; a notice dated after
    today would be recorded on a day that has not come (the policy reads the log up to the
    as-of date only, so the next run would issue it again). Checked before anything is sent or
    written: a notice issued but not recorded would be issued again by the next run.

    Raises:
        NoNoticeLevelColumn: the Collection log, or its Dunning level column, is missing.
        ValueError: the as-of date is after today.
    """
    from arsheet.book.contract import COLLECTION_LOG
    from arsheet.errors import NoNoticeLevelColumn

    today = today or date.today()
    if as_of > today:
        raise ValueError(
            f"the notices would be dated {as_of.isoformat()}, after today "
            f"({today.isoformat()}), and cannot be recorded as issued; use --dry-run to "
            "see them, or an As-of date no later than today"
        )
    layout = loaded.read.layouts.get(COLLECTION_LOG.key)
    lang = layout.lang if layout is not None else loaded.lang
    header = COLLECTION_LOG.column("notice_level").header(lang)
    if layout is None:
        raise NoNoticeLevelColumn(path, header, COLLECTION_LOG.name(lang))
    if "notice_level" not in layout.columns:
        raise NoNoticeLevelColumn(path, header)


def _not_locked(path: Path) -> None:
    """Refuse to send while another program has the book open: its log could not be saved."""
    from arsheet.adapters.xlsx.save import check_not_locked

    check_not_locked(path)
