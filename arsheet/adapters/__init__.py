"""Book adapters: each kind of book arsheet reads and writes through :mod:`arsheet.book.port`."""
