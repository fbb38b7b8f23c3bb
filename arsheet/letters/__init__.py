"""Letters, statements and e-mails made from a book's results: the third way arsheet is used.

Everything here is an interface over the pipeline: the core decides who is dunned at which level
(:mod:`arsheet.core.notices`); this package turns that into documents a customer can read, in
the customer's language, from Jinja templates the user may override.
"""
