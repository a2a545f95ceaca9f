"""Closed reporting periods: frozen, immutable, in the audit chain, with their trend,
direction of travel and key messages."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tracker.db import Database
from tracker.errors import TrackerError
from tracker.services.action_rows import UpdateInput
from tracker.services.action_updates import add_update
from tracker.services.audit import list_audit, verify_chain
from tracker.services.periods import (
    close_period,
    direction_of_travel,
    list_periods,
    rag_trend,
    set_key_messages,
    verify_periods,
)
from tracker.services.plans import delete_plan
from tracker.travel import Travel


def _plan_id(database: Database) -> int:
    with database.read() as session:
        return session.execute(text("SELECT id FROM plan")).scalar_one()


def _update(
    database: Database,
    action: int,
    day: date,
    status: str,
    rag: str | None,
    percent: int,
    revised: date | None = None,
) -> None:
    add_update(
        database,
        action,
        UpdateInput(
            day,
            "Pip Mayo",
            status,
            rag,
            percent,
            "",
            revised,
            "Consultation ran late" if revised else None,
        ),
    )


def _raw(database: Database, sql: str) -> None:
    """SQL straight to the database, behind the app's back (as a stray tool would)."""
    with database.engine.begin() as connection:
        connection.exec_driver_sql(sql)


def test_a_closed_period_freezes_positions_and_refuses_changes(
    database: Database, small_plan: dict[str, int]
) -> None:
    plan = _plan_id(database)
    period = close_period(database, plan, date(2019, 3, 12), "Board, March 2019", user="PMO")
    assert (period.label, period.actions) == ("Board, March 2019", 6)
    assert [p.label for p in list_periods(database, plan)] == ["Board, March 2019"]
    for sql in (
        "UPDATE period_position SET rag = 'G'",
        "DELETE FROM period_position",
        "UPDATE reporting_period SET label = 'x'",
        "DELETE FROM reporting_period",
    ):
        with pytest.raises(DBAPIError, match="closed reporting period"):
            _raw(database, sql)
    with pytest.raises(TrackerError, match="already closed"):
        close_period(database, plan, date(2019, 3, 12), None, user="PMO")
    assert verify_periods(database).ok and verify_chain(database).ok
    closing = list_audit(database, record_type="period")
    assert closing[0].field == "closed" and closing[0].user == "PMO"


def test_verify_catches_a_period_altered_behind_the_triggers(
    database: Database, small_plan: dict[str, int]
) -> None:
    plan = _plan_id(database)
    close_period(database, plan, date(2019, 3, 12), None, user="PMO")
    on_table = " ON period_position" if database.engine.dialect.name == "postgresql" else ""
    _raw(database, f"DROP TRIGGER period_position_no_update{on_table}")
    _raw(database, "UPDATE period_position SET rag = 'G' WHERE rag = 'R'")
    check = verify_periods(database)
    assert not check.ok and "has been altered" in check.message
    assert verify_chain(database).ok  # the chain itself is whole: the period is not


def test_deleting_the_plan_still_removes_its_periods(
    database: Database, small_plan: dict[str, int]
) -> None:
    plan = _plan_id(database)
    close_period(database, plan, date(2019, 3, 12), None, user="PMO")
    delete_plan(database, plan)
    assert list_periods(database, plan) == []
    assert verify_periods(database).ok


