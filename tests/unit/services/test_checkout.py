"""Checking out a working copy from a team database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tracker.db import open_database
from tracker.db.models import Action, AppSetting, SyncRow, Workstream
from tracker.errors import TrackerError
from tracker.services.audit import verify_chain
from tracker.services.checkout import checkout
from tracker.services.database_settings import return_secret
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.working_copy import working_copy

from .sync_helpers import check_out, narratives, record, team_database


def test_whole_plan_is_copied_with_its_ids_and_origin(tmp_path: Path) -> None:
    server, ids = team_database(tmp_path)
    record(server, ids["Agree the vision"], "Vision drafted")
    local = check_out(tmp_path, server)
    assert [x.id for x in load_snapshot(local).actions] == [
        x.id for x in load_snapshot(server).actions
    ]
    assert narratives(local, ids["Agree the vision"]) == ["Vision drafted"]
    origin = working_copy(local)
    assert origin is not None
    assert origin.plan_name == "Test plan & co"
    assert origin.source == f"sqlite:///{server.path}"
    assert origin.workstream_ids == ()
    assert origin.source_name == "team.sqlite3"
    assert origin.describe().startswith(
        f"Working copy of Test plan & co from sqlite:///{server.path}, checked out "
    )
    # The returns' signing secret comes along, so the office can import returns made here.
    assert return_secret(local) == return_secret(server)
    assert verify_chain(local).ok
    with local.read() as session:
        tables = session.execute(select(SyncRow.table_name)).scalars().all()
    assert tables.count("action") == 6
    assert tables.count("update") == 1


def test_only_the_named_workstreams(tmp_path: Path) -> None:
    server, ids = team_database(tmp_path)
    local = check_out(tmp_path, server, "prevention")
    with local.read() as session:
        titles = session.execute(select(Workstream.title)).scalars().all()
        actions = session.execute(select(Action.text).order_by(Action.id)).scalars().all()
    assert titles == ["Prevention"]
    assert actions == ["Falls service", "Shared with Pip"]
    origin = working_copy(local)
    assert origin is not None
    assert origin.workstream_ids == (ids["ws_prevention"],)


def test_unknown_workstream_is_refused_naming_the_real_ones(tmp_path: Path) -> None:
    server, _ids = team_database(tmp_path)
    local = open_database(tmp_path / "laptop.sqlite3")
    with pytest.raises(TrackerError, match=r"no workstream called 'Housing'.*Prevention"):
        checkout(local, server, source="team", workstreams=["Housing"])
    assert working_copy(local) is None
    with local.read() as session:
        assert session.execute(select(AppSetting)).first() is None


def test_refused_into_a_database_that_holds_data(tmp_path: Path) -> None:
    server, _ids = team_database(tmp_path)
    other, _ = team_database(tmp_path / "other")
    with pytest.raises(TrackerError, match=r"already holds data.*empty file"):
        checkout(other, server, source="team")
    assert working_copy(other) is None
