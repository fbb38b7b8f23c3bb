"""How an owned sheet prints: landscape, one page wide, on A4 unless the book says otherwise.

An owned sheet is rewritten at every recalculation, but its ``<sheetPr>`` and ``<pageSetup>``
are kept from the sheet as found (a tab colour, the printer the user chose). arsheet sets in them
only what makes its tables print well: fit to the page (``pageSetUpPr fitToPage``), landscape,
one page wide. The paper size and how many pages tall are the book's when it has them (a US
office prints on Letter; the Dashboard fits one page), else A4 and as many pages as it takes.
"""

from __future__ import annotations

import re

# Always arsheet's, and the book's own choice where it has made one.
_SET = {"orientation": b"landscape", "fitToWidth": b"1"}
_DEFAULTS = {"paperSize": b"9", "fitToHeight": b"0"}
_ATTRIBUTE = re.compile(rb"""\s([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_FIT = re.compile(rb"""\sfitToPage\s*=\s*(?:"[^"]*"|'[^']*')""")


def _with_attributes(tag: bytes, name: bytes, values: dict[str, bytes]) -> bytes:
    """Return an empty element ``name`` with the attributes of ``tag`` updated by ``values``."""
    attributes = {
        m.group(1).decode(): m.group(2) or m.group(3) or b"" for m in _ATTRIBUTE.finditer(tag)
    }
    attributes.update(values)
    text = b"".join(b' %s="%s"' % (k.encode(), v) for k, v in attributes.items())
    return b"<%s%s/>" % (name, text)


def page_setup(old: bytes) -> bytes:
    """Return the ``<pageSetup>`` element for a sheet whose current one is ``old`` (b"" for none).

    >>> page_setup(b'<pageSetup paperSize="1" orientation="portrait"/>')
    b'<pageSetup paperSize="1" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
    """
    tag = old.split(b">", 1)[0]
    values = {
        k: v for k, v in _DEFAULTS.items() if not re.search(rb"\s" + k.encode() + rb"\s*=", tag)
    }
    return _with_attributes(tag, b"pageSetup", {**_SET, **values})


def fit_to_page(sheet_pr: bytes) -> bytes:
    """Return the ``<sheetPr>`` element ``sheet_pr`` (b"" for none) asking to fit to the page.

    >>> fit_to_page(b'<sheetPr><tabColor rgb="FF595959"/><pageSetUpPr/></sheetPr>')
    b'<sheetPr><tabColor rgb="FF595959"/><pageSetUpPr fitToPage="1"/></sheetPr>'
    """
    if not sheet_pr:
        return b'<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
    found = re.search(rb"<pageSetUpPr\b[^>]*?/>", sheet_pr)
    if found:
        tag = _FIT.sub(b"", found.group()[:-2].rstrip())
        new = tag + b' fitToPage="1"/>'
        return sheet_pr[: found.start()] + new + sheet_pr[found.end() :]
    # pageSetUpPr is the last child of sheetPr in the schema.
    if sheet_pr.endswith(b"/>"):
        return sheet_pr[:-2].rstrip() + b'><pageSetUpPr fitToPage="1"/></sheetPr>'
    end = sheet_pr.rindex(b"</sheetPr>")
    return sheet_pr[:end] + b'<pageSetUpPr fitToPage="1"/>' + sheet_pr[end:]
