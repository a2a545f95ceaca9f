"""Evidence and completion in the window, as a lead and the programme office use them:
a link and a file added through the detail panel, opened and removed; completion
proposed as a lead, verified as the programme office (the name in Preferences), and the
RAG badge turning Blue."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog

from tests.ui.test_main_window import select, stored_action
from tracker.services import evidence, programme_office
from tracker.services.audit import list_audit
from tracker.ui.models import columns as col
from tracker.ui.models.action_tree_model import RAG_ROLE

LEFT = Qt.MouseButton.LeftButton
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def _answers(monkeypatch: pytest.MonkeyPatch, *texts: str) -> list[str]:
    """Answer the window's next text questions, in order; returns the questions asked."""
    asked: list[str] = []
    queue = list(texts)

    def get_text(_parent, title, label, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(f"{title}: {label}")
        return queue.pop(0), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return asked


def _form(window):  # type: ignore[no-untyped-def]
    return window.current_tab().page.detail.action_form


def test_add_a_link_and_a_file_open_and_remove_them(
    main_window, qtbot, monkeypatch, tmp_path: Path
) -> None:
    main_window.show_tab("Governance")
    row = select(main_window, qtbot, "1.2 i")
    box = _form(main_window).evidence
    assert box.items.empty.isVisible() and not box.open.isEnabled()

    _answers(monkeypatch, r"\\pmo\share\tor.docx", "Terms of reference")
    qtbot.mouseClick(box.add_link, LEFT)
    minutes = tmp_path / "minutes.pdf"
    minutes.write_bytes(b"%PDF-1.4 the board met")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(minutes), ""))
    )
    _answers(monkeypatch, "Board minutes, June")
    qtbot.mouseClick(box.add_file, LEFT)

    stored = evidence.list_evidence(main_window.database, row.id)
    assert [(e.kind, e.name, e.description) for e in stored] == [
        ("link", r"\\pmo\share\tor.docx", "Terms of reference"),
        ("file", "minutes.pdf", "Board minutes, June"),
    ]
    assert stored[1].added_by == "Pip Mayo"  # the name in Preferences
    shown = [box.items.model.index(i).data() for i in range(box.items.model.rowCount())]
    assert shown[0].startswith(r"Link: \\pmo\share\tor.docx — Terms of reference")
    assert shown[1].startswith("File: minutes.pdf (22 bytes) — Board minutes, June")

    opened: list[QUrl] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    box.items.list.setCurrentIndex(box.items.model.index(1))
    qtbot.mouseClick(box.open, LEFT)
    (url,) = opened
    copy = Path(url.toLocalFile())
    assert copy.name == "minutes.pdf" and copy.read_bytes() == b"%PDF-1.4 the board met"

    box.items.list.setCurrentIndex(box.items.model.index(0))
    qtbot.mouseClick(box.remove, LEFT)
    assert [e.name for e in evidence.list_evidence(main_window.database, row.id)] == ["minutes.pdf"]
    assert box.restore.isVisible()
    qtbot.mouseClick(box.restore, LEFT)
    assert len(evidence.list_evidence(main_window.database, row.id)) == 2
    fields = [
        r.field for r in list_audit(main_window.database, record_type="action", record_id=row.id)
    ]
    assert fields == ["evidence added", "evidence added", "evidence removed", "evidence restored"]


def test_a_bad_link_is_explained_in_the_panel(main_window, qtbot, monkeypatch) -> None:
    main_window.show_tab("Governance")
    row = select(main_window, qtbot, "1.2 i")
    box = _form(main_window).evidence
    _answers(monkeypatch, "www.example.org", "A site")
    qtbot.mouseClick(box.add_link, LEFT)
    assert box.message.isVisible()
    assert "is not a link the tracker can keep" in box.message.text()
    assert evidence.list_evidence(main_window.database, row.id) == []


def test_propose_as_a_lead_verify_as_the_programme_office_and_the_badge_turns_blue(
    main_window, qtbot, monkeypatch
) -> None:
    database = main_window.database
    programme_office.set_programme_office(database, ["Pat Lee"])
    main_window.show_tab("Governance")
    row = select(main_window, qtbot, "1.2 i")
    form = _form(main_window)
    closure = form.closure
    assert closure.propose.isEnabled() and not closure.verify.isEnabled()

    # No evidence yet: refused, with the reason, and nothing changes.
    qtbot.mouseClick(closure.propose, LEFT)
    assert closure.message.isVisible()
    assert "has no evidence yet" in closure.message.text()
    assert stored_action(database.path, "1.2 i").status == row.status

    _answers(monkeypatch, "https://example.org/minutes", "Minutes")
    qtbot.mouseClick(form.evidence.add_link, LEFT)
    qtbot.mouseClick(closure.propose, LEFT)
    assert not closure.message.isVisible()
    assert (
        stored_action(database.path, "1.2 i").status,
        main_window.state.actions[row.id].percent,
    ) == (
        "Complete",
        100,
    )
    assert "awaiting verification" in closure.state_text.text()
    assert not closure.verify.isEnabled()  # Pip Mayo is not in the programme office
    assert form.status.currentData() == "Complete"

    main_window.settings.user_name = "Pat Lee"
    main_window.user_name_changed()
    assert closure.verify.isEnabled() and closure.send_back.isEnabled()
    qtbot.mouseClick(closure.verify, LEFT)

    tab = main_window.current_tab()
    index = tab.page.model.action_index(row.id).siblingAtColumn(col.RAG)
    assert index.data(RAG_ROLE) == "B"
    assert index.data(TOOLTIP) == "Blue"
    assert closure.state_text.text().startswith("Blue: complete, verified by Pat Lee")
    assert not closure.verify.isEnabled() and closure.reopen.isEnabled()
    steps = [
        (r.user, r.new_value)
        for r in list_audit(database, record_type="action", record_id=row.id)
        if r.field == "closure"
    ]
    assert steps == [("Pip Mayo", "proposed"), ("Pat Lee", "verified")]

    _answers(monkeypatch, "The board stopped meeting")
    qtbot.mouseClick(closure.reopen, LEFT)
    assert index.data(RAG_ROLE) == main_window.state.actions[row.id].rag
    assert main_window.state.actions[row.id].status == "In progress"


def test_preferences_edit_the_programme_office(main_window, qtbot) -> None:
    from tracker.ui.dialogs.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(main_window.settings, main_window, database=main_window.database)
    qtbot.addWidget(dialog)
    assert dialog.office is not None
    dialog.office.setFocus()
    qtbot.keyClicks(dialog.office, "Pat Lee")
    dialog.accept()
    assert programme_office.programme_office(main_window.database) == ["Pat Lee"]
