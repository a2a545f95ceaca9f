"""Read-only details for what the person may not change: a lead on a team database sees
the whole plan but edits only their own workstreams (the database refuses the rest)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from tracker.ui.widgets.date_edit import OptionalDateEdit

READ_ONLY_NOTE = "Read only: on this team database you may change only the workstreams you lead."


def show_editable(form: QWidget, editors: list[QWidget], note: QLabel, editable: bool) -> None:
    """Let the person edit ``editors`` or not; the note says why not."""
    for editor in editors:
        if isinstance(editor, QLineEdit | QPlainTextEdit) and not isinstance(
            editor,
            OptionalDateEdit,  # its calendar and clear buttons would still work
        ):
            editor.setReadOnly(not editable)  # still selectable, to copy from
        else:  # choices, spin boxes, date fields and buttons
            editor.setEnabled(editable)
    note.setVisible(not editable)
    form.setProperty("readOnly", not editable)


def make_note(parent: QWidget) -> QLabel:
    note = QLabel(READ_ONLY_NOTE, parent)
    note.setObjectName("readOnlyNote")
    note.setWordWrap(True)
    note.hide()
    return note
