"""The workbook contract: every sheet, column, header text (English and Chinese) and choice list.

The template builder, the reader, the writer and the README's tour are all derived from this
module; nothing else names a sheet or a header. Column keys are the domain's field names
(:mod:`arsheet.core.book`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from arsheet.core.status import PLAN_STATUSES, PROMISE_STATUSES, STATUSES

LANGUAGES = ("en", "zh")


class Kind(StrEnum):
    """What a column holds, which decides how it is parsed, checked, formatted and validated."""

    TEXT = "text"
    ID = "id"
    DATE = "date"
    MONEY = "money"
    INT = "int"
    CHOICE = "choice"
    FLAG = "flag"
    PERCENT = "percent"


@dataclass(frozen=True)
class Choice:
    """One allowed value of a choice column: its code and what users type for it."""

    code: str
    en: str
    zh: str
    aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        """Return the label shown in a workbook of language ``lang``."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class ChoiceList:
    """An ordered set of choices, looked up by any of their labels or aliases."""

    name: str
    choices: tuple[Choice, ...]

    def labels(self, lang: str) -> list[str]:
        """Return the drop-down list for a workbook of language ``lang``."""
        return [c.label(lang) for c in self.choices]

    def lookup(self) -> dict[str, str]:
        """Return a map from every accepted spelling (case-folded) to the choice's code."""
        table: dict[str, str] = {}
        for c in self.choices:
            for spelling in (c.code, c.en, c.zh, *c.aliases):
                table[spelling.strip().casefold()] = c.code
        return table

    def label_of(self, code: str, lang: str) -> str:
        """Return the label of ``code`` in language ``lang``."""
        return next(c.label(lang) for c in self.choices if c.code == code)


DOCUMENT_TYPES = ChoiceList(
    "type",
    (
        Choice("invoice", "Invoice", "发票", ("inv", "销售发票", "应收单")),
        Choice("credit_note", "Credit note", "贷项通知单", ("credit", "cn", "贷项单", "红字发票")),
    ),
)
PAYMENT_METHODS = ChoiceList(
    "method",
    (
        Choice("bank_transfer", "Bank transfer", "银行转账", ("transfer", "wire", "转账")),
        Choice("cash", "Cash", "现金"),
        Choice("cheque", "Cheque", "支票", ("check",)),
        Choice("card", "Card", "刷卡", ("credit card", "银行卡")),
        Choice("alipay", "Alipay", "支付宝"),
        Choice("wechat_pay", "WeChat Pay", "微信支付"),
        Choice("bill", "Acceptance bill", "承兑汇票", ("bill of exchange", "汇票")),
        Choice("offset", "Offset", "抵账", ("contra", "冲抵")),
        Choice("other", "Other", "其他"),
    ),
)
CHANNELS = ChoiceList(
    "channel",
    (
        Choice("call", "Call", "电话", ("phone",)),
        Choice("email", "Email", "邮件", ("e-mail", "电子邮件")),
        Choice("sms", "SMS", "短信"),
        Choice("wechat", "WeChat", "微信"),
        Choice("visit", "Visit", "上门拜访", ("拜访",)),
        Choice("letter", "Letter", "信函", ("post", "函件")),
        Choice("other", "Other", "其他"),
    ),
)
YES_NO = ChoiceList(
    "flag",
    (
        Choice("yes", "Y", "是", ("yes", "true", "1", "x", "y")),
        Choice("no", "N", "否", ("no", "false", "0", "n")),
    ),
)
LANGUAGE_CHOICES = ChoiceList(
    "language",
    (
        Choice("en", "en", "en", ("english", "英文", "英语")),
        Choice("zh", "zh", "zh", ("chinese", "中文", "zh-cn", "cn")),
    ),
)
#: The labels of the engine's document status codes (:data:`arsheet.core.status.STATUSES`).
_STATUS_LABELS = {
    "paid": ("Paid", "已结清"),
    "partially_paid": ("Partially paid", "部分收款"),
    "unpaid": ("Unpaid", "未收款"),
    "written_off": ("Written off", "已核销坏账"),
    "credit": ("Credit", "贷项"),
}
DOCUMENT_STATUSES = ChoiceList(
    "status", tuple(Choice(code, *_STATUS_LABELS[code]) for code in STATUSES)
)
#: The labels of a payment plan instalment's and a promise to pay's status codes.
_PLAN_LABELS = {
    "paid": ("Paid", "已付"),
    "due": ("Due", "到期"),
    "upcoming": ("Upcoming", "未到期"),
    "missed": ("Missed", "逾期未付"),
}
_PROMISE_LABELS = {
    "kept": ("Kept", "已兑现"),
    "broken": ("Broken", "未兑现"),
    "open": ("Open", "待兑现"),
}
PLAN_STATUS_CHOICES = ChoiceList(
    "plan_status", tuple(Choice(code, *_PLAN_LABELS[code]) for code in PLAN_STATUSES)
)
PROMISE_STATUS_CHOICES = ChoiceList(
    "promise_status", tuple(Choice(code, *_PROMISE_LABELS[code]) for code in PROMISE_STATUSES)
)


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    Attributes:
        key: the domain field name, e.g. ``"due_date"``.
        en: the English header text.
        zh: the Chinese header text.
        kind: what the column holds.
        required: a record without a value here is an error.
        dispensable: the record can do without this field: it changes neither the money nor
            its timing (contact details, credit limit, terms, notes, links, ...). A value here
            that cannot be read is a warning and is read as empty (a link as no link); the
            record stays in the figures. A bad value in any other column leaves the record out.
        owned: arsheet computes this column and overwrites it at every recalculation.
        choices: the allowed values of a CHOICE column.
        width: the column width in the template, in characters.
    """

    key: str
    en: str
    zh: str
    kind: Kind = Kind.TEXT
    required: bool = False
    dispensable: bool = False
    owned: bool = False
    choices: ChoiceList | None = None
    width: float = 14

    def header(self, lang: str) -> str:
        """Return the header text in language ``lang``."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Sheet:
    """One sheet of the contract: its names, its Excel Table's name and its columns in order."""

    key: str
    en: str
    zh: str
    table: str
    columns: tuple[Column, ...]

    def name(self, lang: str) -> str:
        """Return the sheet's tab name in language ``lang``."""
        return self.zh if lang == "zh" else self.en

    def names(self) -> tuple[str, str]:
        """Return both tab names, English first."""
        return (self.en, self.zh)

    @property
    def inputs(self) -> tuple[Column, ...]:
        """The columns the user types."""
        return tuple(c for c in self.columns if not c.owned)

    @property
    def owned(self) -> tuple[Column, ...]:
        """The columns arsheet computes."""
        return tuple(c for c in self.columns if c.owned)

    def column(self, key: str) -> Column:
        """Return the column with the given key."""
        return next(c for c in self.columns if c.key == key)


