"""Benchmark: is the tracker still instant at the scale of a whole council?

    python bench/run.py [--actions 5000,50000] [--json OUT] [--repeat 3] [--bundle PROGRAM]

For each size it generates a plan in the original spreadsheet's layout, then measures, in
the same run and on the same file, each figure and the floor it is judged against:

    import_s / import_floor_s    import-plan into an empty database / calamine reading
                                 every cell + raw executemany of the same rows
    report_s / write_floor_s     board report export / xlsxwriter constant_memory writing
                                 the same cells
    returns_s                    status returns for every workstream
    as_at_report_s /             the board report as at a past date / the present-day
      present_report_s           report, on a copy with ten dated updates per action
    startup_s / startup_floor_s  fresh process to the window's first paint / to a bare
                                 QMainWindow's first paint
    plan_shown_s                 fresh process until the plan is on screen
    filter_ms, tab_switch_ms     median view update after typing a character / tab switch
    rss_mb                       peak resident memory of the window process
    packaged_startup_s,          with --bundle: the packaged program and the source, each
    source_startup_s             timed from outside until the window says it has painted

Timings are medians of ``--repeat`` runs. One ``name value`` line per figure, then the
ratios; ``--json OUT`` writes ``{"<N>": {"<figure>": value, ...}, ...}``.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import json
import os
import pkgutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Run as a script from anywhere: make the checkout importable.
sys.path.insert(0, str(HERE.parent))

from bench.floors import (  # noqa: E402
    insert_floor,
    read_floor,
    table_rows,
    workbook_cells,
    write_floor,
)
from bench.generate_plan import generate_plan  # noqa: E402
from bench.packaged_startup import measure_packaged_startup  # noqa: E402
from tracker.db import open_database  # noqa: E402
from tracker.services.plan_import import import_plan  # noqa: E402


def clear_parsing_caches() -> None:
    """Forget the phrases the parsing rules memoise, so that every run is a cold import,
    as a user's first one is: every ``lru_cache`` in ``tracker.parsing``, found by its
    public ``cache_clear``."""
    import tracker.parsing

    for info in pkgutil.iter_modules(tracker.parsing.__path__, "tracker.parsing."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def median_of(repeat: int, run: Callable[[int], float]) -> float:
    return statistics.median(run(i) for i in range(repeat))


def in_turns(
    repeat: int, run: Callable[[int], float], floor: Callable[[int], float]
) -> tuple[float, float]:
    """Median of ``run`` and median of its ``floor``, called in turns, each from a
    collected heap (none pays for the garbage of the one before).

    A shared machine speeds up and slows down by tens of percent over a minute; timing
    all runs and then all floors would fold that drift into the ratio.
    """
    runs: list[float] = []
    floors: list[float] = []
    for i in range(repeat):
        gc.collect()
        runs.append(run(i))
        gc.collect()
        floors.append(floor(i))
    return statistics.median(runs), statistics.median(floors)


def measure_import(plan: Path, work: Path, repeat: int) -> tuple[float, float, Path]:
    kept = work / "import-0.sqlite3"

    def one_import(i: int) -> float:
        database = open_database(work / f"import-{i}.sqlite3")
        try:
            clear_parsing_caches()
            started = time.perf_counter()
            import_plan(database, plan)
            return time.perf_counter() - started
        finally:
            database.close()

    @functools.cache
    def imported_rows() -> dict[str, tuple[str, list[tuple]]]:
        return table_rows(kept)

    def one_floor(i: int) -> float:
        return read_floor(plan) + insert_floor(imported_rows(), work / f"floor-{i}.sqlite3")

    import_s, import_floor_s = in_turns(repeat, one_import, one_floor)
    return import_s, import_floor_s, kept


def measure_exports(db_path: Path, work: Path, repeat: int) -> dict[str, float]:
    from tracker.services.board_report_export import export_board_report
    from tracker.services.status_returns_export import export_status_returns

    database = open_database(db_path)
    try:

        def one_report(i: int) -> float:
            started = time.perf_counter()
            export_board_report(database, work / f"report-{i}.xlsx")
            return time.perf_counter() - started

        @functools.cache
        def report_cells() -> dict[str, list[list[object]]]:
            return workbook_cells(work / "report-0.xlsx")

        def one_write_floor(i: int) -> float:
            return write_floor(report_cells(), work / f"write-floor-{i}.xlsx")

        report_s, write_floor_s = in_turns(repeat, one_report, one_write_floor)

        def one_returns(i: int) -> float:
            folder = work / f"returns-{i}"
            folder.mkdir()
            gc.collect()
            started = time.perf_counter()
            export_status_returns(database, folder, by="workstream")
            return time.perf_counter() - started

        returns_s = median_of(repeat, one_returns)
    finally:
        database.close()
    return {"report_s": report_s, "write_floor_s": write_floor_s, "returns_s": returns_s}


UPDATES_PER_ACTION = 10
AS_AT = "2019-01-15"  # halfway through the updates' dates


def seed_history(db_path: Path) -> None:
    """Ten updates per action, a month apart from July 2018, each with the audit records an
    update writes (status and % complete), inserted in bulk: the history an as-at report
    replays. The hashes are placeholders: this copy is only read."""
    import sqlite3
    from datetime import UTC, date, datetime, timedelta

    start = date(2018, 7, 1)
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    connection = sqlite3.connect(db_path)
    try:
        ids = [row[0] for row in connection.execute("SELECT id FROM action ORDER BY id")]
        updates = []
        audit = []
        for n in range(UPDATES_PER_ACTION):
            day = (start + timedelta(days=30 * n)).isoformat()
            status = "Complete" if n == UPDATES_PER_ACTION - 1 else "In progress"
            percent = 100 if status == "Complete" else 10 * (n + 1)
            rag = "GAR"[n % 3]
            for action_id in ids:
                updates.append(
                    (action_id, day, "Bench", status, rag, percent, "Progress", "bench", now)
                )
                audit.append(
                    (
                        now,
                        "bench",
                        "edit",
                        "action",
                        action_id,
                        "status",
                        "Not started",
                        status,
                        "0",
                        "0",
                    )
                )
                audit.append(
                    (
                        now,
                        "bench",
                        "edit",
                        "action",
                        action_id,
                        "percent",
                        "0",
                        str(percent),
                        "0",
                        "0",
                    )
                )
        connection.executemany(
            'INSERT INTO "update" (action_id, date, author, status, rag, percent, narrative, '
            "source, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            updates,
        )
        connection.executemany(
            "INSERT INTO audit_log (at, user, cause, record_type, record_id, field, old_value, "
            "new_value, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            audit,
        )
        connection.execute("UPDATE action SET status = 'Complete', percent = 100, rag = ?", ("G",))
        connection.commit()
    finally:
        connection.close()


def measure_as_at(db_path: Path, work: Path, repeat: int) -> dict[str, float]:
    """The as-at report against today's, in turns, on a copy holding the history."""
    import shutil
    from datetime import UTC, date, datetime

    from tracker.services.board_report_export import export_board_report

    copy = work / "history.sqlite3"
    shutil.copyfile(db_path, copy)
    seed_history(copy)
    as_at = date.fromisoformat(AS_AT)
    # Both list the updates recorded from now on (none): the seeded history would otherwise
    # fill today's Changes sheet with every update, and the as-at one with none.
    since = datetime.now(UTC)
    database = open_database(copy)
    try:

        def one_as_at(i: int) -> float:
            started = time.perf_counter()
            export_board_report(database, work / f"as-at-{i}.xlsx", as_at=as_at, since=since)
            return time.perf_counter() - started

        def one_present(i: int) -> float:
            started = time.perf_counter()
            export_board_report(database, work / f"present-{i}.xlsx", since=since)
            return time.perf_counter() - started

        as_at_s, present_s = in_turns(repeat, one_as_at, one_present)
    finally:
        database.close()
    return {"as_at_report_s": as_at_s, "present_report_s": present_s}


