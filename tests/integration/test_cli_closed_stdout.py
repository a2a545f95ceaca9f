"""A reader that stops early (``tracker show | head -1``) is not a bug: the command stops
quietly with the status a shell gives any command stopped that way (141), says nothing on
stderr, and whatever it had committed stays committed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli import EXIT_READER_GONE, main
from tracker.db import Database
from tracker.services.plan_import import import_plan

# Enough plans that ``show`` prints far more than a pipe holds (64 KB on Linux and macOS),
# so the reader is certainly gone before the command has finished writing.
PLANS = 20


def _tracker_with_reader_gone(
    *args: str, cwd: Path, lines_read: int
) -> subprocess.CompletedProcess[bytes]:
    """Run ``tracker ARGS`` with stdout a pipe whose reader reads ``lines_read`` lines and
    closes it; with 0 the reader has gone before the command starts."""
    read_end, write_end = os.pipe()
    if lines_read == 0:
        os.close(read_end)
    with subprocess.Popen(
        [sys.executable, "-m", "tracker", *args],
        stdout=write_end,
        stderr=subprocess.PIPE,
        cwd=cwd,
    ) as process:
        os.close(write_end)
        if lines_read:
            with open(read_end, "rb", buffering=0) as reader:
                for _ in range(lines_read):
                    while reader.read(1) not in (b"\n", b""):
                        pass
        assert process.stderr is not None
        err = process.stderr.read()
        code = process.wait(timeout=120)
    return subprocess.CompletedProcess(process.args, code, b"", err)


def _plan_count(db: Path, capsys: pytest.CaptureFixture[str]) -> int:
    capsys.readouterr()
    assert main(["--db", str(db), "show", "--json"]) == 0
    return len(json.loads(capsys.readouterr().out)["plans"])


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["outline", "json"])
def test_show_stops_quietly_when_the_reader_has_read_one_line(
    database: Database, plan_file: Path, tmp_path: Path, json_flag: list[str]
) -> None:
    for _ in range(PLANS):
        import_plan(database, plan_file, as_new=True)
    database.close()
    done = _tracker_with_reader_gone(
        "--db", str(database.path), "show", *json_flag, cwd=tmp_path, lines_read=1
    )
    assert done.stderr == b""
    assert done.returncode == EXIT_READER_GONE


def test_import_plan_stops_quietly_and_keeps_the_import(
    tmp_path: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The summary is written in one piece once the plan is saved, so a reader that stops
    # after a line has, for this command, gone before anything reaches it.
    db = tmp_path / "t.sqlite3"
    done = _tracker_with_reader_gone(
        "--db", str(db), "import-plan", str(plan_file), cwd=tmp_path, lines_read=0
    )
    assert done.stderr == b""
    assert done.returncode == EXIT_READER_GONE
    assert _plan_count(db, capsys) == 1
