"""The How to use sheet's part on the buttons in Excel: the macro-enabled book and xlwings Lite.

Each entry is a How to use line, ``("#", heading)`` or ``(label, text)``. The buttons' labels
come from :data:`arsheet.buttons.actions.ACTIONS`; the cells named for xlwings Lite's sheet
buttons are the ones ``macros/xlwings_lite/main.py`` links its scripts to.
"""

from __future__ import annotations

from arsheet.buttons.actions import ACTIONS

#: xlwings Lite's sheet buttons, by action: the shape's name and the cell it covers on How to
#: use. Only buttons that do not act on the selected row: clicking a shape moves the selection.
LITE_BUTTONS = {"recalculate": ("arsheet_recalculate", "D4"), "check": ("arsheet_check", "D7")}


def buttons_lines(lang: str) -> list[tuple[str, str]]:
    """Return the text on the buttons in ``lang`` (``"en"`` or ``"zh"``)."""
    return _lines_zh() if lang == "zh" else _lines_en()


def _labels(lang: str) -> str:
    """Return the buttons' labels in ``lang``, in a list."""
    return ("、" if lang == "zh" else ", ").join(action.label(lang) for action in ACTIONS)


def _lines_en() -> list[tuple[str, str]]:
    (recalc, recalc_cell), (check, check_cell) = LITE_BUTTONS.values()
    return [
        ("#", "Buttons in Excel"),
        (
            "Buttons",
            f"The buttons ({_labels('en')}) run arsheet on the workbook open in Excel, through "
            "xlwings, and say in a message what they did; letters, statements and plans are for "
            "the customer of the selected row. arsheet never saves the workbook: save it as after "
            "any edit. arsheet excel-setup debt_tracker.xlsx  prints the steps for your book.",
        ),
        (
            "Macro-enabled book",
            "arsheet buttons debt_tracker.xlsx  writes debt_tracker.xlsm with the buttons, for "
            'Excel on Windows or a Mac with Python, arsheet and xlwings (pip install "arsheet'
            '[excel]"). Open it and enable macros.',
        ),
        (
            "xlwings Lite",
            "Without Python: add the xlwings Lite add-in (Home > Add-ins), paste arsheet's "
            "main.py and requirements.txt (macros/xlwings_lite) into it and run the buttons "
            f"there. For sheet buttons, draw a shape over {recalc_cell} named {recalc} and one "
            f"over {check_cell} named {check}, each linked to the cell it covers.",
        ),
    ]


def _lines_zh() -> list[tuple[str, str]]:
    (recalc, recalc_cell), (check, check_cell) = LITE_BUTTONS.values()
    return [
        ("#", "Excel 中的按钮"),
        (
            "按钮",
            f"各按钮（{_labels('zh')}）通过 xlwings 在 Excel 中打开的工作簿上运行 arsheet，"
            "并在提示框中说明结果；催款函、对账单和还款计划针对所选行的客户。arsheet 不会保存"
            "工作簿，请像平时修改后一样自行保存。arsheet excel-setup 应收账款.xlsx  列出此工作簿的"
            "设置步骤。",
        ),
        (
            "启用宏的工作簿",
            "arsheet buttons 应收账款.xlsx  生成带按钮的 应收账款.xlsm，适用于装有 Python、"
            'arsheet 和 xlwings 的 Windows 或 Mac 版 Excel（pip install "arsheet[excel]"）。'
            "打开后启用宏即可。",
        ),
        (
            "xlwings Lite",
            "无需安装 Python：添加 xlwings Lite 加载项（开始 > 加载项），将 arsheet 的 main.py 和 "
            "requirements.txt（macros/xlwings_lite）粘贴进去，在加载项中运行按钮；main.py 中的 "
            f"HOW_TO 改为 使用说明。如需工作表按钮，在 {recalc_cell} 上画一个形状并命名为 "
            f"{recalc}，在 {check_cell} 上画一个命名为 {check}，各自链接到所覆盖的单元格。",
        ),
    ]
