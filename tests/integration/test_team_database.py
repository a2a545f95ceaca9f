"""Many people on one database: ten writing processes at once, a server restarted in the
middle of an edit, and the same plan giving the same ``tracker show --json`` on either
backend.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from tests.pg_cluster import Cluster
from tracker.cli import main
from tracker.db import Database, open_database
from tracker.db.models import Action, AuditLog, Update
from tracker.db.server_errors import ConnectionLostError
from tracker.services.action_edits import set_action_field
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.audit import verify_chain
from tracker.services.plan_snapshot import load_snapshot

WRITER = Path(__file__).with_name("team_writer.py")
WRITERS = 10
EACH = 15
# Keys of `show --json` that a database assigns itself: row ids and when rows were made.
ASSIGNED_KEYS = frozenset({"id", "imported_at", "recorded_at"})


@pytest.mark.both_backends
def test_ten_writers_at_once_lose_no_commit(imported: Database) -> None:
    actions = [row.id for row in load_snapshot(imported).actions[:WRITERS]]
    with imported.read() as session:
        audit_before = session.execute(select(func.count()).select_from(AuditLog)).scalar_one()
    writers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(imported.location), str(action), str(EACH), f"W{i}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, action in enumerate(actions)
    ]
    try:
        for writer in writers:
            assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        for writer in writers:  # all told to go before any is waited for
            assert writer.stdin is not None
            writer.stdin.write("go\n")
            writer.stdin.flush()
        reported = []
        for writer in writers:
            out, err = writer.communicate(timeout=600)
            assert writer.returncode == 0, err
            reported.append(out.split())
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.communicate()
    # Every commit a writer saw return is in the database, and nothing else is.
    assert all(lines.count("update") == EACH and lines.count("edit") == EACH for lines in reported)
    with imported.read() as session:
        for i, action_id in enumerate(actions):
            narratives = session.execute(
                select(Update.narrative).where(Update.action_id == action_id).order_by(Update.id)
            ).scalars()
            assert list(narratives) == [f"W{i} {n}" for n in range(1, EACH + 1)]
            assert session.get(Action, action_id).text == f"W{i} edit {EACH}"
        audit_after = session.execute(select(func.count()).select_from(AuditLog)).scalar_one()
    # Each update writes several audit records and each edit one; the chain never forked.
    check = verify_chain(imported)
    assert check.ok, check.message
    assert audit_after - audit_before >= WRITERS * EACH * 2
    assert check.records == audit_after


@pytest.mark.postgresql
def test_a_server_restart_mid_edit_writes_nothing_and_the_next_edit_reconnects(
    pg_server: Cluster, team_url: str
) -> None:
    database = open_database(team_url)
    try:
        (action, other) = [r.id for r in _import(database)[:2]]
        with (
            pytest.raises(ConnectionLostError, match="was lost") as lost,
            database.write() as session,
        ):
            session.execute(update(Action).where(Action.id == action).values(percent=40))
            pg_server.restart()  # the server goes down with the transaction open
            session.execute(update(Action).where(Action.id == other).values(percent=40))
        assert "try again" in str(lost.value)
        # Nothing of the interrupted edit is there; the next edit reconnects by itself.
        with database.read() as session:
            assert session.get(Action, action).percent == 0
            assert session.get(Action, other).percent == 0
        set_action_field(database, action, "percent", 45)
        with database.read() as session:
            assert session.get(Action, action).percent == 45
        assert verify_chain(database).ok
    finally:
        database.close()


def _import(database: Database) -> list:
    from tracker.paths import original_plan_path
    from tracker.services.plan_import import import_plan

    import_plan(database, original_plan_path())
    return load_snapshot(database).actions


def _without_assigned(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_assigned(v) for k, v in value.items() if k not in ASSIGNED_KEYS}
    if isinstance(value, list):
        return [_without_assigned(v) for v in value]
    return value


def _show_json(location: str, capsys: pytest.CaptureFixture[str]) -> object:
    assert main(["--db", location, "show", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.postgresql
def test_show_json_is_the_same_on_postgresql_as_on_sqlite(
    tmp_path: Path, plan_file: Path, team_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = []
    for location in (str(tmp_path / "team.sqlite3"), team_url):
        assert main(["--db", location, "--user", "Pip Mayo", "import-plan", str(plan_file)]) == 0
        capsys.readouterr()
        database = open_database(location)
        try:
            actions = load_snapshot(database).actions
            for n, row in enumerate(actions[:5]):
                entry = UpdateInput(
                    date(2027, 1, n + 1),
                    "Pip Mayo",
                    "In progress",
                    "A",
                    10,
                    "é ✓",
                    rag_reason="é ✓",
                )
                add_update(database, row.id, entry)
            set_action_field(database, actions[7].id, "due_date", date(2028, 2, 29))
        finally:
            database.close()
        shown.append(_show_json(location, capsys))
    sqlite_json, server_json = (_without_assigned(s) for s in shown)
    assert server_json == sqlite_json
    assert len(sqlite_json["plans"][0]["workstreams"]) == 8


@pytest.mark.postgresql
def test_backup_of_a_team_database_runs_pg_dump_or_says_it_is_missing(
    team_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    out = tmp_path / "team.dump"
    assert main(["--db", team_url, "backup", "--out", str(out)]) == 0
    assert "pg_restore" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    monkeypatch.setattr("tracker.db.server_backup.find_pg_dump", lambda: None)
    assert main(["--db", team_url, "backup", "--out", str(tmp_path / "again.dump")]) == 1
    assert "pg_dump is not installed" in capsys.readouterr().err
    assert not (tmp_path / "again.dump").exists()


def test_backup_of_a_file_goes_beside_it(tmp_path: Path, capsys) -> None:
    db = tmp_path / "plan.sqlite3"
    assert main(["--db", str(db), "backup"]) == 0
    assert "plan.sqlite3 to" in capsys.readouterr().out
    assert any((tmp_path / "backups").glob("plan.*.manual.sqlite3"))


@pytest.mark.postgresql
def test_a_dump_restores_into_a_new_database_whole(
    team_url: str, pg_server: Cluster, tmp_path: Path, capsys
) -> None:
    from tracker.db.server_backup import find_pg_dump

    pg_restore = Path(find_pg_dump() or "pg_dump").with_name("pg_restore")
    if not pg_restore.exists():
        pytest.skip("pg_restore is not installed beside pg_dump")
    assert main(["team-init", team_url]) == 0
    database = open_database(team_url)
    try:
        _import(database)
    finally:
        database.close()
    capsys.readouterr()
    before = _show_json(team_url, capsys)
    dump = tmp_path / "team.dump"
    assert main(["--db", team_url, "backup", "--out", str(dump)]) == 0
    pg_server.sql("CREATE DATABASE restored")
    restored = pg_server.url("restored")
    subprocess.run(
        [str(pg_restore), "--no-owner", f"--dbname={restored}", str(dump)],
        check=True,
        capture_output=True,
    )
    try:
        assert main(["team-init", restored]) == 0
        assert main(["--db", restored, "verify"]) == 0
        assert "intact" in capsys.readouterr().out
        assert _show_json(restored, capsys) == before
    finally:
        pg_server.sql("DROP DATABASE restored WITH (FORCE)")
