"""Texts of the sheets arsheet owns, in English and Chinese (record sheets: see the contract).

A count in an English text names what it counts after a colon, ``{rows:row}``, and reads "1 row"
or "4 rows" (:func:`counted`); Chinese needs no plural and writes the number alone.
"""

from __future__ import annotations

import string

from arsheet.book.contract import CUSTOMERS

LABELS: dict[str, tuple[str, str]] = {
    # Summary and Aging columns
    "next_action": ("Next action", "下一步"),
    "open_amount": ("Open", "未收金额"),
    "overdue_amount": ("Overdue", "逾期金额"),
    "overdue_pct": ("Overdue %", "逾期占比"),
    "oldest_days_overdue": ("Oldest overdue (days)", "最长逾期天数"),
    "unapplied_credit": ("Unapplied credit", "未核销贷项"),
    "net_balance": ("Net balance", "净余额"),
    "utilisation": ("Limit used", "额度使用率"),
    "available_credit": ("Available credit", "可用额度"),
    "over_limit": ("Over limit", "超额度"),
    "avg_days_late": ("Avg days late", "平均逾期天数"),
    "weighted_days_late": ("Weighted days late", "加权逾期天数"),
    "avg_days_to_pay": ("Avg days to pay", "平均回款天数"),
    "last_payment_date": ("Last payment", "最近收款日"),
    "dso": ("DSO (days)", "DSO（天）"),
    "total": ("Total", "合计"),
    # Titles
    "summary_title": ("Customer summary as of {as_of}", "客户汇总（截至 {as_of}）"),
    "aging_title": ("Aged receivables as of {as_of}", "应收账款账龄（截至 {as_of}）"),
    "aging_by_owner": ("By owner", "按负责人"),
    "check_title": ("Data check as of {as_of}", "数据检查（截至 {as_of}）"),
    "dashboard_title": ("Receivables dashboard as of {as_of}", "应收账款仪表盘（截至 {as_of}）"),
    "currency_note": ("Amounts in {currency}", "金额单位：{currency}"),
    # Check
    "place": ("Cell", "单元格"),
    "severity": ("Severity", "级别"),
    "message": ("Problem", "问题"),
    "error": ("Error", "错误"),
    "warning": ("Warning", "警告"),
    "no_problems": ("No problems found.", "未发现问题。"),
    "problem_count": ("{errors:error}, {warnings:warning}", "{errors} 个错误，{warnings} 个警告"),
    # Dashboard
    "total_open": ("Total open", "应收未收合计"),
    "total_overdue": ("Overdue", "逾期金额"),
    "best_possible_dso": ("Best possible DSO (days)", "最佳 DSO（天）"),
    "add": ("Average days delinquent", "平均拖欠天数 ADD"),
    "cei": ("Collection effectiveness (CEI)", "回款有效指数 CEI"),
    "customers_over_limit": ("Customers over limit", "超额度客户数"),
    "bad_debt_ratio": ("Bad-debt ratio", "坏账率"),
    "bucket": ("Bucket", "账龄区间"),
    "top_overdue": ("Top overdue customers", "逾期最多的客户"),
    "month": ("Month", "月份"),
    "open_at_month_end": ("Open at month end", "月末未收"),
    "collected": ("Collected", "当月回款"),
    # Banner when rows are left out (Dashboard, Summary, Aging)
    "left_out_banner": (
        "⚠ Left out of these figures because of errors: {rows:row}, of which documents:"
        " {documents} ({document_amount}), payments: {payments} ({payment_amount})."
        " See the {check} sheet.",
        "⚠ 有 {rows} 行因错误未计入本表数字：{documents} 张单据（{document_amount}）、"
        "{payments} 笔收款（{payment_amount}）。详见“{check}”表。",
    ),
    # Summary and Aging: disputed amounts, the legend, shares of the total
    "disputed_amount": ("Disputed", "争议金额"),
    "summary_legend": (
        "Red: over the credit limit, on credit hold, or an invoice {days}+ days overdue",
        "红色：超出信用额度、信用冻结，或有发票逾期 {days} 天以上",
    ),
    "pct_of_total": ("% of total", "占合计比例"),
    "aging_disputed_note": (
        "Disputed invoices stay in their buckets; Disputed shows how much of the open amount is"
        " disputed",
        "争议发票仍计入各账龄区间；“争议金额”列出未收金额中有争议的部分",
    ),
    # Open items
    "open_items_title": ("Open items as of {as_of}", "未清明细（截至 {as_of}）"),
    "last_contact": ("Last contact", "最近联系日"),
    "subtotal": ("Subtotal", "小计"),
    "expected_payment": ("Expected payment", "预计收款日"),
    # Dashboard charts: no customer overdue, the current month not yet over
    "no_overdue": ("No overdue customers", "无逾期客户"),
    "partial_month": ("{month} (to {day} {mon})", "{month}（截至{day}日）"),
    # Dashboard: credit holds and grades below the headline figures
    "credit_holds": ("Customers on credit hold", "信用冻结客户数"),
    "graded": ("Customers graded {grade}", "信用等级 {grade} 客户数"),
    "graded_new": ("New customers, not yet graded", "新客户（尚未评级）"),
    # Dashboard: the collection forecast's range
    "week": ("Week", "周"),
    "expected_collections": ("Expected collections", "预计回款"),
    "first_week": ("{week} (incl. overdue)", "{week}（含逾期）"),
    "later": ("Later", "更晚"),
    # Dashboard: the headline tiles' header
    "headline": ("Headline figures", "主要指标"),
    "as_of": ("As of {as_of}", "截至 {as_of}"),
    "change_since": ("Since {day}", "较 {day}"),
    # Credit: score, grade, hold and recommendations (Summary; Customers' own headers otherwise)
    "suggested_limit": ("Suggested limit", "建议额度"),
    "suggested_terms": ("Suggested terms (days, 0 = prepay)", "建议账期（天，0 = 预付）"),
    "hold_reasons": ("Why held", "冻结原因"),
    "credit_reasons": ("Why this score", "评分原因"),
    # Dunning: the collectors' worklist (reports/dunning_sheet.py)
    "dunning_title": ("Dunning worklist as of {as_of}", "催收队列（截至 {as_of}）"),
    "dunning_legend": (
        "Red: a follow-up due today or missed",
        "红色：跟进日为今天或已过",
    ),
    "no_owner": ("(no owner)", "（未分配）"),
    "notice_name": ("Level due", "应发级别"),
    "notice_state": ("Notice", "催收状态"),
    "notice_on": ("Next notice on", "下次催收日"),
    "due_now": ("Due now", "今日发送"),
    "waiting": ("Waiting", "等待"),
    "not_dunned_hold": ("Not dunned: on hold", "不催收：暂停催收"),
    "not_dunned_disputed": ("Not dunned: disputed", "不催收：有争议"),
    "not_dunned_plan": ("Not dunned: payment plan", "不催收：分期付款中"),
    "not_dunned_promise": ("Not dunned: promise to pay", "不催收：已承诺付款"),
    "not_dunned_below_minimum": ("Not dunned: below minimum", "不催收：低于最低金额"),
    "nothing_dunnable": ("Nothing to dun", "暂无需催收"),
    "documents": ("Documents", "单据数"),
    "document_numbers": ("Document No.", "单据编号"),
    "more_documents": ("{numbers} +{more} more", "{numbers} 等 {more} 张"),
    "dunned_amount": ("Dunned", "催收金额"),
    "interest": ("Interest", "利息"),
    "fee": ("Fee", "费用"),
    "notice_total": ("Notice total", "催收合计"),
    "last_notice": ("Last notice", "上次催收日"),
    "last_notice_name": ("Last notice level", "上次催收级别"),
    "promise_plan": ("Promise or plan", "承诺或分期"),
    "promised_by": ("Promised by {day}", "承诺 {day} 前付款"),
    "plan_on_track": ("Plan on track", "分期按时"),
    "plan_missed": ("Plan missed", "分期逾期"),
    "send_call": ("Call: {level}", "电话告知{level}"),
    "send_email": ("Send {level} by e-mail", "邮件发送{level}"),
    "send_sms": ("Send {level} by SMS", "短信发送{level}"),
    "send_wechat": ("Send {level} on WeChat", "微信发送{level}"),
    "send_visit": ("Visit: {level}", "上门送达{level}"),
    "send_letter": ("Send {level} by letter", "邮寄{level}"),
    "send_other": ("Send {level}", "发送{level}"),
    "wait_until": ("Wait: {level} on {day}", "等待：{day} 发送{level}"),
    "follow_up_due": ("Follow up: planned {day}", "跟进：原定 {day}"),
    "action_hold": ("On hold", "暂停催收"),
    "action_disputed": ("Resolve the dispute", "处理争议"),
    "action_plan": ("Watch the plan's instalments", "跟进分期付款"),
    "action_promise": ("Call: promised {day}", "电话跟进：承诺 {day} 付款"),
    "action_below_minimum": ("Below the minimum: no notice", "低于最低金额：不发催收函"),
}


