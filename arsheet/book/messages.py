"""The bilingual message catalogue, and a Problem rendered as ``Sheet!Cell: message``.

Example::

    problem = Problem("transactions", 14, "due_date", "not_a_date", value="2024-13-01")
    describe(problem, layouts, "en").text
    # 'Transactions!E14: due date "2024-13-01" is not a date'
    describe(problem, layouts, "zh").text  # with Chinese headers
    # '交易明细!E14：到期日“2024-13-01”不是有效日期'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from arsheet.book.address import column_letter
from arsheet.book.cells import MAX_AMOUNT_CENTS, with_decimal_point
from arsheet.book.contract import (
    CUSTOMERS,
    LANGUAGE_CHOICES,
    SETTINGS,
    SETTINGS_SHEET,
    SETTINGS_TABLES,
    TRANSACTIONS,
    ChoiceList,
    Kind,
    Sheet,
    record_sheet,
)
from arsheet.book.layout import SheetLayout
from arsheet.book.records import AGING_BOUND_MAXIMUM, INT_MAXIMUM, INT_MINIMUM
from arsheet.core.problems import Problem, Severity

#: code -> (English, Chinese). Placeholders: {field} (the column or setting, as the user calls
#: it), {value} (as typed), {header}, {first}, {other}, {date}, {choices}, {minimum}, {maximum},
#: {with_point} (an amount with a decimal comma, as arsheet reads it), {columns}, {customers},
#: {transactions}, {documents}, {document_amount}, {payments}, {payment_amount}, {others},
#: {table}, {type} and {expected} (a value's Python type and the types its column takes),
#: {open}, {document}, {count} and {plan} (a new payment plan's, and a plan it would double).
#: Codes ``then_*`` follow a warning about a field the record can do without.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing_value": ("{field} is missing", "缺少{field}"),
    "not_a_date": ('{field} "{value}" is not a date', "{field}“{value}”不是有效日期"),
    "date_out_of_range": (
        '{field} "{value}" is outside 1900-03-01 to 2199-12-31',
        "{field}“{value}”超出 1900-03-01 至 2199-12-31 的范围",
    ),
    "not_a_number": ('{field} "{value}" is not a number', "{field}“{value}”不是数字"),
    "too_many_decimals": (
        '{field} "{value}" has more than 2 decimals',
        "{field}“{value}”超过两位小数",
    ),
    "negative_amount": ('{field} "{value}" is negative', "{field}“{value}”不能为负数"),
    "zero_amount": ("{field} is zero", "{field}不能为零"),
    "not_a_whole_number": (
        '{field} "{value}" is not a whole number',
        "{field}“{value}”不是整数",
    ),
    "too_small": ('{field} "{value}" is less than {minimum}', "{field}“{value}”不能小于{minimum}"),
    "unknown_choice": (
        '{field} "{value}" is not one of {choices}',
        "{field}“{value}”不是可选值（{choices}）",
    ),
    "missing_column": (
        'the "{header}" column is missing, so this sheet\'s rows cannot be read',
        "缺少“{header}”列，本表数据无法读取",
    ),
    "no_header": (
        "no header row found in the first 20 rows (expected columns such as {columns})",
        "前 20 行中未找到表头行（应有{columns}等列）",
    ),
    "bad_aging_buckets": (
        '{field} "{value}" must be increasing whole numbers of days, at most {maximum}, such as'
        " 30,60,90,120",
        "{field}“{value}”应为递增的整数天数（最大为 {maximum}），例如 30,60,90,120",
    ),
    "duplicate_id": (
        '{field} "{value}" is already used in row {first}',
        "{field}“{value}”与第 {first} 行重复",
    ),
    "unknown_customer": (
        '{field} "{value}" is not a valid customer on the {customers} sheet',
        "{field}“{value}”不是{customers}表中的有效客户",
    ),
    "unknown_document": (
        '{field} "{value}" is not a valid document on the {transactions} sheet',
        "{field}“{value}”不是{transactions}表中的有效单据",
    ),
    "document_of_other_customer": (
        '{field} "{value}" belongs to another customer ({other})',
        "{field}“{value}”属于其他客户（{other}）",
    ),
    "credit_against_credit_note": (
        '{field} "{value}" is a credit note, not an invoice',
        "{field}“{value}”是贷项通知单，不是发票",
    ),
    "due_before_date": (
        "{field} {value} is before the document date {date}",
        "{field} {value} 早于单据日期 {date}",
    ),
    # What arsheet owns (a problem's "column" param places it at that header cell).
    "not_owned_column": (
        'column "{value}" has an arsheet name but is not an arsheet column; left as is',
        "“{value}”列与 arsheet 的计算列同名，但不是 arsheet 的列；已原样保留",
    ),
    # A problem never makes the figures silently smaller (issue 7): cascades, links, suffixes.
    "left_out_with_customer": (
        "this customer row is left out, and with it the rows of {value}: documents: {documents}"
        " ({document_amount}), payments: {payments} ({payment_amount}), plans and log: {others}",
        "该客户行未计入统计，{value} 的 {documents} 张单据（{document_amount}）、"
        "{payments} 笔收款（{payment_amount}）及 {others} 条计划和催收记录随之未计入",
    ),
    "future_document": (
        '{field} "{value}" is dated {date}, after the as-of date',
        "{field}“{value}”的日期 {date} 晚于统计截止日",
    ),
    "book_total_too_large": (
        "the amounts add up to more than {value}, more than arsheet can add exactly;"
        " no document or payment is counted",
        "金额合计超过 {value}，超出 arsheet 可精确计算的范围；所有单据和收款均未计入",
    ),
    "then_read_as_empty": (
        "; read as empty, the row stays in the figures",
        "；按空白处理，该行仍计入统计",
    ),
    "then_no_link": ("; treated as no link", "；按未指定单据处理"),
    # Parsing that never guesses: decimal commas, numbers out of range, cells without a value.
    "decimal_comma": (
        '{field} "{value}" has a decimal comma; type {with_point}',
        "{field}“{value}”使用了小数逗号，请输入 {with_point}",
    ),
    "too_large": (
        '{field} "{value}" is too large (at most {maximum})',
        "{field}“{value}”过大（最大为 {maximum}）",
    ),
    "formula_without_value": (
        "{field} is a formula without a computed value: open and save the book in Excel, "
        "or run arsheet from the button",
        "{field}是尚未计算出结果的公式：请在 Excel 中打开并保存工作簿，或通过按钮运行 arsheet",
    ),
    "error_value": ("{field} is an error value ({value})", "{field}是错误值（{value}）"),
    # Sheet XML and Tables (issue 7). {table}: the Excel Table's name.
    "below_table": (
        "this row is below the table {table} and is not read; resize the table to include it",
        "此行位于表格 {table} 下方，未被读取；请调整表格范围以包含此行",
    ),
    "rows_below_table": (
        "the table {table} did not grow when records were added below it, down to row {last};"
        " they are read as records: resize the table to include them",
        "表格 {table} 在下方添加记录时未自动扩展（至第 {last} 行）；这些行已作为记录读取，"
        "请调整表格范围以包含它们",
    ),
    # Rows appended to a record sheet (issue 8): each of these refuses the whole append.
    "append_empty_row": ("this new row has no values", "新增的这一行没有任何值"),
    "append_unknown_column": (
        '"{value}" is not a column of this sheet',
        "“{value}”不是本表的列",
    ),
    "append_owned_column": (
        "{field} is computed by arsheet and cannot be given",
        "{field}由 arsheet 计算，不能填写",
    ),
    "append_column_missing": (
        'the sheet has no "{header}" column for this value',
        "本表没有“{header}”列，无法填写此值",
    ),
    "append_wrong_type": (
        '{field} "{value}" is a {type}; give a {expected}',
        "{field}“{value}”的类型是 {type}，应为 {expected}",
    ),
    "append_cell_taken": (
        "this cell is not empty, and a new row would go here",
        "此单元格不是空的，而新增行要写在这里",
    ),
    "append_no_sheet": (
        "the book has no such sheet to append rows to",
        "工作簿中没有这张表，无法添加行",
    ),
    "append_text_too_long": (
        "{field} is {value} characters long; a cell holds at most 32,767",
        "{field}长 {value} 个字符，一个单元格最多容纳 32,767 个",
    ),
    "before_1904": (
        '{field} "{value}" is before 1904-01-01, the first day a 1904 date system book holds',
        "{field}“{value}”早于 1904-01-01，采用 1904 日期系统的工作簿无法保存更早的日期",
    ),
    "append_table_full": (
        "the table {table} has a totals row and too few empty rows above it for the rows to"
        " add ({value}); insert empty rows into the table in Excel and try again",
        "表格 {table} 有汇总行，其上方已没有空行可容纳 {value} 行新记录；"
        "请在 Excel 中向表格插入空行后重试",
    ),
    # Appends attacked (issue 8, helper hostile).
    "append_sheet_full": (
        "the sheet ends at row 1,048,576, with too little room below its last record for the"
        " rows to add ({value})",
        "工作表最多到第 1,048,576 行，最后一条记录下方放不下 {value} 行新记录",
    ),
    "append_unstorable_text": (
        "this text has a character a workbook cannot hold (half a UTF-16 pair, U+FFFE or"
        " U+FFFF); remove it",
        "此文本含有工作簿无法保存的字符（不成对的 UTF-16 代理项、U+FFFE 或 U+FFFF），请删除",
    ),
    # A new payment plan (``arsheet plan``) the book refuses.
    "plan_document_paid": (
        '{field} "{value}" has nothing left to pay; a plan needs an open invoice',
        "{field}“{value}”已无未收金额，付款计划只能针对未结清的发票",
    ),
    "plan_not_an_invoice": (
        '{field} "{value}" is a credit note; a plan pays an invoice',
        "{field}“{value}”是贷项通知单，付款计划只能针对发票",
    ),
    "plan_above_open": (
        "the plan's amount {value} is more than the {open} still open on {document}",
        "计划金额 {value} 超过 {document} 的未收金额 {open}",
    ),
    "plan_nothing_owed": (
        "customer {value} owes nothing; give the plan's amount",
        "客户 {value} 没有未收余额，请指定计划金额",
    ),
    "plan_too_small": (
        "{value} cannot be split into {count} instalments of at least 0.01",
        "{value} 不足以分成 {count} 期（每期至少 0.01）",
    ),
    # hostile: a second plan for what a plan still pays ({plan}: that plan's ID).
    "plan_exists": (
        "{value} has plan {plan} with instalments still to pay; money paid would count toward "
        "both plans: delete its rows first to plan anew",
        "{value} 已有尚未付清的付款计划 {plan}，同一笔付款会同时计入两个计划："
        "请先删除其行再重新制定",
    ),
    # hostile: a plan for a document dated after the as-of date ({date}: the as-of date).
    "plan_document_later": (
        '{field} "{value}" is dated after the as-of date {date}; set a later As-of date on '
        "Settings to plan it",
        "{field}“{value}”的日期晚于截至日期 {date}：请先在设置表中把截至日期改晚，再制定付款计划",
    ),
    # hostile: a promise dated before the log entry that records it ({date}: the entry's).
    "promised_before_entry": (
        "{field} {value} is before the entry's own date {date}; read as no promise",
        "{field} {value} 早于该记录的日期 {date}，按未承诺处理",
    ),
    # hostile (issue 11): a logged Dunning level the ladder has not ({expected}: its levels).
    "unknown_notice_level": (
        '{field} "{value}" is not one of the Dunning levels on Settings ({expected})',
        "{field}“{value}”不在设置表的催收级别中（{expected}）",
    ),
    # A rate typed as 10% in a percent-formatted cell is stored, and read, as 0.1.
    "interest_rate_below_one": (
        '{field} "{value}" is less than 1 % a year: a cell formatted as a percentage holds 10 % '
        "as 0.1; for ten percent type 10",
        "{field}“{value}”低于年 1%：设为百分比格式的单元格把 10% 存为 0.1；年利率 10% 请输入 10",
    ),
}

_SEVERITY = {
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning"},
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告"},
}
_PLAIN_NAME = re.compile(r"^\w+$")


@dataclass(frozen=True)
class Located:
    """A problem as the user reads it.

    Attributes:
        place: ``Transactions!E14``, a whole row ``Transactions!3:3`` or a sheet ``Transactions``.
        severity: error or warning.
        message: the message in the book's language.
        text: ``place`` and ``message`` joined, e.g. ``Transactions!E14: due date ...``.
    """

    place: str
    severity: Severity
    message: str
    text: str


def describe(problem: Problem, layouts: Mapping[str, SheetLayout], lang: str) -> Located:
    """Return ``problem`` located at its cell, with its message in language ``lang``.

    Args:
        problem: a parse or validation problem (table = sheet key, row = sheet row).
        layouts: where the reader found each sheet's columns.
        lang: ``"en"`` or ``"zh"``.
    """
    place = _place(problem, layouts.get(problem.table), lang)
    message = _message(problem, layouts.get(problem.table), lang)
    colon = "：" if lang == "zh" else ": "
    return Located(place, problem.severity, message, f"{place}{colon}{message}")


def describe_all(
    problems: Iterable[Problem], layouts: Mapping[str, SheetLayout], lang: str
) -> list[Located]:
    """Return every problem located, sorted by sheet (contract order), row, then column."""
    tables = (*_TABLES, "settings", *(t.key for t in SETTINGS_TABLES))
    order = {key: i for i, key in enumerate(tables)}

    def key(p: Problem) -> tuple[int, int, int]:
        layout = layouts.get(p.table)
        column = layout.columns.get(p.field, 0) if layout and p.field else 0
        return (order.get(p.table, len(order)), p.row if isinstance(p.row, int) else 0, column)

    return [describe(p, layouts, lang) for p in sorted(problems, key=key)]


def severity_label(severity: Severity, lang: str) -> str:
    """Return "error"/"warning" (or 错误/警告) for ``lang``."""
    return _SEVERITY["zh" if lang == "zh" else "en"][severity]


_TABLES = ("customers", "transactions", "payments", "plans", "collection_log")


def _sheet_name(table: str, layout: SheetLayout | None, lang: str) -> str:
    if layout is not None:
        name = layout.name
    elif table in {t.key for t in SETTINGS_TABLES}:
        name = SETTINGS_SHEET.name(lang)
    else:
        name = record_sheet(table).name(lang)
    return name if _PLAIN_NAME.match(name) else "'" + name.replace("'", "''") + "'"


def _place(problem: Problem, layout: SheetLayout | None, lang: str) -> str:
    sheet = _sheet_name(problem.table, layout, lang)
    if not isinstance(problem.row, int):
        return sheet
    column = layout.columns.get(problem.field) if layout and problem.field else None
    if column is None and problem.param("column"):
        column = int(problem.param("column"))
    if column is None:
        return f"{sheet}!{problem.row}:{problem.row}"
    return f"{sheet}!{column_letter(column)}{problem.row}"


def _field_label(table: str, field: str | None, lang: str) -> str:
    if field is None:
        return ""
    if table == SETTINGS_SHEET.key:
        label = next(s.label(lang) for s in SETTINGS if s.key == field)
    else:
        label = record_sheet(table).column(field).header(lang)
    if lang == "zh" or (len(label) > 1 and label[1].isupper()):
        return label
    return label[0].lower() + label[1:]


def _choices(table: str, field: str | None, lang: str) -> str:
    choices: ChoiceList | None = LANGUAGE_CHOICES
    if table != SETTINGS_SHEET.key and field is not None:
        choices = record_sheet(table).column(field).choices
    return ("、" if lang == "zh" else ", ").join(choices.labels(lang)) if choices else ""


def _maximum(field: str | None) -> str:
    """Return the largest value of a whole-number field, or else the largest amount."""
    if field == "aging_bounds":
        return str(AGING_BOUND_MAXIMUM)
    if field in INT_MAXIMUM:
        return str(INT_MAXIMUM[field])
    return f"{MAX_AMOUNT_CENTS // 100:,}.{MAX_AMOUNT_CENTS % 100:02d}"


def _message(problem: Problem, layout: SheetLayout | None, lang: str) -> str:
    en, zh = MESSAGES.get(problem.code, ("{field}: {code}", "{field}：{code}"))
    header_lang = layout.lang if layout is not None else lang
    sheet = record_sheet(problem.table) if problem.table != SETTINGS_SHEET.key else None
    values = {
        "code": problem.code,
        "field": _field_label(problem.table, problem.field, lang),
        "value": problem.value,
        "header": sheet.column(problem.field).header(header_lang)
        if sheet and problem.field
        else "",
        "choices": _choices(problem.table, problem.field, lang) if problem.field else "",
        "minimum": str(INT_MINIMUM.get(problem.field or "", 0)),
        "maximum": _maximum(problem.field),
        "with_point": with_decimal_point(problem.value) if problem.code == "decimal_comma" else "",
        "columns": ("、" if lang == "zh" else ", ").join(
            c.header(lang) for c in sheet.inputs if c.required
        )
        if sheet
        else "",
        "customers": CUSTOMERS.name(lang),
        "transactions": TRANSACTIONS.name(lang),
        "first": "",
        "other": "",
        "date": "",
        **dict.fromkeys(
            ("documents", "document_amount", "payments", "payment_amount", "others"), ""
        ),
        "table": "",
        "last": "",
        "type": "",
        "expected": "",
        **dict.fromkeys(("open", "document", "count", "plan"), ""),
        **dict(problem.params),
    }
    text = (zh if lang == "zh" else en).format(**values)
    return text + _then(problem, sheet, lang)


def _then(problem: Problem, sheet: Sheet | None, lang: str) -> str:
    """Return what became of a field the record can do without, after a warning about it."""
    if problem.severity is not Severity.WARNING or sheet is None or problem.field is None:
        return ""
    column = sheet.column(problem.field)
    if not column.dispensable:
        return ""
    en, zh = MESSAGES["then_no_link" if column.kind is Kind.ID else "then_read_as_empty"]
    return zh if lang == "zh" else en
