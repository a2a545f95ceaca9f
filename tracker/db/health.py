"""Checks on a database file that protect the user's data: integrity, network shares,
and changes made by another process.

SQLite's locking is unreliable on network filesystems (its documentation says WAL does
not work there at all), so a file on a share is detected where the platform allows and
the user is warned. Another copy of the tracker writing the same file is noticed through
the audit log, which every write extends.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from sqlalchemy import func, select

from tracker.db.database import Database
from tracker.db.models import AuditLog
from tracker.db.sqlite_errors import DAMAGED_CODES, read_refusal, result_code

NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "afs", "ncpfs", "9p", "fuse.sshfs",
    "fuse.rclone", "davfs", "fuse.davfs2", "glusterfs", "ceph", "lustre", "gpfs",
})  # fmt: skip


def integrity_problem(path: Path) -> str | None:
    """``None`` when ``PRAGMA quick_check`` passes, else what is wrong, in a user's words
    (SQLite's own report names b-tree pages, which means nothing to them)."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            rows = [r[0] for r in connection.execute("PRAGMA quick_check(5)")]
    except sqlite3.Error as exc:
        if result_code(exc) in DAMAGED_CODES:
            return "parts of it cannot be read"
        raise read_refusal(exc, path) from exc
    return None if rows == ["ok"] else "its integrity check found damaged pages"


def _mount_types() -> list[tuple[str, str]]:
    """(mount point, filesystem type) from /proc/mounts; empty where there is none."""
    try:
        text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            mounts.append((parts[1].replace("\\040", " "), parts[2]))
    return mounts


def network_share_warning(path: Path, mounts: list[tuple[str, str]] | None = None) -> str | None:
    """A warning when the file is on a network share, else ``None``."""
    resolved = str(path.expanduser().resolve())
    warning = (
        f"{path} is on a network share. SQLite cannot lock files reliably over a network, "
        "so two people using it at once could damage it. Keep the database on this "
        "computer's own disk and share exported workbooks instead."
    )
    if sys.platform == "win32":
        if resolved.startswith("\\\\"):
            return warning
        import ctypes

        drive = os.path.splitdrive(resolved)[0] + "\\"
        drive_remote = 4
        if ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote:  # type: ignore[attr-defined]
            return warning
        return None
    best = ("", "")
    for point, kind in _mount_types() if mounts is None else mounts:
        inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best[0]):
            best = (point, kind)
    return warning if best[1] in NETWORK_FILESYSTEMS else None


def change_marker(database: Database) -> int:
    """A number that grows with every committed change, whoever made it.

    Every write appends to the audit log in the same transaction, so its highest id is a
    cheap, exact "has anything changed since I last looked" across processes.
    """
    with database.read() as session:
        return session.execute(select(func.coalesce(func.max(AuditLog.id), 0))).scalar_one()
