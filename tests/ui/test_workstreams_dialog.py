"""Plan > Workstreams, driven with clicks and keys: rename, reorder, merge and move areas;
the tabs follow, and Undo and Redo put back exactly what was there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tracker.services.audit import list_audit
from tracker.services.outline import database_outline
from tracker.ui.dialogs.workstreams_dialog import WorkstreamsDialog
from tracker.ui.main_actions import MainAction
from tracker.ui.models.action_tree_model import ITEM_ROLE

TABS_2018 = [
    "Overview",
    "Governance",
    "Prevention",
    "Early Intervention",
    "Personalisation",
    "Locality working",
    "Enablers",
]


def _tabs(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [window.tabs.tabText(i).replace("&&", "&") for i in range(window.tabs.count())]


def _shape(window) -> list[tuple[str, str, list[str]]]:  # type: ignore[no-untyped-def]
    """The plan in the file: (tab, title, area refs) per workstream."""
    plan = database_outline(window.database)["plans"][0]
    return [(w["tab"], w["title"], [a["ref"] for a in w["areas"]]) for w in plan["workstreams"]]


def _memory(window) -> list[tuple[str, str, list[str]]]:  # type: ignore[no-untyped-def]
    """The same, as the window holds it."""
    state = window.state
    return [(w.tab, w.title, [a.ref for a in state.areas_of(w.id)]) for w in state.workstreams]


def _open_dialog(window, qtbot) -> WorkstreamsDialog:  # type: ignore[no-untyped-def]
    window.main_actions[MainAction.WORKSTREAMS].trigger()
    dialog = window.findChild(WorkstreamsDialog, "workstreamsDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _choose(dialog: WorkstreamsDialog, qtbot, title: str) -> None:  # type: ignore[no-untyped-def]
    """Click the workstream's row in the table."""
    table = dialog.workstream_table
    row = next(i for i, (w, _n) in enumerate(dialog.workstreams.rows) if w.title == title)
    rect = table.visualRect(dialog.workstreams.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.selected_workstream() == dialog.workstreams.rows[row][0].id


def _undo_redo_all(window, qtbot, steps: int, before, after) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitActive(window)
    window.tabs.setFocus()
    for _ in range(steps):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _shape(window) == before and _memory(window) == before
    assert _tabs(window) == TABS_2018
    for _ in range(steps):
        qtbot.keyClick(
            window,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert _shape(window) == after and _memory(window) == after


def test_the_tabs_are_the_plans_workstreams(main_window) -> None:  # type: ignore[no-untyped-def]
    assert _tabs(main_window) == TABS_2018
    names = [a.text().replace("&&", "&") for a in main_window.view_actions.tab_actions]
    assert names == TABS_2018


def test_rename_a_workstream_by_typing(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = _shape(main_window)
    dialog = _open_dialog(main_window, qtbot)
    _choose(dialog, qtbot, "Prevention")
    dialog.tab_edit.clear()
    qtbot.keyClicks(dialog.tab_edit, "Staying well")
    dialog.title_edit.clear()
    qtbot.keyClicks(dialog.title_edit, "Prevention and staying well")
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == ""
    assert _tabs(main_window)[2] == "Staying well"
    assert "Prevention" not in main_window.workstream_tabs
    main_window.view_actions.tab_actions[2].trigger()  # Ctrl+2 follows the new name
    assert main_window.current_tab().tab == "Staying well"
    assert main_window.current_tab().title.text() == "Prevention and staying well"
    after = _shape(main_window)
    assert after[1][:2] == ("Staying well", "Prevention and staying well")
    records = [(r.field, r.old_value, r.new_value) for r in list_audit(main_window.database)
               if r.record_type == "workstream"]  # fmt: skip
    assert records == [
        ("tab", "Prevention", "Staying well"),
        ("title", "Prevention", "Prevention and staying well"),
    ]
    _undo_redo_all(main_window, qtbot, 1, before, after)
    assert _tabs(main_window)[2] == "Staying well"
    dialog.close()


def test_a_blank_tab_name_is_refused_in_words(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = _shape(main_window)
    dialog = _open_dialog(main_window, qtbot)
    _choose(dialog, qtbot, "Prevention")
    dialog.tab_edit.clear()
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "A workstream needs a tab name: type one, or cancel."
    assert _shape(main_window) == before
    assert main_window.undo_stack.count() == 0
    dialog.close()


def test_reorder_moves_the_tab(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = _shape(main_window)
    dialog = _open_dialog(main_window, qtbot)
    _choose(dialog, qtbot, "Locality working")
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert _tabs(main_window)[1:5] == [
        "Governance",
        "Prevention",
        "Locality working",
        "Early Intervention",
    ]
    assert dialog.selected_workstream() is not None
    assert main_window.view_actions.tab_actions[3].text() == "Locality working"
    after = _shape(main_window)
    assert [t for t, _title, _refs in after][:4] == [
        "Governance",
        "Prevention",
        "Locality working",
        "Early Intervention",
    ]
    dialog.close()
    _undo_redo_all(main_window, qtbot, 2, before, after)


def test_merge_and_move_an_area(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = _shape(main_window)
    dialog = _open_dialog(main_window, qtbot)
    # Move Prevention's first area to Governance.
    _choose(dialog, qtbot, "Prevention")
    first_ref = dialog.areas.rows[0].ref
    rect = dialog.area_table.visualRect(dialog.areas.index(0, 0))
    qtbot.mouseClick(dialog.area_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    target = dialog.area_target
    target.setCurrentIndex(target.findText("Governance: Governance and Leadership"))
    qtbot.mouseClick(dialog.move_area_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == ""
    moved = _shape(main_window)
    assert moved[0][2][-1] == first_ref and first_ref not in moved[1][2]
    governance = main_window.workstream_tabs["Governance"]
    main_window.show_tab("Governance")
    model = governance.page.model
    shown = [model.index(r, 0).data(ITEM_ROLE).ref for r in range(model.rowCount())]
    assert shown[-1] == first_ref
    # Then merge Early Intervention into Prevention: its tab goes.
    _choose(dialog, qtbot, "Early Intervention")
    dialog.merge_target.setCurrentIndex(dialog.merge_target.findText("Prevention"))
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "Early Intervention" not in _tabs(main_window)
    after = _shape(main_window)
    assert after[1][2] == moved[1][2] + moved[2][2]
    assert _memory(main_window) == after
    dialog.close()
    _undo_redo_all(main_window, qtbot, 2, before, after)
    assert "Early Intervention" not in _tabs(main_window)
    assert QApplication.activeModalWidget() is None


def test_a_plan_of_another_shape_gets_its_own_tabs(open_window, database) -> None:  # type: ignore[no-untyped-def]
    from tests.unit.conftest import build_small_plan
    from tracker.services import workstreams

    ids = build_small_plan(database)
    workstreams.rename_workstream(database, ids["ws_prevention"], tab="Well-led", title="Well-led")
    workstreams.move_workstream(database, ids["ws_prevention"], -1)
    window = open_window(database.path)
    assert _tabs(window) == ["Overview", "Well-led", "Governance"]
    assert "Unassigned" not in window.workstream_tabs
    window.view_actions.tab_actions[1].trigger()  # Ctrl+1
    assert window.current_tab().tab == "Well-led"
