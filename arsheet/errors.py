"""Exceptions that stop a run, raised only at the boundaries, each with a bilingual message."""

from __future__ import annotations

from pathlib import Path


class ArsheetError(Exception):
    """Base of everything that stops a run; ``message(lang)`` is what the user reads."""

    exit_code = 2

    def message(self, lang: str = "en") -> str:
        """Return one sentence for the user in language ``lang``."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.message("en")


class NotABook(ArsheetError):
    """The file cannot be read as an arsheet workbook; ``reason_en``/``reason_zh`` say why."""

    def __init__(self, path: Path, reason_en: str, reason_zh: str) -> None:
        super().__init__(path, reason_en)
        self.path = path
        self.reason_en = reason_en
        self.reason_zh = reason_zh

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            return f"无法作为 arsheet 工作簿读取 {self.path.name}：{self.reason_zh}"
        return f"{self.path.name} cannot be read as an arsheet workbook: {self.reason_en}"


class BookLocked(ArsheetError):
    """Another program (Excel, WPS, LibreOffice) has the workbook open."""

    def __init__(self, path: Path, lock_file: Path) -> None:
        super().__init__(path, lock_file)
        self.path = path
        self.lock_file = lock_file

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            return (
                f"{self.path.name} 正在被其他程序（Excel、WPS 或 LibreOffice）打开"
                f"（发现锁文件 {self.lock_file.name}），请先关闭后再试；文件未作任何改动。"
            )
        return (
            f"{self.path.name} is open in another program (Excel, WPS or LibreOffice; found "
            f"{self.lock_file.name}). Close it and try again; nothing was changed."
        )


class BookReadOnly(ArsheetError):
    """The workbook is marked read-only; arsheet does not replace it behind the user's back."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.path = path

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            return f"{self.path.name} 是只读文件，未作任何改动；如需重新计算，请先取消只读属性。"
        return (
            f"{self.path.name} is read-only, so nothing was changed; "
            "clear its read-only mark to recalculate it."
        )


class CannotWrite(ArsheetError):
    """The workbook could not be saved; the original is untouched.

    ``reason_zh`` is the reason in Chinese; without it (the system's own words for an OS error)
    the Chinese message quotes ``reason``.
    """

    def __init__(self, path: Path, reason: str, reason_zh: str | None = None) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason
        self.reason_zh = reason_zh

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            return f"无法保存 {self.path.name}：{self.reason_zh or self.reason}；原文件未改动。"
        return f"Could not save {self.path.name}: {self.reason}; the original is unchanged."


class BookChanged(ArsheetError):
    """The workbook was saved by someone else after arsheet read it; writing would undo that."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.path = path

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            return (
                f"{self.path.name} 在 arsheet 读取之后已被其他程序或另一次运行保存，"
                "未作任何改动；请重新运行。"
            )
        return (
            f"{self.path.name} was saved by another program or run after arsheet read it, "
            "so nothing was changed; run again."
        )


class BookNotWritable(ArsheetError):
    """Others may write the workbook but this user may not; replacing it would take it over."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.path = path

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            return (
                f"您没有写入 {self.path.name} 的权限，未作任何改动；"
                "如需重新计算，请让文件所有者授予写权限。"
            )
        return (
            f"{self.path.name} may not be written by you, so nothing was changed; "
            "ask its owner for write permission to recalculate it."
        )


class BookProtected(ArsheetError):
    """A sheet arsheet writes is protected, or the workbook's structure is locked.

    ``sheet`` is the protected sheet's tab name, or None when the workbook's structure is locked.
    """

    def __init__(self, path: Path, sheet: str | None) -> None:
        super().__init__(path, sheet)
        self.path = path
        self.sheet = sheet

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            if self.sheet is None:
                return (
                    f"{self.path.name} 的工作簿结构受保护，未作任何改动；请先在 Excel 中"
                    "选择“审阅 > 保护工作簿”取消保护，再重新计算，之后可重新保护。"
                )
            return (
                f"{self.path.name} 的工作表“{self.sheet}”受保护，未作任何改动；请先在 Excel 中"
                "选择“审阅 > 撤消工作表保护”，再重新计算，之后可重新保护。"
            )
        if self.sheet is None:
            return (
                f"{self.path.name}: the workbook's structure is protected, so nothing was "
                "changed. Unprotect it in Excel (Review > Protect Workbook), recalculate, "
                "then protect it again if you like."
            )
        return (
            f"{self.path.name}: the sheet {self.sheet!r} is protected, so nothing was changed. "
            "Unprotect it in Excel (Review > Unprotect Sheet), recalculate, "
            "then protect it again if you like."
        )


