"""The credit step's reasons and holds in words, in the book's language, for every customer at once.

The core gives each customer reason codes with the number behind each
(:func:`arsheet.core.credit_score.top_reasons`) and why it is held; here they become texts,
e.g. "pays 23 days late on average; 2 broken promises in 12 months; uses 95 % of the limit",
and "over 1,000.00 overdue 60+ days" for a hold.
Texts are put together column by column, never customer by customer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from arsheet.core.credit_policy import NEW_GRADE
from arsheet.core.credit_score import REASONS
from arsheet.core.money import format_money

#: Reason code -> (English, Chinese, English for a count of one); ``{n}`` is the number.
REASON_TEXTS: dict[str, tuple[str, str, str]] = {
    "pays_late": (
        "pays {n} days late on average",
        "平均逾期 {n} 天付款",
        "pays {n} day late on average",
    ),
    "pays_early": (
        "pays {n} days early on average",
        "平均提前 {n} 天付款",
        "pays {n} day early on average",
    ),
    "pays_on_time": ("pays on time", "按期付款", "pays on time"),
    "overdue_share": ("{n} % of the balance overdue", "余额的 {n}% 已逾期", ""),
    "broken_promises": (
        "{n} broken promises in 12 months",
        "12 个月内 {n} 次未兑现付款承诺",
        "{n} broken promise in 12 months",
    ),
    "missed_installments": (
        "{n} missed instalments in 12 months",
        "12 个月内 {n} 期分期未按时付款",
        "{n} missed instalment in 12 months",
    ),
    "utilisation": ("uses {n} % of the limit", "已用信用额度的 {n}%", ""),
    "short_history": ("{n} days of history", "往来仅 {n} 天", "{n} day of history"),
    "written_off": ("{n} % of sales written off", "{n}% 的销售额已核销为坏账", ""),
    "few_paid_invoices": (
        "{n} paid invoices so far",
        "已结清发票仅 {n} 张",
        "{n} paid invoice so far",
    ),
}
#: Reasons whose number keeps a decimal: a write-off of 0.4 % is not "0 %".
_ONE_DECIMAL = frozenset({"written_off"})
_HOLD_TEXTS = {
    "hold_over_limit": ("over the credit limit", "超出信用额度"),
    "hold_overdue": ("over {amount} overdue {days}+ days", "逾期 {days} 天以上超过 {amount}"),
}
#: What a hold is called where it stands among other reasons an order does not fit.
_HELD = ("credit hold: ", "信用冻结：")
_ORDER_TEXTS = {
    "order_over_limit": (
        "the order takes the balance over the credit limit",
        "加上此订单后超出信用额度",
    ),
    "prepayment": ("the grade asks for prepayment", "该信用等级要求预付款"),
}
_GRADE_NEW = {"en": NEW_GRADE, "zh": "新客户"}
_SEPARATOR = ("; ", "；")


def grade_label(grades: pd.Series, lang: str) -> pd.Series:
    """Return the grades as the book shows them: the Settings' names, "New" in ``lang``."""
    return grades.where(grades != NEW_GRADE, _GRADE_NEW["zh" if lang == "zh" else "en"])


def reason_texts(customers: pd.DataFrame, lang: str) -> pd.Series:
    """Return what explains each customer's score as one text, most telling first.

    Args:
        customers: the results' customers, with the credit step's columns.
        lang: the book's language.

    Returns:
        One text per customer, ``""`` for none.
    """
    return _joined(reason_parts(customers, lang), lang)


def hold_texts(customers: pd.DataFrame, lang: str, days: int, amount: int) -> pd.Series:
    """Return why each customer is on credit hold, ``""`` when it is not.

    Args:
        customers: the results' customers, with the credit step's columns.
        lang: the book's language.
        days: the Settings' credit hold days, for the words of an overdue hold.
        amount: the Settings' credit hold amount (minor units), likewise.
    """
    parts = [_fixed(customers[code], _hold_words(code, lang, days, amount)) for code in _HOLD_TEXTS]
    return _joined(parts, lang)


def reason_parts(customers: pd.DataFrame, lang: str) -> list[pd.Series]:
    """Return the reasons of the score in words, one column per rank, NA where none."""
    zh = lang == "zh"
    return [
        _reason_words(customers[f"reason_{k}"], customers[f"value_{k}"], zh)
        for k in range(1, REASONS + 1)
    ]


def block_text(code: str, lang: str, days: int, amount: int) -> str:
    """Return why an order does not fit in words, for a code of
    :func:`arsheet.core.credit_policy.order_blocks`.

    Args:
        code: ``hold_over_limit``, ``hold_overdue``, ``order_over_limit`` or ``prepayment``.
        lang: the book's language.
        days: the Settings' credit hold days, for the words of an overdue hold.
        amount: the Settings' credit hold amount (minor units), likewise.
    """
    zh = lang == "zh"
    if code in _HOLD_TEXTS:
        return _HELD[zh] + _hold_words(code, lang, days, amount)
    return _ORDER_TEXTS[code][zh]


def _hold_words(code: str, lang: str, days: int, amount: int) -> str:
    return _HOLD_TEXTS[code][lang == "zh"].format(days=days, amount=format_money(amount))


def _joined(parts: list[pd.Series], lang: str) -> pd.Series:
    """Return the texts of ``parts`` (NA: none) joined row by row, in order."""
    separator = _SEPARATOR[lang == "zh"]
    joined = np.full(len(parts[0]), "", dtype=object)
    for part in parts:
        has = part.notna().to_numpy()
        text = part.fillna("").to_numpy(dtype=object)
        joined = np.where(has, np.where(joined == "", text, joined + separator + text), joined)
    return pd.Series(joined, index=parts[0].index, dtype=object)


def _fixed(flag: pd.Series, text: str) -> pd.Series:
    """Return ``text`` where ``flag`` is set, NA elsewhere."""
    return pd.Series(np.where(flag.to_numpy(dtype=bool), text, None), index=flag.index)


def _reason_words(codes: pd.Series, values: pd.Series, zh: bool) -> pd.Series:
    """Return one reason column in words, NA where there is none."""
    out = pd.Series(None, index=codes.index, dtype=object)
    for code, (en, chinese, one) in REASON_TEXTS.items():
        mask = codes == code
        if not mask.any():
            continue
        value = values[mask]
        decimals = 1 if code in _ONE_DECIMAL else 0
        number = value.round(decimals).astype(np.int64 if decimals == 0 else np.float64)
        words = number.astype(str)
        singular = (value == 1) & (not zh) & (one != "")
        for template, chosen in ((chinese if zh else en, ~singular), (one, singular)):
            head, found, tail = template.partition("{n}")
            out[chosen[chosen].index] = (head + words[chosen] + tail) if found else template
    return out
