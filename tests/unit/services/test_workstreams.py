"""Renaming, reordering and merging workstreams and moving areas: each audited and undone."""

from __future__ import annotations

import pytest

from tracker.db import Database
from tracker.services import workstreams as ws
from tracker.services.action_edits import ValidationError
from tracker.services.audit import list_audit, verify_chain
from tracker.services.outline import database_outline


def _shape(database: Database) -> list[tuple[str, str, list[str]]]:
    """The plan as (tab, title, area refs) per workstream, in order."""
    plan = database_outline(database)["plans"][0]
    return [(w["tab"], w["title"], [a["ref"] for a in w["areas"]]) for w in plan["workstreams"]]


def _audit(database: Database, record_type: str) -> list[tuple[int, str, str | None, str | None]]:
    return [
        (r.record_id, r.field, r.old_value, r.new_value)
        for r in list_audit(database, record_type=record_type)
    ]


def test_rename_is_audited_and_undone(database: Database, small_plan: dict[str, int]) -> None:
    gov = small_plan["ws_governance"]
    before = _shape(database)
    renamed = ws.rename_workstream(database, gov, tab=" Leadership ", title="Good  leadership")
    assert _shape(database)[0] == ("Leadership", "Good leadership", ["1.1", "1.2"])
    assert _audit(database, "workstream") == [
        (gov, "tab", "Governance", "Leadership"),
        (gov, "title", "Governance and Leadership", "Good leadership"),
    ]
    assert [w.tab for w in renamed.layout.workstreams] == ["Leadership", "Prevention"]
    ws.rename_workstream(database, gov, tab=renamed.old_tab, title=renamed.old_title, cause="undo")
    assert _shape(database) == before
    assert list_audit(database)[-1].cause == "undo"


def test_a_blank_name_is_refused_and_changes_nothing(
    database: Database, small_plan: dict[str, int]
) -> None:
    before = _shape(database)
    with pytest.raises(ValidationError, match="needs a tab name"):
        ws.rename_workstream(database, small_plan["ws_governance"], tab="  ", title="X")
    assert _shape(database) == before
    assert list_audit(database) == []


def test_reorder_moves_and_undoes(database: Database, small_plan: dict[str, int]) -> None:
    gov, prev = small_plan["ws_governance"], small_plan["ws_prevention"]
    moved = ws.move_workstream(database, prev, -1)
    assert [t for t, _title, _refs in _shape(database)] == ["Prevention", "Governance"]
    assert moved.old_order == [gov, prev]
    assert ws.tab_order(moved.layout.workstreams) == ["Prevention", "Governance"]
    assert sorted(_audit(database, "workstream")) == [
        (gov, "position", "0", "1"),
        (prev, "position", "1", "0"),
    ]
    ws.set_order(database, small_plan["plan"], moved.old_order, cause="undo")
    assert [t for t, _title, _refs in _shape(database)] == ["Governance", "Prevention"]
    with pytest.raises(ValidationError, match="every workstream"):
        ws.set_order(database, small_plan["plan"], [gov])


def test_move_area_and_back(database: Database, small_plan: dict[str, int]) -> None:
    gov, prev = small_plan["ws_governance"], small_plan["ws_prevention"]
    layout = ws.read_layout(database, small_plan["plan"])
    area = next(a for a, (w, _p) in layout.area_places.items() if w == gov)  # 1.1
    before = _shape(database)
    moved = ws.move_area(database, area, prev)
    assert _shape(database)[1][2] == ["2.1", "1.1"]
    assert _shape(database)[0][2] == ["1.2"]
    assert moved.layout.area_places[area][0] == prev
    assert _audit(database, "area") == [
        (area, "workstream", "Governance and Leadership", "Prevention"),
        (area, "position", "0", "3"),
    ]
    ws.move_area(database, area, moved.old_workstream_id, position=moved.old_position, cause="undo")
    assert _shape(database) == before


def test_merge_removes_the_source_and_undo_restores_it_exactly(
    database: Database, small_plan: dict[str, int]
) -> None:
    gov, prev = small_plan["ws_governance"], small_plan["ws_prevention"]
    before = _shape(database)
    merged = ws.merge_workstreams(database, prev, gov)
    assert _shape(database) == [("Governance", "Governance and Leadership", ["1.1", "1.2", "2.1"])]
    assert (prev, "merged into", "Prevention", "Governance and Leadership") in _audit(
        database, "workstream"
    )
    assert [w.id for w in merged.layout.workstreams] == [gov]
    # The actions and their leads went with their area.
    actions = [x["text"] for a in database_outline(database)["plans"][0]["workstreams"][0]["areas"]
               for x in a["actions"]]  # fmt: skip
    assert "Falls service" in actions
    ws.unmerge_workstreams(database, merged)
    assert _shape(database) == before
    assert [w.id for w in ws.read_layout(database, small_plan["plan"]).workstreams] == [gov, prev]
    assert verify_chain(database).ok


def test_merge_into_itself_is_refused(database: Database, small_plan: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="itself"):
        ws.merge_workstreams(database, small_plan["ws_governance"], small_plan["ws_governance"])


def test_find_workstream_by_title_tab_or_number(
    database: Database, small_plan: dict[str, int]
) -> None:
    plan, gov = small_plan["plan"], small_plan["ws_governance"]
    assert ws.find_workstream(database, plan, "governance and leadership") == gov
    assert ws.find_workstream(database, plan, "GOVERNANCE") == gov
    assert ws.find_workstream(database, plan, str(gov)) == gov
    with pytest.raises(ValidationError, match="No workstream is called 'Nope'"):
        ws.find_workstream(database, plan, "Nope")


def test_tab_order_puts_unassigned_last_and_shares_tabs() -> None:
    from tracker.services.action_rows import WorkstreamInfo

    rows = [
        WorkstreamInfo(1, 1, "p", "Unassigned", "Unassigned", 0),
        WorkstreamInfo(2, 1, "p", "Enablers", "IT", 1),
        WorkstreamInfo(3, 1, "p", "A", "A", 2),
        WorkstreamInfo(4, 1, "p", "Enablers", "Workforce", 3),
    ]
    assert ws.tab_order(rows) == ["Enablers", "A", "Unassigned"]
