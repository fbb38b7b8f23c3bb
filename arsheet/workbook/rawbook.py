"""Open an .xlsx package and hand out its sheets as raw cell values, or say in one sentence why not.

python-calamine reads the sheets: ``to_python(skip_empty_area=False)`` gives every row from A1 as a
list of Python values (``str``, ``float``, ``bool``, ``datetime.date``/``datetime``/``time``/
``timedelta``; ``""`` for an empty cell), typed dates already converted in the workbook's own date
system. Numbers typed into date columns are serials the reader converts itself, so the 1904 flag is
read here from ``xl/workbook.xml``.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import python_calamine as calamine

from arsheet.errors import NotABook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_DATE1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*[\"'](?:1|true)[\"']")


@dataclass(frozen=True)
class RawBook:
    """An opened workbook: its tab names, its date system and its sheets' raw rows."""

    path: Path
    sheet_names: tuple[str, ...]
    date1904: bool
    workbook: calamine.CalamineWorkbook

    def rows(self, name: str) -> list[list[object]]:
        """Return every row of sheet ``name`` from A1, padded to the sheet's width.

        Raises:
            NotABook: the sheet's XML cannot be read.
        """
        try:
            return self.workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except calamine.CalamineError as exc:
            raise _damaged(self.path, f"sheet {name!r}: {exc}") from exc


def open_book(path: Path) -> RawBook:
    """Open ``path`` as an .xlsx/.xlsm package.

    Args:
        path: the workbook file.

    Returns:
        The opened book; sheets are read on demand with :meth:`RawBook.rows`.

    Raises:
        NotABook: the path is missing, a folder, empty, not a zip package (.xls, .csv, text),
            encrypted, damaged, or a zip without a workbook in it.
    """
    if not path.exists():
        raise NotABook(path, "the file does not exist.", "文件不存在。")
    if path.is_dir():
        raise NotABook(path, "it is a folder, not a file.", "这是一个文件夹，不是文件。")
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise NotABook(
            path,
            f"the file cannot be opened ({exc.strerror}).",
            f"无法打开文件（{exc.strerror}）。",
        ) from exc
    if not head:
        raise NotABook(path, "the file is empty.", "文件是空的。")
    if head.startswith(OLE_MAGIC):
        if _ENCRYPTED_STREAM in path.read_bytes():
            raise _encrypted(path)
        raise NotABook(
            path,
            "it is an old-format .xls file; open it in Excel and save it as .xlsx.",
            "这是旧版 .xls 文件，请用 Excel 打开并另存为 .xlsx。",
        )
    if not head.startswith(ZIP_MAGICS):
        raise NotABook(
            path,
            "it is not an Excel .xlsx file (it looks like text, CSV or another format).",
            "这不是 Excel .xlsx 文件（看起来是文本、CSV 或其他格式）。",
        )
    date1904 = _read_date1904(path)
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
        names = tuple(workbook.sheet_names)
    except calamine.PasswordError as exc:
        raise _encrypted(path) from exc
    except calamine.CalamineError as exc:
        raise _damaged(path, str(exc)) from exc
    return RawBook(path, names, date1904, workbook)


def _read_date1904(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as package:
            # Some writers store members with backslashes or in another case; calamine copes.
            members = {n.replace("\\", "/").casefold(): n for n in package.namelist()}
            if "xl/workbook.xml" not in members:
                raise NotABook(
                    path,
                    "it is a zip package but not an Excel workbook.",
                    "这是压缩包，但不是 Excel 工作簿。",
                )
            return bool(_DATE1904.search(package.read(members["xl/workbook.xml"])))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        raise _damaged(path, str(exc)) from exc


def _encrypted(path: Path) -> NotABook:
    return NotABook(
        path,
        "it is password-protected; remove the password in Excel and try again.",
        "文件设有密码保护，请在 Excel 中取消密码后重试。",
    )


def _damaged(path: Path, detail: str) -> NotABook:
    detail = (detail.strip().splitlines() or ["unreadable"])[0][:120]
    return NotABook(
        path,
        f"the file is damaged or truncated ({detail}).",
        f"文件已损坏或不完整（{detail}）。",
    )
