"""``arsheet credit BOOK --customer ID --amount X``: may this order ship on credit?

Example output::

    C002 深圳市恒信电子科技有限公司 — grade B, score 69, on credit hold
    order 5,000.00 CNY: exposure 91,223.35 against a limit of 50,000.00 (41,223.35 over)
    does not fit: credit hold: over the credit limit; the order takes the balance over the
    credit limit
    why: uses 172 % of the limit

Exit 0 when the order fits, 1 when it does not, 2 when the book cannot be read, the customer
is unknown or the arguments are wrong.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from arsheet.api import CreditCheck, credit_check
from arsheet.app.display import user_language
from arsheet.errors import ArsheetError

EXIT_FITS, EXIT_DOES_NOT_FIT, EXIT_FAILED = 0, 1, 2


def run_credit(
    path: Path,
    customer: str,
    amount: str,
    *,
    as_of: str | None = None,
    as_json: bool = False,
    out: TextIO,
    err: TextIO,
) -> int:
    """Check an order against the customer's credit and print the answer to ``out``.

    Args:
        path: the workbook.
        customer: the Customer ID.
        amount: the order, e.g. ``"5000"`` or ``"1250.50"``.
        as_of: the reporting date as YYYY-MM-DD; default the Settings', else today.
        as_json: print one JSON object instead of sentences.
        out: where the answer goes.
        err: where a failure's one sentence goes.

    Returns:
        0 when the order fits, 1 when it does not, 2 when it could not be checked.
    """
    try:
        answer = credit_check(path, customer, amount, as_of=as_of)
    except ArsheetError as failure:
        print(failure.message(user_language()), file=err)
        return EXIT_FAILED
    except ValueError as failure:
        print(str(failure), file=err)
        return EXIT_FAILED
    if as_json:
        print(json.dumps(_json(answer), ensure_ascii=False), file=out)
    else:
        for line in _lines(answer):
            print(line, file=out)
    return EXIT_FITS if answer.fits else EXIT_DOES_NOT_FIT


def _lines(answer: CreditCheck) -> list[str]:
    """Return the answer in sentences, in the book's language."""
    zh = answer.lang == "zh"
    sep = "；" if zh else "; "
    score = "—" if answer.score is None else str(answer.score)
    if zh:
        head = (
            f"{answer.customer_id} {answer.customer_name} — 信用等级 {answer.grade}，评分 {score}"
        )
        head += "，信用冻结" if answer.hold else ""
        order = (
            f"订单 {_money(answer.amount)} {answer.currency}：加上后欠款 {_money(answer.exposure)}"
        )
    else:
        head = f"{answer.customer_id} {answer.customer_name} — grade {answer.grade}, score {score}"
        head += ", on credit hold" if answer.hold else ""
        order = (
            f"order {_money(answer.amount)} {answer.currency}: exposure {_money(answer.exposure)}"
        )
    lines = [head, order + _against_limit(answer, zh)]
    if answer.fits:
        lines.append("可以赊销发货" if zh else "fits: it may ship on credit")
    else:
        lines.append(("不可赊销：" if zh else "does not fit: ") + sep.join(answer.blocks))
    if answer.reasons:
        lines.append(("评分原因：" if zh else "why: ") + sep.join(answer.reasons))
    return lines


def _against_limit(answer: CreditCheck, zh: bool) -> str:
    """Return how the exposure compares with the limit, or that there is none."""
    if answer.credit_limit is None or answer.headroom is None:
        return "，未设信用额度" if zh else ", no credit limit"
    limit = _money(answer.credit_limit)
    if answer.headroom < 0:
        over = _money(-answer.headroom)
        return (
            f"，信用额度 {limit}（超出 {over}）"
            if zh
            else f" against a limit of {limit} ({over} over)"
        )
    left = _money(answer.headroom)
    return (
        f"，信用额度 {limit}（尚余 {left}）" if zh else f" against a limit of {limit} ({left} left)"
    )


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _json(answer: CreditCheck) -> dict[str, object]:
    """Return the answer as JSON values: money as decimal strings, exact."""
    return {
        name: str(value) if isinstance(value, Decimal) else value
        for name, value in {
            **vars(answer),
            "as_of": answer.as_of.isoformat(),
            "blocks": list(answer.blocks),
            "reasons": list(answer.reasons),
        }.items()
    }
