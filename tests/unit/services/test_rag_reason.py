"""A declared RAG greener than the calculated one needs a reason: through the service and
through status returns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.unit.excel.return_helpers import fill_return
from tracker.db import Database
from tracker.excel import return_layout as layout
from tracker.rag_rule import RagRule
from tracker.services.action_edits import ValidationError
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update, list_updates, update_problems
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.rag_rules import plan_rule, set_plan_rule
from tracker.services.return_apply import apply_return
from tracker.services.return_review import review_return
from tracker.services.status_returns_export import export_status_returns


@pytest.fixture
def returns(database: Database, small_plan: dict[str, int], tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "returns"
    folder.mkdir()
    return {f.scope.label: f.path for f in export_status_returns(database, folder)}


def _row(database: Database, ref: str):  # type: ignore[no-untyped-def]
    return next(r for r in load_snapshot(database).actions if r.ref == ref)


def test_the_service_refuses_a_greener_rag_without_a_reason(imported: Database) -> None:
    row = _row(imported, "1.1 i")  # due 30 Jun 2018
    late = UpdateInput(date(2018, 8, 15), "Pip Mayo", "In progress", "A", 50, "Going")
    with pytest.raises(ValidationError) as caught:
        add_update(imported, row.id, late)
    assert str(caught.value) == (
        "The RAG given, Amber, is greener than the calculated Red (46 days past its due "
        "30 Jun 2018 (red after 30)): give a reason for the rating."
    )
    assert list_updates(imported, row.id) == []
    add_update(imported, row.id, UpdateInput(**{**late.__dict__, "rag_reason": " Board agreed "}))
    (update,) = list_updates(imported, row.id)
    assert (update.rag, update.rag_reason) == ("A", "Board agreed")
    # The rating is the action's now: carried over, it needs no new reason.
    add_update(
        imported, row.id, UpdateInput(date(2018, 8, 20), "Pip Mayo", "In progress", "A", 60, "")
    )
    assert len(list_updates(imported, row.id)) == 2


def test_red_or_a_due_rating_needs_no_reason(imported: Database) -> None:
    row = _row(imported, "1.1 i")
    rule = plan_rule(imported, load_snapshot(imported).workstreams[0].plan_id)
    on_time = UpdateInput(date(2018, 6, 1), "Pip Mayo", "In progress", "G", 90, "")
    assert update_problems(on_time, None, row.due, start=row.start, rule=rule) == []
    red = UpdateInput(date(2018, 9, 1), "Pip Mayo", "In progress", "R", 10, "")
    assert update_problems(red, None, row.due, start=row.start, rule=rule) == []


def test_the_plan_s_rule_decides(imported: Database) -> None:
    row = _row(imported, "1.1 i")
    plan_id = load_snapshot(imported).workstreams[0].plan_id
    set_plan_rule(imported, plan_id, RagRule(red_days_late=60))
    add_update(imported, row.id, UpdateInput(date(2018, 8, 15), "Pip", "In progress", "A", 50, ""))
    assert list_updates(imported, row.id)[0].rag_reason is None


def test_a_return_setting_a_greener_rag_is_rejected_unless_it_says_why(
    database: Database, small_plan: dict[str, int], returns: dict[str, Path]
) -> None:
    path = returns["Governance and Leadership"]
    board = small_plan["Publish the vision"]  # Amber now, revised due 31 Jan 2019
    fill_return(path, {board: {layout.RAG: "G"}}, returned_by="Pip Mayo")
    review = review_return(database, path)
    (rejection,) = review.rejections
    assert "greener than the calculated Red" in rejection.reason
    assert f"give the reason for the rating in '{layout.REASON}'" in rejection.reason
    fill_return(path, {board: {layout.REASON: "Board met; minutes to follow"}})
    review = review_return(database, path)
    assert not review.rejections
    apply_return(database, review)
    (update,) = list_updates(database, board)
    assert (update.rag, update.rag_reason) == ("G", "Board met; minutes to follow")