def label(key: str, lang: str, **values: object) -> str:
    """Return the text for ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    Keys that are Customers columns (``customer_name``, ``owner``, ...) take the contract's
    header text, so a report never calls a column something the sheet does not.
    """
    if key not in LABELS:
        return CUSTOMERS.column(key).header(lang)
    text = LABELS[key][1 if lang == "zh" else 0]
    # The counting formatter parses in Python: a label without placeholders (a severity on each
    # row of the Check sheet) skips it.
    return _COUNTING.format(text, **values) if values else text


def counted(count: int, noun: str) -> str:
    """Return ``count`` with ``noun`` in English: singular for one, else plural (``noun`` + "s").

    Args:
        count: how many.
        noun: what is counted, in the singular (error, warning, customer, row).

    >>> counted(1, "warning"), counted(0, "error"), counted(2, "row")
    ('1 warning', '0 errors', '2 rows')
    """
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class _Counting(string.Formatter):
    """``str.format`` that also reads ``{rows:row}`` as :func:`counted` (a spec of letters)."""

    def format_field(self, value: object, format_spec: str) -> str:
        # One letter is a presentation type ("d", "x"...); a noun is longer.
        if isinstance(value, int) and len(format_spec) > 1 and format_spec.isalpha():
            return counted(value, format_spec)
        return super().format_field(value, format_spec)


_COUNTING = _Counting()
