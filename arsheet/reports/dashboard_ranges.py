"""Where the Dashboard's ranges start (1-based rows and columns), and the most rows each holds.

The template's charts read them; every recalculation refills them with exactly the rows there
are to chart and makes the charts read those rows (:mod:`arsheet.reports.dashboard`).
"""

DASHBOARD_HEADLINES_ROW = 3  # A3:B12, label and value
DASHBOARD_HEADLINES_ROWS = 10
DASHBOARD_AGING_ROW = 3  # D3 header, then up to D4:E11: bucket label, open amount
DASHBOARD_AGING_ROWS = 8
DASHBOARD_TOP_ROW = 14  # D14 header, then up to D15:E24: customer, overdue amount
DASHBOARD_TOP_ROWS = 10
DASHBOARD_MONTHS_ROW = 27  # D27 header, D28:F39: month, open at month end, collected
DASHBOARD_MONTHS_ROWS = 12
DASHBOARD_FORECAST_ROW = 42  # D42 header, D43:E56: week, expected collections; then "Later"
DASHBOARD_FORECAST_ROWS = 14  # the forecast's 13 weeks and "Later"
DASHBOARD_TABLE_COL = 4  # column D
