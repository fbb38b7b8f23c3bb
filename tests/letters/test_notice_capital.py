"""Amounts in Chinese capital numerals (大写金额), the zeros banks are strict about."""

from __future__ import annotations

import pytest

from arsheet.letters.capital import LARGEST, capital


@pytest.mark.parametrize(
    ("minor", "words"),
    [
        (1_005_00, "人民币壹仟零伍元整"),
        (10_000_50, "人民币壹万元伍角"),
        (100_000_000_07, "人民币壹亿元零柒分"),
        (110_41, "人民币壹佰壹拾元肆角壹分"),
        (10_00, "人民币壹拾元整"),
        (0, "人民币零元整"),
        (7, "人民币柒分"),
        (50, "人民币伍角"),
        (1_000_010_00, "人民币壹佰万零壹拾元整"),
        (10_010_000_00, "人民币壹仟零壹万元整"),
        (1_234_567_89, "人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
        (100_000_001_00, "人民币壹亿零壹元整"),
        (-1_005_00, "人民币负壹仟零伍元整"),
    ],
)
def test_capital_numerals(minor: int, words: str) -> None:
    assert capital(minor) == words


def test_other_currencies_have_no_renminbi_prefix() -> None:
    assert capital(1_005_00, "USD") == "壹仟零伍元整"
    assert capital(1_005_00, "rmb") == "人民币壹仟零伍元整"


def test_beyond_what_the_numerals_name_is_refused() -> None:
    assert capital(LARGEST).startswith("人民币玖仟玖佰玖拾玖万")
    with pytest.raises(ValueError, match="too large"):
        capital(LARGEST + 1)
