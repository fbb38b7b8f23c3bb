"""The template's "How to use" sheet: what each sheet is for, whose columns are whose, recalc.

Sheet names and column headers come from the contract, so the text follows any rename there.
"""

from __future__ import annotations

import math
import unicodedata

from openpyxl.styles import Alignment, Font
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from arsheet.book.contract import (
    AGING,
    CHECK,
    COLLECTION_LOG,
    CREDIT_FACTORS,
    CREDIT_GRADES,
    CUSTOMERS,
    DASHBOARD,
    DUNNING,
    HOW_TO,
    OPEN_ITEMS,
    PAYMENTS,
    PLANS,
    RECORD_SHEETS,
    SETTINGS,
    SETTINGS_SHEET,
    SUMMARY,
    TRANSACTIONS,
    OwnedSheet,
    Sheet,
)
from arsheet.book.look import INPUT_HEADER_FILL
from arsheet.template.dashboard import TITLE_FONT
from arsheet.template.howto_buttons import buttons_lines
from arsheet.template.howto_dunning import dunning_lines_en, dunning_lines_zh
from arsheet.template.record_sheets import FONT_NAME, fit_to_width

_AS_OF = next(s for s in SETTINGS if s.key == "as_of")
_HOLD = tuple(s for s in SETTINGS if s.key.startswith("hold_"))

