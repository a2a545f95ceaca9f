"""Copying a whole database into an empty one, checked on arrival, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from tracker.db import Database, open_database
from tracker.db.models import AuditLog, Update
from tracker.errors import TrackerError
from tracker.services import database_copy
from tracker.services.audit import list_audit, verify_chain
from tracker.services.database_copy import CopyCheckError, copy_database
from tracker.services.database_settings import return_secret
from tracker.services.row_copy import count_rows

from .sync_helpers import narratives, record, team_database


def _counts(database: Database) -> dict[str, int]:
    with database.read() as session:
        return {t.name: count_rows(session, t) for t in SQLModel.metadata.sorted_tables}


def _source(tmp_path: Path) -> tuple[Database, dict[str, int]]:
    source, ids = team_database(tmp_path)
    record(source, ids["Agree the vision"], "First")
    record(source, ids["Agree the vision"], "Second")
    record(source, ids["Falls service"], "Third")
    return_secret(source)
    return source, ids


def test_copy_arrives_whole_and_checked(tmp_path: Path) -> None:
    source, ids = _source(tmp_path)
    target = open_database(tmp_path / "copy.sqlite3")
    report = copy_database(source, target, source_name="the file", target_name="the server")
    assert _counts(target) == _counts(source)
    assert report.counts["update"] == 3
    assert report.audit_records == len(list_audit(source)) > 0
    assert narratives(target, ids["Agree the vision"]) == ["First", "Second"]
    assert list_audit(target) == list_audit(source)
    assert verify_chain(target).ok
    assert return_secret(target) == return_secret(source)
    # The copy goes on working: a new update there takes a fresh id and extends the chain.
    record(target, ids["Falls service"], "After the move")
    assert verify_chain(target).ok


def test_copy_into_a_database_that_holds_data_is_refused(tmp_path: Path) -> None:
    source, _ids = _source(tmp_path)
    target, _ = team_database(tmp_path / "other")
    before = _counts(target)
    with pytest.raises(TrackerError, match=r"not empty.*Nothing was copied"):
        copy_database(source, target, source_name="the file", target_name="the server")
    assert _counts(target) == before


def test_a_copy_that_does_not_match_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _ids = _source(tmp_path)
    target = open_database(tmp_path / "copy.sqlite3")
    real = database_copy.write_rows

    def drop_one_update(session: Any, table: Any, rows: Any) -> int:
        listed = list(rows)
        if table.name == Update.__tablename__:
            listed = listed[:-1]  # as a connection that lost the last batch would
        return real(session, table, listed)

    monkeypatch.setattr(database_copy, "write_rows", drop_one_update)
    with pytest.raises(CopyCheckError, match=r"update: 2 rows arrived of 3.*target is empty"):
        copy_database(source, target, source_name="the file", target_name="the server")
    assert set(_counts(target).values()) == {0}


def test_a_copy_whose_audit_chain_breaks_on_the_way_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _ids = _source(tmp_path)
    target = open_database(tmp_path / "copy.sqlite3")
    real = database_copy.write_rows

    def alter_audit(session: Any, table: Any, rows: Any) -> int:
        listed = list(rows)
        if table.name == AuditLog.__tablename__:
            listed[0] = {**listed[0], "user": "someone else"}
        return real(session, table, listed)

    monkeypatch.setattr(database_copy, "write_rows", alter_audit)
    with pytest.raises(CopyCheckError, match="audit log has been altered at record 1"):
        copy_database(source, target, source_name="the file", target_name="the server")
    with target.read() as session:
        assert session.execute(select(AuditLog)).first() is None


def test_a_copy_whose_updates_differ_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, ids = _source(tmp_path)
    target = open_database(tmp_path / "copy.sqlite3")
    real = database_copy.write_rows

    def alter_update(session: Any, table: Any, rows: Any) -> int:
        listed = list(rows)
        if table.name == Update.__tablename__:
            listed[0] = {**listed[0], "narrative": "changed on the way"}
        return real(session, table, listed)

    monkeypatch.setattr(database_copy, "write_rows", alter_update)
    message = rf"the updates of 1 action differ \({ids['Agree the vision']}\)"
    with pytest.raises(CopyCheckError, match=message):
        copy_database(source, target, source_name="the file", target_name="the server")
    assert set(_counts(target).values()) == {0}
