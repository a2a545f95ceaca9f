"""The audit trail: recording every change in a hash chain, reading it, verifying it.

Every service that writes calls :func:`record_changes` inside its own transaction, so a
change and its audit record commit together or not at all. Each record's hash covers its
fields and the previous record's hash; because writers take the write lock first
(SQLite's ``BEGIN IMMEDIATE``, PostgreSQL's advisory lock), two processes cannot both
extend the chain from the same link.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlmodel import Session

from tracker.db.database import Database
from tracker.db.models import AuditLog, utc_now

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class Change:
    record_type: str  # "plan", "area", "action", "update"
    record_id: int
    field: str
    old: Any = None
    new: Any = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user: str
    cause: str
    record_type: str
    record_id: int
    field: str
    old_value: str | None
    new_value: str | None


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    records: int
    message: str
    first_bad_id: int | None = None


def as_text(value: Any) -> str | None:
    """How a value is written into the log: dates ISO, lists comma-separated."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _timestamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def _digest(prev_hash: str, fields: list[Any]) -> str:
    payload = json.dumps([prev_hash, *fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _last_hash(session: Session) -> str:
    last = session.execute(select(AuditLog.hash).order_by(AuditLog.id.desc()).limit(1))
    return last.scalar() or GENESIS_HASH


def record_changes(session: Session, *, user: str, cause: str, changes: Iterable[Change]) -> None:
    """Append these changes to the log, chained, inside the caller's transaction."""
    rows = []
    prev = _last_hash(session)
    at = utc_now()
    for change in changes:
        old, new = as_text(change.old), as_text(change.new)
        if old == new:
            continue
        fields = [
            _timestamp(at),
            user,
            cause,
            change.record_type,
            change.record_id,
            change.field,
            old,
            new,
        ]
        digest = _digest(prev, fields)
        rows.append(
            {
                "at": at,
                "user": user,
                "cause": cause,
                "record_type": change.record_type,
                "record_id": change.record_id,
                "field": change.field,
                "old_value": old,
                "new_value": new,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    if rows:
        session.execute(insert(AuditLog), rows)


def verify_chain(database: Database) -> ChainCheck:
    """Recompute every hash; the first record that does not match is reported."""
    with database.read() as session:
        return check_chain(session)


def check_chain(session: Session) -> ChainCheck:
    """:func:`verify_chain` inside the caller's transaction (a copy checks what it wrote
    before committing it)."""
    prev = GENESIS_HASH
    count = 0
    for row in session.execute(select(AuditLog).order_by(AuditLog.id)).scalars():
        count += 1
        fields = [
            _timestamp(row.at),
            row.user,
            row.cause,
            row.record_type,
            row.record_id,
            row.field,
            row.old_value,
            row.new_value,
        ]
        if row.prev_hash != prev or _digest(prev, fields) != row.hash:
            return ChainCheck(
                False,
                count,
                f"The audit log has been altered at record {row.id} "
                f"({row.record_type} {row.record_id}, {row.field}, {_timestamp(row.at)}): "
                "its contents no longer match the chain. Records from there on cannot "
                "be trusted; restore the database from a backup taken before then.",
                row.id,
            )
        prev = row.hash
    return ChainCheck(True, count, f"The audit log is intact: {count} records checked.")


def list_audit(
    database: Database,
    *,
    since: date | None = None,
    record_type: str | None = None,
    record_id: int | None = None,
) -> list[AuditRow]:
    """Audit records, oldest first, optionally from a date or for one record."""
    query = select(AuditLog).order_by(AuditLog.id)
    if since is not None:
        query = query.where(AuditLog.at >= datetime(since.year, since.month, since.day, tzinfo=UTC))
    if record_type is not None:
        query = query.where(AuditLog.record_type == record_type)
    if record_id is not None:
        query = query.where(AuditLog.record_id == record_id)
    with database.read() as session:
        return [
            AuditRow(
                r.id,
                r.at,
                r.user,
                r.cause,
                r.record_type,
                r.record_id,
                r.field,
                r.old_value,
                r.new_value,
            )
            for r in session.execute(query).scalars()
        ]
