"""Help > User guide (F1): the short guide to the window, the same words as the README's
"Using the window", shipped with the tracker and shown as formatted text."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

GUIDE_NAME = "user-guide.md"


def guide_text() -> str:
    """The guide as Markdown."""
    return files("tracker.resources").joinpath(GUIDE_NAME).read_text(encoding="utf-8")


class UserGuideDialog(QDialog):
    """Not modal: the guide can stay open beside the window while the person works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowTitle("User guide")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("userGuideText")
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(620, 560)
