"""File > Restore from backup: choose one of the database's backups and put it back.

The backups (taken before every import and migration, and once a day) are listed newest
first with what triggered each. Restoring asks for confirmation and backs up the current
state first, so a restore can itself be undone by restoring that copy.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from tracker.dates import local_time, short_date_time
from tracker.ui.action_group import ActionGroup, main_action
from tracker.ui.dialogs.messages import APP_TITLE, show_error, show_message
from tracker.ui.main_actions import Availability, MainAction


class BackupActions(ActionGroup):
    @main_action(
        MainAction.RESTORE_BACKUP,
        "Restore from &backup…",
        tip="Put the database back as it was in one of its backups",
        available=Availability.DATABASE,
    )
    def restore_from_backup(self) -> None:
        from tracker.db.backup import list_backups

        context = self.context
        database = context.database
        if database is None:
            return
        backups = list_backups(database.path)
        if not backups:
            show_message(
                context.parent,
                f"{database.path.name} has no backups yet. They are taken before "
                "every import and once a day.",
                icon=QMessageBox.Icon.Information,
            )
            return
        labels = [f"{short_date_time(local_time(b.taken_at))} — {b.reason}" for b in backups]
        label, ok = QInputDialog.getItem(
            context.parent,
            "Restore from backup",
            "Put the database back as it was at:",
            labels,
            0,
            False,
        )
        if not ok:
            return
        chosen = backups[labels.index(label)]
        answer = QMessageBox.question(
            context.parent,
            APP_TITLE,
            f"Restore {database.path.name} to {label}?\n\nEverything recorded since then "
            "will be replaced. The current state is backed up first, so this can be undone "
            "by restoring that backup.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def work():  # type: ignore[no-untyped-def]  (runs on a worker thread)
            from tracker.db.backup import restore_backup

            return restore_backup(database.path, chosen.path)

        context.runner.run(
            work,
            lambda safety: context.reload(
                f"Restored the backup of {label}; the state before was saved as {safety.name}."
            ),
            lambda error: show_error(context.parent, error),
        )
