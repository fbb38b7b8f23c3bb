"""The buttons arsheet puts in Excel: each one's name, its label in both languages, its macro.

One list for every route to them: the zero-argument entry points of :mod:`arsheet.excel` are
named by ``name``, ``macros/arsheet.bas`` has one Sub per button named by ``macro``, the xlwings
Lite ``main.py`` one script per ``name``, and a macro-enabled book's action list shows ``label``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    """One button.

    Attributes:
        name: the entry point in :mod:`arsheet.excel` (``recalculate``).
        macro: the VBA Sub that runs it (``ArsheetRecalculate``).
        en: the button's label in English.
        zh: the button's label in Chinese.
    """

    name: str
    macro: str
    en: str
    zh: str

    def label(self, lang: str) -> str:
        """Return the label in ``lang`` (``"en"`` or ``"zh"``)."""
        return self.zh if lang == "zh" else self.en


ACTIONS: tuple[Action, ...] = (
    Action("recalculate", "ArsheetRecalculate", "Recalculate", "重新计算"),
    Action("check", "ArsheetCheck", "Check the book", "检查数据"),
    Action("letters", "ArsheetLetters", "Letters for the customer", "生成催款函"),
    Action("statement", "ArsheetStatement", "Statement for the customer", "生成对账单"),
    Action("new_plan", "ArsheetNewPlan", "New payment plan", "新建还款计划"),
)


def action_named(name: str) -> Action:
    """Return the action called ``name``, or raise KeyError."""
    for action in ACTIONS:
        if action.name == name:
            return action
    raise KeyError(name)