def _c(key: str, en: str, zh: str, kind: Kind = Kind.TEXT, **kw: object) -> Column:
    return Column(key, en, zh, kind, **kw)  # type: ignore[arg-type]


def _d(key: str, en: str, zh: str, kind: Kind = Kind.TEXT, **kw: object) -> Column:
    """Return a column the record can do without (:attr:`Column.dispensable`)."""
    return Column(key, en, zh, kind, dispensable=True, **kw)  # type: ignore[arg-type]


def _owned(key: str, en: str, zh: str, kind: Kind, width: float = 14) -> Column:
    return Column(key, en, zh, kind, owned=True, width=width)


CUSTOMERS = Sheet(
    "customers",
    "Customers",
    "客户",
    "tblCustomers",
    (
        _c("customer_id", "Customer ID", "客户编号", Kind.ID, required=True, width=12),
        _c("customer_name", "Customer name", "客户名称", required=True, width=30),
        _d("contact", "Contact", "联系人", width=14),
        _d("phone", "Phone", "电话", width=16),
        _d("email", "Email", "邮箱", width=26),
        _d("address", "Address", "地址", width=34),
        _d("terms_days", "Terms days", "账期天数", Kind.INT, width=11),
        _d("credit_limit", "Credit limit", "信用额度", Kind.MONEY, width=14),
        _d("owner", "Owner", "负责人", width=12),
        _d("language", "Language", "语言", Kind.CHOICE, choices=LANGUAGE_CHOICES, width=10),
        _d("hold_dunning", "Hold dunning", "暂停催收", Kind.FLAG, choices=YES_NO, width=12),
        _d("notes", "Notes", "备注", width=24),
        _owned("open_balance", "Open balance", "未收余额", Kind.MONEY),
        _owned("overdue_amount", "Overdue amount", "逾期金额", Kind.MONEY),
        _owned("credit_score", "Credit score", "信用评分", Kind.INT, 12),
        _owned("grade", "Grade", "信用等级", Kind.TEXT, 10),
        _owned("credit_hold", "Credit hold", "信用冻结", Kind.TEXT, 11),
    ),
)

