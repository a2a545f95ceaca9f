"""Start-up of the packaged app beside the same window run from source.

Both are timed the same way, from outside: from starting the process until the window
says on stderr that it has painted (``TRACKER_LOG_LEVEL=INFO``), so the frozen program's
own loader counts, as the interpreter's start does for the source run. The window is then
closed. Both open the same database, in a throwaway home folder.

    python bench/packaged_startup.py dist/tracker/tracker DB [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The message and the switch the window logs its first paint with (tracker.ui.app).
FIRST_PAINT_MESSAGE = "window painted"
LOG_LEVEL_VARIABLE = "TRACKER_LOG_LEVEL"


def time_to_first_paint(command: list[str], home: Path, timeout: float = 300.0) -> float:
    env = dict(
        os.environ,
        HOME=str(home),
        USERPROFILE=str(home),
        QT_QPA_PLATFORM="offscreen",
        **{LOG_LEVEL_VARIABLE: "INFO"},
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # start from bytecode caches, as installed
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, env=env, text=True,
    )  # fmt: skip
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if FIRST_PAINT_MESSAGE in line:
                return time.perf_counter() - started
            if time.perf_counter() - started > timeout:
                break
        raise RuntimeError(f"{command[0]} never painted its window")
    finally:
        process.terminate()
        process.wait(timeout=60)


def measure_packaged_startup(program: Path, db_path: Path, repeat: int) -> dict[str, float]:
    """Median seconds to first paint: ``packaged_startup_s`` and ``source_startup_s``."""
    commands = {
        "packaged_startup_s": [str(program), "--db", str(db_path)],
        "source_startup_s": [sys.executable, "-m", "tracker", "--db", str(db_path)],
    }
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="tracker-bench-home-") as home:
        for name, command in commands.items():
            time_to_first_paint(command, Path(home))  # untimed: fills the caches
            figures[name] = statistics.median(
                time_to_first_paint(command, Path(home)) for _ in range(repeat)
            )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("program", type=Path, help="the packaged program, dist/tracker/tracker")
    parser.add_argument("db", type=Path, help="a database to open")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    for name, value in measure_packaged_startup(args.program, args.db, args.repeat).items():
        print(f"{name} {value:.4g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
