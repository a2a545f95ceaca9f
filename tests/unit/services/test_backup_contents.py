"""What each backup holds, read without changing it, and what restoring one would lose."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from tracker.dates import local_time, short_date_time
from tracker.db import Database
from tracker.db.backup import backup_database
from tracker.db.migrate import SCHEMA_HEAD
from tracker.paths import original_plan_path
from tracker.services.action_edits import set_action_field
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.audit import list_audit
from tracker.services.backup_contents import (
    Readable,
    list_backup_contents,
    loss_warning,
    restore_losses,
    summarise,
)
from tracker.services.plan_import import import_plan
from tracker.services.plan_snapshot import load_snapshot

# Backups beside the file are SQLite's; a team database's are pg_dump's.
pytestmark = pytest.mark.sqlite_only

PLAN = "Care Quality Commission - Local System Review: Action Plan"


def _add_updates(database: Database, count: int) -> None:
    for row in load_snapshot(database).actions[:count]:
        entry = UpdateInput(date(2018, 7, 2), "Pip Mayo", "In progress", "A", 40, "Under way")
        add_update(database, row.id, entry)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _set_schema(path: Path, revision: str, *, drop_audit: bool = False) -> None:
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        if drop_audit:
            connection.execute("DROP TABLE audit_log")


def test_a_backup_summary_names_plans_and_counts_without_touching_the_file(
    imported: Database,
) -> None:
    _add_updates(imported, 3)
    backup = backup_database(imported.path, "manual")
    before = _digest(backup)
    siblings = sorted(p.name for p in backup.parent.iterdir())

    summary = summarise(backup)

    assert summary.readable is Readable.CURRENT and summary.schema == SCHEMA_HEAD
    assert [p.name for p in summary.plans] == [PLAN]
    assert (summary.actions, summary.updates) == (63, 3)
    newest = list_audit(imported)[-1]
    assert summary.last_change == newest.at
    assert summary.counts() == "1 plan, 63 actions and 3 updates"
    # Read only: the bytes are the same and no -wal or -shm file was left beside it.
    assert _digest(backup) == before
    assert sorted(p.name for p in backup.parent.iterdir()) == siblings


def test_a_damaged_backup_is_listed_as_damaged(imported: Database) -> None:
    good = backup_database(imported.path, "manual")
    damaged = good.with_name(good.name.replace(".manual.", ".daily."))
    damaged.write_bytes(b"not a database at all " * 200)

    contents = {c.backup.reason: c.summary for c in list_backup_contents(imported.path)}

    assert contents["manual"].readable is Readable.CURRENT
    assert contents["daily"].readable is Readable.DAMAGED
    assert not contents["daily"].restorable
    assert "damaged" in contents["daily"].problem()


def test_an_sqlite_file_that_is_not_the_trackers_is_damaged(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    assert summarise(other).readable is Readable.DAMAGED


def test_a_backup_from_a_newer_version_is_described_not_read(imported: Database) -> None:
    backup = backup_database(imported.path, "manual")
    _set_schema(backup, "9999")
    before = _digest(backup)

    summary = summarise(backup)

    assert summary.readable is Readable.NEWER and summary.schema == "9999"
    assert not summary.restorable
    assert "newer version of the tracker (schema 9999)" in summary.problem()
    assert summary.plans == () and summary.actions == 0
    assert _digest(backup) == before


def test_a_backup_from_an_older_version_is_read_as_far_as_it_goes(imported: Database) -> None:
    backup = backup_database(imported.path, "manual")
    _set_schema(backup, "0002", drop_audit=True)  # the audit log came with 0003

    summary = summarise(backup)

    assert summary.readable is Readable.OLDER and summary.restorable
    assert (len(summary.plans), summary.actions, summary.last_change) == (1, 63, None)


def test_restoring_an_older_backup_says_exactly_what_is_lost(imported: Database) -> None:
    backup = backup_database(imported.path, "before import")  # one plan, no updates
    import_plan(imported, original_plan_path(), name="Second copy", as_new=True)
    _add_updates(imported, 14)

    current = summarise(imported.path, live=True)
    old = summarise(backup)
    taken = short_date_time(local_time(old.last_change))

    assert restore_losses(current, old) == [
        "the plan “Second copy”",
        "63 actions",
        "14 updates",
        f"every change recorded after {taken}",
    ]
    assert loss_warning(current, old) == (
        "The current file has 2 plans, 126 actions and 14 updates; this backup has "
        "1 plan, 63 actions and no updates. Restoring loses the plan “Second copy”, "
        f"63 actions, 14 updates and every change recorded after {taken}."
    )


def test_restoring_a_backup_of_the_current_state_loses_nothing(imported: Database) -> None:
    _add_updates(imported, 2)
    backup = backup_database(imported.path, "manual")
    current = summarise(imported.path, live=True)
    assert restore_losses(current, summarise(backup)) == []
    assert loss_warning(current, summarise(backup)) == ""


def test_changes_after_the_backup_are_a_loss_even_with_the_same_counts(
    imported: Database,
) -> None:
    backup = backup_database(imported.path, "manual")
    row = load_snapshot(imported).actions[0]
    set_action_field(imported, row.id, "percent", 35)
    losses = restore_losses(summarise(imported.path, live=True), summarise(backup))
    assert len(losses) == 1 and losses[0].startswith("every change recorded after ")
