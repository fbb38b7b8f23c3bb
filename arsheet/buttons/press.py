"""Pressing a button: run it, then tell the user in one alert what came of it.

What stops a run for a reason the user can act on (a book arsheet cannot read, a customer it
does not know, a plan the book refuses, a folder it cannot write) is told in the alert, in the
book's language once it is known, and the button returns; a bug still raises, for xlwings to
show with its traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from arsheet.buttons.texts import title
from arsheet.errors import ArsheetError


@dataclass
class Told:
    """The language the alert is in: the user's until the run has read the book's."""

    lang: str


@dataclass(frozen=True)
class Pressed:
    """What a button did and told.

    Attributes:
        action: the button's name (``recalculate``, :mod:`arsheet.buttons.actions`).
        lang: the alert's language.
        prompt: the alert's text.
        done: what the library function returned (``Recalculated``, ``Checked``,
            ``Lettered``, ``Stated``, ``Planned``); None when nothing was done.
    """

    action: str
    lang: str
    prompt: str
    done: Any = None


#: What a run returns: the alert's text and what was done (None: nothing).
Outcome = tuple[str, Any]


def press(book: Any, action: str, run: Callable[[Told], Outcome]) -> Pressed:
    """Run ``run`` for the button ``action`` on ``book`` and alert what it returned or met.

    Args:
        book: the xlwings Book.
        action: the button's name.
        run: given where to say the book's language, returns the alert's text and the result.
    """
    from arsheet.app.display import user_language

    told = Told(user_language())
    mode = "info"
    try:
        prompt, done = run(told)
    except ArsheetError as failure:
        prompt, done, mode = failure.message(told.lang), None, "critical"
    except ValueError as wrong:
        # The library's refusal of what it was asked (a notice dated after today, two
        # customers' letters under one name): its own sentence.
        prompt, done, mode = str(wrong), None, "critical"
    except OSError as failure:
        where = failure.filename or ""
        why = failure.strerror or str(failure)
        prompt = (
            f"无法写入 {where}（{why}）" if told.lang == "zh" else f"cannot write {where} ({why})"
        )
        done, mode = None, "critical"
    book.app.alert(prompt, title(action, told.lang), mode=mode)
    return Pressed(action, told.lang, prompt, done)
