"""Copy, checkout and sync with a team database on a real PostgreSQL server.

Runs on the tests' throwaway server (``pg_server`` in tests/conftest.py), where
PostgreSQL is installed; everything else about these services is tested on SQLite files.
This checks that they need nothing SQLite-only, with the server opened by its address as
the command line opens it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tracker.db import Database, open_database
from tracker.db.locations import open_address
from tracker.services.action_edits import set_action_field
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update, list_updates
from tracker.services.audit import verify_chain
from tracker.services.checkout import checkout
from tracker.services.database_copy import copy_database
from tracker.services.database_settings import return_secret
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.sync import sync


def _entry(author: str, percent: int, narrative: str) -> UpdateInput:
    # The 2018 plan is long overdue: Green needs its reason beside the calculated Red.
    return UpdateInput(
        date(2026, 11, 30), author, "In progress", "G", percent, narrative, rag_reason="Agreed"
    )


def test_copy_checkout_and_sync_on_postgresql(
    imported: Database, tmp_path: Path, team_url: str
) -> None:
    server = open_address(team_url)
    server.actor = "Programme office"
    return_secret(imported)
    copy_database(imported, server, source_name="file", target_name="server")
    assert load_snapshot(server).actions == load_snapshot(imported).actions
    local = open_database(tmp_path / "laptop.sqlite3")
    local.actor = "Pip Mayo"
    checkout(local, server, source="server", workstreams=["Prevention"])
    actions = [x.id for x in load_snapshot(local).actions]
    for n in range(5):
        add_update(local, actions[n % len(actions)], _entry("Pip Mayo", 30 + n, f"offline {n}"))
    add_update(server, actions[0], _entry("Office", 31, "office"))
    set_action_field(local, actions[1], "text", "mine")
    set_action_field(server, actions[1], "text", "theirs")
    first = sync(local, server)
    assert (first.pushed_updates, first.pulled_updates) == (5, 1)
    assert {(c.action_id, c.field) for c in first.conflicts} == {
        (actions[0], "percent"),
        (actions[1], "text"),
    }
    sync(local, server, take="theirs")
    again = sync(local, server)
    assert (again.pushed_updates, again.pulled_updates, again.conflicts) == (0, 0, [])
    for action_id in actions:
        mine = sorted(u.narrative for u in list_updates(local, action_id))
        assert mine == sorted(u.narrative for u in list_updates(server, action_id))
    assert verify_chain(server).ok
    back = open_database(tmp_path / "back.sqlite3")
    copy_database(server, back, source_name="server", target_name="back")
    assert verify_chain(back).ok
    assert load_snapshot(back).actions == load_snapshot(server).actions
    for database in (back, local, server):
        database.close()
