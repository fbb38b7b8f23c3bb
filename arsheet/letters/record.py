"""The Collection-log rows that record notices, so the next run knows what was sent.

A notice's row carries its date, customer, channel, Dunning level and a summary a collector
reads at a glance. The dunning policy reads the level and date back
(:func:`arsheet.core.dunning_policy.last_notices`): that is what advances the next notice one
level and keeps a second run on the same day from sending anything again.

Example (English book)::

    {"date": date(2026, 12, 2), "customer_id": "C001", "channel": "email", "notice_level": 1,
     "summary": "First notice: INV-1, INV-2; 1,234.56 incl. interest 1.23 and fee 10.00"}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from arsheet.core.money import format_money
from arsheet.core.notices import Notice

#: The most document numbers a summary names; the rest are counted.
NAMED_DOCUMENTS = 20


def log_rows(
    notices: Iterable[Notice],
    lang: str,
    channel: str | None = None,
    owners: Mapping[str, str] | None = None,
) -> list[dict[str, object]]:
    """Return the Collection-log rows recording ``notices``, ready for ``port.append``.

    Args:
        notices: the notices generated or sent.
        lang: the book's language, for the summary.
        channel: the channel code to record (default: each notice's own).
        owners: customer ID -> the collector to name in the Owner column.
    """
    return [
        {
            "date": notice.day,
            "customer_id": notice.customer_id,
            "channel": channel or notice.channel,
            "notice_level": notice.level,
            "summary": summary(notice, lang),
            "owner": (owners or {}).get(notice.customer_id, ""),
        }
        for notice in notices
    ]


def summary(notice: Notice, lang: str) -> str:
    """Return what a notice asked for, in a line.

    >>> from datetime import date
    >>> from arsheet.core.notices import NoticeLine
    >>> line = NoticeLine("INV-1", date(2026, 9, 1), date(2026, 10, 1), 10_000, 10_000, 15, 41)
    >>> n = Notice("C1", date(2026, 10, 16), 1, "First notice", "first_notice", "email",
    ...            (line,), 1_000)
    >>> summary(n, "en")
    'First notice: INV-1; 110.41 incl. interest 0.41 and fee 10.00'
    >>> summary(n, "zh")
    'First notice：INV-1；合计 110.41（含利息 0.41、费用 10.00）'
    """
    zh = lang == "zh"
    numbers = list(notice.document_numbers)
    named = ("、" if zh else ", ").join(numbers[:NAMED_DOCUMENTS])
    if len(numbers) > NAMED_DOCUMENTS:
        rest = len(numbers) - NAMED_DOCUMENTS
        named += f" 等共 {len(numbers)} 张" if zh else f" and {rest} more"
    extras = [
        (("利息 " if zh else "interest ") + format_money(notice.interest), notice.interest),
        (("费用 " if zh else "fee ") + format_money(notice.fee), notice.fee),
    ]
    shown = [text for text, amount in extras if amount]
    total = format_money(notice.total)
    if zh:
        head = f"{notice.level_name}：{named}；合计 {total}"
        return head + (f"（含{'、'.join(shown)}）" if shown else "")
    head = f"{notice.level_name}: {named}; {total}"
    return head + (f" incl. {' and '.join(shown)}" if shown else "")
