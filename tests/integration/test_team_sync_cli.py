"""The team verbs as a lead and the programme office use them: checkout of a workstream,
offline work, sync both ways, a return from the working copy, and copy to and from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.db import Database, open_database
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update, list_updates
from tracker.services.plan_snapshot import load_snapshot


def _run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str]:
    code = main(["--db", str(db), "--user", "Pip Mayo", *args])
    out, err = capsys.readouterr()
    return code, out + err


def _update(database: Database, action_id: int, narrative: str, percent: int) -> None:
    entry = UpdateInput(
        date(2026, 11, 30),
        database.actor,
        "In progress",
        "G",
        percent,
        narrative,
        rag_reason="Agreed with the programme office",  # greener than the calculated Red
    )
    add_update(database, action_id, entry)


def _prevention_action(database: Database) -> int:
    snapshot = load_snapshot(database)
    prevention = next(w.id for w in snapshot.workstreams if w.title == "Prevention")
    return next(x.id for x in snapshot.actions if x.workstream_id == prevention)


def test_checkout_work_offline_and_sync(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    laptop = tmp_path / "laptop.sqlite3"
    code, printed = _run(
        capsys,
        laptop,
        "checkout",
        "--from",
        f"sqlite:///{imported.path}",
        "--workstream",
        "Prevention",
    )
    assert code == 0, printed
    assert f"Working copy of {load_snapshot(imported).workstreams[0].plan_name} from " in printed
    action = _prevention_action(imported)
    local = open_database(laptop)
    local.actor = "Pip Mayo"
    _update(local, action, "Recorded on the train", 30)
    imported.actor = "Programme office"
    _update(imported, action, "Recorded in the office", 25)
    local.close()
    code, printed = _run(capsys, laptop, "sync")
    assert code == 0, printed
    assert "Sent 1 update and 0 changed fields" in printed
    assert "received 1 update" in printed
    # Both changed % complete since checkout: a conflict, left alone and listed.
    assert "% complete: at last sync" in printed and "mine 30 | theirs 25" in printed
    local = open_database(laptop)
    for side in (local, imported):
        assert sorted(u.narrative for u in list_updates(side, action)) == [
            "Recorded in the office",
            "Recorded on the train",
        ]
    local.close()
    code, printed = _run(capsys, laptop, "sync", "--take", "mine")
    assert code == 0 and "Settled 1 conflict as chosen." in printed
    assert next(x for x in load_snapshot(imported).actions if x.id == action).percent == 30


def test_checkout_into_a_file_with_data_is_refused(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite3"
    code, printed = _run(capsys, other, "copy", "--from", str(imported.path))
    assert code == 0, printed
    code, printed = _run(capsys, other, "checkout", "--from", str(imported.path))
    assert code == 1
    assert "already holds data" in printed and "Nothing was changed" in printed


def test_return_from_a_working_copy_imported_by_the_office(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    laptop = tmp_path / "laptop.sqlite3"
    code, _ = _run(
        capsys, laptop, "checkout", "--from", str(imported.path), "--workstream", "Prevention"
    )
    assert code == 0
    action = _prevention_action(imported)
    local = open_database(laptop)
    local.actor = "Pip Mayo"
    _update(local, action, "Done on the laptop, never synced", 55)
    local.close()
    code, printed = _run(
        capsys, laptop, "export-returns", str(tmp_path / "out"), "--from-working-copy"
    )
    assert code == 0, printed
    returned = next((tmp_path / "out").glob("*.xlsx"))
    code, printed = main(["--db", str(imported.path), "import-return", str(returned)]), ""
    printed = "".join(capsys.readouterr())
    assert code == 0, printed
    assert "Applied 1 update" in printed
    latest = list_updates(imported, action)[0]
    assert (latest.narrative, latest.author, latest.percent) == (
        "Done on the laptop, never synced",
        "Pip Mayo",
        55,
    )


def test_copy_to_an_empty_file_and_refused_into_a_full_one(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    target = tmp_path / "server.sqlite3"
    code, printed = _run(capsys, imported.path, "copy", "--to", f"sqlite:///{target}")
    assert code == 0, printed
    assert "checked on arrival" in printed
    copied = open_database(target)
    assert load_snapshot(copied).actions == load_snapshot(imported).actions
    copied.close()
    code, printed = _run(capsys, imported.path, "copy", "--to", str(target))
    assert code == 1
    assert "is not empty" in printed and "Nothing was copied" in printed
    code, printed = _run(
        capsys, imported.path, "copy", "--to", "postgresql://office:secret@db/plan"
    )
    assert code == 1
    # A server that cannot be reached is said so, by name, never with its password.
    assert "secret" not in printed
    assert "could not connect to the team database plan on db" in printed


def test_a_refused_checkout_leaves_no_file(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    laptop = tmp_path / "laptop.sqlite3"
    code, printed = _run(
        capsys, laptop, "checkout", "--from", str(imported.path), "--workstream", "Housing"
    )
    assert code == 1
    assert "no workstream called 'Housing'" in printed and "Nothing was checked out" in printed
    assert sorted(p.name for p in tmp_path.iterdir() if "laptop" in p.name) == []
