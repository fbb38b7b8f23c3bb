"""The little CSS a letter's look depends on, read from its HTML for the .docx made from it.

A letter template is plain HTML with a ``<style>`` block and inline ``style`` attributes. A Word
document cannot take CSS, so :mod:`arsheet.letters.docx` asks this module, element by element,
for the few things a business letter's meaning rests on: bold, italic, underline, text
alignment (amounts right-aligned), whether a table is ruled, and whether an element is hidden
(``display: none``). Colours, fonts and sizes are left to the document's own styles.

Rules are matched on their last compound selector (``table.lines td.num`` as ``td.num``), which
is what a letter's stylesheet needs; a selector with an attribute, an id or a pseudo-class
(``tr:nth-child(2)``) cannot be told without a browser and is left out rather than guessed at.
Among matching rules the more specific wins, then the later; inline ``style`` beats them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml.html import HtmlElement

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
#: One rule whose body holds no braces: nested ``@media`` blocks yield their inner rules.
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
#: A compound selector arsheet can match: an optional tag (or ``*``) and classes.
_COMPOUND = re.compile(r"^(?P<tag>[a-z][a-z0-9]*|\*)?(?P<classes>(?:\.[\w-]+)*)$")
_COMBINATORS = re.compile(r"[\s>+~]+")
_ALIGNMENTS = {
    "left": "left",
    "start": "left",
    "right": "right",
    "end": "right",
    "center": "center",
    "justify": "justify",
}

#: What an element looks like without any CSS, as a browser shows it.
_TAG_DEFAULTS: dict[str, dict[str, str]] = {
    "b": {"font-weight": "bold"},
    "strong": {"font-weight": "bold"},
    "th": {"font-weight": "bold", "text-align": "center"},
    "i": {"font-style": "italic"},
    "em": {"font-style": "italic"},
    "cite": {"font-style": "italic"},
    "u": {"text-decoration": "underline"},
    "ins": {"text-decoration": "underline"},
    "center": {"text-align": "center"},
}


@dataclass(frozen=True)
class Look:
    """How an element's text is shown: what it inherits and what it sets itself.

    Attributes:
        bold, italic, underline: the text's emphasis, inherited by what the element holds.
        align: ``"left"``, ``"right"``, ``"center"``, ``"justify"`` or None (the paragraph's
            default), inherited by the blocks inside.
        ruled: the element sets a border (a table, a cell); not inherited.
        hidden: ``display: none``; the element and all it holds are left out.
    """

    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: str | None = None
    ruled: bool = False
    hidden: bool = False


@dataclass(frozen=True)
class _Rule:
    tag: str | None
    classes: frozenset[str]
    declarations: dict[str, str]


class StyleSheet:
    """The ``<style>`` rules of one HTML document, asked element by element."""

    def __init__(self, css: str) -> None:
        rules: list[tuple[tuple[int, int, int], _Rule]] = []
        for selectors, body in _RULE.findall(_COMMENT.sub("", css)):
            declarations = _declarations(body)
            for selector in selectors.split(","):
                rule = _rule(selector, declarations)
                if rule is not None:
                    specificity = (len(rule.classes), rule.tag is not None, len(rules))
                    rules.append((specificity, rule))
        self._rules = [rule for _, rule in sorted(rules, key=lambda pair: pair[0])]

    def look(self, element: HtmlElement, parent: Look) -> Look:
        """Return how ``element`` looks inside a parent that looks like ``parent``.

        Args:
            element: an element of the document the stylesheet came from.
            parent: the look of the element's parent.
        """
        tag = str(element.tag).lower()
        declared = dict(_TAG_DEFAULTS.get(tag, {}))
        if element.get("align"):
            declared["text-align"] = element.get("align", "").lower()
        if tag == "table" and element.get("border", "0").strip() not in ("", "0"):
            declared["border"] = "1px solid"
        classes = set(element.get("class", "").split())
        for rule in self._rules:
            if rule.tag in (None, "*", tag) and rule.classes <= classes:
                declared.update(rule.declarations)
        declared.update(_declarations(element.get("style", "")))
        return _applied(declared, replace(parent, ruled=False, hidden=False))


def _rule(selector: str, declarations: dict[str, str]) -> _Rule | None:
    """Return the rule of ``selector``'s last compound, or None when it cannot be matched."""
    parts = _COMBINATORS.split(selector.strip().lower())
    match = _COMPOUND.match(parts[-1]) if parts and parts[-1] else None
    if match is None:
        return None
    classes = frozenset(c for c in match["classes"].split(".") if c)
    return _Rule(match["tag"], classes, declarations)


def _declarations(body: str) -> dict[str, str]:
    """Return the ``property: value`` pairs of a rule's body or a ``style`` attribute."""
    declared: dict[str, str] = {}
    for declaration in body.split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            declared[name.strip().lower()] = value.replace("!important", "").strip().lower()
    return declared


def _applied(declared: dict[str, str], look: Look) -> Look:
    """Return ``look`` with the properties arsheet reads from ``declared`` applied."""
    changes: dict[str, object] = {}
    if "font-weight" in declared:
        weight = declared["font-weight"]
        changes["bold"] = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
    if "font-style" in declared:
        changes["italic"] = declared["font-style"] in ("italic", "oblique")
    decoration = declared.get("text-decoration-line", declared.get("text-decoration"))
    if decoration is not None:
        changes["underline"] = "underline" in decoration
    if declared.get("text-align") in _ALIGNMENTS:
        changes["align"] = _ALIGNMENTS[declared["text-align"]]
    changes["ruled"] = any(
        name.startswith("border") and _draws(value)
        for name, value in declared.items()
        if name not in ("border-collapse", "border-spacing", "border-radius")
    )
    changes["hidden"] = declared.get("display") == "none"
    return replace(look, **changes)  # type: ignore[arg-type]


def _draws(border: str) -> bool:
    """Say whether a border value draws a line (``1px solid #000``, not ``none`` or ``0``)."""
    words = border.split()
    return bool(words) and not any(w in ("none", "hidden", "0", "0px") for w in words)
