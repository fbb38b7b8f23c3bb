"""The Excel buttons: one library function per button, run on an open workbook through xlwings."""