TRANSACTIONS = Sheet(
    "transactions",
    "Transactions",
    "交易明细",
    "tblTransactions",
    (
        _c("document_no", "Document No.", "单据编号", Kind.ID, required=True, width=14),
        _c("customer_id", "Customer ID", "客户编号", Kind.ID, required=True, width=12),
        _c("type", "Type", "类型", Kind.CHOICE, required=True, choices=DOCUMENT_TYPES, width=12),
        _c("date", "Date", "单据日期", Kind.DATE, required=True, width=12),
        _c("due_date", "Due date", "到期日", Kind.DATE, width=12),
        _c("amount", "Amount", "金额", Kind.MONEY, required=True, width=14),
        _d("against_document", "Against document", "冲减单据", Kind.ID, width=16),
        _d("description", "Description", "摘要", width=28),
        _c("disputed", "Disputed", "有争议", Kind.FLAG, choices=YES_NO, width=10),
        _c("written_off", "Written off", "坏账核销", Kind.FLAG, choices=YES_NO, width=11),
        _d("notes", "Notes", "备注", width=24),
        _owned("paid", "Paid", "已收金额", Kind.MONEY),
        _owned("open_amount", "Open amount", "未收金额", Kind.MONEY),
        _owned("status", "Status", "状态", Kind.TEXT, 15),
        _owned("days_overdue", "Days overdue", "逾期天数", Kind.INT, 12),
        _owned("aging_bucket", "Aging bucket", "账龄区间", Kind.TEXT, 13),
        _owned("dunning_level", "Dunning level", "催收级别", Kind.TEXT, 16),
    ),
)

PAYMENTS = Sheet(
    "payments",
    "Payments",
    "收款记录",
    "tblPayments",
    (
        _c("payment_no", "Payment No.", "收款编号", Kind.ID, required=True, width=14),
        _c("customer_id", "Customer ID", "客户编号", Kind.ID, required=True, width=12),
        _c("date", "Date", "收款日期", Kind.DATE, required=True, width=12),
        _c("amount", "Amount", "金额", Kind.MONEY, required=True, width=14),
        _d("applied_to", "Applied to", "核销单据", Kind.ID, width=14),
        _d("method", "Method", "收款方式", Kind.CHOICE, choices=PAYMENT_METHODS, width=15),
        _d("reference", "Reference", "参考号", width=18),
        _d("notes", "Notes", "备注", width=24),
        _owned("applied", "Applied", "已核销", Kind.MONEY),
        _owned("unapplied", "Unapplied", "未核销", Kind.MONEY),
    ),
)

PLANS = Sheet(
    "plans",
    "Payment plans",
    "付款计划",
    "tblPlans",
    (
        _c("plan_id", "Plan ID", "计划编号", Kind.ID, required=True, width=12),
        _c("customer_id", "Customer ID", "客户编号", Kind.ID, required=True, width=12),
        _d("document_no", "Document No.", "单据编号", Kind.ID, width=14),
        _c("installment", "Installment", "期次", Kind.INT, required=True, width=11),
        _c("due_date", "Due date", "到期日", Kind.DATE, required=True, width=12),
        _c("amount", "Amount", "金额", Kind.MONEY, required=True, width=14),
        _d("notes", "Notes", "备注", width=24),
        _owned("paid", "Paid", "已付金额", Kind.MONEY),
        _owned("status", "Status", "状态", Kind.TEXT, 13),
    ),
)

COLLECTION_LOG = Sheet(
    "collection_log",
    "Collection log",
    "催收记录",
    "tblCollectionLog",
    (
        _c("date", "Date", "日期", Kind.DATE, required=True, width=12),
        _c("customer_id", "Customer ID", "客户编号", Kind.ID, required=True, width=12),
        _d("document_no", "Document No.", "单据编号", Kind.ID, width=14),
        _d("channel", "Channel", "渠道", Kind.CHOICE, choices=CHANNELS, width=11),
        _d("notice_level", "Dunning level", "催收级别", Kind.INT, width=12),
        _d("summary", "Summary", "沟通摘要", width=36),
        _c("promised_date", "Promised date", "承诺付款日", Kind.DATE, width=13),
        _c("promised_amount", "Promised amount", "承诺金额", Kind.MONEY, width=15),
        _d("next_follow_up", "Next follow-up", "下次跟进", Kind.DATE, width=13),
        _d("owner", "Owner", "负责人", width=12),
        _d("notes", "Notes", "备注", width=24),
        _owned("promise_status", "Promise status", "承诺状态", Kind.TEXT, 15),
    ),
)

