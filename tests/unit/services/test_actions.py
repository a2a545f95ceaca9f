"""Editing actions and recording updates through the services, as the window does."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tracker.db import Database, open_database
from tracker.services.actions import (
    UpdateInput,
    ValidationError,
    actions_led_by,
    add_update,
    list_updates,
    load_snapshot,
    set_action_field,
    set_action_leads,
    set_area_field,
    set_review,
    withdraw_update,
)


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


def test_edit_is_saved_at_once_and_returns_the_old_value(imported: Database) -> None:
    row = _action(imported, "2.2 1")
    old = set_action_field(imported, row.id, "text", "Website restructured and relaunched")
    assert old == "Website restructured."
    reopened = open_database(imported.path)
    try:
        assert _action(reopened, "2.2 1").text == "Website restructured and relaunched"
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("percent", 140, "between 0 and 100"),
        ("status", "Nearly there", "is not a status"),
        ("rag", "Purple", "is not a RAG rating"),
        ("deadline_text", "x", "cannot be edited"),
        ("due_date", "30/06/2018", "is not a valid due date"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(
    imported: Database, field: str, value: object, message: str
) -> None:
    row = _action(imported, "2.2 1")
    with pytest.raises(ValidationError, match=message):
        set_action_field(imported, row.id, field, value)
    assert _action(imported, "2.2 1") == row


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


def test_leads_are_people_shared_across_actions(imported: Database) -> None:
    row = _action(imported, "2.2 3")
    old = set_action_leads(imported, row.id, ["Pip  Mayo", "Will Taylor"])
    assert "Wayne Harrison" in old or "Graeme Betts" in old
    assert _action(imported, "2.2 3").leads == ("Pip Mayo", "Will Taylor")
    assert "2.2 3" in {r.ref for r in actions_led_by(imported, "PIP MAYO")}


def test_mark_reviewed_and_area_edit(imported: Database) -> None:
    row = _action(imported, "4.3 ii")
    assert row.needs_review
    old = set_review(imported, row.id, False, None)
    assert old[0] is True and "assumed 2018" in old[1]
    assert not _action(imported, "4.3 ii").needs_review
    area = next(a for a in load_snapshot(imported).areas if a.ref == "4.4")
    set_area_field(imported, area.id, "plans_in_place", "Tender awarded")
    assert next(a for a in load_snapshot(imported).areas if a.ref == "4.4").plans_in_place == (
        "Tender awarded"
    )
