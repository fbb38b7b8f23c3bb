"""The workbook adapter: the only layer that knows sheets, headers, cells and the .xlsx package."""
