"""Two people editing the same thing: an edit made from a value someone else has changed
since it was read is a conflict, shown to the person, never a silent overwrite.

Every editable row (action, area, workstream) carries a ``version`` that a trigger moves
on each change. An edit says what it was based on: the value the person saw
(``seen``) and, when it has one, the row's version then (``read_version``). Inside the
write transaction, which holds the write lock, :func:`check_not_changed` compares them
with the row as it is now. The row having moved on is not by itself a conflict: if the
field the person edited still holds what they saw (someone changed another field), or
already holds what they typed, the edit goes ahead. Updates are history and are only
ever appended, so they never conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from tracker.db.models import AuditLog
from tracker.errors import TrackerError
from tracker.services.audit import as_text


class _Unseen:
    """The edit says nothing about what it was based on: no check (scripts, imports)."""

    def __repr__(self) -> str:
        return "UNSEEN"


UNSEEN: Any = _Unseen()

# Fields whose two versions can both be kept, one after the other.
TEXT_FIELDS = frozenset({"text", "title", "what_has_changed", "plans_in_place", "lead_in"})


class EditConflictError(TrackerError):
    """Someone else changed this field since it was read: theirs and mine, to choose from."""

    def __init__(self, conflict: EditConflict) -> None:
        super().__init__(conflict.message())
        self.conflict = conflict


@dataclass(frozen=True)
class EditConflict:
    record_type: str  # "action", "area", "workstream"
    record_id: int
    field: str
    label: str  # the field in the user's words: "text", "due date"
    seen: Any  # what the person's edit was based on
    theirs: Any  # what is in the database now
    mine: Any  # what the person entered
    version: int  # the row's version now: resolve by editing from it
    changed_by: str | None  # who made the change the person had not seen

    @property
    def can_keep_both(self) -> bool:
        return self.field in TEXT_FIELDS

    def message(self) -> str:
        who = self.changed_by or "someone else"
        return (
            f"The {self.label} of this {self.record_type} was changed by {who} after you "
            f"read it. Theirs: {_shown(self.theirs)}; yours: {_shown(self.mine)}. Nothing "
            "was saved: choose which to keep."
        )


def _shown(value: Any) -> str:
    text = as_text(value)
    if text is None or text == "":
        return "(empty)"
    return repr(text if len(text) <= 60 else text[:57] + "...")


def keep_both(theirs: str | None, mine: str | None) -> str:
    """Both texts, theirs first, as one: for narratives and other free text."""
    parts = [p.strip() for p in (theirs, mine) if p and p.strip()]
    return "\n\n".join(dict.fromkeys(parts))


def check_not_changed(
    session: Session,
    *,
    record_type: str,
    record_id: int,
    field: str,
    label: str,
    current: Any,
    version: int,
    mine: Any,
    seen: Any = UNSEEN,
    read_version: int | None = None,
) -> None:
    """Raise :class:`EditConflictError` when the edit would overwrite a change its author
    had not seen; called inside the write transaction that makes the edit."""
    if seen is UNSEEN and read_version is None:
        return
    if read_version is not None and version == read_version:
        return
    if seen is not UNSEEN and current == seen:
        return  # the row moved on, but not this field
    if current == mine:
        return  # both made the same change
    raise EditConflictError(
        EditConflict(
            record_type,
            record_id,
            field,
            label,
            None if seen is UNSEEN else seen,
            current,
            mine,
            version,
            _last_changed_by(session, record_type, record_id, field),
        )
    )


def _last_changed_by(session: Session, record_type: str, record_id: int, field: str) -> str | None:
    return session.execute(
        select(AuditLog.user)
        .where(
            AuditLog.record_type == record_type,
            AuditLog.record_id == record_id,
            AuditLog.field == field,
        )
        .order_by(AuditLog.id.desc())
        .limit(1)
    ).scalar()
