"""File > Check out from team database and File > Sync with team database, and the
status bar's note that the open file is a working copy (of what, from where, since when).

The work (reaching the team database, copying, syncing) runs off the window's thread;
conflicts found before a sync are shown for a choice, then the sync runs with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMessageBox

from tracker.ui.action_group import ActionContext, ActionGroup, main_action
from tracker.ui.dialogs.messages import show_error, show_message
from tracker.ui.main_actions import Availability, MainAction
from tracker.ui.session import WhenEmpty

if TYPE_CHECKING:
    from tracker.services.sync import FieldConflict, SyncResult
    from tracker.ui.dialogs.checkout_dialog import CheckoutRequest


class TeamSyncActions(ActionGroup):
    def __init__(self, context: ActionContext) -> None:
        super().__init__(context)
        self.label = QLabel(context.status_bar)
        self.label.setObjectName("workingCopyLabel")
        context.status_bar.addPermanentWidget(self.label)
        self.label.hide()
        context.session.opened.connect(lambda *_args: self.show_origin())
        context.session.reloaded.connect(lambda *_args: self.show_origin())

    def show_origin(self) -> None:
        """Say in the status bar whether the open file is a working copy, and of what."""
        from tracker.services.working_copy import working_copy

        database = self.context.database
        origin = working_copy(database) if database is not None else None
        self.label.setVisible(origin is not None)
        self.label.setText(origin.status_line() if origin else "")
        self.label.setToolTip(
            f"{origin.describe()}.\nWork here offline; File > Sync with team database "
            "brings both together."
            if origin
            else ""
        )

    @main_action(
        MainAction.CHECKOUT_TEAM,
        "Chec&k out from team database…",
        tip="Take a working copy of a plan or some workstreams into a new file, to work offline",
        available=Availability.IDLE,
    )
    def check_out(self) -> None:
        from tracker.ui.dialogs.checkout_dialog import CheckoutDialog

        request = CheckoutDialog.ask(self.context.start_folder(), self.context.parent)
        if request is None:
            return
        actor = self.context.database.actor if self.context.database else None
        self.context.runner.run(
            lambda: _check_out(request, actor),
            lambda _result: self.context.open_database(request.path, WhenEmpty.NOTHING),
            lambda error: show_error(self.context.parent, error),
        )

    @main_action(
        MainAction.SYNC_TEAM,
        "S&ync with team database",
        tip="Send this working copy's changes to the team database and receive the team's",
        available=Availability.DATABASE,
    )
    def sync_now(self) -> None:
        from tracker.services.working_copy import working_copy

        context = self.context
        database = context.database
        if database is None:
            return
        origin = working_copy(database)
        if origin is None:
            show_message(
                context.parent,
                "This database is not a working copy, so there is nothing to sync. Take one "
                "with File > Check out from team database.",
                icon=QMessageBox.Icon.Information,
            )
            return

        def conflicts():  # type: ignore[no-untyped-def]  (runs on a worker thread)
            from tracker.db.locations import open_address
            from tracker.services.sync import find_conflicts

            team = open_address(origin.source)
            try:
                return find_conflicts(database, team)
            finally:
                team.close()

        context.runner.run(
            conflicts,
            self._choose_then_sync,
            lambda error: show_error(context.parent, error),
        )

    def _choose_then_sync(self, conflicts: list[FieldConflict]) -> None:
        from tracker.ui.dialogs.sync_conflicts_dialog import SyncConflictsDialog

        context = self.context
        database = context.database
        if database is None:
            return
        choices: dict[tuple[int, str], str] = {}
        if conflicts:
            asked = SyncConflictsDialog.ask(conflicts, context.parent)
            if asked is None:
                return
            choices = asked

        def work() -> SyncResult:
            from tracker.db.locations import open_address
            from tracker.services.sync import sync
            from tracker.services.working_copy import working_copy

            origin = working_copy(database)
            assert origin is not None
            team = open_address(origin.source)
            team.actor = database.actor
            try:
                return sync(database, team, choices=choices)
            finally:
                team.close()

        def done(result: SyncResult) -> None:
            context.session.note_own_write()
            summary = result.describe().splitlines()[0]
            if result.conflicts:
                summary += f" {len(result.conflicts)} conflicts left to decide at the next sync."
            context.reload(summary)

        context.runner.run(work, done, lambda error: show_error(context.parent, error))


def _check_out(request: CheckoutRequest, actor: str | None) -> None:
    """Runs on a worker thread: the checkout into the new file."""
    from tracker.db.locations import open_address, shown_address
    from tracker.services.checkout import checkout_into_file

    team = open_address(request.address)
    if actor:
        team.actor = actor
    try:
        checkout_into_file(
            request.path,
            team,
            source=shown_address(request.address),
            actor=actor,
            workstreams=request.workstreams,
        )
    finally:
        team.close()
