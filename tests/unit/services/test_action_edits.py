"""Editing actions and areas in place through the services, as the window does."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.db import Database, open_database
from tracker.services.action_edits import (
    ValidationError,
    set_action_field,
    set_action_leads,
    set_area_field,
    set_review,
)
from tracker.services.plan_snapshot import actions_led_by, load_snapshot


def _action(database: Database, ref: str):
    return next(r for r in load_snapshot(database).actions if r.ref == ref)


def test_edit_is_saved_at_once_and_returns_the_old_value(imported: Database) -> None:
    row = _action(imported, "2.2 1")
    old = set_action_field(imported, row.id, "text", "Website restructured and relaunched")
    assert old == "Website restructured."
    reopened = open_database(imported.location)
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


def test_leads_are_people_shared_across_actions(imported: Database) -> None:
    row = _action(imported, "2.2 3")
    assert row.leads == ("Graeme Betts", "Wayne Harrison")
    old = set_action_leads(imported, row.id, ["Pip  Mayo", "Will Taylor"])
    assert old == ["Graeme Betts", "Wayne Harrison"]
    assert _action(imported, "2.2 3").leads == ("Pip Mayo", "Will Taylor")
    led = [r.ref for r in actions_led_by(imported, "PIP MAYO")]
    assert led == ["1.3 ii", "2.2 3", "4.1 1", "6.1 ii", "6.1 iii"]


def test_leads_named_twice_are_kept_once_in_order(imported: Database) -> None:
    row = _action(imported, "2.2 3")
    set_action_leads(imported, row.id, ["Will Taylor", "will  taylor", "Pip Mayo"])
    assert _action(imported, "2.2 3").leads == ("Will Taylor", "Pip Mayo")


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


def test_complete_means_100_for_edits_in_place_too(imported: Database) -> None:
    row = _action(imported, "2.2 1")
    set_action_field(imported, row.id, "status", "In progress")
    set_action_field(imported, row.id, "percent", 60)
    with pytest.raises(ValidationError, match="Complete means 100"):
        set_action_field(imported, row.id, "status", "Complete")
    set_action_field(imported, row.id, "percent", 100)
    set_action_field(imported, row.id, "status", "Complete")
    with pytest.raises(ValidationError, match="Complete means 100"):
        set_action_field(imported, row.id, "percent", 99)
    after = _action(imported, "2.2 1")
    assert (after.status, after.percent) == ("Complete", 100)
    # Undo puts back what was stored, even a state from before the rule.
    set_action_field(imported, row.id, "percent", 60, cause="undo")
    assert _action(imported, "2.2 1").percent == 60


def test_a_rag_greener_than_the_calculated_one_is_not_set_straight_on_the_action(
    imported: Database,
) -> None:
    # 1.1 i was due on 30 June 2018: long overdue, so its calculated RAG is Red.
    row = _action(imported, "1.1 i")
    for greener in ("A", "G"):
        with pytest.raises(ValidationError, match=r"greener than the calculated Red .*Add update"):
            set_action_field(imported, row.id, "rag", greener)
    assert _action(imported, "1.1 i").rag is None  # nothing written
    set_action_field(imported, row.id, "rag", "R")  # as red as the rule: no reason needed
    set_action_field(imported, row.id, "rag", None)  # and cleared again
    # Not due for years: Green is what the rule says too.
    set_action_field(imported, row.id, "due_date", date(2099, 12, 31))
    set_action_field(imported, row.id, "rag", "G")
    assert _action(imported, "1.1 i").rag == "G"


def test_undo_puts_back_a_rating_the_rule_would_now_refuse(imported: Database) -> None:
    row = _action(imported, "1.1 i")
    set_action_field(imported, row.id, "due_date", date(2099, 12, 31))
    set_action_field(imported, row.id, "rag", "G")
    set_action_field(imported, row.id, "due_date", row.due)  # overdue again
    set_action_field(imported, row.id, "rag", None)
    set_action_field(imported, row.id, "rag", "G", cause="undo")
    assert _action(imported, "1.1 i").rag == "G"
