"""The panel beside a workstream's tree: the selected action's or area's details.

A scrollable stack of three pages (nothing selected, an action, an area). It follows the
window's :class:`~tracker.ui.plan_state.PlanState`, so an edit, an undo or a redo shows
here whichever way it was made.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QStackedWidget, QWidget

from tracker.ui.panels.action_form import ActionForm
from tracker.ui.panels.area_form import AreaForm

if TYPE_CHECKING:
    from tracker.services.action_rows import ActionRow, AreaRow
    from tracker.ui.editing import EditController
    from tracker.ui.plan_state import PlanState


class DetailPanel(QScrollArea):
    addUpdateRequested = Signal(int)

    def __init__(self, state: PlanState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.setAccessibleName("Details")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Not a tab stop of its own: it would take the focus and show none. The fields
        # inside are the stops, and the panel scrolls to whichever has the focus.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.state = state
        self.stack = QStackedWidget(self)
        self.empty = QLabel(
            "Select an action or an area to see its details, edit them and add updates.",
            self.stack,
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setMargin(12)
        self.action_form = ActionForm(self.stack)
        self.area_form = AreaForm(self.stack)
        for page in (self.empty, self.action_form, self.area_form):
            self.stack.addWidget(page)
        self.setWidget(self.stack)
        self.action_form.addUpdateRequested.connect(self.addUpdateRequested)
        self._action_id: int | None = None
        self._area_id: int | None = None
        self._area_actions = 0
        state.actionChanged.connect(self._action_changed)
        state.areaChanged.connect(self._area_changed)
        state.userChanged.connect(self._user_changed)

    def set_controller(self, controller: EditController | None) -> None:
        self.action_form.controller = controller
        self.area_form.controller = controller
        self.stack.setEnabled(controller is not None)

    def set_clock(self, today: Callable[[], date]) -> None:
        self.action_form.set_clock(today)

    @property
    def action_id(self) -> int | None:
        return self._action_id

    def show_action(self, row: ActionRow) -> None:
        same = row.id == self._action_id
        self._action_id, self._area_id = row.id, None
        # Reselecting the same action (after filtering, say) needs no new history query.
        self.action_form.show_action(row, reload_history=not same)
        self.action_form.set_editable(self._may_edit(row.workstream_id))
        self.stack.setCurrentWidget(self.action_form)

    def show_area(self, row: AreaRow, action_count: int) -> None:
        self._action_id, self._area_id = None, row.id
        self._area_actions = action_count
        self.area_form.show_area(row, action_count)
        self.area_form.set_editable(self._may_edit(row.workstream_id))
        self.stack.setCurrentWidget(self.area_form)

    def _may_edit(self, workstream_id: int) -> bool:
        controller = self.action_form.controller
        return controller is None or controller.may_edit(workstream_id)

    def show_nothing(self) -> None:
        self._action_id = self._area_id = None
        self.stack.setCurrentWidget(self.empty)

    def focus_first_field(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, ActionForm | AreaForm):
            page.first_field().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _action_changed(self, action_id: int) -> None:
        if action_id == self._action_id:
            self.action_form.show_action(self.state.actions[action_id])

    def _user_changed(self) -> None:
        # Who may verify completion depends on who is using the window.
        if self._action_id is not None and self._action_id in self.state.actions:
            self.action_form.show_action(self.state.actions[self._action_id], reload_history=False)

    def _area_changed(self, area_id: int) -> None:
        if area_id == self._area_id:
            self.area_form.show_area(self.state.areas[area_id], self._area_actions)