_HEADING_FONT = Font(name=FONT_NAME, size=12, bold=True, color=INPUT_HEADER_FILL)
_LABEL_FONT = Font(name=FONT_NAME, size=11, bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
# Column B's width in characters, and the height in points of one wrapped line of text there.
_TEXT_WIDTH = 100
_LINE_HEIGHT = 15

# One entry per row: ("#", text) is a heading, (label, text) a bullet; the first is the title.
Line = tuple[str, str]


def add_howto_sheet(wb: Workbook, lang: str) -> Worksheet:
    """Add the How to use sheet, in the book's language, as the workbook's first sheet.

    Args:
        wb: the workbook.
        lang: the book's language.

    Returns:
        The new worksheet.
    """
    ws = wb.create_sheet(HOW_TO.name(lang))
    ws.sheet_properties.tabColor = "70AD47"
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = _TEXT_WIDTH
    ws.sheet_view.showGridLines = False
    (title, intro), *lines = _lines_zh() if lang == "zh" else _lines_en()
    ws["A1"] = title
    ws["A1"].font = TITLE_FONT
    ws["A2"] = intro
    ws["A2"].alignment = _WRAP
    ws.merge_cells("A2:B2")
    ws.row_dimensions[2].height = 32
    for row, (label, text) in enumerate(lines, start=4):
        if label == "#":
            ws.cell(row=row, column=1, value=text).font = _HEADING_FONT
            continue
        cell = ws.cell(row=row, column=1, value=f"• {label}")
        cell.font = _LABEL_FONT
        cell.alignment = _TOP
        ws.cell(row=row, column=2, value=text).alignment = _WRAP
        lines = _wrapped_lines(text)
        if lines > 1:
            ws.row_dimensions[row].height = _LINE_HEIGHT * lines
    fit_to_width(ws, "portrait")
    return ws


def _wrapped_lines(text: str) -> int:
    """Estimate how many lines ``text`` wraps to in column B (Calibri letters are narrow)."""
    width = sum(2.2 if unicodedata.east_asian_width(ch) in "WF" else 0.9 for ch in text)
    return math.ceil(width / _TEXT_WIDTH)


def _owned_lines(lang: str, computed: str) -> list[Line]:
    """Return one bullet per record sheet naming the columns arsheet computes there."""
    separator = "、" if lang == "zh" else ", "
    return [
        (sheet.name(lang), computed + separator.join(c.header(lang) for c in sheet.owned))
        for sheet in RECORD_SHEETS
        if sheet.owned
    ]


def _lines_en() -> list[Line]:
    """Return the English text."""

    def n(sheet: Sheet | OwnedSheet) -> str:
        return sheet.name("en")

    against = TRANSACTIONS.column("against_document").en
    applied_to = PAYMENTS.column("applied_to").en
    return [
        (
            "How to use this workbook",
            "Type your customers, invoices and payments on the sheets with blue headers. "
            "arsheet works out balances, aging, credit and dunning, and writes them into the grey "
            "columns and sheets.",
        ),
        ("#", "The sheets"),
        (
            n(DASHBOARD),
            "Headline figures, each with its change since the last month end; customers on "
            "credit hold and per grade. Charts: open amount by aging bucket, the ten largest "
            "overdue customers, the last twelve months, and the collection forecast: what is "
            "expected in each of the next 13 weeks (by each customer's usual days late, moved "
            "to a promised date or a plan's instalments).",
        ),
        (
            n(CUSTOMERS),
            "One row per customer: ID, name, contact details, payment terms, credit "
            "limit and who follows up.",
        ),
        (
            n(TRANSACTIONS),
            f"Invoices and credit notes. A credit note reduces the invoice in its "
            f"{against} column, or the customer's balance when that is blank.",
        ),
        (
            n(PAYMENTS),
            f"Money received. Put a document number in {applied_to} to settle that document; "
            "leave it blank and arsheet applies the payment to the oldest open documents.",
        ),
        (
            n(PLANS),
            "Instalments agreed with a customer, one row per instalment. arsheet fills Paid and "
            "Status (Paid, Due, Upcoming, Missed); a plan on track stops the dunning of its "
            "invoice.",
        ),
        (
            n(COLLECTION_LOG),
            "Every call, e-mail or visit, with any promise to pay: its Promise status is Kept, "
            "Broken or Open (an open promise pauses dunning until its date).",
        ),
        (
            n(SUMMARY),
            "One line per customer: open, overdue, credit score and grade with the reasons, "
            "suggested limit and terms, credit hold and why (computed).",
        ),
        (
            n(OPEN_ITEMS),
            "Every open document by customer, most overdue first, with the last contact and "
            "the next follow-up from the collection log, and the day its payment is expected: "
            "the list to work from (computed).",
        ),
        (
            n(DUNNING),
            "The collectors' worklist, by owner: each customer with a notice due now or "
            "waiting, highest level first, with the documents, amount, interest and fee the "
            "notice asks for, the last contact and notice, any promise or plan, the next "
            "follow-up (red when due), phone, e-mail and the next action; and the customers "
            "with overdue money that are not dunned, and why (computed).",
        ),
        (n(AGING), "Open amounts by customer and aging bucket (computed)."),
        (n(CHECK), "Every problem found in your data, with the cell to fix (computed)."),
        (
            n(SETTINGS_SHEET),
            "Your company details, currency, aging buckets, and the dunning "
            "levels: when each reminder goes out, and how. The "
            f"{CREDIT_FACTORS.name('en')} and {CREDIT_GRADES.name('en')} tables tune the "
            f"credit score; {_HOLD[0].label('en')} and {_HOLD[1].label('en')} decide a hold.",
        ),
        ("#", "Your columns and arsheet's"),
        (
            "Blue headers",
            "Yours: type, paste, sort and filter freely. Drop-down lists offer the "
            "allowed values; amounts and dates are formatted for you.",
        ),
        (
            "Grey headers",
            "Computed by arsheet and overwritten at every recalculation; the grey "
            "cells refuse typing.",
        ),
        *_owned_lines("en", "computed: "),
        ("#", "Check and recalculate"),
        (
            "Check",
            "arsheet check debt_tracker.xlsx  lists every problem as Sheet!Cell: message "
            "and changes nothing.",
        ),
        (
            "Recalculate",
            "arsheet recalc debt_tracker.xlsx  fills the grey columns and the "
            "owned sheets. Save and close the workbook in Excel first.",
        ),
        (
            _AS_OF.label("en"),
            "Blank in Settings means today; type a date to see the book as it stood on that day.",
        ),
        (
            "Payment plan",
            "arsheet plan debt_tracker.xlsx --customer C001 --document INV-0012 --count 6  "
            "splits the invoice into six monthly instalments and adds them to "
            f"{n(PLANS)}.",
        ),
        (
            "Order on credit",
            "arsheet credit debt_tracker.xlsx --customer C001 --amount 5000  says whether the "
            "order fits the customer's limit, grade and holds, and why.",
        ),
        *dunning_lines_en(),
        *buttons_lines("en"),
        ("#", "Protect the computed columns between runs"),
        (
            "Protect Sheet",
            "The grey cells are locked already. To make them read-only between runs, choose "
            "Review > Protect Sheet and tick Select unlocked cells, Sort and Use AutoFilter.",
        ),
        (
            "Before recalculating",
            "arsheet never writes through protection: it leaves a book with a protected sheet "
            "or a protected workbook structure unchanged and says which. Choose Review > "
            "Unprotect Sheet (or Protect Workbook) first, and protect it again afterwards.",
        ),
        (
            "Adding rows",
            "A protected sheet's table cannot grow: unprotect the sheet before adding rows too.",
        ),
        ("#", "Tips"),
        (
            "New rows",
            "Type in the first empty row under a table: the table grows, and formats "
            "and drop-downs come along.",
        ),
        ("Dates", "Type dates as 2024-09-30; 2024/9/30 works too."),
        (
            "Amounts",
            "Positive, at most two decimals. A credit note's amount is positive too: "
            "its Type makes it a credit.",
        ),
    ]


def _lines_zh() -> list[Line]:
    """Return the Chinese text."""

    def n(sheet: Sheet | OwnedSheet) -> str:
        return sheet.name("zh")

    against = TRANSACTIONS.column("against_document").zh
    applied_to = PAYMENTS.column("applied_to").zh
    return [
        (
            "使用说明",
            "在蓝色表头的工作表中录入客户、发票和收款；arsheet 计算余额、账龄、信用和催收，"
            "并写入灰色的列和工作表。",
        ),
        ("#", "各工作表"),
        (
            n(DASHBOARD),
            "主要指标及其较上月末的变化；信用冻结客户数和各信用等级客户数。图表：各账龄区间未收金额、"
            "逾期金额最大的十个客户、最近十二个月的情况，以及回款预测：未来 13 周每周预计收回的金额"
            "（按各客户通常的逾期天数推算，有付款承诺或分期计划的按其日期）。",
        ),
        (n(CUSTOMERS), "每个客户一行：编号、名称、联系方式、账期、信用额度和跟进人。"),
        (
            n(TRANSACTIONS),
            f"发票和贷项通知单。贷项通知单冲减“{against}”列中的发票；该列为空时冲减客户余额。",
        ),
        (
            n(PAYMENTS),
            f"收到的款项。在“{applied_to}”列填写单据编号即核销该单据；"
            f"留空则由 arsheet 按账龄从最早的未结单据开始核销。",
        ),
        (
            n(PLANS),
            "与客户约定的分期付款，每期一行。arsheet 填写已付金额和状态（已付、到期、未到期、"
            "逾期未付）；按计划付款的发票暂停催收。",
        ),
        (
            n(COLLECTION_LOG),
            "每次电话、邮件或拜访，以及客户的付款承诺；承诺状态为已兑现、未兑现或待兑现"
            "（待兑现的承诺在承诺日前暂停催收）。",
        ),
        (
            n(SUMMARY),
            "每个客户一行：未收、逾期、信用评分和等级及其原因、建议额度和账期、信用冻结及原因"
            "（自动计算）。",
        ),
        (
            n(OPEN_ITEMS),
            "按客户列出每张未结单据，逾期最久的在前，附催收记录中的最近联系日和下次跟进日，"
            "以及预计收款日：催收时照此逐一处理（自动计算）。",
        ),
        (
            n(DUNNING),
            "催收人员的工作清单，按负责人分组：每个今日应发或等待中的催收客户，级别高的在前，"
            "列出催收函涉及的单据、金额、利息和费用，最近联系和上次催收，付款承诺或分期，"
            "下次跟进日（到期标红）、电话、邮箱和下一步；以及有逾期款但不催收的客户及原因"
            "（自动计算）。",
        ),
        (n(AGING), "按客户和账龄区间列示的未收金额（自动计算）。"),
        (n(CHECK), "数据中发现的所有问题，以及需要修改的单元格（自动计算）。"),
        (
            n(SETTINGS_SHEET),
            "公司信息、币种、账龄分段，以及催收级别：何时、以何种方式发出催款。"
            f"“{CREDIT_FACTORS.name('zh')}”和“{CREDIT_GRADES.name('zh')}”两张表调整信用评分；"
            f"“{_HOLD[0].label('zh')}”和“{_HOLD[1].label('zh')}”决定是否信用冻结。",
        ),
        ("#", "哪些列由您填写，哪些由 arsheet 计算"),
        (
            "蓝色表头",
            "由您填写：可随意输入、粘贴、排序和筛选。下拉列表提供可选值；金额和日期已设置好格式。",
        ),
        ("灰色表头", "由 arsheet 计算，每次重新计算都会覆盖；灰色单元格不接受输入。"),
        *_owned_lines("zh", "自动计算："),
        ("#", "检查与重新计算"),
        ("检查", "arsheet check 应收账款.xlsx  列出所有问题（工作表!单元格：说明），不修改文件。"),
        (
            "重新计算",
            "arsheet recalc 应收账款.xlsx  填写灰色的列和自动生成的工作表。"
            "请先在 Excel 中保存并关闭工作簿。",
        ),
        (_AS_OF.label("zh"), "设置中留空表示今天；填写日期可查看截至该日的账目。"),
        (
            "分期计划",
            "arsheet plan 应收账款.xlsx --customer C001 --document INV-0012 --count 6  "
            f"将该发票分为每月一期、共六期，并添加到“{n(PLANS)}”表。",
        ),
        (
            "赊销检查",
            "arsheet credit 应收账款.xlsx --customer C001 --amount 5000  判断该订单是否在客户的"
            "额度、等级和冻结条件之内，并说明原因。",
        ),
        *dunning_lines_zh(),
        *buttons_lines("zh"),
        ("#", "在两次计算之间保护计算列"),
        (
            "保护工作表",
            "灰色单元格已锁定。如需在两次计算之间设为只读，请选择“审阅 > 保护工作表”，"
            "并勾选“选定未锁定的单元格”“排序”和“使用自动筛选”。",
        ),
        (
            "重新计算前",
            "arsheet 不会绕过保护写入：工作表或工作簿结构受保护时，文件保持不变并提示是哪一项。"
            "请先选择“审阅 > 撤消工作表保护”（或“保护工作簿”）取消保护，计算后再重新保护。",
        ),
        (
            "添加行",
            "受保护工作表中的表格无法自动扩展：添加行前同样请先撤消工作表保护。",
        ),
        ("#", "小提示"),
        ("新增行", "在表格下方第一个空行中输入，表格会自动扩展，格式和下拉列表随之生效。"),
        ("日期", "日期请输入为 2024-09-30，也可输入 2024/9/30。"),
        ("金额", "正数，最多两位小数。贷项通知单的金额同样填正数，由“类型”决定冲减。"),
    ]
