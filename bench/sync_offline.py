"""Benchmark: a sync of offline updates from a working copy back to its team database.

    python bench/sync_offline.py [--actions 5000] [--updates 1000] [--repeat 3]

Generates a plan in the original spreadsheet's layout, imports it into a team database
file, checks out a working copy, records ``--updates`` updates in it offline (spread over
the actions) and a few on the team database, then times ``sync`` (in process, both files
SQLite). Each repeat starts from fresh copies of the same two files. Prints ``name value``
lines: the median sync time and updates synced per second.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sqlalchemy import select  # noqa: E402

from bench.generate_plan import generate_plan  # noqa: E402
from tracker.db import open_database  # noqa: E402
from tracker.db.models import Action  # noqa: E402
from tracker.services.action_rows import UpdateInput  # noqa: E402
from tracker.services.action_updates import add_update_in  # noqa: E402
from tracker.services.checkout import checkout  # noqa: E402
from tracker.services.plan_import import import_plan  # noqa: E402
from tracker.services.sync import sync  # noqa: E402


def _record(database, prefix: str, count: int) -> None:  # type: ignore[no-untyped-def]
    with database.write() as session:
        actions = session.execute(select(Action).order_by(Action.id)).scalars().all()
        for n in range(count):
            entry = UpdateInput(
                date(2026, 11, 30),
                prefix,
                "In progress",
                "G",
                n % 99,
                f"{prefix} update {n}",
                rag_reason="Agreed with the programme office",  # greener than calculated
            )
            add_update_in(session, actions[n % len(actions)], entry, actor=prefix, cause="edit")


def prepare(folder: Path, actions: int, updates: int) -> tuple[Path, Path]:
    plan = generate_plan(folder / "plan.xlsx", actions)
    team_path, laptop = folder / "team.sqlite3", folder / "laptop.sqlite3"
    team = open_database(team_path)
    import_plan(team, plan)
    local = open_database(laptop)
    checkout(local, team, source=str(team_path))
    _record(local, "Lead", updates)
    _record(team, "Office", 20)
    team.close()
    local.close()
    return team_path, laptop


def time_sync(folder: Path, team_path: Path, laptop: Path, run: int) -> float:
    team_copy, laptop_copy = folder / f"team-{run}.sqlite3", folder / f"laptop-{run}.sqlite3"
    shutil.copyfile(team_path, team_copy)
    shutil.copyfile(laptop, laptop_copy)
    team, local = open_database(team_copy), open_database(laptop_copy)
    start = time.perf_counter()
    result = sync(local, team)
    elapsed = time.perf_counter() - start
    assert result.pushed_updates > 0 and not result.conflicts
    team.close()
    local.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=5000)
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        team_path, laptop = prepare(folder, args.actions, args.updates)
        times = [time_sync(folder, team_path, laptop, run) for run in range(args.repeat)]
    median = statistics.median(times)
    print(f"sync_offline_updates {args.updates}")
    print(f"sync_s {median:.3f}")
    print(f"sync_updates_per_s {args.updates / median:.0f}")


if __name__ == "__main__":
    main()
