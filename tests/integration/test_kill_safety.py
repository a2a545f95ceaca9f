"""Killed at any moment, the database holds exactly the transactions that committed.

A subprocess imports a plan (or makes a burst of edits) and is killed outright, many times
(``Popen.kill``: SIGKILL on Linux and macOS, TerminateProcess on Windows); after each kill
the file must pass ``PRAGMA integrity_check``, the audit chain must verify, and there must
be no part of a transaction: a plan is there whole or not at all, and the edits present
are exactly those reported committed (plus at most the one whose commit finished just as
the process died).

The import worker reports each step (read, its progress inside the transaction,
committed) and waits to be told to go on, so kills land at known points on both sides of
the commit, and others a moment after it is let go from a known point.
"""

from __future__ import annotations

import queue
import random
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.plan_factory import write_plan
from tracker.db import open_database
from tracker.services.audit import verify_chain
from tracker.services.plan_import import import_plan

WORKER = Path(__file__).with_name("kill_worker.py")
IMPORT_WORKER = Path(__file__).with_name("import_worker.py")
KILLS = 12
# Only a hung worker takes this long to report its next step.
STEP_TIMEOUT = 120


def _integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def _counts(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(path)) as conn:
        plans = conn.execute("SELECT count(*) FROM plan").fetchone()[0]
        actions = conn.execute("SELECT count(*) FROM action").fetchone()[0]
    return plans, actions


class ImportRun:
    """The import worker, stepped from here: each step is one line it reported."""

    def __init__(self, db_path: Path, plan: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(IMPORT_WORKER), str(db_path), str(plan)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        # A thread reads the worker's lines: waiting on a pipe with a time limit is not
        # portable (select() takes only sockets on Windows).
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.waiting = False  # at a step, waiting to be told to go on

    def _read(self) -> None:
        for line in self.stdout:
            self.lines.put(line)
        self.lines.put("")  # the end of its output

    def next_line(self) -> str:
        try:
            return self.lines.get(timeout=STEP_TIMEOUT)
        except queue.Empty:
            raise AssertionError("the import worker reported nothing") from None

    def step(self) -> str:
        """The next step the worker reached (it waits there until told to go on)."""
        line = self.next_line().strip()
        assert line, f"the import worker ended early (exit code {self.process.wait()})"
        self.waiting = True
        return line

    def go_on(self, answer: str = "go") -> None:
        self.stdin.write(answer + "\n")
        self.stdin.flush()
        self.waiting = False

    def run_freely(self) -> None:
        """Let the worker go on to its end without stopping at its steps."""
        self.go_on("run")

    def until(self, wanted: str) -> str:
        """Let the worker go on until it reports a step starting with ``wanted``."""
        line = self.step()
        while not line.startswith(wanted):
            self.go_on()
            line = self.step()
        return line

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self.close()

    def finish(self) -> None:
        """Let the worker run to its end."""
        if self.waiting:
            self.go_on()
        while self.next_line():
            self.go_on()
        self.process.wait(STEP_TIMEOUT)
        self.close()

    def close(self) -> None:
        self.stdin.close()
        self.stdout.close()


def _kill_points(rng: random.Random) -> list[tuple[str, float | None, set[int]]]:
    """(step, delay, plans the kill may leave added): killed at the step itself when the
    delay is None, else let run freely from the step and killed ``delay`` seconds later."""
    paused = [
        ("read", None, {0}),  # workbook read, database untouched
        ("progress 0 ", None, {0}),  # inside the transaction, nothing written yet
        ("last progress", None, {0}),  # every row written, not committed
        ("committed", None, {1}),  # committed, database still open
    ]
    # Let go inside the transaction: killed while rows are written, or during or after the
    # commit; let go with every row written: killed during the commit, or just after.
    # The delays only spread the kills; either outcome is right.
    racing = [
        ("progress 0 ", rng.uniform(0.0, 0.15), {0, 1})
        if i % 2 == 0
        else ("last progress", rng.uniform(0.0, 0.08), {0, 1})
        for i in range(KILLS - len(paused))
    ]
    return paused + racing


@pytest.mark.slow
def test_import_killed_at_points_around_the_commit_leaves_whole_plans_only(
    tmp_path: Path,
) -> None:
    plan = write_plan(tmp_path / "plan.xlsx", 3000)
    db_path = tmp_path / "kill.sqlite3"
    open_database(db_path).close()
    # A first plan, imported whole, so each import killed below takes its backup first
    # and brings no more actions than the database holds.
    first = ImportRun(db_path, plan)
    first.finish()
    assert first.process.returncode == 0
    plans, per_plan = _counts(db_path)
    assert (plans, per_plan) == (1, 3000)
    outcomes = set()
    for step, delay, allowed in _kill_points(random.Random(6)):
        before, _ = _counts(db_path)
        run = ImportRun(db_path, plan)
        try:
            run.until(f"progress {per_plan} {per_plan}" if step == "last progress" else step)
            if delay is not None:
                run.run_freely()
                time.sleep(delay)
        finally:
            run.kill()
        assert _integrity(db_path) == "ok"
        after, actions = _counts(db_path)
        assert after - before in allowed, (step, delay)
        assert actions == after * per_plan  # never part of a plan
        outcomes.add(after - before)
        database = open_database(db_path)
        try:
            assert verify_chain(database).ok
        finally:
            database.close()
    # The kills must have hit both sides of the commit to prove anything.
    assert outcomes == {0, 1}, outcomes


@pytest.mark.slow
def test_edit_burst_killed_keeps_exactly_the_committed_edits(
    tmp_path: Path, plan_file: Path
) -> None:
    db_path = tmp_path / "edits.sqlite3"
    database = open_database(db_path)
    import_plan(database, plan_file)
    database.close()
    with closing(sqlite3.connect(db_path)) as conn:
        action_id = conn.execute("SELECT min(id) FROM action").fetchone()[0]
    rng = random.Random(7)
    for _ in range(KILLS):
        with closing(sqlite3.connect(db_path)) as conn, conn:
            # The worker sets 1, 2, 3...: from 0 every one of them is a change (an edit to
            # the value already there records nothing), so each commit adds one record.
            conn.execute("UPDATE action SET percent = 0 WHERE id = ?", (action_id,))
            edits_before = conn.execute(
                "SELECT count(*) FROM audit_log WHERE cause = 'edit'"
            ).fetchone()[0]
        process = subprocess.Popen(
            [sys.executable, str(WORKER), str(db_path), str(action_id), "100000"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        first = process.stdout.readline()  # the worker is up and committing
        assert first.startswith("committed")
        time.sleep(rng.uniform(0.0, 0.5))
        process.kill()
        rest = process.stdout.read()
        process.stdout.close()
        process.wait()
        reported = [int(line.split()[1]) for line in (first + rest).split("\n") if line]
        last = reported[-1]
        assert _integrity(db_path) == "ok"
        with closing(sqlite3.connect(db_path)) as conn:
            percent = conn.execute(
                "SELECT percent FROM action WHERE id = ?", (action_id,)
            ).fetchone()[0]
            edits = conn.execute("SELECT count(*) FROM audit_log WHERE cause = 'edit'").fetchone()[
                0
            ]
        # Committed edits are all there; at most one more finished as the kill landed.
        assert percent in (last % 101, (last + 1) % 101)
        assert edits - edits_before in (last, last + 1)
        database = open_database(db_path)
        try:
            assert verify_chain(database).ok
        finally:
            database.close()
