"""Saving a plan: every row where the draft put it, whatever ids the file already holds."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete

from tracker.db import Database
from tracker.db.models import Plan
from tracker.services.audit import list_audit
from tracker.services.plan_import import read_plan, save_plan
from tracker.services.plan_snapshot import load_snapshot


def _plan_rows(database: Database, plan_id: int) -> list[tuple]:
    """A plan's actions as the window shows them, without their ids."""
    snapshot = load_snapshot(database)
    workstreams = {w.id: w for w in snapshot.workstreams if w.plan_id == plan_id}
    return [
        (
            workstreams[r.workstream_id].title,
            r.ref,
            r.text,
            r.leads,
            r.deadline_text,
            r.start,
            r.due,
            r.status,
            r.needs_review,
            r.review_reason,
            r.position,
        )
        for r in snapshot.actions
        if r.workstream_id in workstreams
    ]


def test_a_plan_saved_among_others_gets_the_same_rows(database: Database, plan_file: Path) -> None:
    draft = read_plan(plan_file)
    first = save_plan(database, draft)
    expected = _plan_rows(database, first)
    assert len(expected) == len(draft.actions)
    # A second copy, saved after rows that already hold ids; then a third, saved after
    # the first is deleted, into a file whose ids have a gap.
    second = save_plan(database, draft, as_new=True)
    assert _plan_rows(database, second) == expected
    with database.write() as session:
        session.execute(delete(Plan).where(Plan.id == first))
    third = save_plan(database, draft, as_new=True)
    assert _plan_rows(database, third) == expected
    assert _plan_rows(database, second) == expected


def test_the_import_is_one_audit_record_with_the_file_s_hash(
    database: Database, plan_file: Path
) -> None:
    draft = read_plan(plan_file)
    plan_id = save_plan(database, draft)
    (record,) = [r for r in list_audit(database) if r.cause == "import"]
    assert (record.record_type, record.record_id, record.field) == ("plan", plan_id, "imported")
    assert draft.source_sha256 in (record.new_value or "")
    stamps = {r.updated_at for r in load_snapshot(database).actions}
    assert len(stamps) == 1 and None not in stamps
