"""The words of ``arsheet excel-setup``: each route to the buttons, for one book, in its language.

Route 1 is the macro-enabled book ``arsheet buttons`` makes, route 2 ``arsheet.bas`` imported
into a book of the user's own with the xlwings add-in, route 3 xlwings Lite. Each says what
the book needs first, then the exact commands; macros/README.md says the same at length.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from arsheet.book.contract import CUSTOMERS, DASHBOARD, HOW_TO, TRANSACTIONS
from arsheet.buttons.actions import ACTIONS
from arsheet.template.howto_buttons import LITE_BUTTONS

if TYPE_CHECKING:
    from arsheet.app.excel_setup import Workbook

_BAS = Path(__file__).resolve().parents[2] / "macros" / "arsheet.bas"


def steps(book: Workbook, written: list[Path]) -> str:
    """Return the setup of ``book`` as lines to print, in the book's language.

    Args:
        book: what the setup depends on (:func:`arsheet.app.excel_setup.inspect`).
        written: the xlwings Lite files just written, if any.
    """
    zh = book.lang == "zh"
    return "\n".join(
        [
            _about(book, zh),
            _python(book, zh),
            "",
            *_macro_book(book, zh),
            "",
            *_add_in(book, zh),
            "",
            *_lite(book, written, zh),
            "",
            "每个按钮都作用于 Excel 中打开的工作簿，且从不保存它：请像平时修改后一样自行保存。"
            "函件和对账单写入工作簿旁的 letters/<日期>/ 文件夹（提示框会说明位置）。"
            "详细步骤见 arsheet 源代码中的 macros/README.md。"
            if zh
            else "Every button works on the workbook open in Excel and never saves it: save it "
            "yourself, as after any edit. Letters and statements go to letters/<date>/ beside "
            "the book (the button's message says where). macros/README.md in arsheet's source "
            "has every step at length.",
        ]
    )


def _about(book: Workbook, zh: bool) -> str:
    name = book.path.name
    if not book.ours:
        sheets = ("、" if zh else ", ").join(s.name(book.lang) for s in (CUSTOMERS, TRANSACTIONS))
        return (
            f"{name}：没有 arsheet 的工作表（{sheets}）；请先用 arsheet new 新建工作簿，"
            "或添加这些工作表。"
            if zh
            else f"{name}: it has none of arsheet's sheets ({sheets}); make a book with "
            "arsheet new, or add them first."
        )
    if book.buttons:
        state = "已有 arsheet 的按钮" if zh else "with arsheet's buttons"
    elif book.vba:
        state = (
            "含有您自己的宏（不是 arsheet 生成的 VBA 项目）"
            if zh
            else ("with macros of its own (a VBA project arsheet did not make)")
        )
    else:
        state = "尚无按钮" if zh else "without buttons yet"
    if zh:
        return f"{name}：{'中文' if book.lang == 'zh' else '英文'} arsheet 工作簿，{state}。"
    return (
        f"{name}: an arsheet workbook in {'Chinese' if book.lang == 'zh' else 'English'}, {state}."
    )


def _python(book: Workbook, zh: bool) -> str:
    if book.xlwings:
        said = (
            f"本机 Python（{book.python}）已安装 xlwings {book.xlwings}。"
            if zh
            else f"This Python ({book.python}) has xlwings {book.xlwings}."
        )
    else:
        said = (
            f'本机 Python（{book.python}）未安装 xlwings：pip install "arsheet[excel]" 即可安装'
            "（路线 1 和 2 需要它，xlwings Lite 不需要）。"
            if zh
            else f'This Python ({book.python}) has no xlwings: pip install "arsheet[excel]" '
            "installs it (routes 1 and 2 need it; xlwings Lite does not)."
        )
    if book.desktop:
        return said
    # Routes 1 and 2 run Python where Excel runs: this computer's Python is not the one.
    return said + (
        "本机无法运行桌面版 Excel：路线 1 和 2 的命令请在运行 Excel 的 Windows 或 Mac 电脑上执行。"
        if zh
        else " This computer runs no desktop Excel: give the commands of routes 1 and 2 on "
        "the Windows or Mac computer that runs Excel."
    )


def _macro_book(book: Workbook, zh: bool) -> list[str]:
    """Route 1: the macro-enabled book with xlwings' standalone VBA module and the buttons."""
    head = (
        "1. 带按钮的启用宏工作簿（Windows 或 Mac 版 Excel，需要 Python）"
        if zh
        else "1. A macro-enabled book with the buttons (Excel on Windows or a Mac, with Python)"
    )
    name, dashboard, how_to = book.path.name, DASHBOARD.name(book.lang), HOW_TO.name(book.lang)
    recalculate = ACTIONS[0].label(book.lang)
    if book.vba and not book.buttons:
        return [
            head,
            "   不适用于此工作簿：其中的宏属于您，保持不变。请用路线 2。"
            if zh
            else "   Not for this book: its macros are yours and stay as they are. Use route 2.",
        ]
    lines = [head]
    if book.module is None:
        new_name = book.suggestion + book.path.suffix
        lines.append(
            f"   按钮的宏以工作簿的文件名作为 Python 模块导入，{book.path.stem} 不能作模块名："
            f"请先将工作簿改名为 {new_name}（字母、数字、下划线或汉字）。"
            if zh
            else f"   Its macro imports the book's file name as a Python module, which "
            f"{book.path.stem} cannot be: rename the book {new_name} first (letters, digits, "
            "_ or Chinese characters)."
        )
        name = new_name
    if book.buttons:
        lines.append(
            f"   已设置：在 Excel 中打开 {name} 并启用宏。"
            if zh
            else (f"   It has them: open {name} in Excel and enable macros.")
        )
        lines += _module_file(book, zh)
    else:
        stem = Path(name).stem
        lines.append(f"   arsheet buttons {name}")
        if book.macro_enabled:
            lines.append(
                f"   添加按钮并在旁边写入 {stem}.py（保留备份）。"
                if zh
                else f"   adds the buttons and writes {stem}.py beside it, keeping a backup."
            )
        else:
            lines.append(
                f"   在旁边生成 {stem}.xlsm 和 {stem}.py，{name} 保持不变：此后请使用 .xlsm。"
                if zh
                else f"   writes {stem}.xlsm and {stem}.py beside it; {name} stays as it is: "
                "work in the .xlsm from then on."
            )
    lines += [
        "   xlwings config create --force",
        f"   让 Excel 运行本机 Python（{book.python}），即安装了 arsheet 的那个。"
        if zh
        else f"   makes Excel run this Python ({book.python}), the one with arsheet.",
        f"   然后点击“{dashboard}”上的“{recalculate}”，"
        f"或在“{how_to}”上选择操作（和客户）后点击运行。"
        if zh
        else f"   Then click {recalculate} on the {dashboard}, or choose an action (and a "
        f"customer) on {how_to} and click Run.",
    ]
    if book.xlwings:
        lines.append(
            f"   工作簿的宏来自生成它的 xlwings（此处为 {book.xlwings}）：请保持该版本"
            f'（pip install "xlwings=={book.xlwings}"），否则按钮会因版本不符而停止。'
            if zh
            else f"   The book's macros are those of the xlwings that made it ({book.xlwings} "
            f'here): keep that version (pip install "xlwings=={book.xlwings}"), or the buttons '
            "stop on a version mismatch."
        )
    return lines


