"""How the cells arsheet writes into an open workbook look: the port's styles as xlwings formats.

The same colours and number formats as a recalculated file (:mod:`arsheet.book.look`): owned
columns of record sheets in the record formats on a grey fill, owned sheets in the report formats
(a zero shows as a dash). An owned sheet's styles are laid over it as few rectangles as they make:
runs of one style down a column, joined with the same runs of the columns beside them.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from arsheet.adapters.live.actions import Area, Highlight, SetLook
from arsheet.book import look
from arsheet.book.address import column_letter
from arsheet.book.content import HEADLINE_STYLES, SheetContent, Style


def hex_color(argb: str) -> str:
    """Return an ARGB colour of :mod:`arsheet.book.look` as xlwings takes it.

    >>> hex_color(look.OWNED_CELL_FILL)
    '#F2F2F2'
    """
    return "#" + argb[2:]


def header_look(area: Area) -> SetLook:
    """Return the look of an owned header: white bold text on dark grey."""
    return SetLook(
        area,
        fill=hex_color(look.OWNED_HEADER_FILL),
        bold=True,
        font_color=hex_color(look.HEADER_FONT_COLOR),
    )


def owned_column_look(area: Area, style: Style) -> SetLook:
    """Return the look of an owned column's cells on a record sheet: grey, in its format."""
    return SetLook(
        area, number_format=look.RECORD_FORMATS.get(style), fill=hex_color(look.OWNED_CELL_FILL)
    )


def record_format(style: Style) -> str | None:
    """Return the number format of a record sheet's cells of ``style``, None for text."""
    return look.RECORD_FORMATS.get(style)


def report_look(area: Area, style: Style) -> SetLook | None:
    """Return the look of cells of ``style`` on an owned sheet, None for the plain look."""
    if style == Style.HEADER:
        return header_look(area)
    fmt = look.REPORT_FORMATS.get(style)
    if style == Style.TITLE:
        return SetLook(area, bold=True, font_size=14)
    if style in HEADLINE_STYLES:
        return SetLook(area, number_format=fmt, bold=True, font_size=float(look.HEADLINE_FONT_SIZE))
    if style == Style.NOTE:
        return SetLook(area, font_color=hex_color(look.NOTE_FONT_COLOR))
    if style == Style.OK:
        return SetLook(area, fill=hex_color(look.OK_FILL), font_color=hex_color(look.OK_FONT_COLOR))
    if style == Style.BAD:
        return SetLook(
            area, fill=hex_color(look.BAD_FILL), font_color=hex_color(look.BAD_FONT_COLOR)
        )
    if style == Style.TOTAL:
        return SetLook(area, bold=True)
    return SetLook(area, number_format=fmt) if fmt else None


def sheet_looks(sheet: str, styles: Mapping[tuple[int, int], Style]) -> list[SetLook]:
    """Return the looks of an owned sheet's cells, (row, column) -> style, as few rectangles."""
    if not styles:
        return []
    cells = np.array(list(styles), dtype=np.int64)
    frame = pd.DataFrame({"row": cells[:, 0], "col": cells[:, 1], "style": list(styles.values())})
    down = _runs(frame, along="row", across="col", extra=["style"])
    down = down.rename(columns={"first": "top", "last": "bottom", "col": "left"})
    down["right"] = down["left"]
    wide = _runs(
        down.rename(columns={"left": "col"}), along="col", across="top", extra=["bottom", "style"]
    )
    looks = []
    for top, bottom, left, right, style in zip(
        wide["top"], wide["bottom"], wide["first"], wide["last"], wide["style"], strict=True
    ):
        found = report_look(Area(sheet, int(top), int(left), int(bottom), int(right)), style)
        if found is not None:
            looks.append(found)
    return looks


def _runs(frame: pd.DataFrame, along: str, across: str, extra: list[str]) -> pd.DataFrame:
    """Return the runs of consecutive ``along`` values sharing ``across`` and ``extra``.

    One row per run: ``across``, ``extra``, and the run's ``first`` and ``last`` ``along``.
    """
    keys = [across, *extra]
    ordered = frame.sort_values([*extra, across, along], kind="stable", key=_sortable)
    same = np.ones(len(ordered), dtype=bool)
    for key in keys:
        values = ordered[key].to_numpy()
        same[1:] &= values[1:] == values[:-1]
    steps = ordered[along].to_numpy()
    same[1:] &= steps[1:] == steps[:-1] + 1
    same[0] = False
    run = np.cumsum(~same)
    grouped = ordered.groupby(run, sort=False)
    found = grouped[keys].first()
    found["first"] = grouped[along].min()
    found["last"] = grouped[along].max()
    return found.reset_index(drop=True)


def _sortable(column: pd.Series) -> pd.Series:
    return column.astype(str) if column.dtype == object else column


def highlights(content: SheetContent) -> list[Highlight]:
    """Return the conditional formats of an owned sheet, each in its style's look."""
    found = []
    for high in content.highlights:
        shown = report_look(Area(content.name, 1, 1, 1, 1), high.style)
        found.append(
            Highlight(
                content.name,
                high.ref,
                high.formula,
                fill=shown.fill if shown else None,
                font_color=shown.font_color if shown else None,
                bold=shown.bold if shown else None,
            )
        )
    return found


def frozen(content: SheetContent) -> str | None:
    """Return the cells an owned sheet keeps in view when scrolled (``"1:3"``), None for none.

    >>> frozen(SheetContent("check", "Check", (), freeze_rows=3, freeze_cols=2))
    'A1:B3'
    """
    rows, cols = content.freeze_rows, content.freeze_cols
    if rows and cols:
        return f"A1:{column_letter(cols)}{rows}"
    if rows:
        return f"1:{rows}"
    return f"A:{column_letter(cols)}" if cols else None
