"""The "As at" bar: show the whole plan as it stood at the end of a past day, read-only,
and go back to today.

The plan is read again through the session (history-true, see
:mod:`tracker.services.plan_history`); while a past day is shown a banner says so and the
window turns editing off (its ``read_only`` callback), because a past day cannot be
changed: updates are recorded with their own dates instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QToolBar, QWidget

from tracker.ui.formatting import format_date
from tracker.ui.main_actions import MainAction
from tracker.ui.session import DatabaseSession
from tracker.ui.widgets.date_edit import OptionalDateEdit

# The window's actions that change the file: off while a past day is shown.
WRITES = (
    MainAction.ADD_UPDATE,
    MainAction.MARK_REVIEWED,
    MainAction.IMPORT_PLAN,
    MainAction.IMPORT_RETURNS,
    MainAction.EXPORT_RETURNS,
    MainAction.RESTORE_BACKUP,
    MainAction.RENAME_PLAN,
    MainAction.ARCHIVE_PLAN,
    MainAction.DELETE_PLAN,
)
BANNER_STYLE = "background: #fff2cc; color: #5c4400; padding: 3px 8px; font-weight: bold;"


class AsAtBar(QToolBar):
    def __init__(
        self,
        session: DatabaseSession,
        read_only: Callable[[bool], None],
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("As at", parent)
        self.setObjectName("asAtBar")
        self.session = session
        self.read_only = read_only
        self.today = today
        self.day = OptionalDateEdit(self, allow_none=True)
        self.day.setObjectName("asAtDate")
        self.day.setAccessibleName("Show the plan as at")
        self.day.set_clock(today)
        self.show_button = QPushButton("&Show as at", self)
        self.show_button.setObjectName("showAsAt")
        self.today_button = QPushButton("Back to &today", self)
        self.today_button.setObjectName("backToToday")
        self.banner = QLabel(self)
        self.banner.setObjectName("asAtBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        # The controls, and under them the banner: a row of its own, so it is never
        # pushed into the toolbar's overflow menu on a narrow window.
        panel = QWidget(self)
        grid = QGridLayout(panel)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("As at:", panel), 0, 0)
        grid.addWidget(self.day, 0, 1)
        grid.addWidget(self.show_button, 0, 2)
        grid.addWidget(self.today_button, 0, 3)
        grid.setColumnStretch(4, 1)
        grid.addWidget(self.banner, 1, 0, 1, 5)
        self.addWidget(panel)
        self.show_button.clicked.connect(self.show_chosen_day)
        self.day.committed.connect(lambda _day: self.show_chosen_day())
        self.today_button.clicked.connect(lambda: self.show_day(None))
        session.reloaded.connect(lambda _loaded, _message: self.sync())
        session.opened.connect(lambda _opened, _when: self.sync())
        self.sync()

    def show_chosen_day(self) -> None:
        if self.day.finish():
            self.show_day(self.day.value())

    def show_day(self, day: date | None) -> None:
        """Show the plan as at ``day`` (None, or today or later: today's plan, editable)."""
        if day is not None and day >= self.today():
            day = None
        if day == self.session.as_at:
            return
        message = f"Showing the plan as at {format_date(day)}" if day else "Back to today"
        self.session.show_as_at(day, message)

    def sync(self) -> None:
        """Banner, buttons and the window's editing follow the day the plan is shown at."""
        day = self.session.as_at
        self.today_button.setEnabled(day is not None)
        self.banner.setVisible(day is not None)
        if day is not None:
            self.banner.setText(
                f"Read-only: the plan as it stood at the end of {format_date(day)}. "
                "Choose Back to today to edit."
            )
        elif self.day.value() is not None and self.day.value() != self.today():
            self.day.set_value(None)
        self.read_only(day is not None)
