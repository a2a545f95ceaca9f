"""Opening a database the way every front end should: checked, backed up, warned about.

The CLI and the window both open databases through :func:`open_checked_database`: a file that is not
a tracker database or is damaged is refused with a message that says what to do (the
newest backup, when there is one), a file on a network share comes with a warning, and
the once-a-day backup is taken.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tracker.db.backup import backup_if_due, list_backups
from tracker.db.database import Database
from tracker.db.health import integrity_problem, network_share_warning
from tracker.db.location import is_server_url
from tracker.db.migrate import current_revision, open_database
from tracker.errors import DatabaseError


@dataclass
class CheckedDatabase:
    database: Database
    warnings: list[str] = field(default_factory=list)


def damaged_message(path: Path, problem: str) -> str:
    newest = next(iter(list_backups(path)), None)
    if newest is None:
        advice = "There is no backup of it beside the file; keep the damaged file for recovery."
    else:
        advice = (
            f"The newest backup is {newest.path.name} ({newest.taken_at:%d %b %Y %H:%M} UTC) "
            "in the backups folder beside it: restore it with File > Restore from backup, "
            "or copy it over the file."
        )
    return f"{path} is damaged ({problem}). Nothing was changed. {advice}"


def open_checked_database(location: Path | str) -> CheckedDatabase:
    """Open (creating if needed) a database file after checking it is whole, or a team
    database on a PostgreSQL server (whose health and backups are the server's)."""
    if is_server_url(location):
        return CheckedDatabase(open_database(str(location)))
    path = Path(location).expanduser()
    if path.exists() and path.stat().st_size:
        current_revision(path)  # refuses a file that is not a tracker database at all
        problem = integrity_problem(path)
        if problem:
            raise DatabaseError(damaged_message(path, problem))
    warnings = [w for w in (network_share_warning(path),) if w]
    database = open_database(path)
    try:
        backup_if_due(path.expanduser().resolve())
    except BaseException:
        database.close()
        raise
    return CheckedDatabase(database, warnings)
