"""What the file dialogs offer: tracker databases and the workbooks the tracker reads."""

DATABASES = "Tracker databases (*.sqlite3 *.db);;All files (*)"
# Every format the workbook reader opens; .xlsx is what the tracker writes.
WORKBOOKS_TO_OPEN = "Workbooks (*.xlsx *.xlsm *.xlsb *.xls *.ods);;All files (*)"
XLSX = "Excel workbooks (*.xlsx)"
