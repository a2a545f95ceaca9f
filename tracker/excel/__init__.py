"""Excel out and back: the board report, status returns, and importing the returns.

Everything here writes through :mod:`tracker.excel.safe_cells` (no typed text ever
becomes a formula) and :mod:`tracker.excel.atomic` (no half-written workbook under its
final name). Nothing here imports Qt.
"""
