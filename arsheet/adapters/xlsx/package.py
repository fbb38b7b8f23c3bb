"""The .xlsx/.xlsm zip package: its members, which part holds which sheet, and the date system.

Opened once per run (:class:`.book.XlsxBook` holds it): the reader's scans and the writer use it.

Only the small package parts (relationships, content types, workbook.xml) are parsed; sheet parts
are handed out as bytes or as a stream and copied through untouched unless the writer owns them.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from arsheet.errors import CannotWrite, NotABook

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORKSHEET_TYPE = DOC_REL_NS + "/worksheet"
WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CALC_CHAIN_TYPE = DOC_REL_NS + "/calcChain"
STYLES_TYPE = DOC_REL_NS + "/styles"
OFFICE_DOCUMENT_TYPE = DOC_REL_NS + "/officeDocument"

#: What reading a zip member may raise when the file is damaged or truncated.
DAMAGE = (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError)
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
# Small enough that a chunk and the copies made of it stay in cache, and that buffers are
# reused rather than mapped afresh by malloc for every chunk.
STREAM_CHUNK = 1 << 20


@dataclass(frozen=True)
class SheetPart:
    """One ``<sheet>`` of workbook.xml and the zip member holding its XML."""

    name: str
    sheet_id: int
    rel_id: str
    part: str


def rels_path(part: str) -> str:
    """Return the relationships part of ``part`` (``xl/workbook.xml`` → ``xl/_rels/...``)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve_target(base_part: str, target: str) -> str:
    """Return the package path a relationship of ``base_part`` points at (absolute or relative)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


class Package:
    """An open workbook package.

    Attributes:
        path: the file.
        infos: the zip members in their stored order.
        workbook_part: the member holding workbook.xml (normally ``xl/workbook.xml``).
        sheets: sheet tab name → :class:`SheetPart`, in tab order.
        date1904: the book counts dates from 1904-01-01.
        styles_part: the member holding styles.xml.
        calc_chain_part: the calcChain member, if any.
        odd_name: a member stored under a name other than the one the package uses for it
            (``XL\\worksheets\\Sheet1.xml`` for ``xl/worksheets/sheet1.xml``), if any. Such a
            package is read (members are found in any case, with either slash) but not copied
            (:meth:`raw`): the writer would not recognise the parts it patches.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
            self.infos = self._zip.infolist()
            self._names = {info.filename for info in self.infos}
            self._loose = {loose_name(name): name for name in self._names}
            root_rels = self._parse("_rels/.rels")
            self.workbook_part = self._target(root_rels, "_rels/.rels", OFFICE_DOCUMENT_TYPE)
            workbook = self._parse(self.workbook_part)
            self.rels = self._parse(rels_path(self.workbook_part))
        except KeyError as exc:  # no workbook part, or a part a relationship names is missing
            self.close_quietly()
            raise NotABook(
                path,
                "it is a zip package but not an Excel workbook.",
                "这是压缩包，但不是 Excel 工作簿。",
            ) from exc
        except (*DAMAGE, etree.XMLSyntaxError) as exc:
            self.close_quietly()
            raise damaged(path, str(exc)) from exc
        doubled = _doubled(self.infos)
        if doubled is not None:
            # Readers disagree on which copy is the part; patching one would lose the other.
            self.close_quietly()
            raise NotABook(
                path,
                f"the file is damaged (two of its parts are called {doubled}).",
                f"文件已损坏（有两个部件都叫 {doubled}）。",
            )
        targets = {
            rel.get("Id"): (
                rel.get("Type"),
                resolve_target(self.workbook_part, rel.get("Target", "")),
            )
            for rel in self.rels
        }
        used = ["_rels/.rels", self.workbook_part, rels_path(self.workbook_part)]
        self.odd_name = self._odd_name([*used, *(p for _, p in targets.values())])
        self.sheets: dict[str, SheetPart] = {}
        for sheet in workbook.iter(f"{{{MAIN_NS}}}sheet"):
            rel_id = sheet.get(f"{{{DOC_REL_NS}}}id", "")
            rel_type, part = targets.get(rel_id, ("", ""))
            if rel_type == WORKSHEET_TYPE:
                self.sheets[sheet.get("name", "")] = SheetPart(
                    sheet.get("name", ""), int(sheet.get("sheetId", "0")), rel_id, part
                )
        self.sheet_ids = [int(s.get("sheetId", "0")) for s in workbook.iter(f"{{{MAIN_NS}}}sheet")]
        pr = workbook.find(f"{{{MAIN_NS}}}workbookPr")
        self.date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
        self.styles_part = next((p for t, p in targets.values() if t == STYLES_TYPE), None)
        self.calc_chain_part = next((p for t, p in targets.values() if t == CALC_CHAIN_TYPE), None)
        self.calc_chain_rel = next(
            (rid for rid, (t, _) in targets.items() if t == CALC_CHAIN_TYPE), None
        )
        self.rel_ids = list(targets)

    def _odd_name(self, parts: list[str]) -> str | None:
        odd = (self._loose.get(loose_name(p)) for p in parts if p not in self._names)
        backslashed = (name for name in self._names if "\\" in name)
        return next((name for name in (*odd, *backslashed) if name), None)

    def _member(self, name: str) -> str:
        return name if name in self._names else self._loose.get(loose_name(name), name)

    def _refuse_odd_names(self) -> None:
        if self.odd_name is not None:
            raise CannotWrite(
                self.path,
                f"its parts are stored under names Excel does not write ({self.odd_name}); "
                "open the book in Excel, save it, and run arsheet again",
                f"其部件的存储名称不是 Excel 所写的（{self.odd_name}）；"
                "请在 Excel 中打开并保存该工作簿，再运行 arsheet",
            )

    def _parse(self, name: str) -> etree._Element:
        return etree.fromstring(self.read(name))

    def _target(self, rels: etree._Element, rels_name: str, rel_type: str) -> str:
        for rel in rels:
            if rel.get("Type") == rel_type:
                owner = posixpath.dirname(posixpath.dirname(rels_name))
                return resolve_target(posixpath.join(owner, "x"), rel.get("Target", ""))
        raise KeyError(rel_type)

    def related(self, part: str, type_suffix: str = "") -> list[str]:
        """Return the parts that ``part``'s relationships point at, as package paths.

        Args:
            part: a part of the package.
            type_suffix: only relationships whose type ends so (``"/table"``); all by default.
        """
        rels = rels_path(part)
        if not self.has(rels):
            return []
        return [
            resolve_target(part, rel.get("Target", ""))
            for rel in self._parse(rels).iter(f"{{{REL_NS}}}Relationship")
            if rel.get("Type", "").endswith(type_suffix) and rel.get("TargetMode") != "External"
        ]

    def has(self, name: str) -> bool:
        """Return whether the package holds a member called ``name`` (in any case)."""
        return loose_name(name) in self._loose

    def read(self, name: str) -> bytes:
        """Return the uncompressed bytes of a member (found in any case, with either slash)."""
        return self._zip.read(self._member(name))

    def stream(self, name: str) -> Iterator[bytes]:
        """Yield the uncompressed bytes of a member in chunks, so huge sheets stream through.

        The next chunk is inflated on another thread (zlib lets go of the GIL) while the caller
        works on this one. Read the stream to its end before reading any other member.
        """
        with self._zip.open(self._member(name)) as member, ThreadPoolExecutor(1) as reader:
            ahead = reader.submit(member.read, STREAM_CHUNK)
            while chunk := ahead.result():
                ahead = reader.submit(member.read, STREAM_CHUNK)
                yield chunk

    def raw(self, info: zipfile.ZipInfo) -> bytes:
        """Return a member's stored (still compressed) bytes, to copy it without recompressing.

        Every write copies the member with the odd name (the writer knows it by another name, so
        it neither patches nor replaces it): that is where such a package is refused.

        Raises:
            CannotWrite: the package has an :attr:`odd_name`; it is not to be copied.
        """
        self._refuse_odd_names()
        fp = self._zip.fp
        assert fp is not None
        fp.seek(info.header_offset)
        header = _LOCAL_HEADER.unpack(fp.read(_LOCAL_HEADER.size))
        fp.seek(header[10] + header[11], 1)
        return fp.read(info.compress_size)

    def close(self) -> None:
        """Close the zip file."""
        self._zip.close()

    def close_quietly(self) -> None:
        """Close the zip file if it was opened."""
        if hasattr(self, "_zip"):
            self._zip.close()


