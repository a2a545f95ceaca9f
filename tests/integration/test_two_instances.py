"""Two processes writing the same database at once: both finish, nothing is lost, the
audit chain stays whole.

Both writers open the database first, start editing together and each waits after its
first edit until both have committed one, so their runs of edits overlap (SQLite's write
lock is not fair: left alone, one writer may hold it for its whole run); the audit log,
written in commit order, shows that they did.
"""

from __future__ import annotations

import selectors
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from tracker.db import Database, open_database
from tracker.services.audit import verify_chain

WORKER = Path(__file__).with_name("kill_worker.py")


def _next_line(worker: subprocess.Popen[str]) -> str:
    """The worker's next line; a worker that says nothing for this long is stuck."""
    assert worker.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(worker.stdout, selectors.EVENT_READ)
        assert selector.select(120), "the writer reported nothing"
    return worker.stdout.readline().strip()


def _run_of(order: list[int], action_id: int) -> tuple[int, int]:
    """Positions of the first and the last edit of the action in commit order."""
    positions = [i for i, edited in enumerate(order) if edited == action_id]
    return positions[0], positions[-1]


def test_two_writers_interleave_without_losing_an_edit(imported: Database) -> None:
    with closing(sqlite3.connect(imported.path)) as conn:
        first, second = (r[0] for r in conn.execute("SELECT id FROM action ORDER BY id LIMIT 2"))
    edits = 150
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), str(imported.path), str(action), str(n), "--in-step"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for action, n in ((first, edits), (second, edits + 1))
    ]
    try:
        for step in ("ready", "committed 1"):
            for worker in workers:
                assert _next_line(worker) == step
            for worker in workers:  # both told to go on before either is waited for
                assert worker.stdin is not None
                worker.stdin.write("go\n")
                worker.stdin.flush()
        for worker in workers:
            out, err = worker.communicate(timeout=300)
            assert worker.returncode == 0, err
            assert out.splitlines()[-1].startswith("committed")
    finally:
        for worker in workers:  # a stuck writer is not left behind
            if worker.poll() is None:
                worker.kill()
                worker.communicate()
    with closing(sqlite3.connect(imported.path)) as conn:
        assert conn.execute("SELECT percent FROM action WHERE id = ?", (first,)).fetchone() == (
            edits % 101,
        )
        assert conn.execute("SELECT percent FROM action WHERE id = ?", (second,)).fetchone() == (
            (edits + 1) % 101,
        )
        # Whose edit each audit record is, in the order they committed.
        order = [
            record_id
            for (record_id,) in conn.execute(
                "SELECT record_id FROM audit_log WHERE cause = 'edit' ORDER BY id"
            )
        ]
    assert sorted(order) == sorted([first] * edits + [second] * (edits + 1))
    # The writers overlapped: each one's first edit came before the other's last.
    first_run, second_run = _run_of(order, first), _run_of(order, second)
    assert first_run[0] < second_run[1] and second_run[0] < first_run[1], (first_run, second_run)
    reopened = open_database(imported.path)
    try:
        check = verify_chain(reopened)
        assert check.ok, check.message
    finally:
        reopened.close()
