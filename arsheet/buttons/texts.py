"""What each button tells the user when it is done, in the book's language.

One function per outcome, each returning the alert's text; the title is the button's label
(:mod:`arsheet.buttons.actions`). A button never saves the open book, so the texts that changed
it end by asking the user to save.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from arsheet.book.contract import (
    CHECK,
    COLLECTION_LOG,
    CUSTOMERS,
    DASHBOARD,
    DUNNING,
    PLANS,
    TRANSACTIONS,
)
from arsheet.buttons.actions import action_named
from arsheet.core.money import format_money
from arsheet.reports.labels import counted, label

if TYPE_CHECKING:
    from arsheet.api import Checked, Lettered, Planned, Stated
    from arsheet.pipeline import Recalculated


def title(action: str, lang: str) -> str:
    """Return the alert's title: arsheet and the button's label (``arsheet: Recalculate``)."""
    return f"arsheet{'：' if lang == 'zh' else ': '}{action_named(action).label(lang)}"


def save_to_keep(lang: str) -> str:
    """Return the reminder that the book is changed but not saved."""
    if lang == "zh":
        return "工作簿尚未保存：请保存以保留这些内容。"
    return "The book is not saved: save it to keep this."


def recalculated(done: Recalculated) -> str:
    """Return the figures of a recalculation: customers overdue, the overdue total, problems."""
    zh = done.lang == "zh"
    overdue, open_ = format_money(done.overdue_amount), format_money(done.open_amount)
    problems = done.errors or done.warnings
    if zh:
        return (
            f"已重新计算（截至 {done.as_of}）：{done.customers} 个客户中 "
            f"{done.customers_overdue} 个逾期，逾期 {overdue} {done.currency}，"
            f"未收合计 {open_}。错误 {done.errors} 个，警告 {done.warnings} 个"
            + (f"：见“{CHECK.zh}”表。" if problems else "。")
        )
    return (
        f"Recalculated as of {done.as_of}: {done.customers_overdue} of "
        f"{counted(done.customers, 'customer')} overdue, {overdue} {done.currency} overdue of "
        f"{open_} open. {counted(done.errors, 'error')}, {counted(done.warnings, 'warning')}"
        + (f": see the {CHECK.en} sheet." if problems else ".")
    )


def charts_missing(lang: str) -> str:
    """Return why the Dashboard the button added has no charts, and that its figures are right."""
    if lang == "zh":
        return (
            f"已添加“{DASHBOARD.zh}”表，其中的数字是正确的；图表只在用 arsheet new "
            "新建的工作簿中提供。"
        )
    return (
        f"The {DASHBOARD.en} sheet was added with the right figures; its charts come with a "
        "book made by arsheet new."
    )


def checked(found: Checked, selected: bool) -> str:
    """Return how many errors and warnings a check found, and the first one."""
    zh = found.lang == "zh"
    if not found.located:
        return "未发现问题。" if zh else "No problems found."
    first = found.located[0]
    if zh:
        return f"错误 {found.errors} 个，警告 {found.warnings} 个。第一个：{first.text}" + (
            "（已选中该单元格）" if selected else ""
        )
    return (
        f"{counted(found.errors, 'error')}, {counted(found.warnings, 'warning')}. "
        f"The first: {first.text}" + (" (selected)" if selected else "")
    )


def nothing_selected(action: str, lang: str) -> str:
    """Return what to select before pressing a button for a customer."""
    header = CUSTOMERS.column("customer_id").header(lang)
    sheets = [sheet.name(lang) for sheet in (CUSTOMERS, TRANSACTIONS, DUNNING)]
    if lang == "zh":
        document = f"选中“{TRANSACTIONS.zh}”表中的单据行时，计划即为该单据而定。"
        return (
            f"请先选中有“{header}”的一行（如“{'”、“'.join(sheets)}”等表中的行），再按此按钮。"
            + (document if action == "new_plan" else "")
        )
    what = f"a document's row on {TRANSACTIONS.en}, or " if action == "new_plan" else ""
    return (
        f"Select {what}a row with a {header} (on {', '.join(sheets)}, ...) first, then press "
        "the button again."
    )


def no_disk(action: str, lang: str) -> str:
    """Return why a button that writes files wrote none in xlwings Lite, and what to use."""
    command = f"arsheet {'letters' if action == 'letters' else 'statement'} BOOK --customer ID"
    if lang == "zh":
        return (
            "xlwings Lite 在浏览器中运行，写出的文件无法到达您的电脑：未生成、未登记任何内容。"
            f"请在桌面版 Excel 中使用按钮，或运行 {command}。"
        )
    return (
        "xlwings Lite runs in the browser, where files never reach your computer: nothing was "
        f"written or recorded. Use the buttons in desktop Excel, or run {command}."
    )


def lettered(done: Lettered, customer: str) -> str:
    """Return the notice written, where, and whether it was recorded; or why there is none."""
    zh = done.lang == "zh"
    if not done.notices:
        why = done.held.get(customer, "")
        reason = label(f"not_dunned_{why}" if why else "nothing_dunnable", done.lang)
        if zh:
            return f"{customer} 没有催收通知：{reason}。未生成任何信函。"
        return f"{customer} gets no notice: {reason}. Nothing was written."
    notice = done.notices[0]
    total = format_money(notice.total)
    files = _files(done.files, done.lang)
    if zh:
        text = f"{customer} 的{notice.level_name}（{total}）已写入 {done.out}：{files}。"
        if done.recorded:
            return text + f"已在“{COLLECTION_LOG.zh}”中登记。" + save_to_keep("zh")
        return text + "此通知通过邮件发出：arsheet send 发送成功后才会登记。"
    text = f"{notice.level_name} for {customer} ({total}) written to {done.out}: {files}."
    if done.recorded:
        return text + f" Recorded in the {COLLECTION_LOG.en}. " + save_to_keep("en")
    return text + " It goes by e-mail: arsheet send records it when it is delivered."


def stated(done: Stated, customer: str) -> str:
    """Return where the customer's statement was written."""
    files = done.files.get(customer, ())
    folder = files[0].parent if files else ""
    names = _files(files, done.lang)
    if done.lang == "zh":
        return f"{customer} 的对账单（{done.start} 至 {done.end}）已写入 {folder}：{names}。"
    return f"Statement for {customer} ({done.start} to {done.end}) written to {folder}: {names}."


def planned(done: Planned) -> str:
    """Return the new plan's ID and instalments, and that its rows can be edited."""
    zh = done.lang == "zh"
    whose = f"{done.customer_id}, {done.document_no}" if done.document_no else done.customer_id
    rows = "\n".join(f"{n}  {due}  {money:,.2f}" for n, due, money in done.instalments)
    if zh:
        return (
            f"已添加还款计划 {done.plan_id}（{whose}）：{done.amount:,.2f}，"
            f"分 {len(done.instalments)} 期每月付款：\n{rows}\n"
            f"可在“{PLANS.zh}”表中修改这些行。" + save_to_keep("zh")
        )
    return (
        f"Payment plan {done.plan_id} for {whose}: {done.amount:,.2f} in "
        f"{len(done.instalments)} monthly instalments:\n{rows}\n"
        f"Edit its rows on the {PLANS.en} sheet as you need. " + save_to_keep("en")
    )


def _files(files: Sequence[Path], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(f.name for f in files)
