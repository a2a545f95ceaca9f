"""Two processes writing the same database at once: both finish, nothing is lost, the
audit chain stays whole."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from tracker.db import Database, open_database
from tracker.services.audit import verify_chain

WORKER = Path(__file__).with_name("kill_worker.py")


def test_two_writers_interleave_without_losing_an_edit(imported: Database) -> None:
    with closing(sqlite3.connect(imported.path)) as conn:
        first, second = (r[0] for r in conn.execute("SELECT id FROM action ORDER BY id LIMIT 2"))
    edits = 150
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), str(imported.path), str(action), str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for action, n in ((first, edits), (second, edits + 1))
    ]
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        assert out.splitlines()[-1].startswith("committed")
    with closing(sqlite3.connect(imported.path)) as conn:
        assert conn.execute("SELECT percent FROM action WHERE id = ?", (first,)).fetchone() == (
            edits % 101,
        )
        assert conn.execute("SELECT percent FROM action WHERE id = ?", (second,)).fetchone() == (
            (edits + 1) % 101,
        )
        count = conn.execute("SELECT count(*) FROM audit_log WHERE cause = 'edit'").fetchone()[0]
    assert count == 2 * edits + 1
    reopened = open_database(imported.path)
    try:
        check = verify_chain(reopened)
        assert check.ok, check.message
    finally:
        reopened.close()
