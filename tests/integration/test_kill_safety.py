"""Killed at any moment, the database holds exactly the transactions that committed.

A subprocess imports a plan (or makes a burst of edits) and is killed with SIGKILL at a
random point, many times; after each kill the file must pass ``PRAGMA integrity_check``,
the audit chain must verify, and there must be no part of a transaction: a plan is there
whole or not at all, and the edits present are exactly those reported committed (plus at
most the one whose commit finished just as the process died).
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from bench.generate_plan import generate_plan
from tracker.db import open_database
from tracker.services.audit import verify_chain
from tracker.services.plan_import import import_plan

WORKER = Path(__file__).with_name("kill_worker.py")
KILLS = 12


def _integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def _counts(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(path)) as conn:
        plans = conn.execute("SELECT count(*) FROM plan").fetchone()[0]
        actions = conn.execute("SELECT count(*) FROM action").fetchone()[0]
    return plans, actions


@pytest.mark.slow
def test_import_killed_at_random_points_leaves_whole_plans_only(tmp_path: Path) -> None:
    plan = generate_plan(tmp_path / "plan.xlsx", 3000)
    db_path = tmp_path / "kill.sqlite3"
    open_database(db_path).close()
    rng = random.Random(6)
    command = [sys.executable, "-m", "tracker", "--db", str(db_path), "import-plan"]
    done = subprocess.run([*command, str(plan)], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    plans, per_plan = _counts(db_path)
    assert plans == 1
    # How long an import like the ones killed below takes here (into a database that
    # already holds a plan, so with its backup first): the kills then land before,
    # during and after the commit.
    started = time.perf_counter()
    done = subprocess.run([*command, "--as-new", str(plan)], capture_output=True, timeout=300)
    full = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    outcomes = set()
    # Random moments across the whole import, plus one surely before the commit and one
    # surely after it, so both outcomes are always among those checked.
    delays = [0.05, full * 2.5] + [rng.uniform(0.05, full * 1.4) for _ in range(KILLS - 2)]
    for delay in delays:
        before, _ = _counts(db_path)
        process = subprocess.Popen(
            [*command, "--as-new", str(plan)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert _integrity(db_path) == "ok"
        after, actions = _counts(db_path)
        assert after in (before, before + 1)
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
        with closing(sqlite3.connect(db_path)) as conn:
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
        process.send_signal(signal.SIGKILL)
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
