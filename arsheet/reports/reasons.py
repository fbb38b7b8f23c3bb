"""The credit step's reasons and holds in words, in the book's language, for every customer at once.

The core gives each customer reason codes with the number behind each
(:func:`arsheet.core.credit_score.top_reasons`) and why it is held; here they become one text,
e.g. "pays 23 days late on average; 2 broken promises in 12 months; uses 95 % of the limit".
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
    "hold_over_limit": ("credit hold: over the credit limit", "信用冻结：超出信用额度"),
    "hold_overdue": (
        "credit hold: more than {amount} overdue over {days} days",
        "信用冻结：逾期超过 {days} 天的金额超过 {amount}",
    ),
}
_ORDER_TEXTS = {
    "order_over_limit": (
        "the order takes the balance over the credit limit",
        "加上此订单后超出信用额度",
    ),
    "prepayment": ("the grade asks for prepayment", "该信用等级要求预付款"),
}
_GRADE_NEW = {"en": NEW_GRADE, "zh": "新客户"}
_SEPARATOR = {"en": "; ", "zh": "；"}


def grade_label(grades: pd.Series, lang: str) -> pd.Series:
    """Return the grades as the book shows them: the Settings' names, "New" in ``lang``."""
    return grades.where(grades != NEW_GRADE, _GRADE_NEW["zh" if lang == "zh" else "en"])


def reason_texts(customers: pd.DataFrame, lang: str, hold_days: int, hold_amount: int) -> pd.Series:
    """Return each customer's hold (if any) and reasons as one text, most telling first.

    Args:
        customers: the results' customers, with the credit step's columns.
        lang: the book's language.
        hold_days: the Settings' credit hold days, for the words of an overdue hold.
        hold_amount: the Settings' credit hold amount (minor units), likewise.

    Returns:
        One text per customer, ``""`` for none.
    """
    zh = lang == "zh"
    parts = [
        _fixed(customers["hold_over_limit"], _HOLD_TEXTS["hold_over_limit"][zh]),
        _fixed(
            customers["hold_overdue"],
            _HOLD_TEXTS["hold_overdue"][zh].format(
                days=hold_days, amount=format_money(hold_amount)
            ),
        ),
    ]
    for k in range(1, REASONS + 1):
        parts.append(_reason_words(customers[f"reason_{k}"], customers[f"value_{k}"], zh))
    joined = pd.Series("", index=customers.index, dtype=object)
    separator = _SEPARATOR["zh" if zh else "en"]
    for part in parts:
        has = part.notna().to_numpy()
        text = part.fillna("").to_numpy(dtype=object)
        before = joined.to_numpy(dtype=object)
        joined[:] = np.where(has, np.where(before == "", text, before + separator + text), before)
    return joined


def reason_parts(customers: pd.DataFrame, lang: str) -> list[pd.Series]:
    """Return the reasons of the score in words, one column per rank, NA where none."""
    zh = lang == "zh"
    return [
        _reason_words(customers[f"reason_{k}"], customers[f"value_{k}"], zh)
        for k in range(1, REASONS + 1)
    ]


def hold_text(code: str, lang: str, days: int = 0, amount: int = 0) -> str:
    """Return why a customer is held in words: ``hold_over_limit`` or ``hold_overdue``.

    Args:
        code: the hold's code.
        lang: the book's language.
        days: the Settings' hold days (for ``hold_overdue``).
        amount: the Settings' hold amount in minor units (for ``hold_overdue``).
    """
    return _HOLD_TEXTS[code][lang == "zh"].format(days=days, amount=format_money(amount))


def order_text(code: str, lang: str) -> str:
    """Return why an order does not fit, in words: ``order_over_limit`` or ``prepayment``."""
    return _ORDER_TEXTS[code][lang == "zh"]


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
