"""A team database with the small plan and a working copy of it, for the sync tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from tracker.db import Database, open_database
from tracker.db.models import Update
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.checkout import checkout
from tracker.services.working_copy import working_copy

from ..conftest import build_small_plan


def team_database(folder: Path) -> tuple[Database, dict[str, int]]:
    server = open_database(folder / "team.sqlite3")
    server.actor = "Programme office"
    return server, build_small_plan(server)


def check_out(folder: Path, server: Database, *workstreams: str) -> Database:
    local = open_database(folder / "laptop.sqlite3")
    local.actor = "Pip Mayo"
    checkout(local, server, source=f"sqlite:///{server.path}", workstreams=workstreams)
    assert working_copy(local) is not None
    return local


def record(database: Database, action_id: int, narrative: str, **fields: object) -> int:
    entry = UpdateInput(
        date=date(2026, 11, 30),
        author=database.actor,
        status=str(fields.get("status", "In progress")),
        rag=fields.get("rag", "G"),  # type: ignore[arg-type]
        percent=int(fields.get("percent", 40)),  # type: ignore[arg-type]
        narrative=narrative,
        # The 2018 plan is long past due: a rating greener than the calculated Red needs
        # its reason, as from any lead.
        rag_reason="Agreed with the programme office",
    )
    update_id, _ = add_update(database, action_id, entry)
    return update_id


def narratives(database: Database, action_id: int) -> list[str]:
    with database.read() as session:
        return list(
            session.execute(
                select(Update.narrative).where(Update.action_id == action_id).order_by(Update.id)
            ).scalars()
        )


def update_count(database: Database) -> int:
    with database.read() as session:
        return session.execute(select(func.count()).select_from(Update)).scalar_one()