def test_trend_and_direction_of_travel(database: Database, small_plan: dict[str, int]) -> None:
    plan = _plan_id(database)
    first = close_period(database, plan, date(2019, 1, 31), "January", user="PMO")
    # Complete, newly red, slipped, and one left alone.
    _update(database, small_plan["Set up the board"], date(2019, 2, 10), "Complete", "G", 100)
    _update(database, small_plan["Falls service"], date(2019, 2, 11), "In progress", "R", 30)
    _update(
        database,
        small_plan["Shared with Pip"],
        date(2019, 2, 12),
        "In progress",
        None,
        5,
        revised=date(2030, 6, 30),
    )
    close_period(database, plan, date(2019, 2, 28), "February", user="PMO")
    trend = rag_trend(database, plan)
    assert [(t.label, t.on) for t in trend] == [
        ("January", date(2019, 1, 31)),
        ("February", date(2019, 2, 28)),
    ]
    assert trend[0].by_workstream["Governance and Leadership"] == {
        "R": 1,
        "A": 1,
        "G": 1,
        "Complete": 0,
        "None": 1,
    }
    assert trend[1].by_workstream["Governance and Leadership"]["Complete"] == 1
    assert trend[1].by_workstream["Prevention"] == {
        "R": 1,
        "A": 0,
        "G": 0,
        "Complete": 0,
        "None": 1,
    }
    assert [t.label for t in rag_trend(database, plan, last=1)] == ["February"]

    moved = direction_of_travel(database, plan, as_at=date(2019, 2, 28))
    assert moved.previous is not None and moved.previous.id == first.id
    by_text = {t.action.text: t.movement for t in moved.actions.values()}
    assert by_text["Set up the board"].travel is Travel.BETTER
    assert "completed" in by_text["Set up the board"].reasons
    assert by_text["Falls service"].travel is Travel.WORSE
    assert by_text["Agree the vision"].travel is Travel.UNCHANGED
    assert [x.text for x in moved.completed] == ["Set up the board"]
    # Red now, and overdue since its revised date passed.
    assert [x.text for x in moved.new_exceptions] == ["Publish the vision", "Falls service"]
    assert [(s.action.text, s.was_due, s.now_due, s.reason) for s in moved.slipped] == [
        ("Shared with Pip", date(2030, 2, 28), date(2030, 6, 30), "Consultation ran late")
    ]
    ws = {w.title: w.id for w in moved.snapshot.workstreams}
    # One action better (completed), one worse (newly overdue): on balance unchanged.
    assert moved.workstreams[ws["Governance and Leadership"]] is Travel.UNCHANGED
    assert by_text["Shared with Pip"].travel is Travel.BETTER  # started
    assert moved.workstreams[ws["Prevention"]] is Travel.UNCHANGED
    # Due within 90 days of the as-at date and not complete (the board is complete now).
    assert moved.look_ahead == []
    nothing_before = direction_of_travel(database, plan, as_at=date(2019, 1, 31))
    assert nothing_before.previous is None and nothing_before.completed == []
    assert {t.movement.travel for t in nothing_before.actions.values()} == {Travel.NEW}
    assert [x.text for x in nothing_before.look_ahead] == ["Publish the vision", "Set up the board"]


def test_key_messages_are_audited_and_close_with_the_next_period(
    database: Database, small_plan: dict[str, int]
) -> None:
    plan = _plan_id(database)
    first = close_period(database, plan, date(2019, 1, 31), "January", user="PMO")
    set_key_messages(database, first.id, "Vision agreed.", user="PMO")
    assert set_key_messages(database, first.id, "Vision agreed; board set up.", user="PMO") == (
        "Vision agreed."
    )
    assert list_periods(database, plan)[0].key_messages == "Vision agreed; board set up."
    edits = [r for r in list_audit(database, record_type="period") if r.field == "key messages"]
    assert [r.new_value for r in edits] == ["Vision agreed.", "Vision agreed; board set up."]
    close_period(database, plan, date(2019, 2, 28), "February", user="PMO")
    with pytest.raises(TrackerError, match="can no longer be changed"):
        set_key_messages(database, first.id, "Too late", user="PMO")
    assert list_periods(database, plan)[0].key_messages == "Vision agreed; board set up."


def test_a_period_cannot_close_in_the_future(
    database: Database, small_plan: dict[str, int]
) -> None:
    with pytest.raises(TrackerError, match="in the future"):
        close_period(database, _plan_id(database), date(2999, 1, 1), None, user="PMO")
    assert list_periods(database, _plan_id(database)) == []


def test_returns_as_they_stood_on_the_reports_date(
    database: Database, small_plan: dict[str, int]
) -> None:
    from tracker.services.board_cycle_data import period_sheets
    from tracker.services.plan_snapshot import load_snapshot
    from tracker.services.returns_chasing import (
        SentReturn,
        mark_return_back,
        record_returns_sent,
        returns_status,
    )

    plan = _plan_id(database)
    record_returns_sent(
        database,
        plan,
        [SentReturn("r1", "lead:pip mayo", "Pip Mayo", "pip.xlsx", 3)],
        sent_on=date(2018, 7, 1),
        due_back=date(2018, 7, 10),
        contact="",
    )
    mark_return_back(database, "r1", date(2018, 7, 20))
    [chase] = returns_status(database, plan, today=date(2018, 8, 1))
    assert (chase.back_on, chase.outstanding, chase.overdue) == (date(2018, 7, 20), False, False)
    audit = [(r.field, r.new_value) for r in list_audit(database, record_type="return")]
    assert audit == [("sent", "pip.xlsx to Pip Mayo"), ("back_on", "2018-07-20")]

    def lines(day: date) -> list[tuple[object, ...]]:
        snapshot = load_snapshot(database, plan, as_at=day)
        return [
            (r.back_on, r.overdue) for r in period_sheets(database, plan, day, snapshot).returns
        ]

    assert lines(date(2018, 6, 30)) == []  # not sent yet
    assert lines(date(2018, 7, 15)) == [(None, True)]  # late, and not back then
    assert lines(date(2018, 7, 25)) == [(date(2018, 7, 20), False)]
