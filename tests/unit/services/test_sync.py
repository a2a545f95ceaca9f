"""Syncing a working copy with its team database: updates appended once each way,
fields merged three ways, conflicts left for a choice, a cut-off sync run again."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tracker.db.models import Action
from tracker.errors import TrackerError
from tracker.services import sync as sync_module
from tracker.services.action_edits import set_action_field, set_action_leads
from tracker.services.audit import verify_chain
from tracker.services.sync import find_conflicts, sync
from tracker.services.working_copy import working_copy

from .sync_helpers import check_out, narratives, record, team_database, update_count


def _field(database, action_id: int, name: str):  # type: ignore[no-untyped-def]
    with database.read() as session:
        return session.execute(select(getattr(Action, name)).where(Action.id == action_id)).scalar()


def test_updates_on_both_sides_reach_both(tmp_path: Path) -> None:
    server, ids = team_database(tmp_path)
    local = check_out(tmp_path, server)
    vision, falls = ids["Agree the vision"], ids["Falls service"]
    record(local, vision, "Offline one")
    record(local, vision, "Offline two")
    record(server, falls, "Office note", rag="A")
    result = sync(local, server)
    assert (result.pushed_updates, result.pulled_updates) == (2, 1)
    assert result.conflicts == []
    for side in (local, server):
        assert narratives(side, vision) == ["Offline one", "Offline two"]
        assert narratives(side, falls) == ["Office note"]
        assert update_count(side) == 3
        assert verify_chain(side).ok
    # The action's state follows: mine went up, theirs came down.
    assert _field(server, vision, "percent") == 40
    assert _field(local, falls, "rag") == "A"
    origin = working_copy(local)
    assert origin is not None and origin.last_synced_at is not None


def test_sync_again_changes_nothing(tmp_path: Path) -> None:
    server, ids = team_database(tmp_path)
    local = check_out(tmp_path, server)
    record(local, ids["Agree the vision"], "Offline")
    sync(local, server)
    again = sync(local, server)
    assert (again.pushed_updates, again.pulled_updates) == (0, 0)
    assert (again.pushed_fields, again.pulled_fields) == (0, 0)
    assert update_count(local) == update_count(server) == 1


def test_field_edited_on_one_side_goes_to_the_other(tmp_path: Path) -> None:
    server, ids = team_database(tmp_path)
    local = check_out(tmp_path, server)
    board = ids["Set up the board"]
    set_action_field(local, board, "text", "Set up the partnership board")
    set_action_leads(server, board, ["Ash Khan", "Sam Lee"])
    sync(local, server)
    for side in (local, server):
        assert _field(side, board, "text") == "Set up the partnership board"
    from tracker.services.working_copy import action_states

    for side in (local, server):
        with side.read() as session:
            assert action_states(session, [board])[board]["leads"] == ["Ash Khan", "Sam Lee"]


def test_same_field_both_sides_is_a_conflict_left_until_chosen(tmp_path: Path) -> None:
    server, ids = team_database(tmp_path)
    local = check_out(tmp_path, server)
    board = ids["Set up the board"]
    set_action_field(local, board, "text", "Mine")
    set_action_field(server, board, "text", "Theirs")
    assert [(c.field, c.base, c.mine, c.theirs) for c in find_conflicts(local, server)] == [
        ("text", "Set up the board", "Mine", "Theirs")
    ]
    result = sync(local, server)
    assert [(c.ref, c.label) for c in result.conflicts] == [("1.2 i.", "Action")]
    assert "Conflicts (1 field" in result.describe()
    assert _field(local, board, "text") == "Mine"
    assert _field(server, board, "text") == "Theirs"
    # Still a conflict next time: nothing was decided for it.
    assert len(sync(local, server).conflicts) == 1
    chosen = sync(local, server, take="mine")
    assert chosen.conflicts == [] and chosen.resolved == 1
    assert _field(server, board, "text") == "Mine"
    assert find_conflicts(local, server) == []


def test_conflict_settled_per_field_by_choice(tmp_path: Path) -> None:
    server, ids = team_database(tmp_path)
    local = check_out(tmp_path, server)
    board = ids["Set up the board"]
    set_action_field(local, board, "text", "Mine")
    set_action_field(server, board, "text", "Theirs")
    set_action_field(local, board, "percent", 70)
    set_action_field(server, board, "percent", 30)
    sync(local, server, choices={(board, "text"): "theirs", (board, "percent"): "mine"})
    for side in (local, server):
        assert _field(side, board, "text") == "Theirs"
        assert _field(side, board, "percent") == 70


@pytest.mark.parametrize("cut_at", ["_sync_server", "_finish_local"])
def test_sync_cut_off_is_finished_by_running_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cut_at: str
) -> None:
    server, ids = team_database(tmp_path)
    local = check_out(tmp_path, server)
    for n in range(5):
        record(local, ids["Agree the vision"], f"Offline {n}")
    record(server, ids["Falls service"], "Office note")
    real = getattr(sync_module, cut_at)

    def cut_off(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise TrackerError("connection lost")

    # Cut before the team database's transaction, or after it committed and before this
    # file's: the second leaves the team database ahead of the working copy.
    monkeypatch.setattr(sync_module, cut_at, cut_off)
    with pytest.raises(TrackerError):
        sync(local, server)
    monkeypatch.setattr(sync_module, cut_at, real)
    sync(local, server)
    sync(local, server)
    assert update_count(local) == update_count(server) == 6
    assert narratives(server, ids["Agree the vision"]) == [f"Offline {n}" for n in range(5)]
    assert narratives(local, ids["Falls service"]) == ["Office note"]


def test_not_a_working_copy(tmp_path: Path) -> None:
    server, _ids = team_database(tmp_path)
    other, _ = team_database(tmp_path / "other")
    with pytest.raises(TrackerError, match="not a working copy"):
        sync(other, server)


def test_connection_dropped_inside_the_team_transaction_writes_nothing_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    server, ids = team_database(tmp_path)
    local = check_out(tmp_path, server)
    record(local, ids["Agree the vision"], "Offline")
    set_action_field(local, ids["Set up the board"], "text", "Mine")
    real = sync_module._server_updates

    def dropped(*args, **kwargs):  # type: ignore[no-untyped-def]
        # After the update and the field were written, before the commit.
        raise OperationalError("SELECT", {}, ConnectionResetError("server closed the connection"))

    monkeypatch.setattr(sync_module, "_server_updates", dropped)
    with pytest.raises(TrackerError, match="Nothing was half-written: run the sync again"):
        sync(local, server)
    assert update_count(server) == 0
    assert _field(server, ids["Set up the board"], "text") == "Set up the board"
    monkeypatch.setattr(sync_module, "_server_updates", real)
    sync(local, server)
    assert narratives(server, ids["Agree the vision"]) == ["Offline"]
    assert _field(server, ids["Set up the board"], "text") == "Mine"
