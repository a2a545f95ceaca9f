"""Try the packaged app as a user would: ``python scripts/smoke_bundle.py [dist/tracker]``.

The frozen program prints its version, imports the bundled 2018 plan into a fresh
database, writes a board report and a set of status returns, and opens its window
(offscreen) for a few seconds; every step must succeed with nothing on stderr. Runs in a
throwaway home folder, so the user's own settings and data are never touched. Exit 1 with
the first failure. CI runs it after scripts/build_app.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN_NAME = "cqc-lsr-action-plan-2018.xlsx"
WINDOW_SECONDS = 5.0


class SmokeFailure(Exception):
    pass


def main(argv: list[str]) -> int:
    bundle = Path(argv[0]) if argv else ROOT / "dist" / "tracker"
    program = bundle / ("tracker.exe" if sys.platform == "win32" else "tracker")
    if not program.is_file():
        print(f"smoke: no packaged program at {program}; run scripts/build_app.py", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="tracker-smoke-") as folder:
        try:
            run_smoke(program, bundle, Path(folder))
        except SmokeFailure as failure:
            print(f"smoke: FAILED: {failure}", file=sys.stderr)
            return 1
    print("smoke: the packaged app passed")
    return 0


def run_smoke(program: Path, bundle: Path, work: Path) -> None:
    env = private_environment(work)
    db = work / "tracker.sqlite3"

    started = time.perf_counter()
    version = run(program, ["--version"], env).strip()
    print(f"smoke: {version} ({time.perf_counter() - started:.2f} s to print its version)")
    if not version.startswith("tracker "):
        raise SmokeFailure(f"--version printed {version!r}")

    plans = list(bundle.rglob(PLAN_NAME))
    if len(plans) != 1:
        raise SmokeFailure(f"the bundle should hold one {PLAN_NAME}, found {len(plans)}")
    run(program, ["--db", str(db), "import-plan", str(plans[0])], env)
    shown = json.loads(run(program, ["--db", str(db), "show", "--json"], env))
    actions = [
        action
        for plan in shown["plans"]
        for workstream in plan["workstreams"]
        for area in workstream["areas"]
        for action in area["actions"]
    ]
    print(f"smoke: imported the bundled plan: {len(actions)} actions")
    if len(actions) != 63:
        raise SmokeFailure(f"the bundled plan gave {len(actions)} actions, not 63")

    report = work / "board report.xlsx"
    run(program, ["--db", str(db), "export-report", str(report)], env)
    returns = work / "returns"
    returns.mkdir()
    run(program, ["--db", str(db), "export-returns", str(returns)], env)
    written = sorted(returns.glob("*.xlsx"))
    if not report.is_file() or not written:
        raise SmokeFailure("the board report or the status returns were not written")
    print(f"smoke: wrote a board report and {len(written)} status returns")

    open_window(program, db, env)


def private_environment(work: Path) -> dict[str, str]:
    """The user's environment with a fresh home, so settings and data start empty."""
    home = work / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), QT_QPA_PLATFORM="offscreen")
    env.update(
        USERPROFILE=str(home),
        APPDATA=str(home / "AppData" / "Roaming"),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
    )
    env.pop("TRACKER_DB", None)
    return env


def run(program: Path, args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(program), *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    if done.returncode != 0 or done.stderr:
        raise SmokeFailure(
            f"tracker {' '.join(args)} exited {done.returncode}; stderr:\n{done.stderr}"
        )
    return done.stdout


def open_window(program: Path, db: Path, env: dict[str, str]) -> None:
    """The window stays up for a few seconds and says nothing on stderr."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        window = subprocess.Popen(
            [str(program), "--db", str(db)], stdout=subprocess.DEVNULL, stderr=errors, env=env
        )
        try:
            window.wait(timeout=WINDOW_SECONDS)
        except subprocess.TimeoutExpired:
            pass  # still open, as it should be
        finally:
            exited = window.poll()
            if exited is None:
                window.terminate()
                window.wait(timeout=30)
        errors.seek(0)
        said = errors.read().decode(errors="replace")
    if exited is not None:
        raise SmokeFailure(f"the window closed by itself with status {exited}:\n{said}")
    if said:
        raise SmokeFailure(f"the window wrote to stderr:\n{said}")
    print(f"smoke: the window ran for {time.perf_counter() - started:.0f} s, quiet")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
