"""New books: the template with every contract sheet, its How to use sheet, and the demo book."""
