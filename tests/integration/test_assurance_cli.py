"""The assurance verbs as a lead and the programme office use them on the 2018 plan:
evidence added, completion proposed, verified to Blue, sent back, reopened."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from tracker.cli import main
from tracker.db import Database


def _run(capsys: pytest.CaptureFixture[str], database: Database, *args: str) -> tuple[int, str]:
    code = main(["--db", str(database.path), *args])
    out, err = capsys.readouterr()
    return code, out + err


def _action(capsys: pytest.CaptureFixture[str], database: Database, ref: str) -> dict[str, Any]:
    code, printed = _run(capsys, database, "show", "--json")
    assert code == 0
    area_ref, label = ref.split()
    for ws in json.loads(printed)["plans"][0]["workstreams"]:
        for area in ws["areas"]:
            for action in area["actions"]:
                if area["ref"] == area_ref and action["label"].rstrip(".") == label:
                    return action
    raise AssertionError(f"no action {ref}")


def test_add_evidence_stores_a_file_and_a_link_shown_in_the_json(
    capsys: pytest.CaptureFixture[str], imported: Database, tmp_path: Path
) -> None:
    minutes = tmp_path / "minutes.txt"
    minutes.write_bytes(b"The board met.\n")
    code, printed = _run(
        capsys, imported, "--user", "Pip Mayo", "add-evidence", "1.1 ii", str(minutes),
        "--note", "Board minutes",
    )  # fmt: skip
    assert code == 0
    digest = hashlib.sha256(b"The board met.\n").hexdigest()
    assert printed == (f"Added minutes.txt (15 bytes, SHA-256 {digest}) as evidence on 1.1 ii.\n")
    code, printed = _run(capsys, imported, "add-evidence", "1.1 ii.", r"\\pmo\share\tor.docx")
    assert (code, printed) == (
        0,
        "Added the link \\\\pmo\\share\\tor.docx as evidence on 1.1 ii.\n",
    )

    action = _action(capsys, imported, "1.1 ii")
    file, link = action["evidence"]
    assert {k: file[k] for k in ("kind", "description", "name", "sha256", "size", "added_by")} == {
        "kind": "file",
        "description": "Board minutes",
        "name": "minutes.txt",
        "sha256": digest,
        "size": 15,
        "added_by": "Pip Mayo",
    }
    assert (link["kind"], link["url"], link["sha256"]) == ("link", r"\\pmo\share\tor.docx", None)
    assert action["brag"] is None  # not rated yet


def test_add_evidence_refuses_a_bad_link_and_an_unknown_ref(
    capsys: pytest.CaptureFixture[str], imported: Database
) -> None:
    code, printed = _run(capsys, imported, "add-evidence", "1.1 ii", "ftp://files/x")
    assert code == 1
    assert "ftp: link, which the tracker does not keep" in printed
    code, printed = _run(capsys, imported, "add-evidence", "1.1 xx", "https://e.org")
    assert code == 1
    assert printed.startswith("tracker: error: No action '1.1 xx' in the live plans: area 1.1 has")
    assert _action(capsys, imported, "1.1 ii")["evidence"] == []


def test_the_closure_verbs_from_proposal_to_blue_and_back(
    capsys: pytest.CaptureFixture[str], imported: Database
) -> None:
    code, printed = _run(capsys, imported, "--user", "Pip Mayo", "propose-complete", "1.1 ii")
    assert code == 1
    assert "Action 1.1 ii has no evidence yet" in printed

    _run(capsys, imported, "add-evidence", "1.1 ii", "https://example.org/minutes")
    code, printed = _run(capsys, imported, "--user", "Pip Mayo", "propose-complete", "1.1 ii")
    assert (code, printed) == (
        0,
        "1.1 ii is proposed complete by Pip Mayo, awaiting verification by the programme office.\n",
    )
    action = _action(capsys, imported, "1.1 ii")
    assert (action["status"], action["percent"], action["closure_state"]) == (
        "Complete",
        100,
        "proposed",
    )

    code, printed = _run(capsys, imported, "--user", "Pip Mayo", "verify-complete", "1.1 ii")
    assert code == 1
    assert "No one is in the programme office yet" in printed

    code, printed = _run(capsys, imported, "programme-office", "add", "Pat", "Lee")
    assert (code, printed) == (0, "The programme office (who may verify completion):\n  Pat Lee\n")
    code, printed = _run(capsys, imported, "--user", "Pip Mayo", "verify-complete", "1.1 ii")
    assert code == 1
    assert "Only the programme office can verify completion, and Pip Mayo is not in it" in printed

    code, printed = _run(capsys, imported, "--user", "Pat Lee", "verify-complete", "1.1 ii")
    assert (code, printed) == (0, "1.1 ii is verified complete by Pat Lee: Blue.\n")
    assert _action(capsys, imported, "1.1 ii")["brag"] == "B"

    with pytest.raises(SystemExit):  # argparse: --reason is required
        _run(capsys, imported, "reopen", "1.1 ii")
    assert "the following arguments are required: --reason" in capsys.readouterr().err
    code, printed = _run(
        capsys, imported, "--user", "Pat Lee", "reopen", "1.1 ii", "--reason", "Board lapsed"
    )
    assert (code, printed) == (0, "1.1 ii is reopened: In progress again.\n")
    action = _action(capsys, imported, "1.1 ii")
    assert (action["status"], action["brag"], action["updates"][-1]["narrative"]) == (
        "In progress",
        None,
        "Reopened: Board lapsed",
    )


def test_send_back(capsys: pytest.CaptureFixture[str], imported: Database) -> None:
    _run(capsys, imported, "programme-office", "add", "Pat Lee")
    _run(capsys, imported, "add-evidence", "1.2 i", "https://example.org/minutes")
    _run(capsys, imported, "--user", "Pip Mayo", "propose-complete", "1.2 i")
    code, printed = _run(
        capsys, imported, "--user", "Pip Mayo", "send-back", "1.2 i", "--reason", "x"
    )
    assert code == 1
    assert "Only the programme office can send a proposed completion back" in printed
    code, printed = _run(
        capsys, imported, "--user", "Pat Lee", "send-back", "1.2 i", "--reason", "Unsigned"
    )
    assert (code, printed) == (0, "1.2 i is sent back to its lead: In progress again.\n")
    action = _action(capsys, imported, "1.2 i")
    assert (action["status"], action["closure_state"]) == ("In progress", "sent back")
    assert action["updates"][-1]["narrative"] == "Sent back by the programme office: Unsigned"
    assert action["updates"][-1]["author"] == "Pat Lee"


def test_programme_office_list_and_remove(
    capsys: pytest.CaptureFixture[str], imported: Database
) -> None:
    assert _run(capsys, imported, "programme-office", "list") == (
        0,
        "No one is in the programme office yet: tracker programme-office add NAME\n",
    )
    _run(capsys, imported, "programme-office", "add", "Pat Lee")
    _run(capsys, imported, "programme-office", "add", "Ash Khan")
    code, printed = _run(capsys, imported, "programme-office", "remove", "pat lee")
    assert (code, printed) == (0, "The programme office (who may verify completion):\n  Ash Khan\n")
    code, printed = _run(capsys, imported, "programme-office", "remove", "Nobody")
    assert code == 1
    assert "Nobody is not in the programme office (it lists Ash Khan)" in printed
    code, printed = _run(capsys, imported, "programme-office", "add")
    assert code == 1
    assert "Give the name to add" in printed


def test_plan_option_names_the_plan(capsys: pytest.CaptureFixture[str], imported: Database) -> None:
    code, printed = _run(
        capsys, imported, "add-evidence", "1.1 ii", "https://e.org/x", "--plan", "99"
    )
    assert code == 1
    assert "No plan is called or numbered '99'" in printed
    code, _ = _run(capsys, imported, "add-evidence", "1.1 ii", "https://e.org/x", "--plan", "1")
    assert code == 0
