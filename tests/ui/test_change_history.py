"""The detail panel's Change history: the audit log for the selected action, newest
first, naming who made each change and how."""

from __future__ import annotations

from tests.ui.conftest import USER
from tests.ui.test_main_window import select
from tracker.ui.main_window import MainWindow
from tracker.ui.models.change_history_model import ChangeHistoryModel


def _entries(form) -> list[str]:  # type: ignore[no-untyped-def]
    model = form.changes.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_edits_and_their_undo_appear_newest_first(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Prevention")
    row = select(main_window, qtbot, "2.2 1")
    form = main_window.current_tab().page.detail.action_form
    assert _entries(form) == []
    form.history_tabs.setCurrentWidget(form.changes)
    assert form.changes.empty.isVisible()

    assert main_window.controller.edit_action(row.id, "percent", 25) is None
    main_window.undo_stack.undo()
    entries = _entries(form)
    assert len(entries) == 2
    assert f"· {USER} · undo\n% complete: 25 → 0" in entries[0]
    assert f"· {USER} · edit\n% complete: 0 → 25" in entries[1]
    assert form.changes.list.isVisible()


def test_the_model_passes_the_model_tester(qtmodeltester, imported) -> None:  # type: ignore[no-untyped-def]
    from tracker.services.action_edits import set_action_field
    from tracker.services.audit import list_audit
    from tracker.services.plan_snapshot import load_snapshot

    row = load_snapshot(imported).actions[0]
    set_action_field(imported, row.id, "percent", 10)
    set_action_field(imported, row.id, "status", "In progress")
    model = ChangeHistoryModel()
    model.set_changes(list_audit(imported, record_type="action", record_id=row.id))
    assert model.rowCount() == 2
    qtmodeltester.check(model)
