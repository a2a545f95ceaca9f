"""Finding an action by the reference the report shows."""

from __future__ import annotations

import pytest

from tracker.db import Database
from tracker.db.models import Action, Area, Plan, Workstream
from tracker.errors import TrackerError
from tracker.services.action_refs import find_action, plan_id_for


def _second_plan(database: Database) -> dict[str, int]:
    """Another plan with the same name and an action numbered 1.2 i."""
    with database.write() as session:
        plan = Plan(name="Test plan & co")
        session.add(plan)
        session.flush()
        ws = Workstream(plan_id=plan.id, tab="Governance", title="Governance")
        session.add(ws)
        session.flush()
        area = Area(workstream_id=ws.id, ref="1.2", title="Boards")
        session.add(area)
        session.flush()
        action = Action(area_id=area.id, label="i.", text="Set up the board again")
        session.add(action)
        session.flush()
        return {"plan": plan.id, "Set up the board": action.id}


@pytest.mark.parametrize("ref", ["1.2 i.", "1.2 i", " 1.2   I ", "1.2 i)"])
def test_a_reference_is_read_as_people_write_it(
    database: Database, small_plan: dict[str, int], ref: str
) -> None:
    assert find_action(database, ref) == small_plan["Set up the board"]


def test_an_unknown_reference_names_the_actions_of_its_area(
    database: Database, small_plan: dict[str, int]
) -> None:
    with pytest.raises(
        TrackerError, match=r"No action '1.2 ix' in the live plans: area 1.2 has 1.2 i., 1.2 ii."
    ):
        find_action(database, "1.2 ix")
    with pytest.raises(TrackerError, match=r"for example 2\.1 ii"):
        find_action(database, "9.9 i")


def test_a_reference_in_two_plans_asks_for_the_plan(
    database: Database, small_plan: dict[str, int]
) -> None:
    second = _second_plan(database)
    with pytest.raises(TrackerError, match=r"is in 2 plans; choose one with --plan ID"):
        find_action(database, "1.2 i")
    assert find_action(database, "1.2 i", second["plan"]) == second["Set up the board"]
    assert plan_id_for(database, str(second["plan"])) == second["plan"]
    with pytest.raises(TrackerError, match="2 plans are called 'test plan & co'"):
        plan_id_for(database, "test plan & co")
    with database.write() as session:
        session.get(Plan, second["plan"]).archived = True  # type: ignore[union-attr]
    assert find_action(database, "1.2 i") == small_plan["Set up the board"]
