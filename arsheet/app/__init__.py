"""The interfaces: thin commands over the one pipeline (CLI verbs, later buttons and letters)."""
