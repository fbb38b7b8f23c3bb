"""The book as the contract defines it: sheets, headers, the port, cell values parsed into frames.

Nothing here knows a file format: adapters (:mod:`arsheet.adapters`) hand over cell values and take
back owned columns and sheets.
"""
