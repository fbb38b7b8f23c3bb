"""The .xlsx/.xlsm file adapter: the zip package read as cell values and written back losslessly."""
