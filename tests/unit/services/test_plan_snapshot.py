"""Reading plans whole, and one person's actions, through the services."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import event

from tracker.db import Database
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.people import person_key
from tracker.services.plan_import import read_plan, save_plan
from tracker.services.plan_snapshot import actions_led_by, load_snapshot


def _update(database: Database, action_id: int, narrative: str) -> None:
    add_update(
        database,
        action_id,
        UpdateInput(
            date(2018, 8, 1),
            "Karen Helliwell",
            "In progress",
            "A",
            30,
            narrative,
            rag_reason="Recovery plan agreed",
        ),
    )


def _led_in_snapshot(database: Database, name: str):
    """What ``actions_led_by`` answers, worked out from the whole snapshot."""
    key = person_key(name)
    return [
        r for r in load_snapshot(database).actions if any(person_key(n) == key for n in r.leads)
    ]


def test_actions_led_by_is_the_snapshot_s_rows_for_that_person(
    imported: Database, plan_file
) -> None:
    # The same plan twice, with updates on led and other actions: every field of the
    # rows (area, workstream, leads, latest update) must come out as the snapshot has it.
    save_plan(imported, read_plan(plan_file), as_new=True)
    snapshot = load_snapshot(imported)
    led = [r for r in snapshot.actions if "Karen Helliwell" in r.leads]
    other = next(r for r in snapshot.actions if "Karen Helliwell" not in r.leads)
    _update(imported, led[0].id, "First look")
    _update(imported, led[0].id, "Second look")
    _update(imported, led[-1].id, "In the second plan")
    _update(imported, other.id, "Not hers")

    rows = actions_led_by(imported, "karen  HELLIWELL")

    assert rows == _led_in_snapshot(imported, "Karen Helliwell")
    assert len(rows) == 2 * 8
    assert {r.workstream_id for r in rows} != {rows[0].workstream_id}  # both plans
    assert rows[0].latest_narrative == "Second look"
    assert rows[-1].latest_narrative == "In the second plan"


def test_actions_led_by_selects_only_that_person_s_actions(imported: Database) -> None:
    statements: list[str] = []

    def remember(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(imported.engine, "before_cursor_execute", remember)
    try:
        rows = actions_led_by(imported, "Pip Mayo")
    finally:
        event.remove(imported.engine, "before_cursor_execute", remember)
    assert [r.ref for r in rows] == ["1.3 ii", "4.1 1", "6.1 ii", "6.1 iii"]
    # Every query that reads actions, their leads or their updates picks that person's.
    reads = [s for s in statements if s.startswith("SELECT")]
    assert len(reads) == 4
    # (written ? for SQLite, %(name)s for PostgreSQL)
    assert all(re.search(r"person\.name_key = (\?|%\(\w+\)s)", s) for s in reads)


def test_nobody_leads_nothing(imported: Database) -> None:
    assert actions_led_by(imported, "Nobody Atall") == []