def _module_file(book: Workbook, zh: bool) -> list[str]:
    """What to do about ``<book>.py``, the module the book's macro runs ``main()`` of."""
    file = book.module_file.name
    if book.module_state == "arsheet":
        return []
    if book.module_state == "other":
        return [
            f"   旁边的 {file} 不是 arsheet 的：按钮会运行其中的 main()。"
            if zh
            else f"   {file} beside it is not arsheet's: the buttons would run its main()."
        ]
    return [
        f"   旁边缺少 {file}（宏运行其中的 main()）；请创建它，内容为："
        if zh
        else f"   {file} is missing beside it (the macro runs its main()); create it with:",
        "       def main():",
        "           import arsheet.excel",
        "           arsheet.excel.main()",
    ]


def _add_in(book: Workbook, zh: bool) -> list[str]:
    """Route 2: arsheet.bas imported into the user's own book, with the xlwings add-in."""
    bas = str(_BAS) if _BAS.is_file() else "macros/arsheet.bas"
    macros = (
        "、".join(f"{a.macro}（{a.label('zh')}）" for a in ACTIONS)
        if zh
        else ", ".join(f"{a.macro} ({a.label('en')})" for a in ACTIONS)
    )
    first = (
        ("在 Excel 中将工作簿另存为 .xlsm；" if zh else "In Excel, save the book as .xlsm; ")
        if not book.macro_enabled
        else ""
    )
    return [
        "2. 在您自己的启用宏工作簿中使用按钮，借助 xlwings 加载项"
        if zh
        else "2. The buttons in a macro-enabled book of your own, with the xlwings add-in",
        "   xlwings addin install",
        "   每次升级 xlwings 后都要重新运行：加载项与 xlwings 必须是同一版本。"
        if zh
        else "   (again after every upgrade of xlwings: the add-in and xlwings must be the "
        "same version)",
        f"   {first}按 Alt+F11（Mac：工具 > 宏 > Visual Basic 编辑器），文件 > 导入文件… {bas}，"
        f"工具 > 引用：勾选 xlwings；然后把宏指定给按钮（开发工具 > 插入 > 按钮）：{macros}。"
        if zh
        else f"   {first}press Alt+F11 (Mac: Tools > Macro > Visual Basic Editor), File > "
        f"Import File... {bas}, Tools > References: tick xlwings; then assign the macros "
        f"to buttons (Developer > Insert > Button): {macros}.",
    ]


