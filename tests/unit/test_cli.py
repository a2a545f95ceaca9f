"""The command's own behaviour: which database is the embedded default, and how a bug is
told apart from a problem with the user's input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import cli


@pytest.fixture
def opened(monkeypatch) -> list[tuple[Path, bool]]:  # type: ignore[no-untyped-def]
    calls: list[tuple[Path, bool]] = []

    def run_app(db_path: Path, explicit_db: bool) -> int:
        calls.append((db_path, explicit_db))
        return 0

    import tracker.ui.app

    monkeypatch.setattr(tracker.ui.app, "run_app", run_app)
    return calls


def test_no_command_opens_the_window_on_the_seeded_default(
    opened, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "default.sqlite3"))
    assert cli.main([]) == 0
    assert opened == [(tmp_path / "default.sqlite3", False)]


def test_a_named_database_is_not_seeded_without_asking(opened, tmp_path: Path) -> None:
    assert cli.main(["--db", str(tmp_path / "mine.sqlite3")]) == 0
    assert opened == [(tmp_path / "mine.sqlite3", True)]


def test_a_bug_is_reported_as_one_and_exits_70(monkeypatch, tmp_path: Path, capsys) -> None:
    def broken(_database) -> dict:  # type: ignore[no-untyped-def]
        raise RuntimeError("an unexpected state")

    import tracker.services.outline

    monkeypatch.setattr(tracker.services.outline, "database_outline", broken)
    assert cli.main(["--db", str(tmp_path / "t.sqlite3"), "show"]) == cli.EXIT_INTERNAL_ERROR
    err = capsys.readouterr().err
    assert "RuntimeError: an unexpected state" in err
    assert "tracker: internal error: this is a bug" in err


def test_a_user_error_is_one_line_and_exits_1(tmp_path: Path, capsys) -> None:
    assert (
        cli.main(
            ["--db", str(tmp_path / "t.sqlite3"), "import-plan", str(tmp_path / "missing.xlsx")]
        )
        == 1
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("tracker: error: ")
