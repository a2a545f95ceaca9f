"""A sync killed at any moment is finished by running it again: nothing lost, nothing twice.

Each round records offline updates in the working copy and office updates on the team
database, starts ``tracker sync`` in a subprocess and kills it with SIGKILL after a random
delay (before, during or after either side's transaction). A last sync is let finish;
then both sides must hold exactly every update once, and both audit chains verify.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing
from datetime import date
from pathlib import Path

from sqlalchemy import select

from tracker.db import Database, open_database
from tracker.db.models import Action, Update
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update_in
from tracker.services.audit import verify_chain
from tracker.services.checkout import checkout

from ..unit.conftest import build_small_plan

ROUNDS = 8
OFFLINE_PER_ROUND = 40
OFFICE_PER_ROUND = 3


def _record(database: Database, prefix: str, count: int) -> None:
    """``count`` updates spread over every action, in one transaction."""
    with database.write() as session:
        actions = session.execute(select(Action).order_by(Action.id)).scalars().all()
        for n in range(count):
            action = actions[n % len(actions)]
            entry = UpdateInput(
                date(2026, 11, 30),
                prefix,
                "In progress",
                "G",
                n % 99,
                f"{prefix} {n}",
                rag_reason="Agreed",
            )
            add_update_in(session, action, entry, actor=prefix, cause="edit")


def _narratives(path: Path) -> Counter[str]:
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return Counter(row[0] for row in conn.execute('SELECT narrative FROM "update"'))


def _sync(laptop: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(laptop), "sync"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sync_killed_at_random_points_then_run_again(tmp_path: Path) -> None:
    team_path, laptop = tmp_path / "team.sqlite3", tmp_path / "laptop.sqlite3"
    team = open_database(team_path)
    build_small_plan(team)
    local = open_database(laptop)
    checkout(local, team, source=str(team_path))
    rng = random.Random(16)
    expected: Counter[str] = Counter()
    for round_ in range(ROUNDS):
        _record(local, f"laptop {round_}", OFFLINE_PER_ROUND)
        _record(team, f"office {round_}", OFFICE_PER_ROUND)
        expected.update(f"laptop {round_} {n}" for n in range(OFFLINE_PER_ROUND))
        expected.update(f"office {round_} {n}" for n in range(OFFICE_PER_ROUND))
        process = _sync(laptop)
        time.sleep(rng.uniform(0.8, 3.2))
        process.kill()
        process.wait()
    finished = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(laptop), "sync"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert _narratives(team_path) == expected
    assert _narratives(laptop) == expected
    for side in (team, local):
        assert verify_chain(side).ok
        with side.read() as session:
            assert len(session.execute(select(Update.id)).all()) == sum(expected.values())
