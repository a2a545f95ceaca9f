"""Backing up a team database with ``pg_dump``, PostgreSQL's own tool.

The tracker cannot copy a server's database the way it copies a file; ``pg_dump`` takes
a consistent snapshot while people keep working. It is part of PostgreSQL's client tools
and may not be installed where the app runs: then the user is told how to get it. The
password never goes on the command line (where other users could see it): it is passed
in ``PGPASSWORD``, or libpq finds it in ``.pgpass`` / ``PGPASSFILE`` as usual.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL

from tracker.db.location import libpq_url
from tracker.errors import DatabaseError

DUMP_TIMEOUT_S = 3600


def find_pg_dump() -> str | None:
    """``pg_dump`` on the PATH, else the newest in Debian's server folders."""
    found = shutil.which("pg_dump")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), reverse=True)
    return candidates[0] if candidates else None


def default_dump_name(url: URL) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{url.database}.{stamp}.dump"


def dump_server_database(url: URL, out: Path, name: str) -> Path:
    """Write a custom-format dump of the database to ``out`` (restore with pg_restore)."""
    pg_dump = find_pg_dump()
    if pg_dump is None:
        raise DatabaseError(
            "pg_dump is not installed on this computer, so the team database cannot be "
            "backed up from here. Install PostgreSQL's client tools (on Debian or Ubuntu: "
            "sudo apt install postgresql-client) and run tracker backup again, or ask "
            "whoever looks after the server for its backups."
        )
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    address = libpq_url(url.set(password=None))
    partial = out.with_name(out.name + ".partial")
    result = subprocess.run(
        [pg_dump, "--format=custom", "--no-owner", f"--file={partial}", address],
        env=environment,
        capture_output=True,
        text=True,
        timeout=DUMP_TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        said = (result.stderr.strip().splitlines() or ["no reason given"])[0]
        raise DatabaseError(
            f"pg_dump could not back up {name}; nothing was written. It said: {said}"
        )
    partial.replace(out)  # a dump that stopped half-way never looks like a backup
    return out
