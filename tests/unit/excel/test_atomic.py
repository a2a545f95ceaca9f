"""Exports appear whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.errors import TrackerError
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
