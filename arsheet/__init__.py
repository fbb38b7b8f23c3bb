"""arsheet: accounts receivable kept in an Excel workbook, recalculated losslessly."""

__version__ = "0.1.0"