#: The record sheets, in the order the template lays them out.
RECORD_SHEETS: tuple[Sheet, ...] = (CUSTOMERS, TRANSACTIONS, PAYMENTS, PLANS, COLLECTION_LOG)


@dataclass(frozen=True)
class Setting:
    """One key/value row of the Settings sheet."""

    key: str
    en: str
    zh: str
    kind: Kind
    default: str

    def label(self, lang: str) -> str:
        """Return the setting's label in language ``lang``."""
        return self.zh if lang == "zh" else self.en


SETTINGS_SHEET = Sheet(
    "settings",
    "Settings",
    "设置",
    "tblSettings",
    (
        _c("setting", "Setting", "设置项", Kind.TEXT, width=26),
        _c("value", "Value", "值", Kind.TEXT, width=34),
    ),
)

SETTINGS: tuple[Setting, ...] = (
    Setting("company_name", "Company name", "公司名称", Kind.TEXT, ""),
    Setting("company_address", "Company address", "公司地址", Kind.TEXT, ""),
    Setting("company_phone", "Company phone", "公司电话", Kind.TEXT, ""),
    Setting("company_email", "Company e-mail", "公司邮箱", Kind.TEXT, ""),
    Setting("bank_details", "Bank details", "收款账户", Kind.TEXT, ""),
    Setting("currency", "Currency", "币种", Kind.TEXT, "CNY"),
    Setting("as_of", "As-of date", "统计截止日", Kind.DATE, ""),
    Setting("default_terms_days", "Default terms days", "默认账期天数", Kind.INT, "30"),
    Setting("aging_bounds", "Aging buckets", "账龄分段", Kind.TEXT, "30,60,90,120"),
    Setting("language", "Language", "语言", Kind.CHOICE, "en"),
    Setting("grace_days", "Grace days", "宽限天数", Kind.INT, "0"),
    Setting("annual_interest_rate", "Annual interest rate %", "年利率%", Kind.PERCENT, "0"),
    Setting("dunning_minimum", "Dunning: minimum amount", "催收：最低金额", Kind.MONEY, "0"),
    Setting("hold_days_overdue", "Credit hold: days overdue", "信用冻结：逾期天数", Kind.INT, "60"),
    Setting(
        "hold_overdue_amount",
        "Credit hold: overdue amount",
        "信用冻结：逾期金额",
        Kind.MONEY,
        "1000",
    ),
)

#: The dunning ladder, a second table on the Settings sheet, to the right of the key/value table.
DUNNING_LEVELS = Sheet(
    "dunning_levels",
    "Dunning levels",
    "催收级别",
    "tblDunningLevels",
    (
        _c("level", "Level", "级别", Kind.INT, required=True, width=8),
        _c("name", "Name", "名称", Kind.TEXT, required=True, width=20),
        _c(
            "days_overdue_from",
            "Days overdue from",
            "逾期天数起",
            Kind.INT,
            required=True,
            width=17,
        ),
        _c(
            "min_days_since_last",
            "Min days since last notice",
            "距上次催收最少天数",
            Kind.INT,
            width=24,
        ),
        _c("fee", "Fee", "费用", Kind.MONEY, width=10),
        _c("letter_template", "Letter template", "函件模板", Kind.TEXT, width=16),
        _c("channel", "Channel", "渠道", Kind.CHOICE, choices=CHANNELS, width=11),
    ),
)

