"""A status return's import backed up first, undone in one step and redone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tracker.db import Database
from tracker.db.backup import list_backups
from tracker.db.models import Action, Update
from tracker.excel import return_layout as layout
from tracker.services.audit import list_audit
from tracker.services.backup_contents import summarise
from tracker.services.return_review import review_return
from tracker.services.return_undo import apply_return_undoable, restore_return, withdraw_return
from tracker.services.status_returns_export import export_status_returns

from ..excel.return_helpers import fill_return

TODAY = date(2019, 3, 20)


@pytest.fixture
def governance(database: Database, small_plan: dict[str, int], tmp_path: Path) -> Path:
    folder = tmp_path / "returns"
    folder.mkdir()
    files = export_status_returns(database, folder)
    return next(f.path for f in files if f.scope.label == "Governance and Leadership")


def _states(database: Database) -> dict[int, tuple]:
    with database.read() as session:
        rows = session.execute(
            select(Action.id, Action.status, Action.rag, Action.percent, Action.revised_due_date)
        )
        return {r[0]: tuple(r[1:]) for r in rows}


def _update_count(database: Database) -> int:
    with database.read() as session:
        return len(session.execute(select(Update.id)).all())


@pytest.mark.sqlite_only  # the backup beside the file
def test_a_return_is_backed_up_first_then_undone_and_redone_whole(
    database: Database, small_plan: dict[str, int], governance: Path
) -> None:
    vision, board = small_plan["Agree the vision"], small_plan["Set up the board"]
    fill_return(
        governance,
        {
            vision: {layout.STATUS: "Complete", layout.PERCENT: 100},
            board: {layout.RAG: "A"},
        },
    )
    before = _states(database)
    review = review_return(database, governance, today=TODAY)

    # Nobody filled in "Returned by": the person applying it says who sent it.
    result, applied = apply_return_undoable(database, review, author="Ash Khan")

    assert result.applied == 2 and len(applied.updates) == 2
    (backup,) = list_backups(database.path)
    # The reason names the return's file, as a backup's file name can hold it.
    assert backup.reason.startswith("before status return ")
    assert "governance and leadership" in backup.reason
    assert summarise(backup.path).updates == 0  # taken before anything was written
    after = _states(database)
    assert after[vision][:3] == ("Complete", before[vision][1], 100)
    assert after[board][1] == "A"

    withdraw_return(database, applied)
    assert _states(database) == before and _update_count(database) == 0
    withdrawn = [r for r in list_audit(database) if r.field == "withdrawn"]
    assert sorted(r.record_id for r in withdrawn) == sorted(u.id for u in applied.updates)
    assert {r.cause for r in withdrawn} == {"undo"}

    again = restore_return(database, applied)
    assert _states(database) == after and _update_count(database) == 2
    redone = [r for r in list_audit(database) if r.field == "added" and r.cause == "redo"]
    assert sorted(r.record_id for r in redone) == sorted(u.id for u in again.updates)

    withdraw_return(database, again)  # the redone updates can be undone again
    assert _states(database) == before
