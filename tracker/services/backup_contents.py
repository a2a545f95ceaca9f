"""What a backup holds, read without changing it, and what restoring it would lose.

Each backup file is opened read-only (an SQLite URI with ``mode=ro``): never migrated,
never written. A backup written by an older version of the tracker is read as far as its
tables allow; one from a newer version, or one that is damaged, is described as such
rather than read. The current database is summarised the same way, so the two compare
like with like before a restore.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from tracker.dates import local_time, short_date_time
from tracker.db.backup import BackupFile, list_backups
from tracker.db.migrate import SCHEMA_HEAD, known_revisions
from tracker.wording import count_noun


class Readable(Enum):
    """Whether this version of the tracker can read (and so restore) a file."""

    CURRENT = "current"  # the schema this version writes
    OLDER = "older"  # an older schema: restoring it brings it up to date on opening
    NEWER = "newer"  # written by a newer version: this copy cannot open it
    DAMAGED = "damaged"  # not a readable tracker database


@dataclass(frozen=True)
class PlanName:
    id: int
    name: str


@dataclass(frozen=True)
class DatabaseSummary:
    """What a database file holds, in the terms a person checks a restore by."""

    readable: Readable
    schema: str | None = None
    plans: tuple[PlanName, ...] = ()
    actions: int = 0
    updates: int = 0
    last_change: datetime | None = None  # the newest audit record's time

    @property
    def restorable(self) -> bool:
        return self.readable in (Readable.CURRENT, Readable.OLDER)

    def counts(self) -> str:
        """``2 plans, 126 actions and 14 updates``: ``no`` for none."""
        return (
            f"{_count(len(self.plans), 'plan')}, {_count(self.actions, 'action')} and "
            f"{_count(self.updates, 'update')}"
        )

    def problem(self) -> str:
        """Why the file cannot be restored, in the user's words; empty when it can."""
        if self.readable is Readable.NEWER:
            return f"from a newer version of the tracker (schema {self.schema})"
        if self.readable is Readable.DAMAGED:
            return "damaged: it cannot be read as a tracker database"
        return ""


@dataclass(frozen=True)
class BackupContents:
    backup: BackupFile
    summary: DatabaseSummary


def _count(count: int, noun: str) -> str:
    return f"no {noun}s" if count == 0 else count_noun(count, noun)


def summarise(path: Path, *, live: bool = False) -> DatabaseSummary:
    """What the database file at ``path`` holds; the file is only read, never changed.

    A backup is also opened ``immutable``: backups are never written after they are
    taken, and a read-only reader of a WAL-mode file would otherwise leave ``-wal`` and
    ``-shm`` files beside it. The ``live`` database may be written meanwhile, so it is
    read with SQLite's usual locking.
    """
    try:
        # A file: URI with mode=ro never creates, migrates or writes the file.
        uri = f"{path.resolve().as_uri()}?mode=ro{'' if live else '&immutable=1'}"
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            return _read_summary(connection)
    except sqlite3.Error:
        return DatabaseSummary(Readable.DAMAGED)


def _read_summary(connection: sqlite3.Connection) -> DatabaseSummary:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "alembic_version" not in tables:
        return DatabaseSummary(Readable.DAMAGED)
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    schema = row[0] if row else None
    if schema == SCHEMA_HEAD:
        readable = Readable.CURRENT
    elif schema is not None and schema in known_revisions():
        readable = Readable.OLDER
    else:
        # Its tables may mean something else: describe it, do not read it.
        return DatabaseSummary(Readable.NEWER if schema else Readable.DAMAGED, schema)
    if not {"plan", "action", "update"} <= tables:
        return DatabaseSummary(Readable.DAMAGED, schema)
    plans = tuple(
        PlanName(plan_id, name)
        for plan_id, name in connection.execute("SELECT id, name FROM plan ORDER BY id")
    )
    (actions,) = connection.execute("SELECT count(*) FROM action").fetchone()
    (updates,) = connection.execute('SELECT count(*) FROM "update"').fetchone()
    last_change = None
    if "audit_log" in tables:  # from schema 0003 on
        newest = connection.execute("SELECT at FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        last_change = datetime.fromisoformat(newest[0]) if newest else None
    return DatabaseSummary(readable, schema, plans, actions, updates, last_change)


def list_backup_contents(db_path: Path) -> list[BackupContents]:
    """The database's backups, newest first, each with what it holds."""
    return [BackupContents(b, summarise(b.path)) for b in list_backups(db_path)]


def restore_losses(current: DatabaseSummary, backup: DatabaseSummary) -> list[str]:
    """What restoring ``backup`` over ``current`` would lose, one phrase each; empty when
    the backup holds everything the current file does."""
    kept = {plan.id for plan in backup.plans}
    lost_plans = [plan.name for plan in current.plans if plan.id not in kept]
    losses = []
    if lost_plans:
        names = ", ".join(f"“{name}”" for name in lost_plans)
        losses.append(f"{'the plan' if len(lost_plans) == 1 else 'the plans'} {names}")
    if current.actions > backup.actions:
        losses.append(count_noun(current.actions - backup.actions, "action"))
    if current.updates > backup.updates:
        losses.append(count_noun(current.updates - backup.updates, "update"))
    if current.last_change is not None and (
        backup.last_change is None or current.last_change > backup.last_change
    ):
        since = (
            f"after {short_date_time(local_time(backup.last_change))}"
            if backup.last_change is not None
            else "in the current file"
        )
        losses.append(f"every change recorded {since}")
    return losses


def loss_warning(current: DatabaseSummary, backup: DatabaseSummary) -> str:
    """The sentence that asks before a restore loses data; empty when it loses none."""
    losses = restore_losses(current, backup)
    if not losses:
        return ""
    return (
        f"The current file has {current.counts()}; this backup has {backup.counts()}. "
        f"Restoring loses {_join(losses)}."
    )


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
