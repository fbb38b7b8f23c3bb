"""The How to use sheet's part on dunning: the ladder, its settings, letters, statements, e-mail.

Each entry is a How to use line, ``("#", heading)`` or ``(label, text)``; setting and sheet
names come from the contract.
"""

from __future__ import annotations

from arsheet.book.contract import COLLECTION_LOG, DUNNING_LEVELS, SETTINGS

_SETTINGS = {
    s.key: s
    for s in SETTINGS
    if s.key in ("annual_interest_rate", "dunning_minimum", "company_email")
}


def dunning_lines_en() -> list[tuple[str, str]]:
    """Return the English text on the dunning ladder, its settings, letters and e-mail."""
    rate, minimum, email = (
        _SETTINGS[key].label("en")
        for key in ("annual_interest_rate", "dunning_minimum", "company_email")
    )
    return [
        ("#", "Dunning, letters and e-mail"),
        (
            DUNNING_LEVELS.name("en"),
            "On Settings, one row per level: from how many days overdue it applies (negative: a "
            "friendly reminder before the due date), the least days since the last notice, its "
            "fee, letter template and channel. A customer goes up one level at a time; paying "
            "drops it back. Hold dunning, disputed invoices, a plan on track and an open "
            "promise stop the notices.",
        ),
        (
            "Interest and minimum",
            f"{rate}: the notices show interest of open amount × rate × days overdue / 365 "
            f"(never booked). {minimum}: customers owing less are not dunned. {email}: "
            "the sender of the e-mails.",
        ),
        (
            "Letters",
            "arsheet letters debt_tracker.xlsx --out notices  writes each notice due, in the "
            "customer's language (--format html,txt,eml,docx,pdf), and records the letters it "
            f"issues in the {COLLECTION_LOG.name('en')}; --dry-run records nothing.",
        ),
        (
            "Statement",
            "arsheet statement debt_tracker.xlsx --customer C001  writes a statement of account "
            "with a confirmation slip to sign and return (--all: every customer).",
        ),
        (
            "Send",
            "arsheet send debt_tracker.xlsx --smtp smtp.example.com:587 --starttls  e-mails the "
            "notices due and logs each one sent, so a second run the same day sends nothing.",
        ),
        (
            "Your own letters",
            "Put a file named like a shipped template (first_notice.en.html, "
            "statement.zh.txt) in a folder called letters beside the workbook: arsheet uses "
            "yours instead.",
        ),
    ]


def dunning_lines_zh() -> list[tuple[str, str]]:
    """Return the Chinese text on the dunning ladder, its settings, letters and e-mail."""
    rate, minimum, email = (
        _SETTINGS[key].label("zh")
        for key in ("annual_interest_rate", "dunning_minimum", "company_email")
    )
    return [
        ("#", "催收、函件与邮件"),
        (
            DUNNING_LEVELS.name("zh"),
            "位于设置表，每个级别一行：逾期多少天起适用（负数表示到期前的友好提醒）、距上次催收"
            "最少天数、费用、函件模板和渠道。客户每次只升一级，付款后回落。暂停催收、有争议的"
            "发票、按计划付款的分期和待兑现的付款承诺都不发催收函。",
        ),
        (
            "利息与最低金额",
            f"“{rate}”：催收函按 未收金额 × 年利率 × 逾期天数 / 365 列示利息（不记入账目）。"
            f"“{minimum}”：欠款低于此金额的客户不催收。“{email}”：发送邮件的地址。",
        ),
        (
            "催收函",
            "arsheet letters 应收账款.xlsx --out 催收函  按客户的语言生成每份应发的催收函"
            f"（--format html,txt,eml,docx,pdf），并将发出的函件记入“{COLLECTION_LOG.name('zh')}”；"
            "--dry-run 不作记录。",
        ),
        (
            "对账单",
            "arsheet statement 应收账款.xlsx --customer C001  生成对账单及对账确认回执，"
            "供客户签字寄回（--all：全部客户）。",
        ),
        (
            "发送邮件",
            "arsheet send 应收账款.xlsx --smtp smtp.example.com:587 --starttls  以邮件发送应发的"
            "催收函，并逐份记入催收记录，当天再次运行不会重复发送。",
        ),
        (
            "自定义函件",
            "在工作簿旁建立 letters 文件夹，放入与内置模板同名的文件（如 first_notice.zh.html、"
            "statement.zh.txt），arsheet 即改用您的模板。",
        ),
    ]
