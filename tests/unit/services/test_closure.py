"""Completion with evidence: propose, verify (Blue), send back, reopen; who may verify."""

from __future__ import annotations

from datetime import date

import pytest

from tracker import domain
from tracker.db import Database
from tracker.services import closure, evidence, programme_office
from tracker.services.action_edits import ValidationError
from tracker.services.action_updates import list_updates
from tracker.services.audit import list_audit, verify_chain
from tracker.services.plan_snapshot import load_snapshot

DAY = date(2026, 11, 30)


@pytest.fixture
def action_id(database: Database, small_plan: dict[str, int]) -> int:
    return small_plan["Set up the board"]  # In progress, 20%, Green


def _with_evidence(database: Database, action_id: int) -> None:
    evidence.add_link(database, action_id, "https://example.org/minutes", "Minutes")


def _office(database: Database, *names: str) -> None:
    database.actor = "Admin"
    programme_office.set_programme_office(database, names)


@pytest.mark.parametrize(
    ("status", "rag", "state", "expected"),
    [
        ("Complete", "G", "verified", "B"),
        ("Complete", "G", "proposed", "G"),
        ("Complete", None, None, None),
        ("In progress", "A", "verified", "A"),  # a stale state never makes Blue
        ("In progress", "R", "sent back", "R"),
    ],
)
def test_brag(status: str, rag: str | None, state: str | None, expected: str | None) -> None:
    assert domain.brag(status, rag, state) == expected


def test_a_proposal_without_evidence_is_refused_and_nothing_changes(
    database: Database, action_id: int
) -> None:
    with pytest.raises(ValidationError, match=r"Action 1.2 i. has no evidence yet"):
        closure.propose_completion(database, action_id, today=DAY)
    info = closure.closure_info(database, action_id)
    assert (info.status, info.percent, info.closure_state) == ("In progress", 20, None)
    assert list_updates(database, action_id) == []


def test_removed_evidence_does_not_count(database: Database, action_id: int) -> None:
    evidence_id = evidence.add_link(database, action_id, "https://example.org/a")
    evidence.remove(database, evidence_id)
    with pytest.raises(ValidationError, match="has no evidence yet"):
        closure.propose_completion(database, action_id, today=DAY)


def test_propose_then_verify_makes_it_blue_and_audits_who_did_each_step(
    database: Database, action_id: int
) -> None:
    _office(database, "Pat Lee")
    _with_evidence(database, action_id)
    database.actor = "Sam Lee"
    info = closure.propose_completion(database, action_id, today=DAY)
    assert (info.status, info.percent, info.closure_state, info.brag) == (
        "Complete",
        100,
        "proposed",
        "G",
    )
    (update,) = list_updates(database, action_id)
    assert (update.author, update.status, update.percent) == ("Sam Lee", "Complete", 100)
    assert "awaiting verification" in update.narrative

    database.actor = "pat  lee"  # names compare as people write them
    info = closure.verify_completion(database, action_id)
    assert info.brag == "B"
    assert (info.closure_state, info.closure_by) == ("verified", "pat  lee")
    (row,) = [r for r in load_snapshot(database).actions if r.id == action_id]
    assert row.brag == "B"
    steps = [
        (r.user, r.old_value, r.new_value)
        for r in list_audit(database, record_type="action", record_id=action_id)
        if r.field == "closure"
    ]
    assert steps == [("Sam Lee", None, "proposed"), ("pat  lee", "proposed", "verified")]
    assert verify_chain(database).ok


def test_only_the_programme_office_can_verify(database: Database, action_id: int) -> None:
    _with_evidence(database, action_id)
    closure.propose_completion(database, action_id, today=DAY)
    database.actor = "Sam Lee"
    with pytest.raises(ValidationError, match="No one is in the programme office yet"):
        closure.verify_completion(database, action_id)
    _office(database, "Pat Lee")
    database.actor = "Sam Lee"
    with pytest.raises(
        ValidationError,
        match=r"Only the programme office can verify completion, and Sam Lee is not in it "
        r"\(it lists Pat Lee\)",
    ):
        closure.verify_completion(database, action_id)
    assert closure.closure_info(database, action_id).closure_state == "proposed"


def test_an_action_not_proposed_cannot_be_verified(database: Database, action_id: int) -> None:
    _office(database, "Pat Lee")
    database.actor = "Pat Lee"
    with pytest.raises(ValidationError, match="not proposed complete"):
        closure.verify_completion(database, action_id)


