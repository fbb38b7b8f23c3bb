"""Which customers to chase first, and when a customer has waited too long.

Example: C2 with 500.00 overdue comes before C1 with 300.00 overdue and 900.00 open; between
equal overdue amounts the larger open amount comes first, then the smaller customer ID.
"""

from __future__ import annotations

import pandas as pd

#: Customers at least this many days overdue on their oldest open invoice need attention.
LONG_OVERDUE_DAYS = 90


def most_overdue_first(customers: pd.DataFrame) -> pd.Index:
    """Return the customer IDs in the order to chase them: the most overdue first.

    Args:
        customers: the results' customers (``overdue_amount``, ``open_amount``), by ID.

    Returns:
        The IDs by overdue amount, then open amount (both largest first), then ID.
    """
    order = customers[["overdue_amount", "open_amount"]].reset_index()
    return pd.Index(
        order.sort_values(
            ["overdue_amount", "open_amount", order.columns[0]],
            ascending=[False, False, True],
            kind="stable",
            na_position="last",
        ).iloc[:, 0],
        name=customers.index.name,
    )
