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
NUMBER_FORMAT = "0.0"
