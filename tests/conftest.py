"""Shared fixtures: a fresh database per test, the original plan, an imported copy.

The database tests run on both backends: ``database`` is an SQLite file, or a fresh
database on a throwaway PostgreSQL server (:mod:`tests.pg_cluster`) when the test is
parametrised with ``backend="postgresql"``. Tests under ``tests/unit/db`` and
``tests/unit/services`` that use ``database`` get both; elsewhere a test opts in with the
``both_backends`` marker, and a test about SQLite itself opts out with ``sqlite_only``.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt runs offscreen in tests (no display on CI); set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.pg_cluster import Cluster, start_cluster, unavailable_reason
from tracker.db import Database, open_database
from tracker.paths import original_plan_path

FIXTURE_PLAN = original_plan_path()
TESTS = Path(__file__).parent
BOTH_BACKENDS_BY_FOLDER = (TESTS / "unit" / "db", TESTS / "unit" / "services")
TEMPLATE_DB = "tracker_template"
_database_numbers = itertools.count(1)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the database tests on SQLite and PostgreSQL (see the module's docstring)."""
    if "backend" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    path = metafunc.definition.path
    by_folder = any(path.is_relative_to(folder) for folder in BOTH_BACKENDS_BY_FOLDER)
    uses_database = "database" in metafunc.fixturenames
    if not (
        metafunc.definition.get_closest_marker("both_backends") or (by_folder and uses_database)
    ):
        return
    metafunc.parametrize(
        "backend",
        ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)],
        indirect=True,
    )


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Cluster]:
    """A throwaway PostgreSQL server for the whole run, with a migrated template database."""
    reason = unavailable_reason()
    if reason is not None:
        if os.environ.get("TRACKER_TEST_PG") == "1":
            pytest.fail(f"TRACKER_TEST_PG=1 but {reason}")
        pytest.skip(reason)
    cluster = start_cluster()
    try:
        cluster.sql(f"CREATE DATABASE {TEMPLATE_DB}")
        open_database(cluster.url(TEMPLATE_DB)).close()
        yield cluster
    finally:
        cluster.remove()


def new_server_database(server: Cluster, *, empty: bool = False) -> str:
    """A new database on the test server (migrated, unless ``empty``); returns its URL."""
    name = f"tracker_test_{next(_database_numbers)}"
    template = "template0" if empty else TEMPLATE_DB
    server.sql(f"CREATE DATABASE {name} TEMPLATE {template}")
    return server.url(name)


@pytest.fixture
def pg_url(pg_server: Cluster) -> Iterator[str]:
    """A fresh, empty PostgreSQL database (no tables)."""
    url = new_server_database(pg_server, empty=True)
    yield url
    pg_server.sql(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")


@pytest.fixture
def team_url(pg_server: Cluster) -> Iterator[str]:
    """A fresh PostgreSQL database with the tracker's schema, as a team would have."""
    url = new_server_database(pg_server)
    yield url
    pg_server.sql(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite" or "postgresql": which database ``database`` is."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_location(
    backend: str, db_path: Path, request: pytest.FixtureRequest
) -> Iterator[Path | str]:
    """The database a test works on: ``db_path``, or a fresh server database's URL."""
    if backend == "sqlite":
        yield db_path
        return
    server: Cluster = request.getfixturevalue("pg_server")
    url = new_server_database(server)
    yield url
    server.sql(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.sqlite3"


@pytest.fixture
def database(db_location: Path | str) -> Iterator[Database]:
    db = open_database(db_location)
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
