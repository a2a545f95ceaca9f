"""BRAG in the window: an action verified complete is counted Blue on the Overview (not
Green), and the Blue figure and the RAG filter's Blue choice show exactly it."""

from __future__ import annotations

from tests.ui.test_filters import click_figure
from tests.ui.test_main_window import shown_actions
from tracker.db import Database
from tracker.services import closure, evidence, programme_office
from tracker.ui.main_window import MainWindow
from tracker.ui.models.overview_model import COLUMNS


def test_a_verified_action_is_blue_on_the_overview_and_in_the_filter(
    main_window: MainWindow, imported: Database, qtbot
) -> None:
    tab_id = main_window.state.workstreams_for_tab("Prevention")[0].id
    action = next(r for r in main_window.state.actions.values() if r.workstream_id == tab_id)
    evidence.add_link(imported, action.id, "https://example.org/minutes", "Minutes")
    programme_office.set_programme_office(imported, ["Pat Lee"])
    imported.actor = "Sam Lee"
    closure.propose_completion(imported, action.id, today=main_window.today())
    imported.actor = "Pat Lee"
    closure.verify_completion(imported, action.id)
    with qtbot.waitSignal(main_window.loaded, timeout=20_000):
        main_window.reload()

    main_window.show_tab("Overview")
    model = main_window.overview.model
    blue = next(i for i, c in enumerate(COLUMNS) if c.title == "Blue")
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert model.index(rows["Prevention"], blue).data() == "1"
    assert model.index(rows["All workstreams"], blue).data() == "1"
    assert model.index(rows["Governance"], blue).data() == "0"
    # Counted once, as Blue: the rating columns and "Not rated" still add up to every action.
    ratings = [i for i, c in enumerate(COLUMNS) if c.figure.startswith("rag:")]
    total = rows["All workstreams"]
    assert sum(int(model.index(total, c).data()) for c in ratings) == 63

    click_figure(main_window, qtbot, "Prevention", "rag:B")
    tab = main_window.current_tab()
    assert tab.page.filter_bar.rag.currentText() == "Blue"
    assert [r.ref for r in shown_actions(tab.view)] == [action.ref]
