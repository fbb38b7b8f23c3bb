"""The book's settings as the domain sees them: as-of date, terms, aging, dunning, credit policy."""

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
class CreditFactor:
    """One factor of the credit scorecard, taking points off the payment-timing score.

    A factor takes ``weight × min(value / full_at, 1)`` points: none at 0, its whole weight
    from ``full_at`` on (:mod:`arsheet.core.credit_score` says what each value is).

    Attributes:
        factor: the factor's code, a key of :data:`arsheet.core.credit_score.FACTORS`.
        weight: the most points it takes off.
        full_at: the value at which it takes its whole weight (a percent, a count or days).
    """

    factor: str
    weight: int
    full_at: int


@dataclass(frozen=True)
class CreditGrade:
    """One grade of the credit policy, with what it recommends.

    Attributes:
        grade: its name, e.g. "A".
        score_from: the lowest score of the grade.
        limit_months: suggested credit limit in months of the customer's average monthly sales
            over the last twelve months (0: no credit).
        terms_days: suggested terms; ``None`` keeps the customer's own, 0 means prepayment.
    """

    grade: str
    score_from: int
    limit_months: int
    terms_days: int | None


DEFAULT_CREDIT_FACTORS: tuple[CreditFactor, ...] = (
    CreditFactor("overdue_share", 20, 100),
    CreditFactor("broken_promises", 10, 2),
    CreditFactor("missed_installments", 10, 2),
    CreditFactor("utilisation", 10, 100),
    CreditFactor("short_history", 10, 365),
    CreditFactor("written_off", 20, 5),
)
DEFAULT_CREDIT_GRADES: tuple[CreditGrade, ...] = (
    CreditGrade("A", 80, 3, None),
    CreditGrade("B", 65, 2, None),
    CreditGrade("C", 50, 1, 15),
    CreditGrade("D", 0, 0, 0),
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
        annual_interest_rate: late-payment interest in percent a year, simple, shown on
            dunning notices (never booked into the ledger).
        dunning_minimum: a customer whose dunnable open amount is below this (minor units) is
            not sent notices.
        company_email: the address notices are sent from.
        currency: ISO code shown in reports; amounts are always held in minor units.
        language: ``"en"`` or ``"zh"``.
        credit_factors: the scorecard's factors (:class:`CreditFactor`).
        credit_grades: the grades and what they recommend (:class:`CreditGrade`).
        hold_days_overdue: a credit hold applies when the open amount overdue more than this
            many days ...
        hold_overdue_amount: ... is above this amount (minor units), or the customer is over
            its credit limit.
    """

    company_name: str = ""
    company_address: str = ""
    company_phone: str = ""
    company_email: str = ""
    bank_details: str = ""
    currency: str = "CNY"
    as_of: date | None = None
    default_terms_days: int = 30
    aging_bounds: tuple[int, ...] = (30, 60, 90, 120)
    language: str = "en"
    grace_days: int = 0
    annual_interest_rate: Decimal = Decimal(0)
    dunning_minimum: int = 0
    dunning_levels: tuple[DunningLevel, ...] = field(default=DEFAULT_DUNNING_LEVELS)
    credit_factors: tuple[CreditFactor, ...] = field(default=DEFAULT_CREDIT_FACTORS)
    credit_grades: tuple[CreditGrade, ...] = field(default=DEFAULT_CREDIT_GRADES)
    hold_days_overdue: int = 60
    hold_overdue_amount: int = 100_000
