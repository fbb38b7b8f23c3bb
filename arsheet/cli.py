"""The ``arsheet`` command: one verb per library function, nothing decided here."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from arsheet.adapters.xlsx.filenames import DEFAULT_BACKUP_SUFFIX, MAX_BACKUP_SUFFIX_BYTES

EPILOG = """examples:
  arsheet new debt_tracker.xlsx --demo      a demo book to try things on
  arsheet new 应收账款.xlsx --lang zh        an empty Chinese book
  arsheet check debt_tracker.xlsx           list every data problem with its cell
  arsheet recalc debt_tracker.xlsx          recalculate and write back
  arsheet recalc books/*.xlsx --json        a batch, one summary line per book
  arsheet plan debt_tracker.xlsx --customer C001 --document INV-0012 --count 6
                                            pay an invoice in six monthly instalments
  arsheet credit debt_tracker.xlsx --customer C001 --amount 5000
                                            may this order ship on credit?
  arsheet letters debt_tracker.xlsx --format html,eml
                                            write the dunning notices due today
  arsheet send debt_tracker.xlsx --smtp smtp.example.com:587 --starttls \
      --user ar@example.com --password-env SMTP_PASSWORD
                                            e-mail the notices due, record them
  arsheet statement debt_tracker.xlsx --all --out statements
                                            this month's statements with confirmation slips
  arsheet excel-setup debt_tracker.xlsx     how to get arsheet's buttons into Excel
  arsheet buttons debt_tracker.xlsx         a copy with Excel buttons: debt_tracker.xlsm
"""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser; every command's help carries an example."""
    parser = argparse.ArgumentParser(
        prog="arsheet",
        description="Accounts receivable kept in an Excel workbook.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from arsheet import __version__

    parser.add_argument("--version", action="version", version=f"arsheet {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="COMMAND")

    new = verbs.add_parser(
        "new",
        help="create a new workbook from the template",
        description="Create a new arsheet workbook. Example: arsheet new book.xlsx --demo",
    )
    new.add_argument(
        "path", type=Path, help="where to create the workbook (.xlsx; .xlsm: with Excel buttons)"
    )
    new.add_argument("--lang", choices=("en", "zh"), default="en", help="sheet and header language")
    new.add_argument(
        "--demo", action="store_true", help="fill it with a realistic demo book, recalculated"
    )
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    check = verbs.add_parser(
        "check",
        help="list every data problem of a workbook",
        description=(
            "Read a workbook and report every problem as Sheet!Cell: message. "
            "Exit 0 when clean, 1 for data errors, 2 when the file cannot be read. "
            "Example: arsheet check book.xlsx"
        ),
    )
    check.add_argument("path", type=Path, help="the workbook to check")

    recalc = verbs.add_parser(
        "recalc",
        help="recalculate balances, aging and metrics and write them back",
        description=(
            "Recalculate one or more workbooks in place, keeping everything else in them. "
            "Example: arsheet recalc book.xlsx --as-of 2024-12-31"
        ),
    )
    recalc.add_argument("paths", type=Path, nargs="+", help="workbooks to recalculate")
    _add_as_of(recalc)
    _add_backup(recalc)
    recalc.add_argument(
        "--backup-suffix",
        type=backup_suffix,
        default=DEFAULT_BACKUP_SUFFIX,
        help="appended to the book's name to name its backup (default: .bak)",
    )
    recalc.add_argument("--json", action="store_true", help="print a machine-readable summary")

    plan = verbs.add_parser(
        "plan",
        help="propose an even payment plan and append it to the Payment plans sheet",
        description=(
            "Split what is open on an invoice (or a customer's balance, or --amount) into even "
            "instalments, the remainder on the last, print them and append them to the "
            "Payment plans sheet, keeping the previous version as BOOK.xlsx.bak. "
            "Example: arsheet plan book.xlsx --customer C001 --document INV-0012 --count 6"
        ),
    )
    plan.add_argument("path", type=Path, help="the workbook")
    plan.add_argument("--customer", required=True, help="the customer's ID")
    plan.add_argument("--document", help="the invoice the plan pays (default: the balance)")
    plan.add_argument("--count", type=int, required=True, help="how many instalments (1-1200)")
    plan.add_argument(
        "--every", choices=("week", "month"), default="month", help="time between instalments"
    )
    plan.add_argument(
        "--start", help="first due date YYYY-MM-DD (default: a week or month after the as-of date)"
    )
    plan.add_argument("--amount", help="what the plan covers (default: all that is open on it)")
    plan.add_argument("--plan-id", help="the plan's ID (default: the next in the book's numbering)")
    plan.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    _add_backup(plan)
    credit = verbs.add_parser(
        "credit",
        help="may an order ship on credit? exposure, grade, hold and reasons",
        description=(
            "Check an order against a customer's credit: its net balance plus the order against "
            "its credit limit, its grade and score, any credit hold, and why. "
            "Exit 0 when the order fits, 1 when it does not, 2 when the book cannot be read or "
            "the customer is unknown. "
            "Example: arsheet credit book.xlsx --customer C001 --amount 5000"
        ),
    )
    credit.add_argument("path", type=Path, help="the workbook")
    credit.add_argument("--customer", required=True, help="the Customer ID")
    credit.add_argument("--amount", required=True, help="the order's amount, e.g. 5000 or 1250.50")
    _add_as_of(credit)
    credit.add_argument("--json", action="store_true", help="print a machine-readable answer")
    _add_letters(verbs)
    _add_send(verbs)
    _add_statement(verbs)
    _add_excel_setup(verbs)
    _add_buttons(verbs)
    return parser


# The VBA route (issue 12): ``arsheet buttons``.
def _add_buttons(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``arsheet buttons``."""
    command = verbs.add_parser(
        "buttons",
        help="give a workbook Excel buttons (xlwings' VBA project); needs arsheet[excel]",
        description=(
            "Give an existing workbook arsheet's buttons: xlwings' VBA project, a Recalculate "
            "button on the Dashboard and an action panel on How to use, and BOOK.py beside it, "
            "which the buttons run. An .xlsx gets a new .xlsm beside it and is left as it was; "
            "an .xlsm is changed in place, its previous version kept as BOOK.xlsm.bak. "
            "A book with macros of its own is refused. Example: arsheet buttons book.xlsx"
        ),
    )
    command.add_argument("path", type=Path, help="the workbook (.xlsx or .xlsm)")
    _add_backup(command)


# Letters (issue 11): ``arsheet letters``.
def _add_letters(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``letters`` command: the dunning notices due, written out as files."""
    letters = verbs.add_parser(
        "letters",
        help="write the dunning notices due as letters (HTML, text, e-mail, Word, PDF)",
        description=(
            "Write one notice for each customer due one, at its dunning level, in the "
            "customer's language, from the templates in a letters/ folder beside the book "
            "(else arsheet's own), into letters/<as-of date>/ beside the book. Notices sent "
            "other than by e-mail are recorded in the Collection log (arsheet send records "
            "e-mails when it delivers them). Exit 0 when done, 1 when a customer has no "
            "e-mail address or the Settings no Company e-mail, 2 when the book cannot be "
            "read or a template fails. "
            "Example: arsheet letters book.xlsx --customer C001 --format html,eml"
        ),
    )
    letters.add_argument("path", type=Path, help="the workbook")
    letters.add_argument(
        "--out", type=Path, help="where the letters go (default: letters/<as-of date>/)"
    )
    letters.add_argument(
        "--customer",
        action="append",
        help="only this customer's notice, made even when not due yet (repeatable)",
    )
    letters.add_argument(
        "--level", type=int, help="write at this dunning level (its template and fee)"
    )
    letters.add_argument(
        "--format",
        default="html,txt",
        help="comma-separated: html, txt, eml, docx, pdf (default: html,txt)",
    )
    _add_as_of(letters)
    letters.add_argument(
        "--dry-run",
        action="store_true",
        help="write the letters, record nothing in the book",
    )
    _add_backup(letters)


# arsheet send: e-mail the dunning notices due and record them in the Collection log.
def _add_send(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``send`` command."""
    send = verbs.add_parser(
        "send",
        # ``--password`` must not pass for ``--password-env``: no password on the command line.
        allow_abbrev=False,
        help="e-mail the dunning notices due and add them to the Collection log",
        description=(
            "E-mail each customer whose notice is due by e-mail on the as-of date, in its "
            "language, from the Settings' Company e-mail, and add every notice the server "
            "accepted to the Collection log, so that a second run the same day sends nothing "
            "again. The password is read from the environment variable --password-env names, "
            "never from the command line. Exit 0 when every notice went, 1 when one was "
            "refused or not sent or a customer has no e-mail address, 2 when the book or the "
            "server cannot be used. Example: SMTP_PASSWORD=... arsheet send book.xlsx "
            "--smtp smtp.example.com:587 --starttls --user ar@example.com "
            "--password-env SMTP_PASSWORD"
        ),
    )
    send.add_argument("path", type=Path, help="the workbook")
    send.add_argument(
        "--smtp",
        metavar="HOST:PORT",
        help="the mail server (port by default 25, 587 with --starttls, 465 with --ssl)",
    )
    send.add_argument("--user", help="the login name on the mail server")
    send.add_argument(
        "--password-env", metavar="VAR", help="the environment variable holding the password"
    )
    tls = send.add_mutually_exclusive_group()
    tls.add_argument("--starttls", action="store_true", help="protect the connection by STARTTLS")
    tls.add_argument("--ssl", action="store_true", help="connect over TLS from the start")
    send.add_argument(
        "--dry-run", action="store_true", help="print who would get which notice; send nothing"
    )
    _add_as_of(send)
    _add_backup(send)


# Statements of account (issue 11): arsheet statement.


def _add_statement(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``arsheet statement``."""
    statement = verbs.add_parser(
        "statement",
        help="statements of account with a confirmation slip to sign and return",
        description=(
            "Write each customer's statement of account (对账单) in its language: the balance "
            "brought forward, the period's invoices, credit notes, payments and write-offs with "
            "a running balance, the closing balance, its aging, and a confirmation slip "
            "(对账确认回执) to sign and return. One file per format, CUSTOMER-statement.html. "
            "Example: arsheet statement book.xlsx --customer C001 --from 2026-11-01 "
            "--to 2026-11-30"
        ),
    )
    statement.add_argument("path", type=Path, help="the workbook")
    who = statement.add_mutually_exclusive_group(required=True)
    who.add_argument("--customer", metavar="ID", help="the Customer ID")
    who.add_argument(
        "--all",
        action="store_true",
        help="every customer with a balance or a movement in the period",
    )
    statement.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help="first day YYYY-MM-DD (default: the first of --to's month)",
    )
    statement.add_argument(
        "--to", dest="end", metavar="DATE", help="last day YYYY-MM-DD (default: the as-of date)"
    )
    statement.add_argument(
        "--out",
        type=Path,
        default=Path(),
        metavar="DIR",
        help="the folder to write to (default: here)",
    )
    statement.add_argument(
        "--format",
        type=_formats,
        default=["html", "txt"],
        metavar="LIST",
        help="comma-separated: html, txt, docx, pdf (needs LibreOffice) (default: html,txt)",
    )


def _formats(text: str) -> list[str]:
    """Return the formats of a comma-separated list, e.g. ``html,txt``."""
    return [part.strip() for part in text.split(",") if part.strip()]


def _run_statement(args: argparse.Namespace) -> int:
    from arsheet.app.statement import run_statement

    return run_statement(
        args.path,
        customer=args.customer,
        start=args.start,
        end=args.end,
        out_dir=args.out,
        formats=args.format,
        out=sys.stdout,
        err=sys.stderr,
    )


# Excel buttons (issue 12): arsheet excel-setup, the steps to the buttons for one book.
def _add_excel_setup(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``arsheet excel-setup``."""
    setup = verbs.add_parser(
        "excel-setup",
        help="print the steps that give a workbook arsheet's buttons in Excel",
        description=(
            "Print, in the book's language, how to get arsheet's buttons (Recalculate, Check, "
            "Letters, Statement, New payment plan) into Excel for this workbook, by each route: "
            "a macro-enabled copy made by arsheet buttons, arsheet.bas in a book of your own "
            "with the xlwings add-in, or xlwings Lite; with what the book and this Python "
            "have (.xlsx or .xlsm, buttons, its name as a Python module, xlwings and its "
            "version) and the exact commands. It changes no workbook. Exit 0 when every route "
            "can be followed as printed, 1 when something needs you first, 2 when the book "
            "cannot be read. Example: arsheet excel-setup book.xlsx --lite lite"
        ),
    )
    setup.add_argument("path", type=Path, help="the workbook (.xlsx or .xlsm)")
    setup.add_argument(
        "--lite",
        type=Path,
        metavar="DIR",
        help="also write xlwings Lite's main.py and requirements.txt for this book into DIR",
    )


def _run_excel_setup(args: argparse.Namespace) -> int:
    from arsheet.app.excel_setup import run_excel_setup

    return run_excel_setup(args.path, lite=args.lite, out=sys.stdout, err=sys.stderr)


# end of Excel buttons (issue 12)


def _add_as_of(command: argparse.ArgumentParser) -> None:
    """Give ``command`` the reporting date option."""
    command.add_argument(
        "--as-of", help="reporting date YYYY-MM-DD (default: Settings, else today)"
    )


def _add_backup(command: argparse.ArgumentParser) -> None:
    """Give ``command`` the option to keep, or not, the previous version of the book."""
    command.add_argument(
        "--backup",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="keep the previous version as BOOK.xlsx.bak (default: yes)",
    )


def backup_suffix(text: str) -> str:
    """Accept a backup suffix that keeps the backup a file beside its book, with a usable name.

    Raises:
        argparse.ArgumentTypeError: empty, a path (``/``, ``\\``), dots only, or too long.
    """
    if not text or text.strip(".") == "" or any(c in text for c in "/\\\0"):
        raise argparse.ArgumentTypeError(
            f"{text!r} cannot end a file name beside the book; use e.g. .bak or .prev"
        )
    if len(text.encode()) > MAX_BACKUP_SUFFIX_BYTES:
        raise argparse.ArgumentTypeError(f"longer than {MAX_BACKUP_SUFFIX_BYTES} bytes")
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status.

    130 when stopped by Ctrl-C; 141 (a shell's status for a broken pipe) when what reads the
    output stops reading early, as ``arsheet check book.xlsx | head`` does: no traceback.
    """
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        from arsheet.app.display import user_language

        zh = user_language() == "zh"
        print("已中断，未作任何改动" if zh else "interrupted; nothing was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Python flushes standard output again at exit: point it at nothing, or it fails twice.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _run(args: argparse.Namespace) -> int:
    if args.verb == "new":
        from arsheet.app.new import run_new

        return run_new(args.path, lang=args.lang, demo=args.demo, force=args.force)
    if args.verb == "check":
        from arsheet.app.check import run_check

        return run_check(args.path, sys.stdout)
    if args.verb == "plan":
        from arsheet.app.plan import run_plan

        return run_plan(
            args.path,
            customer=args.customer,
            document=args.document,
            count=args.count,
            every=args.every,
            start=args.start,
            amount=args.amount,
            plan_id=args.plan_id,
            dry_run=args.dry_run,
            backup=args.backup,
        )
    if args.verb == "credit":
        from arsheet.app.credit import run_credit

        return run_credit(
            args.path,
            args.customer,
            args.amount,
            as_of=args.as_of,
            as_json=args.json,
            out=sys.stdout,
            err=sys.stderr,
        )
    if args.verb == "letters":
        from arsheet.app.letters import run_letters

        return run_letters(
            args.path,
            out=args.out,
            customers=args.customer,
            level=args.level,
            formats=args.format,
            as_of=args.as_of,
            dry_run=args.dry_run,
            backup=args.backup,
        )
    if args.verb == "send":
        from arsheet.app.send import run_send

        return run_send(
            args.path,
            smtp=args.smtp,
            security="ssl" if args.ssl else "starttls" if args.starttls else "none",
            user=args.user,
            password_env=args.password_env,
            dry_run=args.dry_run,
            as_of=args.as_of,
            backup=args.backup,
        )
    if args.verb == "statement":
        return _run_statement(args)
    if args.verb == "excel-setup":
        return _run_excel_setup(args)
    if args.verb == "buttons":  # The VBA route (issue 12).
        from arsheet.app.buttons import run_buttons

        return run_buttons(args.path, backup=args.backup)
    from arsheet.app.recalc import run_recalc

    return run_recalc(
        args.paths,
        as_of=args.as_of,
        backup=args.backup,
        backup_suffix=args.backup_suffix,
        as_json=args.json,
    )


if __name__ == "__main__":
    sys.exit(main())
