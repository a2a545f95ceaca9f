"""The packaged app's program (packaging/entry.py) is both the tracker and, started with
the reader's flag, the child that reads workbooks: a frozen app has no interpreter to
hand calamine_child.py to. Here a stand-in program runs the entry script, so the frozen
path is tested without building the bundle (CI builds and tries the real one)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_PLAN
from tracker import __version__
from tracker.importing import workbook_file
from tracker.importing.workbook_file import read_workbook

ENTRY = Path(__file__).resolve().parents[2] / "packaging" / "entry.py"


def test_the_entry_without_the_flag_is_the_tracker_command() -> None:
    done = subprocess.run(
        [sys.executable, str(ENTRY), "--version"], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout.strip(), done.stderr) == (
        0,
        f"tracker {__version__}",
        "",
    )


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in program is a shell script")
def test_a_frozen_app_reads_a_workbook_by_starting_itself_as_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = read_workbook(FIXTURE_PLAN)
    program = tmp_path / "tracker"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{ENTRY}" "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert workbook_file._child_command()[0] == str(program)
    sheets = read_workbook(FIXTURE_PLAN)
    assert [(s.name, s.rows) for s in sheets] == [(s.name, s.rows) for s in expected]
    assert sum(len(s.rows) for s in sheets) > 40  # the plan itself, not an empty read
