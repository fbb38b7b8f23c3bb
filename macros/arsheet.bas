Attribute VB_Name = "arsheet"
' arsheet's buttons, for a workbook of your own: import this module in the VBA editor
' (File > Import File...) of a workbook with the xlwings add-in (xlwings addin install),
' then assign a macro below to a button. Each runs one entry point of arsheet.excel on the
' workbook it is clicked in; arsheet never saves it: you save, as with any edit.
' ASCII only: the VBA editor reads an imported module in the system's code page.
Option Explicit

' Recalculate
Sub ArsheetRecalculate()
    RunPython "import arsheet.excel; arsheet.excel.recalculate()"
End Sub

' Check the book
Sub ArsheetCheck()
    RunPython "import arsheet.excel; arsheet.excel.check()"
End Sub

' Letters for the customer
Sub ArsheetLetters()
    RunPython "import arsheet.excel; arsheet.excel.letters()"
End Sub

' Statement for the customer
Sub ArsheetStatement()
    RunPython "import arsheet.excel; arsheet.excel.statement()"
End Sub

' New payment plan
Sub ArsheetNewPlan()
    RunPython "import arsheet.excel; arsheet.excel.new_plan()"
End Sub
