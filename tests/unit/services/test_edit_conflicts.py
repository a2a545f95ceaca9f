"""Two people editing the same action: a conflict instead of a lost edit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tracker.db import Database, open_database
from tracker.db.models import Action, Area
from tracker.services.action_edits import set_action_field, set_area_field
from tracker.services.audit import verify_chain
from tracker.services.edit_conflicts import EditConflictError, keep_both


def _version(database: Database, model: type, row_id: int) -> int:
    with database.read() as session:
        return session.execute(select(model.version).where(model.id == row_id)).scalar_one()


def _text(database: Database, action_id: int) -> str:
    with database.read() as session:
        return session.get(Action, action_id).text


@pytest.fixture
def two_people(database: Database, small_plan: dict[str, int]):
    """Ann and Ben, each with their own connection to the same database."""
    ann, ben = database, open_database(database.location)
    ann.actor, ben.actor = "Ann Lee", "Ben Osei"
    yield ann, ben, small_plan["Agree the vision"]
    ben.close()


def test_every_change_moves_the_row_version(database: Database, small_plan) -> None:
    action = small_plan["Agree the vision"]
    before = _version(database, Action, action)
    set_action_field(database, action, "percent", 30)
    set_action_field(database, action, "text", "Agree the vision with partners")
    assert _version(database, Action, action) == before + 2


def test_an_edit_over_an_unseen_change_is_a_conflict_and_changes_nothing(two_people) -> None:
    ann, ben, action = two_people
    seen = _text(ben, action)  # both read the action
    set_action_field(ann, action, "text", "Ann's wording", seen=seen)
    with pytest.raises(EditConflictError, match="changed by Ann Lee after you read it") as err:
        set_action_field(ben, action, "text", "Ben's wording", seen=seen)
    conflict = err.value.conflict
    assert (conflict.theirs, conflict.mine, conflict.seen) == (
        "Ann's wording",
        "Ben's wording",
        seen,
    )
    assert conflict.can_keep_both
    assert _text(ann, action) == "Ann's wording"
    # Keeping both: Ben writes from what he has now seen.
    both = keep_both(conflict.theirs, conflict.mine)
    set_action_field(ben, action, "text", both, seen=conflict.theirs)
    assert _text(ann, action) == "Ann's wording\n\nBen's wording"
    assert verify_chain(ann).ok


def test_a_change_to_another_field_is_no_conflict(two_people) -> None:
    ann, ben, action = two_people
    seen_percent = 20
    set_action_field(ann, action, "text", "Ann's wording")
    set_action_field(ben, action, "percent", 40, seen=seen_percent)
    with ann.read() as session:
        row = session.get(Action, action)
        assert (row.text, row.percent) == ("Ann's wording", 40)


def _not_due_yet(database: Database, action: int) -> None:
    # A RAG set straight on an overdue action is refused when greener than the calculated
    # Red; these tests are about conflicts, so their action is not due for years.
    set_action_field(database, action, "due_date", date(2099, 12, 31))


def test_the_same_change_made_twice_is_no_conflict(two_people) -> None:
    ann, ben, action = two_people
    _not_due_yet(ann, action)
    set_action_field(ann, action, "rag", "A", seen="R")
    set_action_field(ben, action, "rag", "A", seen="R")
    assert _version(ann, Action, action) == _version(ben, Action, action)


def test_a_read_version_alone_makes_any_change_since_a_conflict(two_people) -> None:
    ann, ben, action = two_people
    _not_due_yet(ann, action)
    read = _version(ben, Action, action)
    set_action_field(ann, action, "rag", "A")
    with pytest.raises(EditConflictError) as err:
        set_action_field(ben, action, "rag", "G", read_version=read)
    assert err.value.conflict.version == read + 1
    assert not err.value.conflict.can_keep_both
    set_action_field(ben, action, "rag", "G", read_version=err.value.conflict.version)


def test_area_text_conflicts_too(database: Database, small_plan) -> None:
    with database.read() as session:
        area = session.execute(select(Area).order_by(Area.id)).scalars().first()
    set_area_field(database, area.id, "title", "Leaders share one vision", seen=area.title)
    with pytest.raises(EditConflictError, match="title of this area"):
        set_area_field(database, area.id, "title", "Leaders agree a vision", seen=area.title)