class RowsRefused(ArsheetError):
    """Rows to append do not fit their sheet; nothing was written.

    ``problems_en`` and ``problems_zh`` are the problems, each located at its cell
    (``Payments!D14: amount "12,50" has a decimal comma; type 12.50``), in each language.
    """

    def __init__(
        self, path: Path, problems_en: tuple[str, ...], problems_zh: tuple[str, ...]
    ) -> None:
        super().__init__(path, problems_en)
        self.path = path
        self.problems_en = problems_en
        self.problems_zh = problems_zh

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            return f"未向 {self.path.name} 添加任何行，文件未改动：" + "；".join(self.problems_zh)
        return f"No rows were appended to {self.path.name}, which is unchanged: " + "; ".join(
            self.problems_en
        )


class UnknownCustomer(ArsheetError):
    """The book has no customer of that ID among the records it computes."""

    def __init__(self, path: Path | None, customer_id: str) -> None:
        super().__init__(path, customer_id)
        self.path = path
        self.customer_id = customer_id

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            where = self.path.name if self.path else "该工作簿"
            return (
                f"{where} 中没有客户编号为 {self.customer_id} 的客户"
                "（或该客户行有错误而未计入，请运行 arsheet check 查看）。"
            )
        where = self.path.name if self.path else "the book"
        return (
            f"{where} has no customer {self.customer_id} (or its row was left out for errors; "
            "arsheet check lists them)."
        )


# --- Letters as PDF (arsheet/letters/pdf.py) ---


class PdfNeedsLibreOffice(ArsheetError):
    """PDF letters were asked for, but LibreOffice, which prints them, is not installed."""

    def __init__(self) -> None:
        super().__init__()

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            return (
                "生成 PDF 需要 LibreOffice，但未找到它：请安装 LibreOffice"
                "（https://www.libreoffice.org），或改为生成 html 或 docx 格式。"
            )
        return (
            "PDF needs LibreOffice, which was not found: install it (https://www.libreoffice.org), "
            "or ask for html or docx."
        )


class PdfFailed(ArsheetError):
    """LibreOffice did not print some letters as PDF; ``files`` names them."""

    def __init__(self, files: tuple[str, ...], reason_en: str, reason_zh: str) -> None:
        super().__init__(files, reason_en)
        self.files = files
        self.reason_en = reason_en
        self.reason_zh = reason_zh

    def message(self, lang: str = "en") -> str:
        names = ", ".join(self.files)
        if lang == "zh":
            return f"LibreOffice 未能将 {names} 转为 PDF（{self.reason_zh}），未写入任何 PDF。"
        return f"LibreOffice could not print {names} as PDF ({self.reason_en}); no PDF was written."


# Letters (issue 11): a letter template that cannot be rendered, notices that cannot be mailed.


class TemplateFailed(ArsheetError):
    """A letter template is missing, is not valid Jinja, or fails while it is filled in.

    ``template`` names the file (``letters/first_notice.en.html`` for the user's own,
    ``first_notice.en.html`` for one arsheet ships), ``line`` its line when known.
    """

    def __init__(
        self, template: str, line: int | None, reason_en: str, reason_zh: str | None = None
    ) -> None:
        super().__init__(template, line, reason_en)
        self.template = template
        self.line = line
        self.reason_en = reason_en
        self.reason_zh = reason_zh

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            where = f"第 {self.line} 行" if self.line else ""
            return (
                f"信函模板 {self.template} {where}有误：{self.reason_zh or self.reason_en}；"
                "未生成任何信函。"
            )
        where = f", line {self.line}," if self.line else ""
        return (
            f"The letter template {self.template}{where} cannot be used: {self.reason_en}; "
            "no letters were written."
        )


