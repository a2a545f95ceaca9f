"""Help > About: the version and the database file in use."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from tracker import __version__


def about_text(database_path: Path | str | None) -> str:
    where = html.escape(str(database_path)) if database_path else "no database open"
    return (
        f"<h3>Action plan tracker {__version__}</h3>"
        "<p>Tracks the 2018 CQC local system review action plan: workstreams, areas for "
        "improvement, actions, leads, deadlines and progress updates. Works offline; every "
        "change is saved as it is made.</p>"
        f"<p>Database: <code>{where}</code></p>"
    )


def show_about(parent: QWidget, database_path: Path | str | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle("About Action plan tracker")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text(database_path))
    box.setIcon(QMessageBox.Icon.Information)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
