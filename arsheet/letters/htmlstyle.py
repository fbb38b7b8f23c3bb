"""The little CSS a letter's look depends on, read from its HTML for the .docx made from it.

A letter template is plain HTML with a ``<style>`` block and inline ``style`` attributes. A Word
document cannot take CSS, so :mod:`arsheet.letters.docx` asks this module, element by element,
for what a business letter's look rests on: bold, italic, underline, font size and colour, text
alignment (amounts right-aligned), a first-line indent (Chinese letters indent two
characters), lines that must not break, whether a table is ruled, a header cell's shading, the
line of an ``<hr>``, the box and background of a block (a payment-details box), and whether an
element is hidden (``display: none``). Margins, paddings and fonts are left to the document's
own styles.

Selectors are matched as a browser does for tags, classes, ids and descendants
(``table.lines tr.total td``; ``>`` is read as a descendant). A selector with an attribute or
a pseudo-class (``tr:nth-child(2)``) cannot be told without a browser and is left out rather
than guessed at. Among matching rules the more specific wins, then the later; inline ``style``
beats them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml.html import HtmlElement

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
#: One rule whose body holds no braces: nested ``@media`` blocks yield their inner rules.
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COMPOUND = re.compile(r"^(?P<tag>[a-z][a-z0-9]*|\*)?(?P<names>(?:[.#][\w-]+)*)$")
_COMBINATORS = re.compile(r"\s*[>+~]\s*|\s+")
_LENGTH = re.compile(r"^(-?[\d.]+)(pt|px|em|rem|%|mm|cm)$")
_HEX = re.compile(r"#([0-9a-f]{6}|[0-9a-f]{3})\b")
_ALIGNMENTS = {
    "left": "left",
    "start": "left",
    "right": "right",
    "end": "right",
    "center": "center",
    "justify": "justify",
}
#: Word's names for the lines CSS draws.
_LINES = {"solid": "single", "dashed": "dashed", "dotted": "dotted", "double": "double"}
#: Text size when nothing sets one: Word's Normal style.
BASE_SIZE = 11.0

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
    "small": {"font-size": "0.83em"},
    **{
        f"h{level}": {"font-weight": "bold", "font-size": size}
        for level, size in enumerate(("2em", "1.5em", "1.17em", "1em", "0.83em", "0.67em"), 1)
    },
}


@dataclass(frozen=True)
class Look:
    """How an element's text is shown: what it inherits and what it sets itself.

    Attributes:
        bold, italic, underline: the text's emphasis.
        size: the text's size in points; None: the document's.
        color: the text's colour as ``"1F4E79"``; None: the document's.
        align: ``"left"``, ``"right"``, ``"center"``, ``"justify"`` or None (the paragraph's
            default).
        indent: the first line's indent in points, or None.
        nowrap: lines are not broken (``white-space: nowrap``: an amount).
        ruled: the element draws a border (a table, a cell); not inherited.
        line: the Word name of the line its border draws (``"single"``, ``"dashed"``), or
            None; not inherited.
        shading: the element's background colour, or None; not inherited.
        frame: the sides of a box drawn around a block, each with its Word line (``(("top",
            "single"), ...)``); the blocks inside a boxed ``<div>`` share its box, table
            cells do not.
        fill: a block's background colour, shared like ``frame``.
        hidden: ``display: none``; the element and all it holds are left out.
    """

    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None
    color: str | None = None
    align: str | None = None
    indent: float | None = None
    nowrap: bool = False
    ruled: bool = False
    line: str | None = None
    shading: str | None = None
    frame: tuple[tuple[str, str], ...] = ()
    fill: str | None = None
    hidden: bool = False


@dataclass(frozen=True)
class _Compound:
    tag: str | None
    names: frozenset[str]

    def matches(self, element: HtmlElement) -> bool:
        if self.tag not in (None, "*", str(element.tag).lower()):
            return False
        names = {"." + c for c in element.get("class", "").split()}
        if element.get("id"):
            names.add("#" + element.get("id", ""))
        return self.names <= names


@dataclass(frozen=True)
class _Rule:
    compounds: tuple[_Compound, ...]
    declarations: dict[str, str]

    def matches(self, element: HtmlElement) -> bool:
        *ancestors, last = self.compounds
        if not last.matches(element):
            return False
        above = element.getparent()
        for compound in reversed(ancestors):
            while above is not None and not compound.matches(above):
                above = above.getparent()
            if above is None:
                return False
            above = above.getparent()
        return True


class StyleSheet:
    """The ``<style>`` rules of one HTML document, asked element by element."""

    def __init__(self, css: str) -> None:
        ranked: list[tuple[tuple[int, int, int, int], _Rule]] = []
        for selectors, body in _RULE.findall(_COMMENT.sub("", css)):
            declarations = _declarations(body)
            for selector in selectors.split(","):
                rule = _rule(selector, declarations)
                if rule is not None:
                    names = [n for c in rule.compounds for n in c.names]
                    ids = sum(n.startswith("#") for n in names)
                    tags = sum(c.tag not in (None, "*") for c in rule.compounds)
                    ranked.append(((ids, len(names) - ids, tags, len(ranked)), rule))
        self._rules = [rule for _, rule in sorted(ranked, key=lambda pair: pair[0])]

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
        if element.get("nowrap") is not None:
            declared["white-space"] = "nowrap"
        if tag == "table" and element.get("border", "0").strip() not in ("", "0"):
            declared["border"] = "1px solid"
        for rule in self._rules:
            if rule.matches(element):
                declared.update(rule.declarations)
        declared.update(_declarations(element.get("style", "")))
        inherited = replace(parent, ruled=False, line=None, shading=None, hidden=False)
        look = _applied(declared, inherited)
        if tag in _TABLE_PARTS:
            return replace(look, frame=(), fill=None)
        frame = _frame(declared)
        if frame or look.shading:
            return replace(look, frame=frame, fill=look.shading)
        return look


def _rule(selector: str, declarations: dict[str, str]) -> _Rule | None:
    """Return the rule of ``selector``, or None when arsheet cannot match it."""
    compounds: list[_Compound] = []
    for part in _COMBINATORS.split(selector.strip().lower()):
        match = _COMPOUND.match(part)
        if match is None or not part:
            return None
        names = frozenset(re.findall(r"[.#][\w-]+", match["names"]))
        compounds.append(_Compound(match["tag"], names))
    return _Rule(tuple(compounds), declarations)


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
    size = look.size or BASE_SIZE
    points = _points(declared.get("font-size", ""), size)
    if points is not None:
        # Word sizes text in half points.
        changes["size"] = size = round(2 * points) / 2
    if _colour(declared.get("color", "")):
        changes["color"] = _colour(declared["color"])
    if declared.get("text-align") in _ALIGNMENTS:
        changes["align"] = _ALIGNMENTS[declared["text-align"]]
    if "text-indent" in declared:
        changes["indent"] = _points(declared["text-indent"], size)
    if "white-space" in declared:
        changes["nowrap"] = declared["white-space"] in ("nowrap", "pre")
    borders = [
        value
        for name, value in declared.items()
        if name.startswith("border") and name not in _NOT_LINES and _draws(value)
    ]
    changes["ruled"] = bool(borders)
    styles = [_LINES[w] for value in borders for w in value.split() if w in _LINES]
    changes["line"] = styles[0] if styles else None
    changes["shading"] = _colour(declared.get("background-color", declared.get("background", "")))
    changes["hidden"] = declared.get("display") == "none"
    return replace(look, **changes)  # type: ignore[arg-type]


#: Elements a table is made of: their borders rule the table, not a box around paragraphs.
_TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "td", "th", "hr"})


def _frame(declared: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Return the sides the border of ``declared`` draws, each with its Word line."""
    sides = []
    for side in ("top", "left", "bottom", "right"):
        value = declared.get(f"border-{side}", declared.get("border", ""))
        if _draws(value):
            lines = [_LINES[word] for word in value.split() if word in _LINES]
            sides.append((side, lines[0] if lines else "single"))
    return tuple(sides)


#: Border properties that draw no line.
_NOT_LINES = frozenset({"border-collapse", "border-spacing", "border-radius"})


def _draws(border: str) -> bool:
    """Say whether a border value draws a line (``1px solid #000``, not ``none`` or ``0``)."""
    words = border.split()
    return bool(words) and not any(w in ("none", "hidden", "0", "0px") for w in words)


def _points(length: str, size: float) -> float | None:
    """Return a CSS length in points, ``em`` and ``%`` of ``size``; None when not a length."""
    match = _LENGTH.match(length.strip())
    if match is None:
        return None
    number, unit = float(match[1]), match[2]
    scale = {"pt": 1.0, "px": 0.75, "mm": 72 / 25.4, "cm": 72 / 2.54}
    scale.update({"em": size, "rem": BASE_SIZE, "%": size / 100})
    return number * scale[unit]


def _colour(value: str) -> str | None:
    """Return the first ``#rgb`` or ``#rrggbb`` colour in ``value`` as ``"RRGGBB"``."""
    match = _HEX.search(value)
    if match is None:
        return None
    digits = match[1] if len(match[1]) == 6 else "".join(2 * d for d in match[1])
    return digits.upper()
