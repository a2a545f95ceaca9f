"""A small plan built directly in the database, so these tests need no importer."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert

from tracker.db import Database
from tracker.db.models import Action, ActionLead, Area, AreaLead, Person, Plan, Workstream


def build_small_plan(database: Database) -> dict[str, int]:
    """Two workstreams, three areas, six actions, three leads; returns ids by name."""
    ids: dict[str, int] = {}
    with database.write() as session:
        plan = Plan(name="Test plan & co")
        session.add(plan)
        session.flush()
        people = {}
        for name in ("Pip Mayo", "Sam Lee", "Ash Khan"):
            person = Person(name=name, name_key=name.casefold())
            session.add(person)
            session.flush()
            people[name] = person.id
        ws_rows = [("Governance", "Governance and Leadership"), ("Prevention", "Prevention")]
        workstreams = []
        for position, (tab, title) in enumerate(ws_rows):
            ws = Workstream(plan_id=plan.id, tab=tab, title=title, position=position)
            session.add(ws)
            session.flush()
            workstreams.append(ws.id)
        areas = []
        for position, (ws_id, ref, title, lead) in enumerate(
            [
                (workstreams[0], "1.1", "Leaders should share a vision", "Pip Mayo"),
                (workstreams[0], "1.2", "Boards should meet", "Sam Lee"),
                (workstreams[1], "2.1", "Prevent admissions", "Ash Khan"),
            ]
        ):
            area = Area(workstream_id=ws_id, ref=ref, title=title, position=position)
            session.add(area)
            session.flush()
            session.execute(insert(AreaLead).values(area_id=area.id, person_id=people[lead]))
            areas.append(area.id)
        specs = [
            (areas[0], "i.", "Agree the vision", date(2018, 6, 30), None, "Pip Mayo", "R"),
            (
                areas[0],
                "ii.",
                "Publish the vision",
                date(2018, 9, 30),
                date(2019, 1, 31),
                "Pip Mayo",
                "A",
            ),
            (areas[1], "i.", "Set up the board", date(2019, 3, 31), None, "Sam Lee", "G"),
            (areas[1], "ii.", "Board terms of reference", None, None, "Sam Lee", None),
            (areas[2], "i.", "Falls service", date(2030, 1, 31), None, "Ash Khan", "G"),
            (areas[2], "ii.", "Shared with Pip", date(2030, 2, 28), None, "Pip Mayo", None),
        ]
        for position, (area_id, label, text, due, revised, lead, rag) in enumerate(specs):
            action = Action(
                area_id=area_id,
                label=label,
                text=text,
                due_date=due,
                revised_due_date=revised,
                rag=rag,
                position=position,
                deadline_text="TBC" if due is None else "",
                status="In progress" if rag else "Not started",
                percent=20 if rag else 0,
            )
            session.add(action)
            session.flush()
            session.execute(insert(ActionLead).values(action_id=action.id, person_id=people[lead]))
            ids[text] = action.id
        ids["ws_governance"] = workstreams[0]
        ids["ws_prevention"] = workstreams[1]
        ids["plan"] = plan.id
    return ids


@pytest.fixture
def small_plan(database: Database) -> dict[str, int]:
    return build_small_plan(database)