class NoSender(ArsheetError):
    """E-mails were asked for but the Settings name no Company e-mail to send them from."""

    exit_code = 1

    def __init__(self, path: Path | None) -> None:
        super().__init__(path)
        self.path = path

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            where = self.path.name if self.path else "该工作簿"
            return (
                f"{where} 的“设置”表中没有填写“公司邮箱”，无法生成邮件（.eml）；"
                "请填写后重试，未生成任何信函。"
            )
        where = self.path.name if self.path else "The book"
        return (
            f"{where}: the Settings have no Company e-mail to send from, so no e-mail (.eml) "
            "can be made; fill it in and run again. No letters were written."
        )


# Sending notices by e-mail (arsheet send).


class MailServerUnreachable(ArsheetError):
    """The mail server could not be reached, or the connection could not be protected.

    ``reason_zh`` is the reason in Chinese; without it (the system's own words for a socket or
    TLS error) the Chinese message quotes ``reason``.
    """

    def __init__(self, server: str, reason: str, reason_zh: str | None = None) -> None:
        super().__init__(server, reason)
        self.server = server
        self.reason = reason
        self.reason_zh = reason_zh

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            reason = self.reason_zh or self.reason
            return f"无法连接邮件服务器 {self.server}：{reason}；未发送任何邮件。"
        return f"Could not reach the mail server {self.server}: {self.reason}; nothing was sent."


class MailLoginRefused(ArsheetError):
    """The mail server refused the user name and password."""

    def __init__(self, server: str, user: str, reply: str) -> None:
        super().__init__(server, user, reply)
        self.server = server
        self.user = user
        self.reply = reply

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            return (
                f"邮件服务器 {self.server} 拒绝了用户 {self.user} 的登录（{self.reply}）；"
                "未发送任何邮件，请检查用户名和密码。"
            )
        return (
            f"The mail server {self.server} refused the login of {self.user} ({self.reply}); "
            "nothing was sent. Check the user name and password."
        )


class NoSenderAddress(ArsheetError):
    """The Settings have no Company e-mail, the address notices are sent from."""

    def __init__(self, path: Path | None) -> None:
        super().__init__(path)
        self.path = path

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            where = self.path.name if self.path else "该工作簿"
            return f"{where} 的设置中没有“公司邮箱”，催收邮件无从发出；未发送任何邮件。"
        where = self.path.name if self.path else "The book"
        return (
            f"{where} has no Company e-mail in its Settings to send the notices from; "
            "nothing was sent."
        )


class SentNotRecorded(ArsheetError):
    """Notices were delivered but could not be added to the Collection log.

    ``customers`` are the IDs of the customers the notices went to; ``cause`` is why the book
    could not be written. Until the rows are added by hand, a new run sends them again.
    """

    def __init__(self, path: Path | None, customers: tuple[str, ...], cause: ArsheetError) -> None:
        super().__init__(path, customers, cause)
        self.path = path
        self.customers = customers
        self.cause = cause

    def message(self, lang: str = "en") -> str:
        who = ", ".join(self.customers)
        if lang == "zh":
            where = self.path.name if self.path else "该工作簿"
            return (
                f"已向 {who} 发出催收邮件，但无法记入 {where} 的催收记录"
                f"（{self.cause.message('zh').rstrip('。')}）；请手动补记，否则再次运行会重复发送。"
            )
        where = self.path.name if self.path else "the book"
        return (
            f"Notices were sent to {who} but could not be added to the Collection log of "
            f"{where} ({self.cause.message('en').rstrip('.')}); add them by hand, or the next "
            "run sends them again."
        )


# Hostile testing of issue 11: notices that could not be recorded must not be issued.


