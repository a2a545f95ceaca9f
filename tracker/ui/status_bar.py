"""The status bar's permanent part: which database file is open and when it last saved."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QLabel, QStatusBar

from tracker.ui.formatting import display_path, format_local_time


class DatabaseStatus:
    """Three labels in the status bar: what the tab shows, the file, the last write."""

    def __init__(self, bar: QStatusBar) -> None:
        self.count = QLabel(bar)
        self.count.setObjectName("countLabel")
        self.path = QLabel(bar)
        self.path.setObjectName("databaseLabel")
        self.saved = QLabel(bar)
        self.saved.setObjectName("lastWriteLabel")
        self.changed = QLabel(
            "<b>Another copy of the tracker changed this file:</b> View > Reload (F5)", bar
        )
        self.changed.setObjectName("changedElsewhere")
        self.changed.setStyleSheet("color: #9b1c1c;")
        self.changed.hide()
        bar.addWidget(self.count, 1)
        bar.addPermanentWidget(self.changed)
        bar.addPermanentWidget(self.path)
        bar.addPermanentWidget(self.saved)
        self.show_database(None)

    def show_database(self, path: Path | None) -> None:
        if path is None:
            self.path.setText("No database open")
            self.path.setToolTip("")
            self.saved.clear()
            return
        self.path.setText(f"Database: {display_path(path)}")
        self.path.setToolTip(f"{path}\nEvery change is saved to this file as you make it")
        self.show_last_write(None)

    def show_team_database(self, name: str) -> None:
        """A team database on a server: its name, never its address's password."""
        self.path.setText(f"Team database: {name}")
        self.path.setToolTip(
            f"{name}\nShared on a PostgreSQL server: every change is saved there as you make "
            "it, and other people's changes appear as they make them"
        )
        self.show_last_write(None)

    def show_last_write(self, when: datetime | None) -> None:
        if when is None:
            self.saved.setText("No changes yet this session")
        else:
            self.saved.setText(f"Last saved {format_local_time(when)}")

    def show_changed_elsewhere(self, changed: bool) -> None:
        self.changed.setVisible(changed)

    def show_count(self, text: str) -> None:
        self.count.setText(text)
