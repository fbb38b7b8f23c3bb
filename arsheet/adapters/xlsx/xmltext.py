"""XML escaping, said once: the characters markup gives a meaning to, as entities.

Every piece of text the adapter puts into XML it writes by hand (an attribute value, the text of
a defined name, a formula, a cell's inline string) is escaped with :data:`ENTITIES`. Quotes need
escaping only in attribute values; element text keeps them as Excel writes them (``A1&"x"``).
"""

from __future__ import annotations

#: Each character with a meaning in element text, and the entity written for it; ``&`` first.
TEXT_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
#: The same for an attribute value in double quotes (and for text that may be one).
ENTITIES = (*TEXT_ENTITIES, ('"', "&quot;"))


def escaped(text: str, *, quotes: bool = True) -> bytes:
    """Return ``text`` escaped for XML, as UTF-8.

    Args:
        text: the text.
        quotes: escape double quotes too, as an attribute value needs; element text need not.

    Example:
        >>> escaped('Tom & "Jerry"')
        b'Tom &amp; &quot;Jerry&quot;'
        >>> escaped('A1&"<"', quotes=False)
        b'A1&amp;"&lt;"'
    """
    for raw, entity in ENTITIES if quotes else TEXT_ENTITIES:
        text = text.replace(raw, entity)
    return text.encode("utf-8")
