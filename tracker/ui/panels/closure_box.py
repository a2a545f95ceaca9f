"""The detail panel's completion controls: where the action stands (proposed, verified,
sent back) and the buttons for the next step, enabled by its state and by whether the
person using the window (their name in Preferences) is in the programme office.

Each step goes through :mod:`tracker.services.closure` (one transaction, audited, an
update where the status changes); the action's row in the window is then refreshed from
what the service returns. A refusal is explained under the buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from tracker import domain
from tracker.domain import Closure
from tracker.errors import TrackerError
from tracker.services import closure
from tracker.services.closure import ClosureInfo
from tracker.services.programme_office import is_programme_office
from tracker.ui.formatting import format_local_time
from tracker.ui.widgets.wrapping_row import WrappingRow

if TYPE_CHECKING:
    from tracker.services.action_rows import ActionRow
    from tracker.ui.editing import EditController


class ClosureBox(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closureBox")
        self.controller: EditController | None = None
        self.row: ActionRow | None = None
        self.today: Callable[[], date] = date.today
        self.state_text = QLabel(self)
        self.state_text.setObjectName("closureState")
        self.state_text.setWordWrap(True)
        self.propose = QPushButton("&Propose completion", self)
        self.propose.setObjectName("proposeCompletion")
        self.propose.setToolTip("Mark the action complete, with its evidence, for verification")
        self.verify = QPushButton("&Verify", self)
        self.verify.setObjectName("verifyCompletion")
        self.verify.setToolTip("Programme office: the evidence shows it is done (Blue)")
        self.send_back = QPushButton("Send &back…", self)
        self.send_back.setObjectName("sendBackCompletion")
        self.send_back.setToolTip("Programme office: not done yet; say why")
        self.reopen = QPushButton("Reop&en…", self)
        self.reopen.setObjectName("reopenAction")
        self.reopen.setToolTip("Reopen a complete action; say why")
        self.message = QLabel(self)
        self.message.setObjectName("closureMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #9b1c1c;")
        self.message.hide()
        buttons = QWidget(self)
        row = WrappingRow(buttons)
        row.add_group((self.propose,))
        row.add_group((self.verify, self.send_back))
        row.add_group((self.reopen,))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state_text)
        layout.addWidget(buttons)
        layout.addWidget(self.message)
        self.propose.clicked.connect(self._propose)
        self.verify.clicked.connect(self._verify)
        self.send_back.clicked.connect(self._send_back)
        self.reopen.clicked.connect(self._reopen)

    # Showing -------------------------------------------------------------------------
    def show_action(self, row: ActionRow, controller: EditController | None) -> None:
        if self.row is None or self.row.id != row.id:
            self.message.hide()
        self.row, self.controller = row, controller
        info = self._info(row.id)
        self.state_text.setText(describe_closure(info))
        self.state_text.setVisible(info is not None and bool(info.closure_state))
        complete = domain.is_complete(row.status)
        proposed = complete and row.closure_state == Closure.PROPOSED
        verified = complete and row.closure_state == Closure.VERIFIED
        office = self._in_office()
        ready = controller is not None
        self.propose.setEnabled(ready and not proposed and not verified)
        self.verify.setEnabled(ready and proposed and office)
        self.send_back.setEnabled(ready and proposed and office)
        self.reopen.setEnabled(ready and complete)
        if proposed and not office:
            self.verify.setToolTip("Only the programme office can verify (Edit > Preferences)")
        else:
            self.verify.setToolTip("Programme office: the evidence shows it is done (Blue)")

    def _info(self, action_id: int) -> ClosureInfo | None:
        if self.controller is None:
            return None
        try:
            return closure.closure_info(self.controller.database, action_id)
        except TrackerError:
            return None

    def _in_office(self) -> bool:
        if self.controller is None:
            return False
        database = self.controller.database
        try:
            return is_programme_office(database, database.actor)
        except TrackerError:
            return False

    # Steps ---------------------------------------------------------------------------
    def _step(self, write: Callable[[], ClosureInfo]) -> None:
        controller, row = self.controller, self.row
        if controller is None or row is None:
            return
        try:
            info = write()
        except TrackerError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.message.hide()
        controller.written.emit()
        current = controller.state.actions.get(row.id, row)
        controller.state.replace_action(
            replace(
                current,
                status=info.status,
                rag=info.rag,
                percent=info.percent,
                closure_state=info.closure_state,
                last_update=info.last_update,
                latest_narrative=info.latest_narrative,
                updated_at=info.updated_at,
            )
        )

    def _propose(self) -> None:
        if self.controller is None or self.row is None:
            return
        database, action_id = self.controller.database, self.row.id
        self._step(lambda: closure.propose_completion(database, action_id, today=self.today()))

    def _verify(self) -> None:
        if self.controller is None or self.row is None:
            return
        database, action_id = self.controller.database, self.row.id
        self._step(lambda: closure.verify_completion(database, action_id))

    def _ask_reason(self, title: str, question: str) -> str | None:
        reason, ok = QInputDialog.getText(self, title, question)
        return reason if ok else None

    def _send_back(self) -> None:
        if self.controller is None or self.row is None:
            return
        reason = self._ask_reason("Send back", "Why is it not complete yet?")
        if reason is None:
            return
        database, action_id = self.controller.database, self.row.id
        self._step(lambda: closure.send_back(database, action_id, reason, today=self.today()))

    def _reopen(self) -> None:
        if self.controller is None or self.row is None:
            return
        reason = self._ask_reason("Reopen", "Why is the action being reopened?")
        if reason is None:
            return
        database, action_id = self.controller.database, self.row.id
        self._step(lambda: closure.reopen(database, action_id, reason, today=self.today()))


def describe_closure(info: ClosureInfo | None) -> str:
    """Where completion stands, in words, with who took the last step and when."""
    if info is None or not info.closure_state:
        return ""
    when = format_local_time(info.closure_at) if info.closure_at else ""
    by = f" by {info.closure_by}" if info.closure_by else ""
    stamp = f"{by}, {when}" if when else by
    if info.closure_state == Closure.VERIFIED and domain.is_complete(info.status):
        return f"Blue: complete, verified{stamp}."
    if info.closure_state == Closure.PROPOSED and domain.is_complete(info.status):
        return f"Completed, awaiting verification by the programme office (proposed{stamp})."
    if info.closure_state == Closure.SENT_BACK:
        return f"Sent back{stamp}: {info.closure_note or 'no reason given'}"
    return ""
