"""Online backups of a database file into a ``backups`` folder beside it.

Copying only the ``.db`` file would lose whatever still sits in the WAL, so backups use
SQLite's backup API, which copies a consistent snapshot of the live database. A team
database on a PostgreSQL server has no file beside the app: its backups are the server's
(``tracker backup`` runs ``pg_dump``, see :mod:`tracker.db.server_backup`), so the
automatic copies before an import or a deletion are skipped there.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.db.database import Database

KEEP_BACKUPS = 20
_NAME = re.compile(r"^(?P<stem>.+)\.(?P<stamp>\d{8}T\d{6}\d*Z)\.(?P<reason>[a-z0-9-]+)\.sqlite3$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def backup_database(db_path: Path, reason: str, *, keep: int = KEEP_BACKUPS) -> Path:
    """Copy the live database to ``backups/<name>.<UTC stamp>.<reason>.sqlite3``."""
    folder = backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "manual"
    target = folder / f"{db_path.stem}.{stamp}.{slug}.sqlite3"
    _copy_database(db_path, target)
    _prune(db_path, keep)
    return target


def backup_before_change(database: Database, reason: str) -> Path | None:
    """The automatic backup before a risky change: a file's copy, or None on a server."""
    if database.path is None:
        return None
    return backup_database(database.path, reason)


def _copy_database(source_path: Path, target_path: Path) -> None:
    """Copy one database into another through SQLite's online backup API."""
    with (
        closing(sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)) as source,
        closing(sqlite3.connect(target_path)) as target,
    ):
        source.backup(target)


def restore_backup(db_path: Path, backup: Path) -> Path:
    """Put a backup's contents back into the live database; returns the safety copy.

    The current file is itself backed up first. The copy goes through the backup API
    into the open database (not a file replace), so another process that has the file
    open sees a consistent database, never a file swapped under it.
    """
    safety = backup_database(db_path, "before-restore")
    _copy_database(backup, db_path)
    return safety


def backup_if_due(db_path: Path, *, reason: str = "daily", hours: float = 24) -> Path | None:
    """Take the once-a-day backup when the newest one is older than ``hours``."""
    newest = next(iter(list_backups(db_path)), None)
    if newest is not None and (datetime.now(UTC) - newest.taken_at).total_seconds() < hours * 3600:
        return None
    return backup_database(db_path, reason)


def list_backups(db_path: Path) -> list[BackupFile]:
    """This database's backups, newest first."""
    found = []
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    for path in folder.glob(f"{db_path.stem}.*.sqlite3"):
        match = _NAME.match(path.name)
        if not match or match["stem"] != db_path.stem:
            continue
        stamp = match["stamp"]
        taken = datetime.strptime(stamp[:15], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
        found.append(BackupFile(path, taken, match["reason"].replace("-", " ")))
    return sorted(found, key=lambda b: b.path.name, reverse=True)


def _prune(db_path: Path, keep: int) -> None:
    for old in list_backups(db_path)[keep:]:
        # A backup another program has open (Windows refuses to delete it) goes next time.
        with contextlib.suppress(PermissionError):
            old.path.unlink(missing_ok=True)
