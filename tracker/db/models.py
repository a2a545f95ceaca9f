"""The tables, in one module: plans, workstreams, areas, actions, updates and people.

A plan holds workstreams (one per tab, Enablers has three), a workstream holds areas for
improvement, an area holds actions, an action carries its dated updates. People are
records of their own so that "everything Pip Mayo leads" is one query. Updates are
history: rows are added, never changed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp stored as ISO 8601 text.

    SQLite has no datetime type and SQLAlchemy's stores naive values; keeping the offset
    in the text means a timestamp read back is the instant that was written.
    """

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware (UTC)")
        return _utc_text(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.fromisoformat(value)


@lru_cache(maxsize=64)
def _utc_text(value: datetime) -> str:
    # An import stamps thousands of rows with one instant: format it once.
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def utc_now() -> datetime:
    return datetime.now(UTC)


def _fk(target: str, *, index: bool = True) -> Any:
    return Field(
        sa_column=Column(
            Integer, ForeignKey(target, ondelete="CASCADE"), nullable=False, index=index
        )
    )


class Person(SQLModel, table=True):
    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    # Casefolded, whitespace-collapsed name: "Pip  Mayo" and "pip mayo" are one person.
    name_key: str = Field(sa_column=Column(String, unique=True, nullable=False))


class Plan(SQLModel, table=True):
    __tablename__ = "plan"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    source_file: str | None = None
    # Content hash of the imported workbook: the same file imported twice is noticed.
    source_sha256: str | None = Field(default=None, index=True)
    imported_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    # An archived plan is kept but hidden from the window's tabs and the reports.
    archived: bool = Field(
        default=False,
        sa_column=Column(Boolean, nullable=False, default=False, server_default="0"),
    )


class Workstream(SQLModel, table=True):
    __tablename__ = "workstream"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    tab: str
    title: str
    position: int = 0
    # Grows with every change to the row (a trigger bumps it): an edit made from an older
    # version is a conflict, never a silent overwrite.
    version: int = Field(
        default=1, sa_column=Column(Integer, nullable=False, default=1, server_default="1")
    )


class Area(SQLModel, table=True):
    """An area for improvement: one CQC finding with the actions that answer it."""

    __tablename__ = "area"

    id: int | None = Field(default=None, primary_key=True)
    workstream_id: int = _fk("workstream.id")
    ref: str
    title: str = Field(default="", sa_type=Text)
    what_has_changed: str = Field(default="", sa_type=Text)
    plans_in_place: str = Field(default="", sa_type=Text)
    lead_in: str = Field(default="", sa_type=Text)
    lead_text: str = Field(default="", sa_type=Text)
    deadline_text: str = Field(default="", sa_type=Text)
    position: int = 0
    source_row: int | None = None
    # Grows with every change to the row (a trigger bumps it): an edit made from an older
    # version is a conflict, never a silent overwrite.
    version: int = Field(
        default=1, sa_column=Column(Integer, nullable=False, default=1, server_default="1")
    )


class AreaLead(SQLModel, table=True):
    __tablename__ = "area_lead"

    area_id: int = Field(
        sa_column=Column(Integer, ForeignKey("area.id", ondelete="CASCADE"), primary_key=True)
    )
    person_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )
    role: str = "Lead"
    position: int = 0


class Action(SQLModel, table=True):
    __tablename__ = "action"

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = _fk("area.id")
    position: int = 0
    label: str = ""
    text: str = Field(default="", sa_type=Text)
    deadline_text: str = Field(default="", sa_type=Text)
    lead_text: str = Field(default="", sa_type=Text)
    start_date: date | None = None
    due_date: date | None = None
    revised_due_date: date | None = None
    status: str = "Not started"
    rag: str | None = None
    percent: int = 0
    needs_review: bool = False
    review_reason: str | None = Field(default=None, sa_type=Text)
    # When any field of the action last changed (edit, update, import, status return).
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # An action a revised plan dropped: kept with its updates, hidden from tabs and reports.
    archived: bool = Field(
        default=False,
        sa_column=Column(Boolean, nullable=False, default=False, server_default="0"),
    )
    # Completion with evidence: None, "proposed", "verified" or "sent back", with who
    # took that step and when (tracker.services.closure).
    closure_state: str | None = None
    closure_by: str | None = None
    closure_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closure_note: str | None = Field(default=None, sa_type=Text)
    # Grows with every change to the row (a trigger bumps it): an edit made from an older
    # version is a conflict, never a silent overwrite.
    version: int = Field(
        default=1, sa_column=Column(Integer, nullable=False, default=1, server_default="1")
    )


