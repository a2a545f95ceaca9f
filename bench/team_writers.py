"""Benchmark: updates per second with ten people writing at once.

    python bench/team_writers.py [--writers 10] [--updates 50] [--pg URL]

Ten processes (``--writers``) each add ``--updates`` updates to their own action of the
2018 plan, all starting together, one transaction per update (each with its audit
records, under the write lock). Measured on an SQLite file and, when PostgreSQL is there,
on a team database: ``--pg URL`` names an empty database to use; without it a throwaway
server is started where PostgreSQL's binaries are installed (as the tests do). Prints one
``name value`` line per figure: updates per second, and how many writes SQLite refused as
busy and had to repeat.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tracker.db import open_database  # noqa: E402
from tracker.paths import original_plan_path  # noqa: E402
from tracker.services.plan_import import import_plan  # noqa: E402
from tracker.services.plan_snapshot import load_snapshot  # noqa: E402

WORKER = HERE / "writer_process.py"


def prepare(location: str) -> list[int]:
    database = open_database(location)
    try:
        import_plan(database, original_plan_path())
        return [row.id for row in load_snapshot(database).actions]
    finally:
        database.close()


def run_writers(location: str, actions: list[int], updates: int) -> tuple[float, int]:
    """(updates per second over the whole burst, writes repeated because busy)."""
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), location, str(action), str(updates)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for action in actions
    ]
    for worker in workers:
        assert worker.stdout is not None
        if worker.stdout.readline().strip() != "ready":
            raise SystemExit("a writer failed to open the database")
    started = time.perf_counter()
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    busy = 0
    for worker in workers:
        out, _ = worker.communicate()
        if worker.returncode != 0:
            raise SystemExit("a writer failed")
        busy += int(out.split()[-1])
    elapsed = time.perf_counter() - started
    return len(actions) * updates / elapsed, busy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--updates", type=int, default=50, help="per writer (default: 50)")
    parser.add_argument("--pg", metavar="URL", help="an empty PostgreSQL database to use")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        file = str(Path(work) / "bench.sqlite3")
        rate, busy = run_writers(file, prepare(file)[: args.writers], args.updates)
        print(f"sqlite_updates_per_s {rate:.1f}")
        print(f"sqlite_busy_retries {busy}")
    if args.pg:
        rate, busy = run_writers(args.pg, prepare(args.pg)[: args.writers], args.updates)
        print(f"postgresql_updates_per_s {rate:.1f}")
        return 0
    from tests.pg_cluster import start_cluster, unavailable_reason

    reason = unavailable_reason()
    if reason is not None:
        print(f"postgresql: not measured ({reason})")
        return 0
    cluster = start_cluster()
    try:
        cluster.sql("CREATE DATABASE bench")
        url = cluster.url("bench")
        rate, _ = run_writers(url, prepare(url)[: args.writers], args.updates)
        print(f"postgresql_updates_per_s {rate:.1f}")
    finally:
        cluster.remove()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
