"""The action tree model: structure, sorting in the model, filtering on prepared text."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt

from tests.ui.conftest import TODAY
from tests.ui.factories import make_plan
from tracker.rag_rule import RagRule
from tracker.ui.models import columns as col
from tracker.ui.models.action_filter import FilterState, build_matcher
from tracker.ui.models.action_tree_model import (
    ITEM_ROLE,
    KIND_ROLE,
    MARKS_ROLE,
    RAG_ROLE,
    SORT_ROLE,
    ActionTreeModel,
)
from tracker.ui.models.tree_nodes import ACTION, AREA, GROUP, build_tab_tree
from tracker.ui.plan_state import PlanState


def model_for(tab: str = "Governance", **kwargs: int) -> ActionTreeModel:
    state = PlanState()
    state.load(make_plan(**kwargs))
    root, actions, areas = build_tab_tree(state, tab)
    return ActionTreeModel(root, actions, areas, lambda: TODAY)


def actions_in_view_order(model: ActionTreeModel) -> list:
    rows = []

    def walk(parent: QModelIndex) -> None:
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            if index.data(KIND_ROLE) == ACTION:
                rows.append(index.data(ITEM_ROLE))
            walk(index)

    walk(QModelIndex())
    return rows


@pytest.mark.parametrize("tab", ["Governance", "Enablers"])
def test_model_passes_the_model_tester(qtmodeltester, tab: str) -> None:
    model = model_for(tab)
    qtmodeltester.check(model)
    model.sort(col.DUE, Qt.SortOrder.DescendingOrder)
    model.set_matcher(build_matcher(FilterState(text="thing 1"), TODAY, ""))
    qtmodeltester.check(model)


def test_a_single_workstream_lists_areas_at_the_top_and_enablers_groups_them() -> None:
    single = model_for("Governance")
    assert single.rowCount() == 3
    assert single.index(0, 0).data(KIND_ROLE) == AREA
    assert single.index(0, col.REF).data() == "1.1"
    assert single.rowCount(single.index(0, 0)) == 3
    grouped = model_for("Enablers")
    assert [grouped.index(r, 0).data(KIND_ROLE) for r in range(2)] == [GROUP, GROUP]
    assert grouped.index(0, 0).data() == "Enablers part 1"


def test_columns_show_ref_action_lead_due_status_rag_percent_last_update() -> None:
    model = model_for()
    area = model.index(0, 0)
    first = [model.index(0, c, area).data() for c in range(col.COLUMN_COUNT)]
    assert first == [
        "1.1 1",
        "Action 1: do thing 0",
        "Louise Collett",
        "30 Jun 2018",
        "In progress",
        "A",
        "A",
        "7%",
        "",
    ]
    assert model.headerData(col.DUE, Qt.Orientation.Horizontal) == "Due"


def test_the_calculated_rag_sits_beside_the_declared_one_with_its_reason() -> None:
    model = model_for()
    area = model.index(0, 0)
    calc = model.index(0, col.CALC_RAG, area)
    assert model.headerData(col.CALC_RAG, Qt.Orientation.Horizontal) == "Calc"
    assert calc.data(RAG_ROLE) == "A"
    assert calc.data(Qt.ItemDataRole.ToolTipRole) == (
        "Calculated Amber: 15 days past its due 30 Jun 2018"
    )
    # The plan's own thresholds: red after 10 days late.
    model.set_rule(RagRule(red_days_late=10))
    calc = model.index(0, col.CALC_RAG, model.index(0, 0))
    assert (calc.data(), calc.data(RAG_ROLE)) == ("R", "R")
    # Sorting by it puts the reddest first.
    model.sort(col.CALC_RAG, Qt.SortOrder.AscendingOrder)
    rated = [model.index(r, col.CALC_RAG, model.index(0, 0)).data() for r in range(3)]
    assert rated == sorted(rated, key=lambda r: "RAG".index(r) if r else 3)


def test_overdue_and_needs_review_rows_are_marked_in_words_too() -> None:
    model = model_for()
    rows = {r.id: r for r in actions_in_view_order(model)}
    overdue = next(r for r in rows.values() if r.is_overdue(TODAY) and not r.needs_review)
    index = model.action_index(overdue.id)
    assert index.data(MARKS_ROLE) == ("overdue",)
    assert index.siblingAtColumn(col.DUE).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Overdue" in index.siblingAtColumn(col.DUE).data(Qt.ItemDataRole.ToolTipRole)
    flagged = next(r for r in rows.values() if r.needs_review)
    ref = model.action_index(flagged.id).siblingAtColumn(col.REF)
    assert "needs review" in ref.data(Qt.ItemDataRole.AccessibleTextRole)
    assert ref.data(Qt.ItemDataRole.ToolTipRole) == "Needs review: TBC"


def test_sorting_by_due_sorts_dates_as_dates_with_blanks_last() -> None:
    model = model_for(areas_per_workstream=1, actions_per_area=9)
    model.sort(col.DUE, Qt.SortOrder.AscendingOrder)
    dues = [r.due for r in actions_in_view_order(model)]
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated) and dues[len(dated) :] == [None] * (len(dues) - len(dated))
    model.sort(col.DUE, Qt.SortOrder.DescendingOrder)
    dues = [r.due for r in actions_in_view_order(model)]
    assert [d for d in dues if d] == sorted(dated, reverse=True) and dues[-1] is None
    index = model.action_index(actions_in_view_order(model)[0].id)
    assert isinstance(index.siblingAtColumn(col.DUE).data(SORT_ROLE), date)


def test_sort_keeps_persistent_indexes_on_their_rows() -> None:
    from PySide6.QtCore import QPersistentModelIndex

    model = model_for(areas_per_workstream=2, actions_per_area=5)
    target = actions_in_view_order(model)[3]
    kept = QPersistentModelIndex(model.action_index(target.id))
    model.sort(col.PERCENT, Qt.SortOrder.DescendingOrder)
    assert kept.isValid() and kept.data(ITEM_ROLE) is target
    model.sort(col.REF, Qt.SortOrder.AscendingOrder)
    assert kept.data(ITEM_ROLE) is target
    assert [r.position for r in actions_in_view_order(model)[:5]] == [0, 1, 2, 3, 4]


def test_text_filter_keeps_matching_actions_and_their_areas() -> None:
    model = model_for()
    model.set_matcher(build_matcher(FilterState(text="ACTION 5:"), TODAY, ""))
    shown = actions_in_view_order(model)
    assert [r.id for r in shown] == [5]
    # Several words: each must appear, in any field.
    model.set_matcher(build_matcher(FilterState(text="do  1:"), TODAY, ""))
    shown = actions_in_view_order(model)
    assert [r.id for r in shown] == [1]
    assert model.shown_actions == len(shown)
    # A lead's name finds the actions they lead, and not the others of an area they lead
    # some of (area 1.3 names her as a lead, but actions 7 and 8 are led by others).
    model.set_matcher(build_matcher(FilterState(text="collett"), TODAY, ""))
    shown = actions_in_view_order(model)
    assert {r.id for r in shown} == {1, 5, 9}
    assert all("Louise Collett" in r.leads for r in shown)
    area_13 = {r.id for r in actions_in_view_order(model_for()) if r.area_ref == "1.3"}
    assert area_13 - {r.id for r in shown}
    # An area matching the text shows all its actions.
    model.set_matcher(build_matcher(FilterState(text="area 1.2"), TODAY, ""))
    assert {r.area_ref for r in actions_in_view_order(model)} == {"1.2"}
    assert model.shown_actions == 3


def test_criteria_filter_status_rag_overdue_review_and_mine() -> None:
    model = model_for(areas_per_workstream=4, actions_per_area=5)
    every = actions_in_view_order(model)

    def shown(**kwargs: object) -> list:
        model.set_matcher(build_matcher(FilterState(**kwargs), TODAY, "June Marshall"))
        return actions_in_view_order(model)

    assert shown(status="Complete") == [r for r in every if r.status == "Complete"]
    assert shown(rag="-") == [r for r in every if r.rag is None]
    assert shown(overdue=True) == [r for r in every if r.is_overdue(TODAY)]
    assert shown(needs_review=True) == [r for r in every if r.needs_review]
    assert shown(due_within=30) == [r for r in every if r.is_due_within(TODAY, 30)]
    assert shown(mine=True) == [r for r in every if r.leads == ("June Marshall",)]
    assert shown(lead="pip  MAYO") == [r for r in every if r.leads == ("Pip Mayo",)]
    assert shown(figure="needs_review") == [r for r in every if r.needs_review]
    assert shown() == every


def test_replacing_an_action_repaints_its_row(qtbot) -> None:
    from dataclasses import replace

    model = model_for()
    row = actions_in_view_order(model)[0]
    with qtbot.waitSignal(model.dataChanged) as signal:
        model.replace_action(replace(row, status="Complete"), "complete")
    top_left, bottom_right = signal.args[:2]
    assert (top_left.column(), bottom_right.column()) == (0, col.COLUMN_COUNT - 1)
    assert model.action_index(row.id).siblingAtColumn(col.STATUS).data() == "Complete"
