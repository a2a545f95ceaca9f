"""Action leads after an import: inherited ones match their area's, own ones are kept.

The import copies an area's leads to the actions that inherit them inside SQLite; these
tests pin down that the copy is exactly what the draft says, also when a draft was
changed after reading (an inheriting action given a lead of its own).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tracker.db import Database
from tracker.services.plan_import import read_plan, save_plan


def action_leads(db_path: Path) -> dict[tuple[str, str], list[tuple[str, int, int]]]:
    """(area ref, action label) -> [(person, position, inherited)], by position."""
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT area.ref, action.label, person.name, action_lead.position, "
            "action_lead.inherited FROM action_lead "
            "JOIN action ON action.id = action_lead.action_id "
            "JOIN area ON area.id = action.area_id "
            "JOIN person ON person.id = action_lead.person_id "
            "ORDER BY action.id, action_lead.position"
        ).fetchall()
    found: dict[tuple[str, str], list[tuple[str, int, int]]] = {}
    for ref, label, name, position, inherited in rows:
        found.setdefault((ref, label), []).append((name, position, inherited))
    return found


def test_action_leads_are_stored_as_the_draft_gives_them(
    database: Database, db_path: Path, plan_file: Path
) -> None:
    draft = read_plan(plan_file)
    inheriting = [
        (area, action) for area in draft.areas for action in area.actions if action.leads_inherited
    ]
    assert len(inheriting) > 10  # the original plan leaves most actions to the area's leads
    # A draft changed after reading: this action keeps the flag but names someone else.
    edited_area, edited = inheriting[3]
    stranger = next(
        name
        for area in draft.areas
        for name in (p.name for p in area.leads)
        if name not in edited.leads
    )
    edited.leads = [stranger]

    save_plan(database, draft)

    stored = action_leads(db_path)
    for area in draft.areas:
        for action in area.actions:
            expected = [
                (name, position, 1 if action.leads_inherited else 0)
                for position, name in enumerate(dict.fromkeys(action.leads))
            ]
            assert stored.get((area.ref, action.label), []) == expected, (area.ref, action.label)
    assert stored[(edited_area.ref, edited.label)] == [(stranger, 0, 1)]
