"""What the window says, read as a person reads it: dates with their day, the full
workstream name, "&" as itself, whole dialog titles, counts with separators, and exports
offered in the user's own folder."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QRadioButton

from tests.ui.conftest import USER
from tests.ui.test_main_window import select
from tracker.dates import short_date
from tracker.services.overview import Summary
from tracker.ui.dialogs.export_returns_dialog import ExportReturnsDialog
from tracker.ui.dialogs.import_plan_dialog import ImportPlanDialog
from tracker.ui.dialogs.window_title import title_width
from tracker.ui.main_window import MainWindow
from tracker.ui.models.overview_model import COLUMNS, OverviewModel
from tracker.ui.workers import InlineTaskRunner
from tracker.wording import count_noun, count_text

DATE_TIME = r"\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}"


def test_change_history_gives_every_time_its_date_and_dates_as_elsewhere(
    main_window: MainWindow, qtbot
) -> None:
    main_window.show_tab("Prevention")
    row = select(main_window, qtbot, "2.2 1")
    form = main_window.current_tab().page.detail.action_form
    assert row.due is not None
    assert main_window.controller.edit_action(row.id, "due_date", date(2027, 3, 31)) is None
    form.history_tabs.setCurrentWidget(form.changes)
    model = form.changes.model
    text = model.index(0, 0).data()
    assert re.fullmatch(
        rf"{DATE_TIME} · {USER} · edit\nDue: {short_date(row.due)} → 31 Mar 2027", text
    ), text
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == text


def test_imported_deadline_text_is_labelled_as_written(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Governance")
    select(main_window, qtbot, "1.1 i")
    form = main_window.current_tab().page.detail.action_form
    layout = form.imported.layout()
    label = layout.labelForField(form.deadline_text)
    assert label.text() == "Deadline as written"
    assert form.imported.title() == "As written in the imported plan"


def test_the_page_names_the_workstream_in_full(main_window: MainWindow, qtbot) -> None:
    main_window.show_tab("Personalisation")
    tab = main_window.current_tab()
    index = main_window.tabs.indexOf(tab)
    assert main_window.tabs.tabText(index) == "Personalisation"
    assert tab.title.isVisible()
    assert tab.title.text() == "Ongoing Personalised Support"
    main_window.show_tab("Enablers")
    assert main_window.current_tab().title.text() == "Communications and Engagement, IT, Workforce"


def test_an_ampersand_in_plan_text_shows_as_itself(open_window, imported, qtbot) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    with imported.write() as session:
        session.execute(
            text("UPDATE workstream SET tab = 'Health & Care' WHERE tab = 'Prevention'")
        )
    window = open_window(imported.path)
    names = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    # Qt reads a single "&" as marking an Alt+letter key (and hides it): doubled, it shows.
    assert "Health && Care" in names
    assert "Health & Care" not in names
    window.show_tab("Health & Care")
    assert window.current_tab().tab == "Health & Care"


def test_the_recent_files_menu_shows_an_ampersand_in_a_path(
    open_window, imported, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    odd = tmp_path / "R&D plan.sqlite3"
    odd.write_bytes(imported.path.read_bytes())
    window = open_window(odd)
    window.open_database(imported.path)
    qtbot.waitUntil(lambda: window.database.path == imported.path)
    menu = window.file_actions.recent_menu
    window.file_actions.fill_recent_menu()
    entries = [a.text() for a in menu.actions()]
    assert entries == [f"&1 {str(odd).replace('&', '&&')}"]


def test_the_workbook_label_is_an_alt_key_not_text(qtbot, imported, settings) -> None:  # type: ignore[no-untyped-def]
    dialog = ImportPlanDialog(imported, InlineTaskRunner(), settings)
    qtbot.addWidget(dialog)
    dialog.show()
    (label,) = [w for w in dialog.findChildren(QLabel) if "Workbook" in w.text()]
    # A label with a buddy shows "Workbook" with W underlined (Alt+W); without, "&Workbook".
    assert label.text() == "&Workbook"
    assert label.buddy() is dialog.path
    assert label.isVisible()


def test_the_returns_dialog_is_wide_enough_for_its_title(
    main_window: MainWindow, qtbot, monkeypatch
) -> None:
    seen: list[tuple[str, int, int]] = []
    folders: list[str] = []

    def look_and_choose() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportReturnsDialog):
            if dialog is not None:
                dialog.reject()  # not the dialog expected: close it; the test fails below
            return
        seen.append((dialog.windowTitle(), dialog.width(), title_width(dialog)))
        dialog.findChild(QRadioButton, "returnsBy_lead").click()
        dialog.accept()

    def no_folder(*args, **kwargs) -> str:  # type: ignore[no-untyped-def]
        folders.append(args[2])
        return ""

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(no_folder))
    QTimer.singleShot(0, look_and_choose)
    (action,) = [
        a
        for a in main_window.menus["File"].actions()
        if a.text().replace("&", "") == "Export status returns…"
    ]
    action.trigger()
    ((title, width, needed),) = seen
    assert title == "Export status returns"
    assert width >= needed > 160
    assert len(folders) == 1  # the choice went through to the folder dialog


def test_counts_have_thousands_separators(qapp) -> None:  # type: ignore[no-untyped-def]
    assert count_text(1234) == "1,234"
    assert count_text(999) == "999"
    assert count_noun(1234, "action") == "1,234 actions"
    assert count_noun(1, "action") == "1 action"
    model = OverviewModel()
    big = Summary(workstream_id=None, tab="", title="", actions=1234, overdue=1234567)
    model.set_summaries([], big, [])
    columns = {c.figure: i for i, c in enumerate(COLUMNS)}
    assert model.index(0, columns["all"]).data() == "1,234"
    assert model.index(0, columns["overdue"]).data() == "1,234,567"


def test_exports_start_in_the_documents_folder_then_the_last_one(
    main_window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr("platformdirs.user_documents_dir", lambda: str(documents))
    offered: list[Path] = []

    def cancel(parent, title, suggestion, filters):  # type: ignore[no-untyped-def]
        offered.append(Path(suggestion))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(cancel))
    (action,) = [
        a
        for a in main_window.menus["File"].actions()
        if a.text().replace("&", "") == "Export board report…"
    ]
    action.trigger()
    assert offered[-1].parent == documents
    last = tmp_path / "board papers"
    last.mkdir()
    main_window.settings.last_folder = last
    action.trigger()
    assert offered[-1].parent == last
