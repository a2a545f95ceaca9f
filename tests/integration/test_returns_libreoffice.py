"""A return filled in the ways people fill it, re-saved by LibreOffice (which rewrites the
whole file), then imported: a "50%" cell, a narrative written as a formula, "Returned by"."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tracker.db import Database
from tracker.excel import return_layout as layout
from tracker.services.action_updates import list_updates
from tracker.services.return_apply import apply_return
from tracker.services.return_review import review_return
from tracker.services.status_returns_export import export_status_returns

from ..unit.excel.return_helpers import action_ids, columns, row_of
from .test_excel_libreoffice import SOFFICE, _convert

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


@pytest.mark.slow
def test_percent_cells_formula_narratives_and_returned_by_survive_libreoffice(
    imported: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    files = export_status_returns(imported, folder)
    path = next(f.path for f in files if f.scope.label == "Prevention")
    first, second, third = action_ids(path)[:3]
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[layout.RETURN_SHEET]
    cols = columns(sheet)
    sheet.cell(layout.RETURNED_BY_ROW, 2).value = "Mike Walsh"
    # What Excel stores when "50%" is typed: 0.5 in a cell formatted as a percentage.
    percent = sheet.cell(row_of(sheet, first), cols[layout.PERCENT])
    percent.value, percent.number_format = 0.5, "0%"
    # A narrative pasted in as a formula: LibreOffice saves its result with it.
    sheet.cell(row_of(sheet, second), cols[layout.NARRATIVE]).value = '="Clinic opened "&"in March"'
    sheet.cell(row_of(sheet, third), cols[layout.STATUS]).value = "Complete"
    sheet.cell(row_of(sheet, third), cols[layout.PERCENT]).value = 60
    workbook.save(path)
    resaved = _convert(path, "xlsx", tmp_path / "resaved", tmp_path / "profile")

    review = review_return(imported, resaved)
    assert review.author == "Mike Walsh"
    changes = {c.action_id: c for c in review.changes}
    assert changes[first].returned.percent == 50
    assert changes[second].returned.narrative == "Clinic opened in March"
    (rejected,) = review.rejections
    assert "Complete means 100" in rejected.reason
    apply_return(imported, review, accept_rejections=True)
    assert list_updates(imported, first)[0].author == "Mike Walsh"
    assert list_updates(imported, second)[0].narrative == "Clinic opened in March"
