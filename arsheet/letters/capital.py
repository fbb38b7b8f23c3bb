"""Amounts in Chinese capital numerals (大写金额), as banks and invoices require them.

The rules are the People's Bank of China's for writing amounts on cheques and vouchers: 壹拾
for ten, one 零 for any run of zeros inside the amount, 整 after 元 when there are no 角 or 分,
and 零 after 元 when the 角 is zero but the 分 is not.

>>> capital(123456_7)
'人民币壹万贰仟叁佰肆拾伍元陆角柒分'
>>> capital(1_005_00)
'人民币壹仟零伍元整'
>>> capital(10_000_50)
'人民币壹万元伍角'
>>> capital(100_000_000_07)
'人民币壹亿元零柒分'
"""

from __future__ import annotations

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
#: The unit of each place inside a group of four digits, from the ones up.
_PLACES = ("", "拾", "佰", "仟")
#: The name of each group of four digits, from the ones up.
_GROUPS = ("", "万", "亿", "万亿")
#: The largest amount the groups can name: 9,999 万亿 元 and 99 分.
LARGEST = 10 ** (4 * len(_GROUPS) + 2) - 1


def capital(minor: int, currency: str = "CNY") -> str:
    """Return ``minor`` units (分) in capital numerals, after 人民币 for yuan.

    Args:
        minor: the amount in 分; a negative amount (a balance in the customer's favour) is
            written after 负.
        currency: the book's currency code; only CNY (or RMB) is prefixed with 人民币.

    Raises:
        ValueError: the amount is beyond 万亿 (no business letter asks for that).
    """
    if abs(minor) > LARGEST:
        raise ValueError(f"{minor} is too large for capital numerals")
    prefix = "人民币" if currency.upper() in ("CNY", "RMB") else ""
    sign = "负" if minor < 0 else ""
    yuan, cents = divmod(abs(minor), 100)
    jiao, fen = divmod(cents, 10)
    words = _yuan(yuan) + "元" if yuan else ""
    if not cents:
        words = (words or "零元") + "整"
    elif not jiao:
        words += ("零" if yuan else "") + _DIGITS[fen] + "分"
    else:
        words += _DIGITS[jiao] + "角" + (_DIGITS[fen] + "分" if fen else "")
    return prefix + sign + words


def _yuan(amount: int) -> str:
    """Return a positive whole number of 元 in capital numerals, without the 元."""
    digits = str(amount)
    words: list[str] = []
    pending_zero = False
    for i, char in enumerate(digits):
        power = len(digits) - 1 - i
        if char == "0":
            pending_zero = True
        else:
            if pending_zero and words:
                words.append("零")
            pending_zero = False
            words.append(_DIGITS[int(char)] + _PLACES[power % 4])
        group_ends = power % 4 == 0 and power > 0
        if group_ends and int(digits[max(0, i - 3) : i + 1]):
            words.append(_GROUPS[power // 4])
    return "".join(words)