# Credit scoring: two more tables on the Settings sheet, to the right of the dunning levels.
CREDIT_FACTOR_CHOICES = ChoiceList(
    "factor",
    (
        Choice("overdue_share", "Overdue share %", "逾期占比%"),
        Choice("broken_promises", "Broken promises (12 months)", "违约承诺次数（12个月）"),
        Choice("missed_installments", "Missed instalments (12 months)", "逾期分期次数（12个月）"),
        Choice("utilisation", "Limit used %", "额度使用率%"),
        Choice("short_history", "History days", "往来天数"),
        Choice("written_off", "Written off %", "坏账核销占比%"),
    ),
)
#: The scorecard's factors: the points each takes off the timing score (see the README).
CREDIT_FACTORS = Sheet(
    "credit_factors",
    "Credit score factors",
    "信用评分因素",
    "tblCreditFactors",
    (
        _c(
            "factor",
            "Factor",
            "评分因素",
            Kind.CHOICE,
            required=True,
            choices=CREDIT_FACTOR_CHOICES,
            width=28,
        ),
        _c("weight", "Weight (points)", "权重（分）", Kind.INT, required=True, width=15),
        _c("full_at", "Full at", "满额值", Kind.INT, required=True, width=9),
    ),
)
#: The grades by score, and the limit and terms each suggests.
CREDIT_GRADES = Sheet(
    "credit_grades",
    "Credit grades",
    "信用等级表",
    "tblCreditGrades",
    (
        _c("grade", "Grade", "等级", Kind.TEXT, required=True, width=8),
        _c("score_from", "Score from", "评分起", Kind.INT, required=True, width=11),
        _c(
            "limit_months",
            "Limit in months of sales",
            "建议额度（月销售额倍数）",
            Kind.INT,
            width=22,
        ),
        _c("terms_days", "Suggested terms days", "建议账期天数", Kind.INT, width=20),
    ),
)
#: The tables of the Settings sheet besides its key/value table.
SETTINGS_TABLES: tuple[Sheet, ...] = (DUNNING_LEVELS, CREDIT_FACTORS, CREDIT_GRADES)

#: Default dunning level names in Chinese, by level, for the Chinese template.
DUNNING_NAMES_ZH = {0: "到期提醒", 1: "第一次催款", 2: "第二次催款", 3: "最后通牒"}


@dataclass(frozen=True)
class OwnedSheet:
    """A whole sheet that arsheet writes and rewrites; the user's edits there do not survive."""

    key: str
    en: str
    zh: str

    def name(self, lang: str) -> str:
        """Return the sheet's tab name in language ``lang``."""
        return self.zh if lang == "zh" else self.en

    def names(self) -> tuple[str, str]:
        """Return both tab names, English first."""
        return (self.en, self.zh)


DASHBOARD = OwnedSheet("dashboard", "Dashboard", "仪表盘")
SUMMARY = OwnedSheet("summary", "Summary", "客户汇总")
OPEN_ITEMS = OwnedSheet("open_items", "Open items", "未清明细")
AGING = OwnedSheet("aging", "Aging", "账龄分析")
DUNNING = OwnedSheet("dunning", "Dunning", "催收队列")
CHECK = OwnedSheet("check", "Check", "数据检查")

#: Sheets arsheet owns outright; their names are reserved in both languages.
OWNED_SHEETS: tuple[OwnedSheet, ...] = (DASHBOARD, SUMMARY, OPEN_ITEMS, AGING, DUNNING, CHECK)

HOW_TO = OwnedSheet("how_to", "How to use", "使用说明")

OWNED_HEADER_NOTE = {
    "en": "Computed by arsheet: overwritten at every recalculation, do not type here.",
    "zh": "由 arsheet 计算：每次重新计算都会覆盖，请勿在此输入。",
}


def record_sheet(key: str) -> Sheet:
    """Return the record sheet (or the settings/dunning table) with the given key."""
    for sheet in (*RECORD_SHEETS, SETTINGS_SHEET, *SETTINGS_TABLES):
        if sheet.key == key:
            return sheet
    raise KeyError(key)


def aging_labels(bounds: tuple[int, ...], lang: str) -> list[str]:
    """Return the bucket labels for the given inclusive upper bounds.

    >>> aging_labels((30, 60), "en")
    ['Current', '1–30', '31–60', '61+']
    """
    labels = ["未到期" if lang == "zh" else "Current"]
    low = 1
    for high in bounds:
        labels.append(f"{low}–{high}天" if lang == "zh" else f"{low}–{high}")
        low = high + 1
    labels.append(f"{low}天以上" if lang == "zh" else f"{low}+")
    return labels


#: The tabs of a new workbook, left to right.
TEMPLATE_ORDER: tuple[Sheet | OwnedSheet, ...] = (
    HOW_TO,
    DASHBOARD,
    *RECORD_SHEETS,
    SUMMARY,
    OPEN_ITEMS,
    DUNNING,
    AGING,
    CHECK,
    SETTINGS_SHEET,
)
