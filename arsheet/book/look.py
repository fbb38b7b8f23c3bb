"""How arsheet's cells look: the colours (ARGB) and Excel number formats of the port's styles.

Shared by the template and every book adapter, so a new book, a recalculated file and an open
workbook look the same.
"""

from arsheet.book.content import Style

INPUT_HEADER_FILL = "FF1F4E78"
OWNED_HEADER_FILL = "FF595959"
HEADER_FONT_COLOR = "FFFFFFFF"
OWNED_CELL_FILL = "FFF2F2F2"
OK_FILL = "FFE2EFDA"
BAD_FILL = "FFFCE4D6"
# The plain formats, as a chart's axis or a setting's value (left-aligned) shows them.
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
#: Whole numbers; days too (averages, DSO): a tenth of a day means nothing to a collector.
NUMBER_FORMAT = "0"
# In a table every figure ends a space short of its cell's right edge (``_)``: the width of a
# bracket), so that a right-aligned number never touches the left-aligned text of the next
# column ("150,000.00Li Na"). On the record sheets this is all that changes: a typed amount
# keeps its value and its 0.00.
RECORD_MONEY_FORMAT = f"{MONEY_FORMAT}_)"
RECORD_DATE_FORMAT = f"{DATE_FORMAT}_)"
RECORD_INT_FORMAT = f"{NUMBER_FORMAT}_)"
RECORD_PERCENT_FORMAT = f"{PERCENT_FORMAT}_)"
# Report tables also show a zero as a dash, so the figures that matter stand out (the third
# section of a format is for zero); whole numbers and dates look as on the record sheets.
REPORT_MONEY_FORMAT = '#,##0.00_);-#,##0.00_);"–"_)'
REPORT_PERCENT_FORMAT = '0.0%_);-0.0%_);"–"_)'
REPORT_NUMBER_FORMAT = RECORD_INT_FORMAT
REPORT_DATE_FORMAT = RECORD_DATE_FORMAT

# The Dashboard's headline figures: large and bold, in the report formats above. Their changes
# carry an arrow and the size without a sign; no change shows plainly as a zero. The colour of a
# move (good or bad) is a conditional format: a number format can name only eight colours, and
# its green is a lime no one reads on white.
HEADLINE_FONT_SIZE = "14"


def change_format(figure: str) -> str:
    """Return the format of a change of a figure shown in format ``figure``: ▲ up, ▼ down.

    >>> change_format("0")
    '"▲ "0_);"▼ "0_);0_)'
    """
    return f'"▲ "{figure}_);"▼ "{figure}_);{figure}_)'


CHANGE_MONEY_FORMAT = change_format("#,##0.00")
CHANGE_POINTS_FORMAT = change_format('0.0" pp"')
CHANGE_NUMBER_FORMAT = change_format("0")

#: The font colours of notes, and of the good and bad cells of the Check sheet.
NOTE_FONT_COLOR = "FF7F7F7F"
OK_FONT_COLOR = "FF006100"
BAD_FONT_COLOR = "FF9C0006"

#: The number format of each style in an owned column of a record sheet.
RECORD_FORMATS = {
    Style.MONEY: RECORD_MONEY_FORMAT,
    Style.DATE: RECORD_DATE_FORMAT,
    Style.INT: RECORD_INT_FORMAT,
    Style.NUMBER: RECORD_INT_FORMAT,
    Style.PERCENT: RECORD_PERCENT_FORMAT,
}
#: The number format of each style on an owned sheet: a report, whose zeros show as a dash.
REPORT_FORMATS = {
    Style.MONEY: REPORT_MONEY_FORMAT,
    Style.DATE: REPORT_DATE_FORMAT,
    Style.INT: REPORT_NUMBER_FORMAT,
    Style.NUMBER: REPORT_NUMBER_FORMAT,
    Style.PERCENT: REPORT_PERCENT_FORMAT,
    Style.HEADLINE_MONEY: REPORT_MONEY_FORMAT,
    Style.HEADLINE_PERCENT: REPORT_PERCENT_FORMAT,
    Style.HEADLINE_NUMBER: REPORT_NUMBER_FORMAT,
    Style.HEADLINE_INT: REPORT_NUMBER_FORMAT,
    Style.CHANGE_MONEY: CHANGE_MONEY_FORMAT,
    Style.CHANGE_POINTS: CHANGE_POINTS_FORMAT,
    Style.CHANGE_NUMBER: CHANGE_NUMBER_FORMAT,
    Style.CHANGE_INT: CHANGE_NUMBER_FORMAT,
}
