"""How arsheet's cells look: the colours (ARGB) and Excel number formats of the port's styles.

Shared by the template and every book adapter, so a new book, a recalculated file and an open
workbook look the same.
"""

INPUT_HEADER_FILL = "FF1F4E78"
OWNED_HEADER_FILL = "FF595959"
HEADER_FONT_COLOR = "FFFFFFFF"
OWNED_CELL_FILL = "FFF2F2F2"
OK_FILL = "FFE2EFDA"
BAD_FILL = "FFFCE4D6"
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
#: Days (averages, DSO) as whole days: a tenth of a day means nothing to a collector.
NUMBER_FORMAT = "0"
# Report tables show a zero as a dash, so the figures that matter stand out (the third section
# of a format is for zero), and end every figure a space short of the cell's edge (``_)``: the
# width of a bracket), so that a right-aligned number never touches the text of the next column.
# Record sheets keep 0.00, the look of the amounts typed beside it.
REPORT_MONEY_FORMAT = '#,##0.00_);-#,##0.00_);"–"_)'
REPORT_PERCENT_FORMAT = '0.0%_);-0.0%_);"–"_)'
REPORT_NUMBER_FORMAT = "0_)"
REPORT_DATE_FORMAT = "yyyy-mm-dd_)"

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
