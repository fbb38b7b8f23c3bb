"""Turn the engine's results into what the writer puts on the sheets, in the book's language."""