def _lite(book: Workbook, written: list[Path], zh: bool) -> list[str]:
    """Route 3: xlwings Lite, Python inside Excel itself."""
    lines = [
        "3. xlwings Lite（Windows、Mac 或网页版 Excel，无需 Python）"
        if zh
        else "3. xlwings Lite (Excel on Windows, a Mac or the web; no Python needed)"
    ]
    if written:
        files = "、".join(map(str, written)) if zh else " and ".join(map(str, written))
        lines.append(f"   已为此工作簿写入 {files}。" if zh else f"   wrote {files} for this book.")
    else:
        lines += [
            f"   arsheet excel-setup {book.path.name} --lite lite",
            "   为此工作簿写入 lite/main.py 和 lite/requirements.txt。"
            if zh
            else "   writes lite/main.py and lite/requirements.txt for this book.",
        ]
    (recalc, recalc_cell), (check, check_cell) = LITE_BUTTONS.values()
    how_to = HOW_TO.name(book.lang)
    lines += [
        "   在 Excel 中：开始 > 加载项，添加 xlwings Lite；打开它，用 main.py 替换其 main.py，"
        "用 requirements.txt 替换其 requirements.txt（保留其中的 xlwings 一行），"
        "重启后用运行按钮（F5）运行各按钮。"
        f"工作表按钮：在“{how_to}”的 {recalc_cell} 上画一个形状并命名为 {recalc}，"
        f"在 {check_cell} 上画一个命名为 {check}，各自链接到所覆盖的单元格。"
        if zh
        else "   In Excel: Home > Add-ins, add xlwings Lite; open it, paste main.py over its "
        "main.py and requirements.txt over its requirements.txt (keep its xlwings line), "
        "restart it and run a button with its Run button (F5). Sheet buttons: on "
        f"{how_to}, draw a shape over {recalc_cell} named {recalc} and one over "
        f"{check_cell} named {check}, each linked to the cell it covers.",
        "   xlwings Lite 无法访问您的磁盘：催款函和对账单请用路线 1、2 或 arsheet letters / "
        "arsheet statement 生成。"
        if zh
        else "   xlwings Lite cannot reach your disk: write letters and statements by route 1 "
        "or 2, or with arsheet letters / arsheet statement.",
    ]
    return lines
