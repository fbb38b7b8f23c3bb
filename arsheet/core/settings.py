"""The book's settings as the domain sees them: as-of date, terms, aging bounds, dunning levels."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class DunningLevel:
    """One rung of the dunning ladder.

    Attributes:
        level: 0 for the reminder before the due date, then 1, 2, 3, ...
        name: what the user calls it, e.g. "First notice".
        days_overdue_from: the level applies from this many days overdue (negative: before due).
        min_days_since_last: at least this many days since the previous notice to the customer.
        fee: a fee in minor units charged with the notice.
        letter_template: the letter template's name.
        channel: channel code, e.g. ``"email"`` or ``"letter"``.
    """

    level: int
    name: str
    days_overdue_from: int
    min_days_since_last: int
    fee: int
    letter_template: str
    channel: str


DEFAULT_DUNNING_LEVELS: tuple[DunningLevel, ...] = (
    DunningLevel(0, "Friendly reminder", -7, 7, 0, "reminder", "email"),
    DunningLevel(1, "First notice", 1, 14, 0, "first_notice", "email"),
    DunningLevel(2, "Second notice", 31, 14, 0, "second_notice", "letter"),
    DunningLevel(3, "Final notice", 61, 14, 0, "final_notice", "letter"),
)


@dataclass(frozen=True)
class Settings:
    """Everything on the Settings sheet, typed and defaulted.

    Attributes:
        as_of: the reporting date; ``None`` means "today", resolved by the caller, never here.
        default_terms_days: payment terms for customers without their own.
        aging_bounds: inclusive upper bounds of the overdue buckets, e.g. (30, 60, 90, 120)
            gives Current, 1–30, 31–60, 61–90, 91–120 and 121+.
        grace_days: a document counts as overdue only when more days than this have passed.
        annual_interest_rate: late-payment interest in percent a year.
        currency: ISO code shown in reports; amounts are always held in minor units.
        language: ``"en"`` or ``"zh"``.
    """

    company_name: str = ""
    company_address: str = ""
    company_phone: str = ""
    bank_details: str = ""
    currency: str = "CNY"
    as_of: date | None = None
    default_terms_days: int = 30
    aging_bounds: tuple[int, ...] = (30, 60, 90, 120)
    language: str = "en"
    grace_days: int = 0
    annual_interest_rate: Decimal = Decimal(0)
    dunning_levels: tuple[DunningLevel, ...] = field(default=DEFAULT_DUNNING_LEVELS)
