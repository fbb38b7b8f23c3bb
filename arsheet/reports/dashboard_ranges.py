"""The Dashboard's fixed ranges (1-based rows and columns), which the template's charts read.

Every recalculation refills them, so the charts stay correct without being rewritten.
"""

DASHBOARD_HEADLINES_ROW = 3  # A3:B12, label and value
DASHBOARD_HEADLINES_ROWS = 10
DASHBOARD_AGING_ROW = 3  # D3 header, D4:E11: bucket label, open amount
DASHBOARD_AGING_ROWS = 8
DASHBOARD_TOP_ROW = 14  # D14 header, D15:E24: customer, overdue amount
DASHBOARD_TOP_ROWS = 10
DASHBOARD_MONTHS_ROW = 27  # D27 header, D28:F39: month, open at month end, collected
DASHBOARD_MONTHS_ROWS = 12
DASHBOARD_TABLE_COL = 4  # column D
