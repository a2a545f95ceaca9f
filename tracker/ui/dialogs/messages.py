"""Telling the user something without blocking: window-modal message boxes.

Messages are opened with ``open()`` rather than ``exec()``: the event loop keeps running
(workers still deliver, tests can look at the box). A :class:`TrackerError` is shown in its
own words; anything else is our bug and says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from tracker.errors import TrackerError

APP_TITLE = "Action plan tracker"


def show_message(
    parent: QWidget, text: str, *, icon: QMessageBox.Icon, details: str = ""
) -> QMessageBox:
    box = QMessageBox(icon, APP_TITLE, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("message")
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_error(parent: QWidget, error: BaseException | str) -> QMessageBox:
    """A TrackerError's message as it is; any other exception as a bug report."""
    if isinstance(error, str | TrackerError):
        return show_message(parent, str(error), icon=QMessageBox.Icon.Warning)
    import logging
    import traceback

    details = "".join(traceback.format_exception(error))
    logging.getLogger(__name__).error("unexpected error\n%s", details)
    return show_message(
        parent,
        f"Something went wrong inside the tracker ({type(error).__name__}: {error}). "
        "Nothing more was written. Please report this, with the details below.",
        icon=QMessageBox.Icon.Critical,
        details=details,
    )


def describe_error(error: BaseException) -> str:
    """One line, as the CLI would print it."""
    if isinstance(error, TrackerError):
        return str(error)
    return f"Unexpected error ({type(error).__name__}: {error}); nothing more was written."
