"""Plans as whole things: listing, renaming, archiving, deleting, and which plan the
reports and the window take when a database holds several."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from tracker.db import Database, open_database
from tracker.db.backup import list_backups
from tracker.errors import ReturnForOtherPlanError, TrackerError
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.audit import list_audit, verify_chain
from tracker.services.board_report_export import export_board_report
from tracker.services.export_data import choose_plan, plan_only
from tracker.services.plan_import import read_plan, save_plan
from tracker.services.plan_snapshot import load_snapshot
from tracker.services.plans import (
    delete_plan,
    distinct_plan_name,
    list_plans,
    plan_to_show,
    rename_plan,
    set_archived,
)
from tracker.services.return_review import review_return
from tracker.services.status_returns_export import export_status_returns

NAME = "Care Quality Commission - Local System Review: Action Plan"


@pytest.fixture
def two_plans(imported: Database, plan_file: Path) -> tuple[Database, int, int]:
    """The original plan, then the same workbook again as a new plan, as the CLI's
    ``--as-new`` does it; one update on an action of the first."""
    draft = read_plan(plan_file)
    draft.name = distinct_plan_name(imported, draft.name)
    second = save_plan(imported, draft, as_new=True)
    first = next(p.id for p in list_plans(imported) if p.id != second)
    action = next(
        x.id for x in load_snapshot(imported, first).actions if x.area_ref.startswith("1.")
    )
    add_update(
        imported,
        action,
        UpdateInput(
            date(2018, 8, 1),
            "Karen Helliwell",
            "In progress",
            "A",
            30,
            "Started",
            rag_reason="Recovery plan agreed",
        ),
    )
    return imported, first, second


def test_a_second_import_of_one_workbook_gets_a_name_of_its_own(two_plans) -> None:
    database, first, second = two_plans
    plans = list_plans(database)
    assert [(p.id, p.name) for p in plans] == [(first, NAME), (second, f"{NAME} (2)")]
    assert [(p.actions, p.updates, p.archived) for p in plans] == [(63, 1, False), (63, 0, False)]
    assert plans[0].contents == "63 actions and 1 update"
    assert distinct_plan_name(database, NAME) == f"{NAME} (3)"
    assert distinct_plan_name(database, "Another plan") == "Another plan"


def test_the_snapshot_of_one_plan_is_that_plan_s_part_of_the_whole(two_plans) -> None:
    database, first, second = two_plans
    whole = load_snapshot(database)
    for plan_id in (first, second):
        one = load_snapshot(database, plan_id)
        part = plan_only(whole, plan_id)
        assert (one.workstreams, one.areas, one.actions) == (
            part.workstreams,
            part.areas,
            part.actions,
        )
        assert {w.plan_id for w in one.workstreams} == {plan_id}
        assert len(one.actions) == 63


def test_renaming_is_audited_and_refuses_a_blank_or_taken_name(two_plans) -> None:
    database, _first, second = two_plans
    assert rename_plan(database, second, "  Action plan   2019 ") == f"{NAME} (2)"
    assert [p.name for p in list_plans(database)] == [NAME, "Action plan 2019"]
    (record,) = list_audit(database, record_type="plan", record_id=second)[-1:]
    assert (record.cause, record.field, record.old_value, record.new_value) == (
        "edit",
        "name",
        f"{NAME} (2)",
        "Action plan 2019",
    )
    with pytest.raises(TrackerError, match="already called"):
        rename_plan(database, second, NAME.upper())
    with pytest.raises(TrackerError, match="needs a name"):
        rename_plan(database, second, "   ")
    assert [p.name for p in list_plans(database)] == [NAME, "Action plan 2019"]
    assert verify_chain(database).ok


def test_an_archived_plan_is_kept_but_not_the_reports_choice(two_plans, tmp_path: Path) -> None:
    database, first, second = two_plans
    with pytest.raises(TrackerError, match="holds 2 plans; choose one with --plan ID"):
        choose_plan(load_snapshot(database))
    set_archived(database, first, True)
    assert [p.id for p in list_plans(database, include_archived=False)] == [second]
    assert [p.archived for p in list_plans(database)] == [True, False]
    assert choose_plan(load_snapshot(database)).id == second
    report = export_board_report(database, tmp_path / "board.xlsx", as_at=date(2018, 7, 15))
    assert report.plan_name == f"{NAME} (2)"
    # Still there, and still reachable by number.
    assert choose_plan(load_snapshot(database), first).id == first
    set_archived(database, second, True)
    with pytest.raises(TrackerError, match="Every plan in the database is archived"):
        choose_plan(load_snapshot(database))
    set_archived(database, first, False)
    assert choose_plan(load_snapshot(database)).id == first
    fields = [(r.field, r.old_value, r.new_value) for r in list_audit(database, record_type="plan")]
    assert fields[-3:] == [("archived", "no", "yes"), ("archived", "no", "yes"),
                           ("archived", "yes", "no")]  # fmt: skip
    assert verify_chain(database).ok


def test_the_plan_to_show_is_the_one_asked_for_else_the_first_live_one(two_plans) -> None:
    database, first, second = two_plans
    plans = list_plans(database)
    assert plan_to_show(plans, second).id == second
    assert plan_to_show(plans, None).id == first
    assert plan_to_show(plans, 999).id == first
    set_archived(database, first, True)
    plans = list_plans(database)
    assert plan_to_show(plans, first).id == second
    assert plan_to_show(plans, first, include_archived=True).id == first
    set_archived(database, second, True)
    assert plan_to_show(list_plans(database), None) is None


@pytest.mark.sqlite_only  # the backup beside the file
def test_deleting_a_plan_backs_up_first_and_removes_only_that_plan(two_plans) -> None:
    database, first, second = two_plans
    deleted = delete_plan(database, first)
    assert (deleted.plan.name, deleted.plan.actions, deleted.plan.updates) == (NAME, 63, 1)
    assert list_backups(database.path)[0].path == deleted.backup
    assert "before-delete-plan" in deleted.backup.name
    assert [(p.id, p.actions) for p in list_plans(database)] == [(second, 63)]
    with closing(sqlite3.connect(database.path)) as conn:
        orphans = conn.execute(
            "SELECT (SELECT count(*) FROM workstream), (SELECT count(*) FROM area),"
            ' (SELECT count(*) FROM action), (SELECT count(*) FROM "update")'
        ).fetchone()
    assert orphans == (8, 17, 63, 0)
    # The backup holds both plans: the deleted one can be brought back.
    backup = open_database(deleted.backup)
    try:
        assert [p.id for p in list_plans(backup)] == [first, second]
    finally:
        backup.close()
    (record,) = list_audit(database, record_type="plan", record_id=first)[-1:]
    assert record.field == "deleted" and record.old_value.startswith(f"{NAME}: 63 actions")
    assert verify_chain(database).ok
    with pytest.raises(TrackerError, match="no longer in this database"):
        delete_plan(database, first)


def test_a_return_for_another_plan_is_refused_by_the_plan_in_view(
    two_plans, tmp_path: Path
) -> None:
    database, first, second = two_plans
    (sent, *_rest) = export_status_returns(database, tmp_path, plan=first, today=date(2018, 7, 1))
    assert review_return(database, sent.path, plan_id=first).plan_name == NAME
    with pytest.raises(ReturnForOtherPlanError) as refused:
        review_return(database, sent.path, plan_id=second)
    assert (refused.value.plan_id, refused.value.file_name) == (first, sent.path.name)
    assert "Nothing was imported" in str(refused.value)


def test_plans_of_an_older_file_are_kept_and_live_after_the_migration(db_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from tracker.db.migrate import _alembic_config

    engine = create_engine(f"sqlite:///{db_path}")
    with engine.begin() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    engine.dispose()
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(
            "INSERT INTO plan (id, name, imported_at) VALUES (1, 'Old', '2018-07-01T00:00:00')"
        )
        conn.execute("INSERT INTO workstream VALUES (1, 1, 'Prevention', 'Prevention', 0)")
    database = open_database(db_path)
    try:
        assert [(p.name, p.archived) for p in list_plans(database)] == [("Old", False)]
        assert len(load_snapshot(database).workstreams) == 1
    finally:
        database.close()
