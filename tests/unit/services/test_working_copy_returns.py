"""A lead who never connects: a return made from the working copy, imported by the office."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from tracker.db.models import Action, Update
from tracker.errors import TrackerError
from tracker.services.return_apply import apply_return
from tracker.services.return_review import review_return
from tracker.services.working_copy_returns import export_working_copy_returns

from .sync_helpers import check_out, narratives, record, team_database


def test_offline_updates_reach_the_office_through_a_return(tmp_path: Path) -> None:
    server, ids = team_database(tmp_path)
    record(server, ids["Falls service"], "Before checkout", rag="G", percent=20)
    local = check_out(tmp_path, server, "Prevention")
    falls = ids["Falls service"]
    record(local, falls, "Clinic booked", rag="A", percent=45)
    record(local, falls, "First clinic held", rag="G", percent=60)
    files = export_working_copy_returns(local, tmp_path)
    assert [f.for_whom for f in files] == ["Ash Khan, Pip Mayo"]
    sheet = openpyxl.load_workbook(files[0].path)["Return"]
    assert sheet["B4"].value == "Pip Mayo"
    rows = {sheet.cell(r, 2).value: r for r in range(7, sheet.max_row + 1)}
    falls_row = rows["Falls service"]
    assert sheet.cell(falls_row, 8).value == 60
    assert sheet.cell(falls_row, 9).value.endswith(": First clinic held")

    review = review_return(server, files[0].path)
    assert review.conflicts == [] and review.rejections == []
    assert [(c.action_id, c.sent.percent, c.returned.percent) for c in review.changes] == [
        (falls, 20, 60)
    ]
    apply_return(server, review)
    assert narratives(server, falls)[0] == "Before checkout"
    assert "Clinic booked" in narratives(server, falls)[1]
    assert "First clinic held" in narratives(server, falls)[1]
    with server.read() as session:
        percent = session.execute(select(Action.percent).where(Action.id == falls)).scalar()
        author = session.execute(
            select(Update.author).where(Update.action_id == falls).order_by(Update.id.desc())
        ).scalar()
    assert (percent, author) == (60, "Pip Mayo")


def test_office_change_since_checkout_shows_as_a_conflict(tmp_path: Path) -> None:
    server, ids = team_database(tmp_path)
    local = check_out(tmp_path, server, "Prevention")
    falls = ids["Falls service"]
    record(local, falls, "Offline", percent=50)
    record(server, falls, "Office moved it", percent=30)
    files = export_working_copy_returns(local, tmp_path)
    review = review_return(server, files[0].path)
    assert [c.action_id for c in review.conflicts] == [falls]
    assert review.changes == []


def test_only_from_a_working_copy(tmp_path: Path) -> None:
    server, _ids = team_database(tmp_path)
    with pytest.raises(TrackerError, match="not a working copy"):
        export_working_copy_returns(server, tmp_path / "out")
