"""The Dunning sheet (催收队列): the collectors' worklist, one row per customer to chase.

It lists every customer with a notice level, due now or waiting for the minimum days since the
last notice to pass, and every customer with overdue money that is not dunned, with why (on
hold, disputed, a payment plan, a promise to pay, below the minimum amount): a collector must
see those too. Rows are grouped by owner (the Customers' Owner, customers without one last),
then the highest level first, then the largest amount. Each row says what the notice asks for
(the dunned amount, its interest and the level's fee, as :mod:`arsheet.core.notices` builds the
notice), the last contact and the last notice, the promise or plan in force, the next follow-up
(red when it is today or missed) and the next action in words.

Example, as of 2026-12-02: a customer 45 days overdue on INV-7 whose last First notice went out
three weeks ago shows "Second notice", "Due now", and "Send Second notice by letter".
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from arsheet.book.address import column_letter
from arsheet.book.content import Block, Highlight, SheetContent, Style
from arsheet.book.contract import COLLECTION_LOG, DUNNING
from arsheet.core.book import Book
from arsheet.core.dunning_policy import NOT_DUNNED
from arsheet.core.left_out import LeftOut
from arsheet.core.results import Results
from arsheet.reports.banner import banner_blocks
from arsheet.reports.labels import label
from arsheet.reports.summary import LEGEND_COL, one_row, title_blocks

HEADER_ROW = 3
#: Owner, customer ID and name stay in view when scrolling right.
FROZEN_COLS = 3
#: How many document numbers a row names before it only counts the rest.
SHOWN_DOCUMENTS = 3
_CHANNELS = ("call", "email", "sms", "wechat", "visit", "letter")
# Between the promise and the plan in one cell.
_SEPARATOR = {"en": "; ", "zh": "；"}

_COLUMNS: tuple[tuple[str, Style, float], ...] = (
    ("owner", Style.TEXT, 12),
    ("customer_id", Style.TEXT, 11),
    ("customer_name", Style.TEXT, 24),
    ("notice_name", Style.TEXT, 15),
    ("notice_state", Style.TEXT, 12),
    ("notice_on", Style.DATE, 12),
    ("documents", Style.INT, 9),
    ("document_numbers", Style.TEXT, 22),
    ("overdue_amount", Style.MONEY, 13),
    ("dunned_amount", Style.MONEY, 13),
    ("oldest_days_overdue", Style.INT, 11),
    ("interest", Style.MONEY, 10),
    ("fee", Style.MONEY, 9),
    ("notice_total", Style.MONEY, 13),
    ("last_contact", Style.DATE, 12),
    ("last_notice", Style.DATE, 12),
    ("last_notice_name", Style.TEXT, 15),
    ("promise_plan", Style.TEXT, 18),
    ("next_follow_up", Style.DATE, 12),
    ("phone", Style.TEXT, 14),
    ("email", Style.TEXT, 20),
    ("next_action", Style.TEXT, 26),
)
KEYS = [key for key, _, _ in _COLUMNS]
_STYLES = tuple(style for _, style, _ in _COLUMNS)
_MONEY = [key for key, style, _ in _COLUMNS if style is Style.MONEY]
_DATES = [key for key, style, _ in _COLUMNS if style is Style.DATE]
# The columns taken as the policy and contacts steps computed them.
_FIGURES = (
    "overdue_amount",
    "dunned_amount",
    "oldest_days_overdue",
    "interest",
    "fee",
    "notice_total",
    "last_contact",
    "last_notice",
    "next_follow_up",
)


def dunning_table(book: Book, results: Results, lang: str) -> pd.DataFrame:
    """Return the worklist: one row per customer with a notice level or undunned overdue money.

    Args:
        book: the computed records (names, owners, phones, e-mails, documents, plans, the
            dunning levels' names and channels).
        results: the engine's results, the dunning policy's customer columns among them.
        lang: the book's language, for every text on the sheet.

    Returns:
        The sheet's columns (:data:`KEYS`) in the sheet's order: by owner, customers without
        one last, then the highest level, then the largest amount (the notice's total, else the
        overdue amount). Amounts are ``Int64`` minor units, dates ``datetime64``.
    """
    everyone = results.customers
    reasons = everyone["not_dunned"].fillna("").astype(str)
    listed = everyone[everyone["notice_level"].notna() | reasons.ne("")]
    reason = reasons.loc[listed.index]
    # Contact details the book may lack come out blank.
    people = book.customers.set_index("customer_id").reindex(
        index=listed.index, columns=["customer_name", "owner", "phone", "email"]
    )
    owner = people["owner"].fillna("").astype(str)
    count, numbers = _documents(book, results, listed, lang)
    table = pd.DataFrame(
        {
            "owner": owner.where(owner.ne(""), label("no_owner", lang)),
            "customer_id": listed.index,
            "customer_name": people["customer_name"],
            "notice_name": listed["notice_name"],
            "notice_state": _states(listed, reason, lang),
            "notice_on": listed["notice_on"],
            "documents": count,
            "document_numbers": numbers,
            **{key: listed[key] for key in _FIGURES},
            "last_notice_name": _level_names(listed["last_notice_level"], book),
            "promise_plan": _promise_plan(book, results, listed, lang),
            "phone": people["phone"],
            "email": people["email"],
            "next_action": _actions(book, listed, reason, results.as_of, lang),
        },
        index=listed.index,
    )
    amount = listed["notice_total"].fillna(listed["overdue_amount"]).fillna(0)
    order = np.lexsort(
        (
            listed.index.to_numpy(dtype=str),
            -amount.to_numpy(dtype=np.int64),
            -listed["notice_level"].fillna(-1).to_numpy(dtype=np.int64),
            owner.to_numpy(dtype=str),
            owner.eq("").to_numpy(),
        )
    )
    out = table.iloc[order].reset_index(drop=True)[KEYS]
    return out.astype(
        {key: "Int64" for key in (*_MONEY, "documents", "oldest_days_overdue")}
        | {key: "datetime64[ns]" for key in _DATES}
    )


def dunning_sheet(
    table: pd.DataFrame, as_of: date, currency: str, lang: str, left: LeftOut
) -> SheetContent:
    """Return the Dunning sheet for the worklist made by :func:`dunning_table`.

    Args:
        table: the worklist.
        as_of: the reporting date: the title's, and the day a follow-up turns red.
        currency: the book's currency, for the note under the title.
        lang: the book's language.
        left: the records left out of the figures, for the banner.

    A bold row under the customers adds up the amounts and documents, outside the autofilter
    so that sorting and filtering leave it in place. A next follow-up on or before the as-of
    date is red, by a conditional format, so the look follows the dates if the user sorts.
    """
    last = HEADER_ROW + max(len(table), 1)
    right = column_letter(len(KEYS))
    follow_up = column_letter(KEYS.index("next_follow_up") + 1)
    first = f"${follow_up}{HEADER_ROW + 1}"
    day = f"DATE({as_of.year},{as_of.month},{as_of.day})"
    totals = {key: int(table[key].fillna(0).sum()) for key in (*_MONEY, "documents")}
    return SheetContent(
        key=DUNNING.key,
        name=DUNNING.name(lang),
        blocks=(
            *title_blocks(label("dunning_title", lang, as_of=as_of.isoformat()), currency, lang),
            Block(
                1,
                LEGEND_COL,
                pd.DataFrame({"legend": [label("dunning_legend", lang)]}),
                (Style.BAD,),
            ),
            *banner_blocks(left, lang),
            Block(HEADER_ROW, 1, table[KEYS], _STYLES, tuple(_header(k, lang) for k in KEYS)),
            Block(
                HEADER_ROW + len(table) + 1,
                1,
                one_row({"owner": label("total", lang), **totals}, KEYS, _STYLES),
                _STYLES,
                bold=True,
            ),
        ),
        widths=tuple(width for _, _, width in _COLUMNS),
        freeze_rows=HEADER_ROW,
        freeze_cols=FROZEN_COLS,
        autofilter=f"A{HEADER_ROW}:{right}{last}",
        highlights=(
            Highlight(
                f"{follow_up}{HEADER_ROW + 1}:{follow_up}{last}",
                f'AND({first}<>"",{first}<={day})',
                Style.BAD,
            ),
        ),
    )


def _header(key: str, lang: str) -> str:
    """Return a column's header; the next follow-up is called what the Collection log calls it."""
    if key == "next_follow_up":
        return COLLECTION_LOG.column(key).header(lang)
    return label(key, lang)


def _states(listed: pd.DataFrame, reason: pd.Series, lang: str) -> pd.Series:
    """Return each row's notice state: due now, waiting, or not dunned and why."""
    due = listed["notice_due"].fillna(False).to_numpy(dtype=bool)
    waiting = listed["notice_level"].notna().to_numpy(dtype=bool)
    why = reason.map({code: label(f"not_dunned_{code}", lang) for code in NOT_DUNNED})
    return pd.Series(
        np.where(due, label("due_now", lang), np.where(waiting, label("waiting", lang), why)),
        index=listed.index,
        dtype=object,
    )


def _level_names(levels: pd.Series, book: Book) -> pd.Series:
    """Return each level's name in the Settings' Dunning levels, its number when it has none."""
    names = {lv.level: lv.name for lv in book.settings.dunning_levels}
    numbers = levels.astype("Int64")
    return numbers.map(names).fillna(numbers.astype("string")).astype(object)


def _documents(
    book: Book, results: Results, listed: pd.DataFrame, lang: str
) -> tuple[pd.Series, pd.Series]:
    """Return how many documents each row covers, and their numbers, the oldest due first.

    A customer with a notice level counts the documents its notice covers (those the policy
    gave an interest figure); one not dunned, its overdue open invoices. After
    :data:`SHOWN_DOCUMENTS` numbers the rest are only counted.
    """
    tx, docs = results.transactions, book.transactions
    # Only documents with interest or overdue money can be covered: numbers, cheap to test on
    # every document; the customers' IDs are looked up for those alone.
    charged = tx["interest"].notna().to_numpy(dtype=bool)
    # Open money is only ever on invoices (a credit note's open amount is negative).
    overdue = (tx["open_amount"].fillna(0).gt(0) & tx["days_overdue"].fillna(0).gt(0)).to_numpy(
        dtype=bool
    )
    maybe = charged | overdue
    ids = docs["customer_id"][maybe]
    dunned = ids.isin(listed.index[listed["notice_level"].notna()]).to_numpy(dtype=bool)
    covered = ids.isin(listed.index).to_numpy(dtype=bool) & np.where(
        dunned, charged[maybe], overdue[maybe]
    )
    rows = pd.DataFrame(
        {
            "customer_id": ids[covered],
            "due_date": tx["due_date"][maybe][covered],
            "document_no": docs["document_no"][maybe][covered],
        }
    ).sort_values(["customer_id", "due_date", "document_no"], kind="stable")
    count = rows.groupby("customer_id").size().reindex(listed.index, fill_value=0)
    rank = rows.groupby("customer_id").cumcount().to_numpy()
    # The first numbers side by side, joined by adding columns rather than row by row.
    numbers = pd.Series("", index=listed.index, dtype=object)
    for k in range(SHOWN_DOCUMENTS):
        kth = rows[rank == k].set_index("customer_id")["document_no"].reindex(listed.index)
        numbers = numbers + ((", " if k else "") + kth).fillna("")
    more = count - SHOWN_DOCUMENTS
    longer = _texts("more_documents", lang, numbers=numbers, more=more.astype(str))
    return count, longer.where(more.gt(0), numbers)


def _promise_plan(book: Book, results: Results, listed: pd.DataFrame, lang: str) -> pd.Series:
    """Return the promise and the plan in force: "Promised by 2026-12-05; Plan on track"."""
    statuses = (
        book.plans.reindex(columns=["customer_id"])
        .join(results.plans.reindex(columns=["status"]))
        .dropna()
    )
    missed = statuses.loc[statuses["status"].eq("missed"), "customer_id"]
    running = statuses.loc[statuses["status"].isin(["due", "upcoming"]), "customer_id"]
    ids = listed.index.to_series()
    plan = pd.Series(
        np.where(
            ids.isin(missed),
            label("plan_missed", lang),
            np.where(ids.isin(running), label("plan_on_track", lang), ""),
        ),
        index=listed.index,
    )
    promised = listed["open_promise_date"]
    promise = _texts("promised_by", lang, day=_iso(promised)).where(promised.notna(), "")
    separator = pd.Series(_SEPARATOR[lang], index=listed.index).where(
        promise.ne("") & plan.ne(""), ""
    )
    return (promise + separator + plan).astype(object)


def _actions(
    book: Book, listed: pd.DataFrame, reason: pd.Series, as_of: date, lang: str
) -> pd.Series:
    """Return each row's next action in words.

    Due now: send the level's notice by its channel ("Send First notice by e-mail"); not
    dunned: what the reason asks ("On hold", "Call: promised 2026-12-05"); waiting: the
    follow-up when it is today or missed, else the day the next notice may go.
    """
    level = listed["notice_level"]
    name = listed["notice_name"].fillna("").astype(str)
    channels = {lv.level: lv.channel for lv in book.settings.dunning_levels}
    channel = level.map(channels).fillna("")
    action = _texts("send_other", lang, level=name)
    for code in _CHANNELS:
        action = action.where(channel.ne(code), _texts(f"send_{code}", lang, level=name))
    follow_up = listed["next_follow_up"]
    planned = follow_up.notna() & follow_up.le(pd.Timestamp(as_of))
    waiting = _texts("wait_until", lang, level=name, day=_iso(listed["notice_on"])).where(
        ~planned, _texts("follow_up_due", lang, day=_iso(follow_up))
    )
    action = action.where(listed["notice_due"].fillna(False).astype(bool), waiting)
    for code in NOT_DUNNED:
        text = _texts(f"action_{code}", lang, day=_iso(listed["open_promise_date"]))
        action = action.where(level.notna() | reason.ne(code), text)
    return action.astype(object)


def _iso(days: pd.Series) -> pd.Series:
    """Return dates as 2026-12-05, "" where there is none."""
    return days.dt.strftime("%Y-%m-%d").fillna("")


def _texts(key: str, lang: str, **values: pd.Series) -> pd.Series:
    """Return the label ``key`` filled in for every row of the aligned ``values``.

    Built by adding columns of text, not by formatting row by row. A value the label does not
    name is ignored.
    """
    names = list(values)
    marked = label(key, lang, **{name: f"\0{i}\0" for i, name in enumerate(names)})
    parts = re.split("\0(\\d+)\0", marked)
    index = next(iter(values.values())).index
    out = pd.Series(parts[0], index=index, dtype=object)
    for position in range(1, len(parts), 2):
        out = out + values[names[int(parts[position])]].astype(str) + parts[position + 1]
    return out
