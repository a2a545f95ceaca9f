"""The window on a team database (PostgreSQL): connecting from the File menu, other
people's changes appearing without F5, and a lead seeing other workstreams read-only."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy.engine import make_url

from tests.pg_cluster import Cluster
from tests.ui.test_main_window import select
from tracker.cli import main
from tracker.db import open_database
from tracker.services.action_edits import set_action_field
from tracker.ui.dialogs.connect_team_dialog import ConnectTeamDialog, TeamAddress
from tracker.ui.main_actions import MainAction

pytestmark = pytest.mark.postgresql
_logins = itertools.count(1)


@pytest.fixture
def team(team_url: str, pg_server: Cluster, plan_file, capsys) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A team database with the 2018 plan and a lead of Prevention."""
    lead = f"window_lead_{next(_logins)}"
    pg_server.sql(f"CREATE ROLE {lead} LOGIN")
    assert main(["team-init", team_url]) == 0
    assert main(["--db", team_url, "import-plan", str(plan_file)]) == 0
    assert main(["--db", team_url, "team-grant", lead, "--workstream", "Prevention"]) == 0
    capsys.readouterr()
    lead_url = make_url(team_url).set(username=lead).render_as_string(hide_password=False)
    return {"admin": team_url, "lead": lead_url}


def test_connect_to_team_database_from_the_file_menu(  # type: ignore[no-untyped-def]
    open_window, team, monkeypatch, settings, qtbot, tmp_path
) -> None:
    window = open_window(tmp_path / "own.sqlite3")
    url = make_url(team["admin"])
    address = TeamAddress(url.host, url.port, url.database, url.username, "typed-secret")
    monkeypatch.setattr(ConnectTeamDialog, "ask", classmethod(lambda cls, *a, **k: address))
    window.main_actions[MainAction.CONNECT_TEAM_DATABASE].trigger()
    qtbot.waitUntil(lambda: window.database is not None and window.database.is_server)
    assert f"{url.database} on 127.0.0.1" in window.windowTitle()
    assert len(window.state.actions) == 63
    settings.sync()
    stored = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert url.database in stored and "typed-secret" not in stored


def test_the_connect_dialog_needs_server_database_and_user(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ConnectTeamDialog(None)
    qtbot.addWidget(dialog)
    assert not dialog.connect_button.isEnabled()
    qtbot.keyClicks(dialog.host, "db.example.org")
    qtbot.keyClicks(dialog.database, "tracker")
    qtbot.keyClicks(dialog.user, "ann")
    qtbot.keyClicks(dialog.password, "p@ss word")
    assert dialog.connect_button.isEnabled()
    assert dialog.address().url() == "postgresql://ann:p%40ss%20word@db.example.org:5432/tracker"


def test_a_lead_sees_other_workstreams_read_only(open_window, team, qtbot) -> None:
    window = open_window(team["lead"])
    assert window.status.path.text().startswith("Team database: ")
    window.show_tab("Governance")
    select(window, qtbot, "1.3 i")
    form = window.current_tab().page.detail.action_form
    assert form.read_only_note.isVisible()
    assert form.text.isReadOnly() and not form.status.isEnabled() and not form.due.isEnabled()
    window.show_tab("Prevention")
    row = next(r for r in window.state.actions.values() if r.ref.startswith("2."))
    select(window, qtbot, row.ref)
    form = window.current_tab().page.detail.action_form
    assert not form.read_only_note.isVisible()
    assert not form.text.isReadOnly() and form.status.isEnabled()


def test_other_people_s_changes_appear_without_reloading(open_window, team, qtbot) -> None:
    window = open_window(team["admin"])
    row = next(iter(window.state.actions.values()))
    other = open_database(team["admin"])
    other.actor = "Sam Lee"
    try:
        set_action_field(other, row.id, "text", "Changed on another desk")
    finally:
        other.close()
    qtbot.waitUntil(
        lambda: window.state.actions[row.id].text == "Changed on another desk", timeout=20_000
    )
    assert not window.status.changed.isVisible()  # no F5 needed
