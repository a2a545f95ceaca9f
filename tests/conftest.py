"""Shared fixtures: a fresh database per test, the original plan, an imported copy."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt runs offscreen in tests (no display on CI); set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tracker.db import Database, open_database
from tracker.paths import original_plan_path

FIXTURE_PLAN = original_plan_path()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.sqlite3"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    db = open_database(db_path)
    yield db
    db.close()


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """A copy of the original 2018 action plan (tests never touch the shipped file)."""
    copy = tmp_path / "cqc-lsr-action-plan-2018.xlsx"
    shutil.copyfile(FIXTURE_PLAN, copy)
    return copy


@pytest.fixture
def imported(database: Database, plan_file: Path) -> Database:
    """A database holding the original plan."""
    from tracker.services.plan_import import import_plan

    import_plan(database, plan_file)
    return database
