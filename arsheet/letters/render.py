"""Filling in one letter template, with whatever goes wrong told at the template's file and line.

A user's override in the ``letters/`` folder beside the workbook may be missing a closing tag,
misspell a field or, in the sandbox, try to reach Python's internals. Each becomes one
:class:`~arsheet.errors.TemplateFailed` naming the file (``letters/first_notice.en.html``) and
the line, in both languages, never a traceback.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError
from jinja2.sandbox import SecurityError

from arsheet.errors import TemplateFailed
from arsheet.letters.environment import OVERRIDE_FOLDER

#: Where the templates arsheet ships are.
SHIPPED = Path(__file__).parent / "templates"


def render(env: Environment, name: str, context: Mapping[str, Any]) -> str:
    """Return the template ``name`` filled in with ``context``.

    Raises:
        TemplateFailed: the template is missing, is not valid Jinja, uses a name the context
            does not have, is refused by the sandbox, or fails in a filter.
    """
    try:
        return env.get_template(name).render(context)
    except TemplateNotFound as missing:
        raise TemplateFailed(
            str(missing.name or name),
            None,
            f"there is no such template, neither in a {OVERRIDE_FOLDER}/ folder beside the "
            "book nor among arsheet's",
            f"在工作簿旁的 {OVERRIDE_FOLDER}/ 文件夹和 arsheet 自带的模板中都找不到该模板",
        ) from None
    except TemplateSyntaxError as wrong:
        raise TemplateFailed(
            shown(wrong.filename, wrong.name or name), wrong.lineno, wrong.message or str(wrong)
        ) from None
    except SecurityError as refused:
        file, line = _place(refused.__traceback__, name)
        raise TemplateFailed(
            file,
            line,
            f"the template tries to reach what letters may not use ({refused})",
            f"模板试图访问信函不允许使用的内容（{refused}）",
        ) from None
    except Exception as failed:  # an undefined name, a filter given text instead of a number
        file, line = _place(failed.__traceback__, name)
        raise TemplateFailed(file, line, f"{type(failed).__name__}: {failed}") from None


def shown(filename: str | None, name: str) -> str:
    """Return how a message names a template file: ``letters/<name>`` for the user's own."""
    if filename and Path(filename).parent.name == OVERRIDE_FOLDER:
        return f"{OVERRIDE_FOLDER}/{Path(filename).name}"
    return Path(filename).name if filename else name


def _place(trace: TracebackType | None, name: str) -> tuple[str, int | None]:
    """Return the template file and line where the failure happened, the deepest one.

    Jinja rewrites the traceback so that each template's frames carry its file and line.
    """
    found: tuple[str, int | None] = (name, None)
    for frame, line in traceback.walk_tb(trace):
        file = frame.f_code.co_filename
        if _is_template(file):
            found = (shown(file, name), line)
    return found


def _is_template(file: str) -> bool:
    path = Path(file)
    # arsheet's own modules live in a folder named letters too.
    in_folder = path.parent == SHIPPED or path.parent.name == OVERRIDE_FOLDER
    return in_folder and path.suffix != ".py"
