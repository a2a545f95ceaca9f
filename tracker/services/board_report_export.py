"""Exporting the board report: gather the plan's figures, exceptions and changes, have
:mod:`tracker.excel.board_report` write them, and remember when the report sent to the board
was exported.

Only a report marked as the one sent to the board (``final``) moves the point "changes
since the last report" counts from: drafts can be exported as often as needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from tracker.collector import collector_paused
from tracker.db.database import Database
from tracker.db.models import utc_now
from tracker.excel.board_report import (
    BoardReportData,
    ExceptionCounts,
    ExceptionLine,
    write_board_report,
)
from tracker.services.assurance_report import assurance_data
from tracker.services.board_cycle_data import exception_details, period_sheets
from tracker.services.database_settings import last_report_exported_at, record_report_exported
from tracker.services.exceptions import ExceptionKind, count_by_kind, list_exceptions
from tracker.services.export_data import choose_plan, latest_reasons, plan_only, updates_recorded
from tracker.services.overview import summarise
from tracker.services.plan_snapshot import load_snapshot


@dataclass(frozen=True)
class BoardReport:
    """What was exported, for the CLI and the window to report."""

    path: Path
    plan_name: str
    as_at: date
    since: datetime | None
    workstreams: int
    actions: int
    exceptions: int
    changes: int
    final: bool = False  # marked as the report sent to the board


@collector_paused()
def export_board_report(
    database: Database,
    out: Path,
    *,
    as_at: date | None = None,
    since: datetime | date | None = None,
    plan: str | int | None = None,
    final: bool = False,
) -> BoardReport:
    """Write the board report to ``out``; when ``final`` (the report sent to the board),
    remember when it was exported.

    ``as_at`` (default today) dates the figures: what is overdue or due soon. The Changes
    sheet lists updates recorded after ``since`` (a date means from its start), by default
    after the last report sent to the board from this database, and up to the end of
    ``as_at`` when ``as_at`` is given. A draft (not ``final``) leaves that point where it
    is, so the next report still lists the same changes.
    """
    exported_at = utc_now()
    data = gather_board_report(database, as_at=as_at, since=since, plan=plan, final=final)
    exceptions = write_board_report(out, data)
    if final:
        record_report_exported(database, exported_at)
    return BoardReport(
        out,
        data.plan_name,
        data.as_at,
        data.since_at,
        len(data.workstreams),
        len(data.actions),
        exceptions,
        len(data.changes),
        final,
    )


@collector_paused()
def gather_board_report(
    database: Database,
    *,
    as_at: date | None = None,
    since: datetime | date | None = None,
    plan: str | int | None = None,
    final: bool = False,
) -> BoardReportData:
    """Everything the board report shows (see :func:`export_board_report` for the
    arguments), for a writer to lay out: the workbook, or the highlight report PDF."""
    today = as_at or date.today()
    # As at a past date, every figure is what a report made that day would have said.
    whole = load_snapshot(database, as_at=as_at)
    chosen = choose_plan(whole, plan)
    snapshot = plan_only(whole, chosen.id)
    since_at = _since(database, since)
    since_label = "the last report sent to the board" if since is None else "as asked"
    until = _end_of(as_at) if as_at is not None else None
    reasons = latest_reasons(database, chosen.id, as_at=as_at)
    changes = updates_recorded(database, chosen.id, since_at, until)
    summaries, total = summarise(snapshot, today)
    listed = list_exceptions(snapshot.actions, today)
    counts = count_by_kind(listed)

    data = BoardReportData(
        plan_name=chosen.name,
        as_at=today,
        workstreams=snapshot.workstreams,
        areas=snapshot.areas,
        actions=snapshot.actions,
        summaries=summaries,
        total=total,
        exceptions=[ExceptionLine("; ".join(x.reasons()), x.action) for x in listed],
        exception_counts=ExceptionCounts(
            red=counts[ExceptionKind.RED],
            overdue=counts[ExceptionKind.OVERDUE],
            slipped=counts[ExceptionKind.SLIPPED],
            undated=counts[ExceptionKind.UNDATED],
        ),
        reasons=reasons,
        changes=changes,
        since_at=since_at,
        since_label=since_label,
        author=database.actor,
        final=final,
        period=period_sheets(database, chosen.id, today, snapshot),
        exception_details=exception_details(database, chosen.id, today),
        assurance=assurance_data(database, chosen.id, snapshot, today),
    )
    return data


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time.max).astimezone()


def _since(database: Database, since: datetime | date | None) -> datetime | None:
    if since is None:
        return last_report_exported_at(database)
    if isinstance(since, datetime):
        return since if since.tzinfo else since.astimezone()
    # A date means from the start of that day, local time.
    return datetime.combine(since, time.min).astimezone()