class NoNoticeLevelColumn(ArsheetError):
    """The Collection log has no Dunning level column (a book made before dunning notices), or
    the book no Collection log at all.

    The notices issued are recorded in that column, and it is what stops the next run from
    issuing them again, so nothing is sent or written until the user adds it. ``sheet`` is the
    Collection log's name when the sheet itself is missing.
    """

    def __init__(self, path: Path | None, header: str, sheet: str = "") -> None:
        super().__init__(path, header, sheet)
        self.path = path
        self.header = header
        self.sheet = sheet

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            where = self.path.name if self.path else "该工作簿"
            missing = (
                f"没有“{self.sheet}”表" if self.sheet else f"的“催收记录”表没有“{self.header}”列"
            )
            add = f"“{self.sheet}”表" if self.sheet else f"“{self.header}”列"
            return (
                f"{where} {missing}，发出的催收通知无法登记，下次运行会重复发出；"
                f"请添加{add}后重试。未发出任何通知。"
            )
        where = self.path.name if self.path else "The book"
        missing = (
            f"has no {self.sheet} sheet"
            if self.sheet
            else f"the Collection log has no “{self.header}” column"
        )
        add = (
            f"a {self.sheet} sheet"
            if self.sheet
            else f"a column headed “{self.header}” to the Collection log"
        )
        return (
            f"{where}: {missing}, so the notices issued could not be recorded and the next run "
            f"would issue them again; add {add} and run again. No notice was issued."
        )


# --- The VBA route: macro-enabled books and their buttons (issue 12) ---


class NoXlwings(ArsheetError):
    """A macro-enabled book needs xlwings installed: its VBA project is xlwings' own.

    ``detail`` says what was wrong with the installed xlwings, None when it is not installed.
    """

    def __init__(self, detail: str | None) -> None:
        super().__init__(detail)
        self.detail = detail

    def message(self, lang: str = "en") -> str:
        if self.detail is None:
            if lang == "zh":
                return (
                    '带按钮的工作簿需要 xlwings：请运行 pip install "arsheet[excel]" 后重试；'
                    "未作任何改动。"
                )
            return (
                'A book with buttons needs xlwings: run pip install "arsheet[excel]" and try '
                "again; nothing was changed."
            )
        if lang == "zh":
            return (
                f"已安装的 xlwings 缺少其示例工作簿（{self.detail}）；请重新安装 xlwings 后重试；"
                "未作任何改动。"
            )
        return (
            f"The installed xlwings lacks its quickstart book ({self.detail}); reinstall xlwings "
            "and try again; nothing was changed."
        )


class NotAModuleName(ArsheetError):
    """A macro-enabled book's name must be a Python module name: its buttons import it."""

    def __init__(self, path: Path, suggestion: str) -> None:
        super().__init__(path, suggestion)
        self.path = path
        self.suggestion = suggestion

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            return (
                f"{self.path.name}：带按钮的工作簿，其文件名（不含扩展名）须是 Python 模块名"
                f"（字母、汉字、数字和下划线，不以数字开头），因为按钮会导入与之同名的 .py 文件；"
                f"可改名为 {self.suggestion}。未作任何改动。"
            )
        return (
            f"{self.path.name}: a book with buttons must be named like a Python module (letters, "
            "digits and underscores, not starting with a digit), as its buttons import the .py "
            f"file of the same name; try {self.suggestion}. Nothing was changed."
        )


class ForeignMacros(ArsheetError):
    """The book already holds a VBA project that is not arsheet's: the user's macros stay."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.path = path

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            return (
                f"{self.path.name} 已含有您自己的宏，arsheet 不会替换它们；请在 VBA 编辑器中"
                "导入 macros/arsheet.bas（需安装 xlwings 加载项），再把按钮指定到其中的宏。"
                "未作任何改动。"
            )
        return (
            f"{self.path.name} already holds macros of its own, which arsheet does not replace; "
            "import macros/arsheet.bas in the VBA editor instead (with the xlwings add-in) and "
            "assign its macros to buttons. Nothing was changed."
        )


class ModuleFileExists(ArsheetError):
    """The Python file a book's buttons import exists already, with other contents."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.path = path

    def message(self, lang: str = "en") -> str:
        if lang == "zh":
            return (
                f"{self.path.name} 已存在且内容不同，arsheet 不会覆盖它；请将其移走或给工作簿"
                "改名后重试。未作任何改动。"
            )
        return (
            f"{self.path.name} exists already with other contents, and arsheet does not "
            "overwrite it; move it away or rename the book, then try again. Nothing was changed."
        )
