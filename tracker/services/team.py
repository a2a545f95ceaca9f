"""A team database: setting it up, saying who leads which workstream, and what the
current login may change.

The rules themselves are PostgreSQL's (roles and row-level security, see
:mod:`tracker.db.team_setup`); this module is what the CLI and the window ask of them. On
an SQLite file there is one user and everything may be changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.exc import DBAPIError

from tracker.db import Database, open_database
from tracker.db.models import Plan, Workstream, WorkstreamMember
from tracker.db.server_errors import INSUFFICIENT_PRIVILEGE, sqlstate
from tracker.db.team_setup import (
    LEAD_ROLE,
    OFFICE_ROLE,
    create_roles_and_policies,
    grant_group,
    role_exists,
    scope_everything,
)
from tracker.errors import DatabaseError, TrackerError
from tracker.services.audit import Change, record_changes


@dataclass(frozen=True)
class EditScope:
    """What this login may change: everything, or only these workstreams."""

    everything: bool
    workstream_ids: frozenset[int] = frozenset()

    def may_edit(self, workstream_id: int) -> bool:
        return self.everything or workstream_id in self.workstream_ids


EVERYTHING = EditScope(True)


def edit_scope(database: Database) -> EditScope:
    """What the current login may change (on a file: everything)."""
    if not database.is_server:
        return EVERYTHING
    with database.read() as session:
        connection = session.connection()
        if scope_everything(connection):
            return EVERYTHING
        login = session.execute(select(_current_user())).scalar_one()
        ids = session.execute(
            select(WorkstreamMember.workstream_id).where(WorkstreamMember.db_role == login)
        ).scalars()
        return EditScope(False, frozenset(ids))


def _current_user():  # type: ignore[no-untyped-def]
    from sqlalchemy import literal_column

    return literal_column("current_user")


def init_team_database(url: str) -> list[str]:
    """Create the schema (migrations), the roles and the policies on a server database;
    returns the group roles created (none when they were there already)."""
    database = open_database(url)
    try:
        with database.engine.begin() as connection:
            return create_roles_and_policies(connection)
    except DBAPIError as exc:
        if sqlstate(exc) == INSUFFICIENT_PRIVILEGE:
            raise DatabaseError(
                f"Setting up {database.name} needs a login that may create roles and owns "
                "the database (a PostgreSQL superuser, or a user made with createuser "
                "--createrole). Nothing was changed; run tracker team-init again as that user."
            ) from exc
        raise
    finally:
        database.close()


def _need_server(database: Database) -> None:
    if not database.is_server:
        raise TrackerError(
            "Roles belong to a team database on PostgreSQL; this is a file. Give the "
            "server's address with --db postgresql://USER@HOST/DATABASE."
        )


def _need_role(database: Database, role: str) -> None:
    with database.read() as session:
        if not role_exists(session.connection(), role):
            raise TrackerError(
                f"There is no login '{role}' on the server {database.name}. Create it first "
                f"(sudo -u postgres createuser --pwprompt {role}), then grant it again."
            )
        if not role_exists(session.connection(), LEAD_ROLE):
            raise TrackerError(
                f"{database.name} has no tracker roles yet: run tracker team-init on it first."
            )


def grant_workstreams(database: Database, role: str, workstream: str) -> list[str]:
    """Make login ``role`` a lead of every workstream titled (or tabbed) ``workstream``,
    in every live plan; returns the workstreams' titles."""
    _need_server(database)
    _need_role(database, role)
    key = " ".join(workstream.split()).casefold()
    with database.write() as session:
        rows = session.execute(
            select(Workstream.id, Workstream.title, Workstream.tab)
            .join(Plan, Plan.id == Workstream.plan_id)
            .where(Plan.archived.is_(False))
            .order_by(Workstream.id)
        ).all()
        chosen = [r for r in rows if key in (r.title.casefold(), r.tab.casefold())]
        if not chosen:
            names = ", ".join(sorted({r.title for r in rows})) or "none yet"
            raise TrackerError(
                f"No workstream is called '{workstream}'. The workstreams are: {names}."
            )
        session.execute(
            postgresql_insert(WorkstreamMember)
            .values([{"workstream_id": r.id, "db_role": role} for r in chosen])
            .on_conflict_do_nothing()
        )
        grant_group(session.connection(), role, LEAD_ROLE)
        record_changes(
            session,
            user=database.actor,
            cause="edit",
            changes=[Change("workstream", r.id, "lead role", None, role) for r in chosen],
        )
    return [r.title for r in chosen]


def grant_office(database: Database, role: str) -> None:
    """Make login ``role`` one of the programme office (may change the whole plan)."""
    _need_server(database)
    _need_role(database, role)
    with database.write() as session:
        grant_group(session.connection(), role, OFFICE_ROLE)
