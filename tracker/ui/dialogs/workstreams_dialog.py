"""Plan > Workstreams: the plan's workstreams (its tabs) and their areas, to rename,
reorder and merge workstreams and move areas between them.

Each change goes through the :class:`~tracker.ui.editing.EditController` onto the
window's undo stack, so Undo and Redo (here as in the window) put it back exactly; the
tabs follow at once. The dialog is not modal: the tabs stay in view beside it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.ui.editing import EditController
from tracker.ui.models.workstream_models import ID_ROLE, AreaListModel, WorkstreamListModel
from tracker.ui.plan_state import PlanState


def _table(parent: QWidget, name: str, accessible: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class WorkstreamsDialog(QDialog):
    def __init__(
        self,
        state: PlanState,
        controller: Callable[[], EditController | None],
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workstreamsDialog")
        self.setWindowTitle("Workstreams")
        self.state = state
        self.controller = controller  # the open database's (another may be opened)
        self.workstreams = WorkstreamListModel(parent=self)
        self.areas = AreaListModel(parent=self)

        intro = QLabel(
            "The plan's workstreams, one tab each (workstreams with the same tab share it), "
            "in the order of the tabs. Ctrl+Z undoes any change.",
            self,
        )
        intro.setWordWrap(True)
        self.workstream_table = _table(self, "workstreamsTable", "Workstreams")
        self.workstream_table.setModel(self.workstreams)
        self.workstream_table.horizontalHeader().setStretchLastSection(False)
        self.workstream_table.horizontalHeader().setSectionResizeMode(
            WorkstreamListModel.TITLE, QHeaderView.ResizeMode.Stretch
        )
        self.area_table = _table(self, "areasTable", "Areas of the selected workstream")
        self.area_table.setModel(self.areas)

        self.up_button = QPushButton("Move &up", self)
        self.up_button.setObjectName("moveUpButton")
        self.down_button = QPushButton("Move &down", self)
        self.down_button.setObjectName("moveDownButton")
        self.tab_edit = QLineEdit(self)
        self.tab_edit.setObjectName("tabNameEdit")
        self.tab_edit.setAccessibleName("Tab name")
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setAccessibleName("Workstream title")
        self.rename_button = QPushButton("&Rename", self)
        self.rename_button.setObjectName("renameButton")
        self.merge_target = QComboBox(self)
        self.merge_target.setObjectName("mergeTarget")
        self.merge_target.setAccessibleName("Workstream to merge into")
        self.merge_button = QPushButton("&Merge into", self)
        self.merge_button.setObjectName("mergeButton")
        self.area_target = QComboBox(self)
        self.area_target.setObjectName("areaTarget")
        self.area_target.setAccessibleName("Workstream to move the area to")
        self.move_area_button = QPushButton("Move &area to", self)
        self.move_area_button.setObjectName("moveAreaButton")
        self.problem = QLabel(self)
        self.problem.setObjectName("workstreamProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)

        workstream_box = QGroupBox("Workstream", self)
        form = QFormLayout()
        form.addRow("&Tab:", self.tab_edit)
        form.addRow("T&itle:", self.title_edit)
        rename_row = QHBoxLayout()
        rename_row.addStretch(1)
        rename_row.addWidget(self.rename_button)
        form.addRow(rename_row)
        order_row = QHBoxLayout()
        order_row.addWidget(self.up_button)
        order_row.addWidget(self.down_button)
        order_row.addStretch(1)
        form.addRow("Order:", order_row)
        merge_row = QHBoxLayout()
        merge_row.addWidget(self.merge_button)
        merge_row.addWidget(self.merge_target, 1)
        form.addRow(merge_row)
        workstream_box.setLayout(form)

        area_row = QHBoxLayout()
        area_row.addWidget(self.move_area_button)
        area_row.addWidget(self.area_target, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        grid = QGridLayout()
        grid.addWidget(self.workstream_table, 0, 0)
        grid.addWidget(workstream_box, 1, 0)
        grid.addWidget(self.area_table, 0, 1)
        grid.addLayout(area_row, 1, 1, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

        # Undo and redo work here too, not only in the main window.
        undo = undo_stack.createUndoAction(self)
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = undo_stack.createRedoAction(self)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([undo, redo])

        self.rename_button.clicked.connect(self._rename)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.merge_button.clicked.connect(self._merge)
        self.move_area_button.clicked.connect(self._move_area)
        self.workstream_table.selectionModel().selectionChanged.connect(self._workstream_chosen)
        state.reloaded.connect(self.refresh)
        self.refresh()
        self.resize(900, 480)

    # Showing -------------------------------------------------------------------------
    def selected_workstream(self) -> int | None:
        rows = self.workstream_table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def selected_area(self) -> int | None:
        rows = self.area_table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def select_workstream(self, workstream_id: int) -> None:
        for row, (ws, _areas) in enumerate(self.workstreams.rows):
            if ws.id == workstream_id:
                self.workstream_table.selectionModel().select(
                    self.workstreams.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.workstream_table.setCurrentIndex(self.workstreams.index(row, 0))
                return

    def select_area(self, area_id: int) -> None:
        for row, area in enumerate(self.areas.rows):
            if area.id == area_id:
                self.area_table.selectRow(row)
                return

    def refresh(self) -> None:
        """Show the plan as it is now, keeping the selection where it can."""
        chosen = self.selected_workstream()
        state = self.state
        self.workstreams.set_rows([(w, len(state.areas_of(w.id))) for w in state.workstreams])
        if chosen is None or state.workstream(chosen) is None:
            chosen = state.workstreams[0].id if state.workstreams else None
        if chosen is not None:
            self.select_workstream(chosen)
        self._workstream_chosen()

    def _workstream_chosen(self) -> None:
        chosen = self.selected_workstream()
        ws = self.state.workstream(chosen) if chosen is not None else None
        area = self.selected_area()
        self.areas.set_rows(self.state.areas_of(ws.id) if ws else [])
        if area is not None:
            self.select_area(area)
        self.tab_edit.setText(ws.tab if ws else "")
        self.title_edit.setText(ws.title if ws else "")
        others = [w for w in self.state.workstreams if ws is None or w.id != ws.id]
        for combo in (self.merge_target, self.area_target):
            combo.clear()
            for other in others:
                label = other.title if other.title == other.tab else f"{other.tab}: {other.title}"
                combo.addItem(label, other.id)
        index = [w.id for w in self.state.workstreams].index(ws.id) if ws else -1
        self.up_button.setEnabled(index > 0)
        self.down_button.setEnabled(0 <= index < len(self.state.workstreams) - 1)
        for widget in (self.rename_button, self.merge_button, self.move_area_button):
            widget.setEnabled(ws is not None and (widget is self.rename_button or bool(others)))

    # Changing ------------------------------------------------------------------------
    def _say(self, problem: str | None) -> None:
        self.problem.setText(problem or "")

    def _open_controller(self) -> EditController | None:
        controller = self.controller()
        if controller is None:  # the database was closed under the dialog
            self.reject()
        return controller

    def _rename(self) -> None:
        chosen, controller = self.selected_workstream(), self._open_controller()
        if chosen is not None and controller is not None:
            tab, title = self.tab_edit.text(), self.title_edit.text()
            self._say(controller.rename_workstream(chosen, tab, title))

    def _move(self, offset: int) -> None:
        chosen, controller = self.selected_workstream(), self._open_controller()
        if chosen is not None and controller is not None:
            self._say(controller.move_workstream(chosen, offset))
            self.select_workstream(chosen)

    def _merge(self) -> None:
        chosen, target = self.selected_workstream(), self.merge_target.currentData()
        controller = self._open_controller()
        if chosen is not None and target is not None and controller is not None:
            self._say(controller.merge_workstreams(chosen, target))
            self.select_workstream(target)

    def _move_area(self) -> None:
        area, target = self.selected_area(), self.area_target.currentData()
        controller = self._open_controller()
        if area is None:
            self._say("Select an area to move first.")
        elif target is not None and controller is not None:
            self._say(controller.move_area(area, target))