class ActionLead(SQLModel, table=True):
    __tablename__ = "action_lead"

    action_id: int = Field(
        sa_column=Column(Integer, ForeignKey("action.id", ondelete="CASCADE"), primary_key=True)
    )
    person_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )
    position: int = 0
    # True when the sheet named no lead for this action and it took the area's leads.
    inherited: bool = False


class Update(SQLModel, table=True):
    """A progress report on an action. History: added, never overwritten."""

    __tablename__ = "update"
    __table_args__ = (Index("ix_update_action_date", "action_id", "date"),)

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(
        sa_column=Column(Integer, ForeignKey("action.id", ondelete="CASCADE"), nullable=False)
    )
    date: date
    author: str
    status: str
    rag: str | None = None
    percent: int = 0
    narrative: str = Field(default="", sa_type=Text)
    revised_due_date: date | None = None
    revision_reason: str | None = Field(default=None, sa_type=Text)
    # Why the declared RAG is greener than the calculated one (required then).
    rag_reason: str | None = Field(default=None, sa_type=Text)
    # Where the update came from: "window", "cli", "status return <file>".
    source: str = "window"
    recorded_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    # What the board needs to know and do about an exception this update raises.
    cause: str | None = Field(default=None, sa_type=Text)
    mitigation: str | None = Field(default=None, sa_type=Text)
    recovery_date: date | None = None
    decision_asked: str | None = Field(default=None, sa_type=Text)


class AppSetting(SQLModel, table=True):
    """Facts about this database file (not per-machine UI state, which lives in QSettings)."""

    __tablename__ = "app_setting"

    key: str = Field(primary_key=True)
    value: str = Field(sa_type=Text)


