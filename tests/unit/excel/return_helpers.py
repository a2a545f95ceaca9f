"""Filling in a status return the way a lead would: open it, edit cells, save."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl

from tracker.excel import return_layout as layout


def columns(sheet: Any) -> dict[str, int]:
    header = [c.value for c in sheet[layout.HEADER_ROW]]
    return {name: header.index(name) + 1 for name in layout.COLUMNS}


def row_of(sheet: Any, action_id: int) -> int:
    id_col = columns(sheet)[layout.ACTION_ID]
    for row in range(layout.FIRST_DATA_ROW, sheet.max_row + 1):
        if sheet.cell(row, id_col).value == action_id:
            return row
    raise KeyError(action_id)


def fill_return(
    path: Path,
    edits: Mapping[int, Mapping[str, Any]],
    out: Path | None = None,
    *,
    returned_by: str | None = None,
) -> Path:
    """Set cells by action id and column header; strings are stored as text, as Excel
    does for a cell formatted as Text. ``returned_by`` fills in the lead's name."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[layout.RETURN_SHEET]
    cols = columns(sheet)
    if returned_by is not None:
        label = sheet.cell(layout.RETURNED_BY_ROW, 1)
        assert label.value == layout.RETURNED_BY
        cell = sheet.cell(layout.RETURNED_BY_ROW, 2)
        assert not cell.protection.locked  # the lead can type there
        cell.value = returned_by
    for action_id, values in edits.items():
        row = row_of(sheet, action_id)
        for header, value in values.items():
            cell = sheet.cell(row, cols[header])
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
    target = out or path
    workbook.save(target)
    return target


def action_ids(path: Path) -> list[int]:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[layout.RETURN_SHEET]
    id_col = columns(sheet)[layout.ACTION_ID]
    return [
        sheet.cell(row, id_col).value
        for row in range(layout.FIRST_DATA_ROW, sheet.max_row + 1)
        if sheet.cell(row, id_col).value is not None
    ]
