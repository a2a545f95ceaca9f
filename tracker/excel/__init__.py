"""Excel out and back: rows into workbooks (the board report, status returns) and returned
workbooks into rows.

Everything here writes through :mod:`tracker.excel.safe_cells` (no typed text ever
becomes a formula) and :mod:`tracker.excel.atomic` (no half-written workbook under its
final name). Nothing here imports Qt, the database or the services: the services read the
database, hand the rows in, and record what came back.
"""