def _probe(args: list[str]) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # Start up as an installed app does, from bytecode caches, not by compiling every
    # module of the checkout again in each process.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [sys.executable, str(HERE / "window_probe.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"window probe failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_window(db_path: Path, repeat: int) -> dict[str, float]:
    # One untimed start of each first, so that every timed one finds the bytecode caches
    # written and the libraries in the page cache, as a user's second start does.
    _probe(["--bare"])
    _probe(["--db", str(db_path)])
    floors = [_probe(["--bare"])["startup_s"] for _ in range(repeat)]
    runs = [_probe(["--db", str(db_path)]) for _ in range(repeat)]
    return {
        "startup_s": statistics.median(r["startup_s"] for r in runs),
        "startup_floor_s": statistics.median(floors),
        "plan_shown_s": statistics.median(r["plan_shown_s"] for r in runs),
        "filter_ms": statistics.median(r["filter_ms"] for r in runs),
        "tab_switch_ms": statistics.median(r["tab_switch_ms"] for r in runs),
        "rss_mb": max(r["rss_mb"] for r in runs),
    }


def run_size(
    actions: int, repeat: int, *, skip_window: bool = False, bundle: Path | None = None
) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as folder:
        work = Path(folder)
        plan = generate_plan(work / f"plan-{actions}.xlsx", actions)
        figures: dict[str, float] = {"actions": float(actions)}
        import_s, import_floor_s, db_path = measure_import(plan, work, repeat)
        figures.update(import_s=import_s, import_floor_s=import_floor_s)
        figures.update(measure_exports(db_path, work, repeat))
        figures.update(measure_as_at(db_path, work, repeat))
        if not skip_window:
            figures.update(measure_window(db_path, repeat))
            if bundle is not None:
                figures.update(measure_packaged_startup(bundle, db_path, repeat))
        figures["import_ratio"] = import_s / import_floor_s
        figures["report_ratio"] = figures["report_s"] / figures["write_floor_s"]
        figures["as_at_ratio"] = figures["as_at_report_s"] / figures["present_report_s"]
        if not skip_window:
            figures["startup_ratio"] = figures["startup_s"] / figures["startup_floor_s"]
        return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", default="50000", help="comma-separated sizes (default: 50000)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write figures as JSON")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (default: 3)")
    parser.add_argument(
        "--no-window", action="store_true", help="leave out the window's figures (no Qt needed)"
    )
    parser.add_argument(
        "--bundle", type=Path, metavar="PROGRAM", help="also time the packaged app's start-up"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.actions.split(",") if s.strip()]
    results: dict[str, dict[str, float]] = {}
    for size in sizes:
        print(f"# {size} actions", flush=True)
        figures = run_size(size, args.repeat, skip_window=args.no_window, bundle=args.bundle)
        for name, value in figures.items():
            print(f"{name} {value:.4g}", flush=True)
        results[str(size)] = figures
    if len(sizes) > 1:
        small, large = results[str(min(sizes))], results[str(max(sizes))]
        scale = max(sizes) / min(sizes)
        print(f"# growth from {min(sizes)} to {max(sizes)} actions (linear = {scale:g})")
        # The floors' growth is printed too: a linear figure reads 9 to 11 here when the
        # machine speeds up or slows down between the two sizes, and so does its floor.
        for name in (
            "import_s",
            "import_floor_s",
            "report_s",
            "write_floor_s",
            "returns_s",
            "as_at_report_s",
            "present_report_s",
            "startup_s",
            "startup_floor_s",
            "filter_ms",
            "tab_switch_ms",
            "rss_mb",
        ):
            if small.get(name):
                print(f"growth_{name} {large[name] / small[name]:.3g}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
