"""Text fields that save as you go: on leaving the field and after a pause in typing.

Each stretch of editing (from focus in to focus out) is one *session*; the commits it
makes carry the same session object, so the undo stack merges them into one step.
A killed process loses at most the last half second of typing; each save is one small
transaction, and the undo stack still sees one step per stretch of editing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

IDLE_COMMIT_MS = 500


class _Session:
    """A token: commits made while the field kept the focus share one."""


class _Committer:
    """What both fields share: the session, the last text saved and the idle timer."""

    def __init__(
        self, field: QWidget, read: Callable[[], str], emit: Callable[[str, object], None]
    ) -> None:
        self.session = _Session()
        self.last = ""
        self.idle = QTimer(field, singleShot=True, interval=IDLE_COMMIT_MS)
        self.idle.timeout.connect(self.commit)
        self._read = read
        self._emit = emit

    def commit(self) -> None:
        self.idle.stop()
        text = self._read().strip()
        if text != self.last:
            self.last = text
            self._emit(text, self.session)

    def shown(self, text: str) -> None:
        """A stored value is on show: nothing to save until it is changed."""
        self.last = text
        self.idle.stop()

    def new_session(self) -> None:
        self.session = _Session()


class CommitPlainTextEdit(QPlainTextEdit):
    """``committed(text, session)`` after a pause in typing and when focus leaves."""

    committed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on: keyboard users are not trapped
        self._committer = _Committer(self, self.toPlainText, self.committed.emit)
        self.textChanged.connect(self._committer.idle.start)

    def set_text(self, text: str) -> None:
        """Show a stored value without committing it."""
        if text != self.toPlainText().strip():  # what was typed, saved: leave the cursor be
            blocked = self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(blocked)
        self._committer.shown(text)

    def commit(self) -> None:
        self._committer.commit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._committer.new_session()
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
        self._committer = _Committer(self, self.text, self.committed.emit)
        if idle_commit:
            self.textEdited.connect(lambda _text: self._committer.idle.start())
        self.editingFinished.connect(self.commit)

    def set_text(self, text: str) -> None:
        if text != self.text().strip():
            blocked = self.blockSignals(True)
            self.setText(text)
            self.blockSignals(blocked)
        self._committer.shown(text)

    def commit(self) -> None:
        self._committer.commit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._committer.new_session()
        super().focusInEvent(event)
