"""Backups, restore, the integrity check and the network-share warning."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.db import Database, open_database
from tracker.db.backup import backup_database, backup_if_due, list_backups, restore_backup
from tracker.db.health import change_marker, integrity_problem, network_share_warning
from tracker.services.action_edits import set_action_field
from tracker.services.plan_import import import_plan
from tracker.services.plan_snapshot import load_snapshot


def _percent(database: Database, action_id: int) -> int:
    return next(r.percent for r in load_snapshot(database).actions if r.id == action_id)


@pytest.mark.sqlite_only
def test_backup_holds_what_is_still_in_the_wal(imported: Database) -> None:
    row = load_snapshot(imported).actions[0]
    set_action_field(imported, row.id, "percent", 35)
    # The edit may still sit in the -wal file: a plain file copy would miss it.
    copy = backup_database(imported.path, "manual")
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("SELECT percent FROM action WHERE id = ?", (row.id,)).fetchone() == (
            35,
        )
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.sqlite_only
def test_restore_puts_the_backup_back_and_keeps_a_safety_copy(imported: Database) -> None:
    row = load_snapshot(imported).actions[0]
    set_action_field(imported, row.id, "percent", 10)
    good = backup_database(imported.path, "manual")
    set_action_field(imported, row.id, "percent", 99)
    safety = restore_backup(imported.path, good)
    assert _percent(imported, row.id) == 10
    with closing(sqlite3.connect(safety)) as conn:
        assert conn.execute("SELECT percent FROM action WHERE id = ?", (row.id,)).fetchone() == (
            99,
        )
    reasons = [b.reason for b in list_backups(imported.path)]
    assert reasons[0] == "before restore"


@pytest.mark.sqlite_only
def test_backups_before_import_daily_and_bounded(database: Database, plan_file: Path) -> None:
    import_plan(database, plan_file)
    assert list_backups(database.path) == []  # nothing worth keeping before the first import
    import_plan(database, plan_file, as_new=True)
    assert [b.reason for b in list_backups(database.path)] == ["before import"]
    assert backup_if_due(database.path) is None  # one was taken within the day
    assert backup_if_due(database.path, hours=0) is not None
    for _ in range(25):
        backup_database(database.path, "manual", keep=5)
    assert len(list_backups(database.path)) == 5


@pytest.mark.sqlite_only
def test_integrity_check_spots_a_damaged_file(imported: Database, capsys) -> None:
    assert integrity_problem(imported.path) is None
    backup_database(imported.path, "daily")
    imported.close()
    with closing(sqlite3.connect(imported.path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(imported.path.read_bytes())
    page = 4096
    data[page * 3 : page * 6] = b"\xff" * (page * 3)  # scribble over table pages
    imported.path.write_bytes(bytes(data))
    assert integrity_problem(imported.path) is not None
    assert main(["--db", str(imported.path), "show"]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "The newest backup is" in err and "daily" in err


def test_network_share_is_detected_from_the_mount_table(tmp_path: Path) -> None:
    mounts = [("/", "ext4"), ("/mnt/team", "cifs"), ("/mnt/team/local", "ext4")]
    assert network_share_warning(Path("/mnt/team/plans/t.sqlite3"), mounts) is not None
    assert "network share" in network_share_warning(Path("/mnt/team/t.sqlite3"), mounts)
    assert network_share_warning(Path("/mnt/team/local/t.sqlite3"), mounts) is None
    assert network_share_warning(Path("/home/me/t.sqlite3"), mounts) is None
    assert network_share_warning(tmp_path / "t.sqlite3") is None


def test_change_marker_moves_when_another_handle_writes(imported: Database) -> None:
    before = change_marker(imported)
    other = open_database(imported.location)
    try:
        set_action_field(other, load_snapshot(other).actions[0].id, "percent", 5)
    finally:
        other.close()
    assert change_marker(imported) > before
