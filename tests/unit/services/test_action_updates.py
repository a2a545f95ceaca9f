"""Recording, withdrawing and restoring progress updates through the services."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tracker.db import Database
from tracker.services.action_edits import ValidationError
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import (
    add_update,
    list_updates,
    restore_update,
    withdraw_update,
)
from tracker.services.plan_snapshot import load_snapshot


def _action(database: Database, ref: str):
    return next(r for r in load_snapshot(database).actions if r.ref == ref)


def _entry(**changes) -> UpdateInput:
    values = dict(
        date=date(2018, 7, 2),
        author="Wayne Harrison",
        status="In progress",
        rag="A",
        percent=40,
        narrative="Website restructure under way",
    )
    values.update(changes)
    return UpdateInput(**values)


def test_an_update_becomes_the_current_state_and_history_grows(imported: Database) -> None:
    row = _action(imported, "2.2 1")
    first, before = add_update(imported, row.id, _entry())
    assert before.status == "Not started"
    second, _ = add_update(
        imported,
        row.id,
        _entry(
            date=date(2018, 7, 30),
            status="Complete",
            rag="G",
            percent=100,
            narrative="Live on the web",
        ),
    )
    now = _action(imported, "2.2 1")
    assert (now.status, now.rag, now.percent) == ("Complete", "G", 100)
    assert now.last_update == date(2018, 7, 30)
    assert now.latest_narrative == "Live on the web"
    history = list_updates(imported, row.id)
    assert [u.id for u in history] == [second, first]  # newest first
    assert history[1].narrative == "Website restructure under way"


def test_moving_the_due_date_needs_a_reason(imported: Database) -> None:
    row = _action(imported, "2.2 2")
    with pytest.raises(ValidationError, match="give a reason"):
        add_update(imported, row.id, _entry(revised_due=date(2018, 10, 31)))
    assert list_updates(imported, row.id) == []
    add_update(
        imported,
        row.id,
        _entry(revised_due=date(2018, 10, 31), revision_reason="Editors not yet agreed"),
    )
    moved = _action(imported, "2.2 2")
    assert moved.revised_due == date(2018, 10, 31)
    assert moved.effective_due == date(2018, 10, 31)
    assert moved.is_slipped
    assert moved.is_overdue(date(2018, 11, 1))
    assert not moved.is_overdue(date(2018, 10, 31))


def test_withdrawing_an_update_restores_the_state(imported: Database) -> None:
    row = _action(imported, "3.1 i")
    update_id, before = add_update(imported, row.id, _entry())
    withdraw_update(imported, update_id, before)
    # Everything is as it was, except the record of when the action last changed.
    assert replace(_action(imported, "3.1 i"), updated_at=None) == replace(row, updated_at=None)
    assert list_updates(imported, row.id) == []


def test_a_withdrawn_update_can_be_restored(imported: Database) -> None:
    row = _action(imported, "3.1 i")
    update_id, before = add_update(imported, row.id, _entry())
    (stored,) = list_updates(imported, row.id)
    withdraw_update(imported, update_id, before)
    restored_id = restore_update(imported, stored)
    (again,) = list_updates(imported, row.id)
    assert again.id == restored_id
    assert replace(again, id=stored.id, recorded_at=None) == replace(stored, recorded_at=None)
    assert _action(imported, "3.1 i").status == "In progress"
