"""Exports appear whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracker.errors import TrackerError
from tracker.excel import atomic
from tracker.excel.atomic import atomic_path, atomic_paths


def test_success_moves_the_file_into_place(tmp_path: Path) -> None:
    final = tmp_path / "report.xlsx"
    with atomic_path(final) as temporary:
        assert temporary.parent == tmp_path and temporary != final
        temporary.write_bytes(b"new")
        assert not final.exists()
    assert final.read_bytes() == b"new"
    assert list(tmp_path.iterdir()) == [final]


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    final = tmp_path / "report.xlsx"
    final.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(final) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert final.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [final]


def test_several_files_appear_together(tmp_path: Path) -> None:
    finals = [tmp_path / "a.xlsx", tmp_path / "b.xlsx"]
    with pytest.raises(RuntimeError), atomic_paths(finals) as temporaries:
        temporaries[0].write_bytes(b"a")
        raise RuntimeError("second failed")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with (
        pytest.raises(TrackerError, match="does not exist"),
        atomic_path(tmp_path / "nowhere" / "r.xlsx"),
    ):
        pass


def _refused_times(monkeypatch: pytest.MonkeyPatch, refusals: int) -> list[int]:
    """Make os.replace refuse ``refusals`` times, as Windows does while another program
    holds the target open; returns the list of attempts made."""
    real_replace = os.replace
    attempts: list[int] = []

    def replace(source: object, target: object) -> None:
        attempts.append(1)
        if len(attempts) <= refusals:
            raise PermissionError(13, "The process cannot access the file")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "replace", replace)
    monkeypatch.setattr(atomic, "REPLACE_PAUSE_S", 0)
    return attempts


def test_a_brief_hold_by_another_program_is_waited_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "REPLACE_TRIES", 5)
    attempts = _refused_times(monkeypatch, 3)
    final = tmp_path / "report.xlsx"
    with atomic.atomic_path(final) as temp:
        temp.write_bytes(b"new")
    assert final.read_bytes() == b"new"
    assert len(attempts) == 4


def test_a_lasting_hold_is_reported_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "REPLACE_TRIES", 3)
    attempts = _refused_times(monkeypatch, 99)
    final = tmp_path / "report.xlsx"
    final.write_bytes(b"old")
    with (
        pytest.raises(TrackerError, match="close it and try again"),
        atomic.atomic_path(final) as temp,
    ):
        temp.write_bytes(b"new")
    assert final.read_bytes() == b"old"
    assert len(attempts) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]
