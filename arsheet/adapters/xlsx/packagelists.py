"""Edits of the package's lists: the overrides in ``[Content_Types].xml``, a part's relationships.

Byte-level, like every edit of a part the user's program wrote: an entry is added last in the
root element, in the root's own namespace prefix, or cut out where it stands; every other byte
stays. Reading the lists parses them, since nothing is written back from the parse.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from lxml import etree

from arsheet.adapters.xlsx.package import REL_NS, resolve_target
from arsheet.adapters.xlsx.xmltext import escaped

CONTENT_TYPES = "[Content_Types].xml"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_ROOT = re.compile(rb"<(?![?!])(\w+:)?\w")
_TARGET = re.compile(rb'Target="([^"]*)"')


def with_overrides(types: bytes, overrides: Sequence[tuple[str, str]]) -> bytes:
    """Return ``[Content_Types].xml`` with an override for each (part, content type) added."""
    prefix = _root_prefix(types)
    return _appended(
        types,
        [
            b'<%sOverride PartName="/%s" ContentType="%s"/>'
            % (prefix, escaped(part), escaped(kind))
            for part, kind in overrides
        ],
    )


def without_override(types: bytes, part: str) -> bytes:
    """Return ``[Content_Types].xml`` without the override of ``part``."""
    return _without(types, "Override", "PartName", "/" + part)


def with_relationships(rels: bytes, relations: Sequence[tuple[str, str, str]]) -> bytes:
    """Return a relationships part with each (id, type, target) added."""
    prefix = _root_prefix(rels)
    return _appended(
        rels,
        [
            b'<%sRelationship Id="%s" Type="%s" Target="%s"/>'
            % (prefix, escaped(rel_id), escaped(kind), escaped(target))
            for rel_id, kind, target in relations
        ],
    )


def without_relationship(rels: bytes, rel_id: str) -> bytes:
    """Return a relationships part without the relationship ``rel_id``."""
    return _without(rels, "Relationship", "Id", rel_id)


def free_rel_id(taken: Collection[str]) -> str:
    """Return the first ``rIdN`` from ``rId{len(taken) + 1}`` on that is not in ``taken``."""
    number = len(taken) + 1
    while f"rId{number}" in taken:
        number += 1
    return f"rId{number}"


def retargeted(rels: bytes, source: str, renames: Mapping[str, str]) -> bytes:
    """Return the relationships of part ``source`` with their targets renamed, in one pass.

    One pass, so chart1 -> chart2 and chart2 -> chart3 never chain. Renamed targets are written
    as absolute package paths, which need no adjusting to where the relationships part lives.
    """

    def rename(match: re.Match[bytes]) -> bytes:
        target = resolve_target(source, match.group(1).decode())
        return b'Target="/' + renames.get(target, target).encode() + b'"'

    return _TARGET.sub(rename, rels)


def targets(rels: bytes, source: str) -> list[str]:
    """Return the parts the relationships of part ``source`` point at, as package paths."""
    return [
        resolve_target(source, rel.get("Target", ""))
        for rel in etree.fromstring(rels).iter(f"{{{REL_NS}}}Relationship")
        if rel.get("TargetMode") != "External"
    ]


def overrides(types: bytes) -> dict[str, str]:
    """Return part name -> content type of every override in ``[Content_Types].xml``."""
    return {
        item.get("PartName", "").lstrip("/"): item.get("ContentType", "")
        for item in etree.fromstring(types).iter(f"{{{_TYPES_NS}}}Override")
    }


def _root_prefix(xml: bytes) -> bytes:
    """Return the namespace prefix of the root element (``b"pr:"``), or ``b""``."""
    root = _ROOT.search(xml)
    return (root.group(1) or b"") if root else b""


def _appended(xml: bytes, children: Sequence[bytes]) -> bytes:
    """Return ``xml`` with ``children`` added last in its root element, whose end tag ends it."""
    at = xml.rindex(b"</")
    return xml[:at] + b"".join(children) + xml[at:]


def _without(xml: bytes, element: str, key: str, value: str) -> bytes:
    """Return ``xml`` without the ``element`` entries whose ``key`` attribute is ``value``."""
    entry = re.compile(
        rb"<(?:\w+:)?"
        + element.encode()
        + rb"\b[^>]*?\s"
        + key.encode()
        + rb'="'
        + re.escape(escaped(value))
        + rb'"[^>]*?(?:/>|>\s*</(?:\w+:)?'
        + element.encode()
        + rb"\s*>)"
    )
    return entry.sub(b"", xml)
