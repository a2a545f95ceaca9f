"""Text fields that save as you go: on leaving the field and after a pause in typing.

Each stretch of editing (from focus in to focus out) is one *session*; the commits it
makes carry the same session object, so the undo stack merges them into one step.
A killed process loses at most the last half second of typing; each save is one small
transaction, and the undo stack still sees one step per stretch of editing.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

IDLE_COMMIT_MS = 500


class _Session:
    """A token: commits made while the field kept the focus share one."""


class CommitPlainTextEdit(QPlainTextEdit):
    """``committed(text, session)`` after a pause in typing and when focus leaves."""

    committed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on: keyboard users are not trapped
        self._session = _Session()
        self._last = ""
        self._idle = QTimer(self, singleShot=True, interval=IDLE_COMMIT_MS)
        self._idle.timeout.connect(self.commit)
        self.textChanged.connect(self._typed)

    def set_text(self, text: str) -> None:
        """Show a stored value without committing it."""
        if text == self.toPlainText().strip():  # what was typed, saved: leave the cursor be
            self._last = text
            return
        blocked = self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(blocked)
        self._last = text
        self._idle.stop()

    def _typed(self) -> None:
        self._idle.start()

    def commit(self) -> None:
        self._idle.stop()
        text = self.toPlainText().strip()
        if text != self._last:
            self._last = text
            self.committed.emit(text, self._session)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._session = _Session()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)


class CommitLineEdit(QLineEdit):
    """A one-line field with the same contract as :class:`CommitPlainTextEdit`.

    With ``idle_commit=False`` it saves only when editing finishes (Enter or leaving the
    field): for text that is parsed, like a list of names, where saving half-typed text
    would rewrite it under the cursor.
    """

    committed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None, *, idle_commit: bool = True) -> None:
        super().__init__(parent)
        self._session = _Session()
        self._last = ""
        self._idle = QTimer(self, singleShot=True, interval=IDLE_COMMIT_MS)
        self._idle.timeout.connect(self.commit)
        if idle_commit:
            self.textEdited.connect(lambda _text: self._idle.start())
        self.editingFinished.connect(self.commit)

    def set_text(self, text: str) -> None:
        if text != self.text().strip():
            blocked = self.blockSignals(True)
            self.setText(text)
            self.blockSignals(blocked)
        self._last = text
        self._idle.stop()

    def commit(self) -> None:
        self._idle.stop()
        text = self.text().strip()
        if text != self._last:
            self._last = text
            self.committed.emit(text, self._session)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._session = _Session()
        super().focusInEvent(event)
