"""Who may change what on a team database is the database's rule: a lead's role may
change only their own workstreams, even with raw SQL; the office may change everything."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.pg_cluster import Cluster
from tracker.cli import main
from tracker.db import Database, open_database
from tracker.db.server_errors import PermissionRefusedError
from tracker.services.action_edits import set_action_field
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.audit import verify_chain
from tracker.services.evidence import add_link, list_evidence
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.team import edit_scope

pytestmark = pytest.mark.postgresql
_logins = itertools.count(1)


def _as(url: str, login: str) -> str:
    return make_url(url).set(username=login).render_as_string(hide_password=False)


@pytest.fixture
def team(team_url: str, pg_server: Cluster, plan_file, capsys) -> Iterator[dict]:  # type: ignore[no-untyped-def]
    """A team database holding the 2018 plan, a lead of Prevention and an office login."""
    n = next(_logins)
    lead, office = f"lead_{n}", f"office_{n}"  # logins are the server's, not one database's
    for login in (lead, office):
        pg_server.sql(f"CREATE ROLE {login} LOGIN")
    assert main(["team-init", team_url]) == 0
    assert "ready for a team" in capsys.readouterr().out
    assert main(["--db", team_url, "import-plan", str(plan_file)]) == 0
    assert main(["--db", team_url, "team-grant", lead, "--workstream", "Prevention"]) == 0
    assert main(["--db", team_url, "team-grant", office, "--office"]) == 0
    assert "now leads: Prevention" in capsys.readouterr().out
    admin = open_database(team_url)
    actions = load_snapshot(admin).actions
    workstreams = {w.title: w.id for w in load_snapshot(admin).workstreams}
    admin.close()
    prevention = next(a for a in actions if a.workstream_id == workstreams["Prevention"])
    governance = next(
        a for a in actions if a.workstream_id == workstreams["Governance and Leadership"]
    )
    yield {
        "url": team_url,
        "lead": _as(team_url, lead),
        "office": _as(team_url, office),
        "prevention": prevention,
        "governance": governance,
        "workstreams": workstreams,
    }


def _opened(url: str) -> Database:
    database = open_database(url)
    database.actor = "test"
    return database


def test_a_lead_changes_their_own_workstream_and_the_database_refuses_the_rest(team) -> None:
    lead = _opened(team["lead"])
    try:
        set_action_field(lead, team["prevention"].id, "percent", 30)
        entry = UpdateInput(
            date(2027, 1, 5),
            "Ann",
            "In progress",
            "G",
            40,
            "On track",
            rag_reason="Recovery agreed",
        )
        add_update(lead, team["prevention"].id, entry)
        # Evidence on their own action, not on another workstream's.
        add_link(lead, team["prevention"].id, "https://example.org/falls", "Falls minutes")
        with pytest.raises(PermissionRefusedError):
            add_link(lead, team["governance"].id, "https://example.org/board", "Not theirs")
        with pytest.raises(PermissionRefusedError, match="only the workstreams you lead"):
            set_action_field(lead, team["governance"].id, "percent", 30)
        with pytest.raises(PermissionRefusedError):
            add_update(lead, team["governance"].id, entry)
        scope = edit_scope(lead)
        assert not scope.everything
        assert scope.workstream_ids == {team["workstreams"]["Prevention"]}
    finally:
        lead.close()
    # Nothing of the refused changes is there, and the chain is whole.
    admin = _opened(team["url"])
    try:
        rows = {r.id: r for r in load_snapshot(admin).actions}
        assert rows[team["governance"].id].percent == team["governance"].percent
        assert rows[team["prevention"].id].percent == 40
        assert [e.url for e in list_evidence(admin, team["prevention"].id)] == [
            "https://example.org/falls"
        ]
        assert list_evidence(admin, team["governance"].id) == []
        assert verify_chain(admin).ok
        assert edit_scope(admin).everything
    finally:
        admin.close()


def test_raw_sql_from_a_lead_s_login_is_refused_by_row_level_security(team) -> None:
    with psycopg.connect(team["lead"]) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            connection.execute(
                "UPDATE action SET percent = 99 WHERE id = %s", (team["governance"].id,)
            )
        connection.rollback()
        # Their own workstream's action they may change, even outside the app.
        updated = connection.execute(
            "UPDATE action SET percent = 55 WHERE id = %s", (team["prevention"].id,)
        )
        assert updated.rowcount == 1
        connection.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("DELETE FROM plan")


def test_the_office_changes_any_workstream(team) -> None:
    office = _opened(team["office"])
    try:
        set_action_field(office, team["governance"].id, "percent", 35)
        assert edit_scope(office).everything
    finally:
        office.close()


def test_granting_an_unknown_login_or_workstream_says_what_to_do(team, capsys) -> None:
    assert main(["--db", team["url"], "team-grant", "nobody_here", "--office"]) == 1
    assert "createuser" in capsys.readouterr().err
    lead_login = make_url(team["lead"]).username
    assert main(["--db", team["url"], "team-grant", lead_login, "--workstream", "Nope"]) == 1
    assert "The workstreams are:" in capsys.readouterr().err