def damaged(path: Path, detail: str) -> NotABook:
    """Return the refusal of a file that is damaged, with the first line of what was found."""
    detail = (detail.strip().splitlines() or ["unreadable"])[0][:120]
    return NotABook(
        path,
        f"the file is damaged or truncated ({detail}).",
        f"文件已损坏或不完整（{detail}）。",
    )


def _doubled(infos: list[zipfile.ZipInfo]) -> str | None:
    """Return the name of a member stored twice (in any case, with either slash), if any."""
    seen: set[str] = set()
    for info in infos:
        name = loose_name(info.filename)
        if name in seen:
            return info.filename
        seen.add(name)
    return None


def loose_name(name: str) -> str:
    """Return a member name as spreadsheets match it: either slash, any case."""
    return name.replace("\\", "/").lstrip("/").casefold()


def copy_raw(out: zipfile.ZipFile, info: zipfile.ZipInfo, raw: bytes) -> None:
    """Append a member's compressed bytes to ``out`` unchanged (same name, CRC and sizes).

    ``zipfile`` has no public way to store already-compressed data, so the local header is written
    here and the member registered the way ``ZipFile.write`` does.
    """
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.CRC = info.CRC
    copy.compress_size = info.compress_size
    copy.file_size = info.file_size
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    # Sizes sit in the local header, so no trailing data descriptor is written.
    copy.flag_bits = info.flag_bits & ~0x08
    fp = out.fp
    assert fp is not None
    copy.header_offset = fp.tell()
    zip64 = max(info.file_size, info.compress_size) > zipfile.ZIP64_LIMIT
    fp.write(copy.FileHeader(zip64))
    fp.write(raw)
    out.filelist.append(copy)
    out.NameToInfo[copy.filename] = copy
    out.start_dir = fp.tell()
    out._didModify = True


def open_output(fp: BinaryIO) -> zipfile.ZipFile:
    """Return a zip writer over ``fp`` for the new package."""
    return zipfile.ZipFile(fp, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