class AuditLog(SQLModel, table=True):
    """Who changed what, when, and through what: evidence for a regulator.

    Append only: the app has no code path that updates or deletes a row, and triggers
    refuse both. Each row's ``hash`` covers its own fields and the previous row's hash,
    so a row edited by hand breaks the chain (``tracker verify``).
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "record_type", "record_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    user: str
    cause: str  # "edit", "import", "status return", "undo", "redo", "restore"
    record_type: str  # "plan", "area", "action", "update"
    record_id: int
    field: str
    old_value: str | None = Field(default=None, sa_type=Text)
    new_value: str | None = Field(default=None, sa_type=Text)
    prev_hash: str
    hash: str


class ReportingPeriod(SQLModel, table=True):
    """A closed reporting period: the date a board was reported to. Never changed once
    written (triggers refuse it); its closing is in the audit chain with a digest of its
    positions, so ``tracker verify`` notices a period altered behind the triggers."""

    __tablename__ = "reporting_period"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    on_date: date
    label: str
    closed_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    closed_by: str


class PeriodPosition(SQLModel, table=True):
    """Where one action stood when its period closed (immutable, as its period)."""

    __tablename__ = "period_position"

    id: int | None = Field(default=None, primary_key=True)
    period_id: int = _fk("reporting_period.id")
    # Not a foreign key: what was reported stays as it was reported.
    action_id: int
    workstream: str
    ref: str
    status: str
    rag: str | None = None
    percent: int = 0
    due_date: date | None = None
    revised_due_date: date | None = None
    overdue: bool = False


class PeriodKeyMessages(SQLModel, table=True):
    """The programme office's key messages for a period's report (editable, audited)."""

    __tablename__ = "period_key_messages"

    period_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("reporting_period.id", ondelete="CASCADE"), primary_key=True
        )
    )
    text: str = Field(sa_type=Text)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_by: str


class ReturnSent(SQLModel, table=True):
    """A status return exported: what went to whom, when it is due back, when it came."""

    __tablename__ = "return_sent"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    return_id: str = Field(index=True)
    scope: str
    for_whom: str
    file_name: str
    actions: int
    sent_on: date
    due_back: date | None = None
    contact: str = ""
    back_on: date | None = None
    sent_by: str


# Assurance: calculated RAG thresholds, findings and quality statements --------------------


class PlanRagRule(SQLModel, table=True):
    """A plan's thresholds for the calculated RAG (``tracker.rag_rule.RagRule``); a plan
    without a row uses the defaults."""

    __tablename__ = "plan_rag_rule"

    plan_id: int = Field(
        sa_column=Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True)
    )
    red_days_late: int = 30
    red_points_behind: int = 25
    amber_points_behind: int = 10
    amber_due_within_days: int = 14
    amber_percent_below: int = 80
    roll_up: str = "worst"


class Finding(SQLModel, table=True):
    """What the inspectors found: an area for improvement or a key finding of a review."""

    __tablename__ = "finding"
    __table_args__ = (Index("ix_finding_plan_ref", "plan_id", "ref", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id", index=False)
    ref: str
    kind: str = "area for improvement"  # or "key finding"
    text: str = Field(default="", sa_type=Text)
    source: str = Field(default="", sa_type=Text)
    position: int = 0


class AreaFinding(SQLModel, table=True):
    """An area of the plan answers a finding."""

    __tablename__ = "area_finding"

    area_id: int = Field(
        sa_column=Column(Integer, ForeignKey("area.id", ondelete="CASCADE"), primary_key=True)
    )
    finding_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("finding.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )


class ActionQualityStatement(SQLModel, table=True):
    """An action serves a CQC quality statement (a reference from the shipped lists)."""

    __tablename__ = "action_quality_statement"

    action_id: int = Field(
        sa_column=Column(Integer, ForeignKey("action.id", ondelete="CASCADE"), primary_key=True)
    )
    statement_ref: str = Field(sa_column=Column(String, primary_key=True, index=True))


class QualityStatementScore(SQLModel, table=True):
    """The latest indicative score (1-4) a plan holds for a quality statement."""

    __tablename__ = "quality_statement_score"

    plan_id: int = Field(
        sa_column=Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True)
    )
    statement_ref: str = Field(sa_column=Column(String, primary_key=True))
    score: int
    recorded_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class Evidence(SQLModel, table=True):
    """A file or a link that shows an action was done. A file's bytes are stored here, with
    the database, so backups and copies of the file carry them. Removing evidence only
    marks it removed: it stays in the table (and its history in the audit log)."""

    __tablename__ = "evidence"

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = _fk("action.id")
    kind: str  # "file" or "link"
    description: str = Field(default="", sa_type=Text)
    # A file's name as it was added; a link's URL or shared-drive path.
    name: str = Field(default="", sa_type=Text)
    url: str | None = Field(default=None, sa_type=Text)
    media_type: str | None = None
    size: int | None = None
    sha256: str | None = None
    content: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    added_by: str
    added_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    removed_by: str | None = None
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class WorkstreamMember(SQLModel, table=True):
    """A team database's lead: the PostgreSQL role that may change this workstream.

    Row-level security policies read it (``tracker team-grant`` fills it); an SQLite file
    keeps it empty.
    """

    __tablename__ = "workstream_member"

    workstream_id: int = Field(
        sa_column=Column(Integer, ForeignKey("workstream.id", ondelete="CASCADE"), primary_key=True)
    )
    db_role: str = Field(
        sa_column=Column(String, primary_key=True, index=True),
    )


class SyncOrigin(SQLModel, table=True):
    """Where a working copy came from (one row, only in a working copy).

    ``source`` is the team database's address without its password; ``workstreams`` a JSON
    list of the workstream ids taken (empty: the whole plan).
    """

    __tablename__ = "sync_origin"

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(sa_type=Text)
    plan_id: int
    plan_name: str = Field(sa_type=Text)
    workstreams: str = Field(sa_type=Text)
    checked_out_at: datetime = Field(sa_type=UTCDateTime)
    last_synced_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SyncRow(SQLModel, table=True):
    """A row of a working copy, its row on the team database and that row's state there at
    the last sync (JSON): the base of the three-way comparison a sync makes."""

    __tablename__ = "sync_row"
    __table_args__ = (UniqueConstraint("table_name", "source_id", name="uq_sync_row_source"),)

    table_name: str = Field(primary_key=True)
    local_id: int = Field(primary_key=True)
    source_id: int
    base: str | None = Field(default=None, sa_type=Text)


class UpdateKey(SQLModel, table=True):
    """A key an update keeps on every copy of the database: a sync adds it only once."""

    __tablename__ = "update_key"

    update_id: int = Field(
        sa_column=Column(Integer, ForeignKey("update.id", ondelete="CASCADE"), primary_key=True)
    )
    key: str = Field(sa_column=Column(String(36), unique=True, nullable=False))
