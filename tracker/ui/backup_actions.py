"""File > Restore from backup: choose one of the database's backups and put it back.

The backups (taken before every import, status return and migration, and once a day) are
listed newest first in a table saying what each holds, read from the files without
changing them. Restoring asks first, and says what would be lost when the backup holds
less than the current file; the current state is backed up before it is replaced, so a
restore can itself be undone by restoring that copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from tracker.ui.action_group import ActionGroup, main_action
from tracker.ui.dialogs.messages import show_error, show_message
from tracker.ui.main_actions import Availability, MainAction
from tracker.ui.session import WhenEmpty

if TYPE_CHECKING:
    from tracker.services.backup_contents import BackupContents, DatabaseSummary


class BackupActions(ActionGroup):
    @main_action(
        MainAction.RESTORE_BACKUP,
        "Restore from &backup…",
        tip="Put the database back as it was in one of its backups",
        available=Availability.DATABASE,
    )
    def restore_from_backup(self) -> None:
        context = self.context
        database = context.database
        if database is None:
            return
        path = database.path
        if path is None:
            show_message(
                context.parent,
                f"{database.name} is a team database: its backups are made on the server "
                "(tracker backup runs pg_dump) and restored with pg_restore, as the README "
                "describes.",
                icon=QMessageBox.Icon.Information,
            )
            return

        def read():  # type: ignore[no-untyped-def]  (runs on a worker thread)
            from tracker.services.backup_contents import list_backup_contents, summarise

            return list_backup_contents(path), summarise(path, live=True)

        context.runner.run(
            read,
            lambda found: self._choose(*found),
            lambda error: show_error(context.parent, error),
        )

    def _choose(self, backups: list[BackupContents], current: DatabaseSummary) -> None:
        from tracker.ui.dialogs.restore_backup_dialog import RestoreBackupDialog

        context = self.context
        database = context.database
        if database is None:
            return
        if not backups:
            show_message(
                context.parent,
                f"{database.path.name} has no backups yet. They are taken before every "
                "import and status return, and once a day.",
                icon=QMessageBox.Icon.Information,
            )
            return
        dialog = RestoreBackupDialog(backups, current, database.path.name, context.parent)

        def chosen() -> None:
            choice = dialog.chosen()
            if choice is not None:
                self._restore(choice)

        dialog.accepted.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _restore(self, chosen: BackupContents) -> None:
        from tracker.services.backup_contents import Readable
        from tracker.ui.dialogs.restore_backup_dialog import taken_at

        context = self.context
        database = context.database
        if database is None:
            return
        path = database.path
        when = taken_at(chosen)

        def work():  # type: ignore[no-untyped-def]  (runs on a worker thread)
            from tracker.db.backup import restore_backup

            return restore_backup(path, chosen.backup.path)

        def restored(safety) -> None:  # type: ignore[no-untyped-def]
            if chosen.summary.readable is Readable.OLDER:
                # An older schema: opening the file again brings it up to date.
                context.open_database(path, WhenEmpty.NOTHING)
                return
            context.reload(
                f"Restored the backup of {when}; the state before was saved as {safety.name}."
            )

        context.runner.run(work, restored, lambda error: show_error(context.parent, error))