def test_send_back_needs_a_reason_and_returns_it_to_in_progress(
    database: Database, action_id: int
) -> None:
    _office(database, "Pat Lee")
    _with_evidence(database, action_id)
    database.actor = "Sam Lee"
    closure.propose_completion(database, action_id, today=DAY)
    database.actor = "Pat Lee"
    with pytest.raises(ValidationError, match="Give a reason for sending it back"):
        closure.send_back(database, action_id, "  ", today=DAY)
    info = closure.send_back(database, action_id, "Minutes unsigned", today=DAY)
    assert (info.status, info.closure_state, info.closure_note) == (
        "In progress",
        "sent back",
        "Minutes unsigned",
    )
    assert info.percent == 20  # what it was before the proposal: sent back is not done
    newest = list_updates(database, action_id)[0]
    assert newest.narrative == "Sent back by the programme office: Minutes unsigned"
    assert newest.author == "Pat Lee"


def test_reopening_needs_a_reason_and_a_complete_action(database: Database, action_id: int) -> None:
    with pytest.raises(ValidationError, match="not complete: there is nothing to reopen"):
        closure.reopen(database, action_id, "why", today=DAY)
    _office(database, "Pat Lee")
    _with_evidence(database, action_id)
    closure.propose_completion(database, action_id, today=DAY)
    database.actor = "Pat Lee"
    closure.verify_completion(database, action_id)
    with pytest.raises(ValidationError, match="Give a reason for reopening it"):
        closure.reopen(database, action_id, "", today=DAY)
    assert closure.closure_info(database, action_id).brag == "B"
    info = closure.reopen(database, action_id, "Board stopped meeting", today=DAY)
    assert (info.status, info.closure_state, info.brag) == ("In progress", None, "G")
    assert list_updates(database, action_id)[0].narrative == "Reopened: Board stopped meeting"


def test_a_verified_action_cannot_be_proposed_again(database: Database, action_id: int) -> None:
    _office(database, "Pat Lee")
    _with_evidence(database, action_id)
    closure.propose_completion(database, action_id, today=DAY)
    with pytest.raises(ValidationError, match="already proposed complete"):
        closure.propose_completion(database, action_id, today=DAY)
    database.actor = "Pat Lee"
    closure.verify_completion(database, action_id)
    with pytest.raises(ValidationError, match="already verified complete; reopen it first"):
        closure.propose_completion(database, action_id, today=DAY)


def test_the_programme_office_list_is_kept_tidy_and_audited(database: Database) -> None:
    database.actor = "Admin"
    assert programme_office.add_to_programme_office(database, " Pat   Lee ") == ["Pat Lee"]
    with pytest.raises(Exception, match="Pat Lee is already in the programme office"):
        programme_office.add_to_programme_office(database, "pat lee")
    assert programme_office.set_programme_office(database, ["Pat Lee", "Ash Khan", "ash khan"]) == [
        "Pat Lee",
        "Ash Khan",
    ]
    assert programme_office.remove_from_programme_office(database, "PAT LEE") == ["Ash Khan"]
    with pytest.raises(
        Exception, match=r"Sam is not in the programme office \(it lists Ash Khan\)"
    ):
        programme_office.remove_from_programme_office(database, "Sam")
    changes = [(r.old_value, r.new_value) for r in list_audit(database, record_type="setting")]
    assert changes == [
        (None, "Pat Lee"),
        ("Pat Lee", "Pat Lee, Ash Khan"),
        ("Pat Lee, Ash Khan", "Ash Khan"),
    ]


def test_an_update_out_of_complete_lapses_the_verification(
    database: Database, action_id: int
) -> None:
    from tracker.services.action_rows import UpdateInput
    from tracker.services.action_updates import add_update

    _office(database, "Pat Lee")
    _with_evidence(database, action_id)
    closure.propose_completion(database, action_id, today=DAY)
    database.actor = "Pat Lee"
    closure.verify_completion(database, action_id)
    # Past its due date, so the calculated RAG is Red: Amber needs its reason.
    add_update(
        database,
        action_id,
        UpdateInput(DAY, "Sam Lee", "In progress", "A", 80, "Redo", rag_reason="Nearly there"),
    )
    assert closure.closure_info(database, action_id).closure_state is None
    # Complete again by a plain update is not Blue: it must be proposed and verified again.
    add_update(database, action_id, UpdateInput(DAY, "Sam Lee", "Complete", "G", 100, "Done"))
    assert closure.closure_info(database, action_id).brag == "G"
    lapses = [
        (r.old_value, r.new_value)
        for r in list_audit(database, record_type="action", record_id=action_id)
        if r.field == "closure"
    ]
    assert lapses[-1] == ("verified", "lapsed")


def test_a_verified_action_is_reopened_with_a_reason_not_edited_out_of_complete(
    database: Database, action_id: int
) -> None:
    from tracker.services.action_edits import set_action_field

    _office(database, "Pat Lee")
    _with_evidence(database, action_id)
    closure.propose_completion(database, action_id, today=DAY)
    with pytest.raises(ValidationError, match="proposed complete with its evidence: use Reopen"):
        set_action_field(database, action_id, "status", "In progress")
    assert closure.closure_info(database, action_id).status == "Complete"
    set_action_field(database, action_id, "rag", "A")  # other fields stay editable
    assert closure.closure_info(database, action_id).rag == "A"
