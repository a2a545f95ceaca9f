"""Evidence on an action: files stored with the database and links, each described, with
who added it and when.

A file's bytes go into the ``evidence`` table, with its SHA-256, size, original name and
media type, so a backup (or a future shared database) carries them. Links are web
addresses (http, https, mailto) or paths on a shared drive. Evidence is never silently
lost: removing it only marks it removed (it stays in the table, hidden, and can be
restored), and every addition, removal and restoration is in the audit log.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PureWindowsPath
from urllib.parse import urlsplit

from sqlalchemy import func, insert, or_, select, update
from sqlmodel import Session

from tracker.db.database import Database
from tracker.db.models import Action, Evidence, utc_now
from tracker.errors import TrackerError
from tracker.services.action_edits import ValidationError, existing
from tracker.services.audit import Change, record_changes

# Big enough for a signed-off report or a scanned minute; small enough that the database
# (and every backup of it) stays easy to copy. Larger files belong on a shared drive, as a link.
MAX_EVIDENCE_BYTES = 25 * 1024 * 1024
MAX_DESCRIPTION_CHARS = 500

FILE = "file"
LINK = "link"
WEB_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class EvidenceRow:
    """One piece of evidence as the window, the CLI and the JSON show it (no bytes)."""

    id: int
    action_id: int
    kind: str  # "file" or "link"
    description: str
    name: str  # a file's original name; a link's address
    url: str | None
    media_type: str | None
    size: int | None
    sha256: str | None
    added_by: str
    added_at: datetime
    removed_by: str | None = None
    removed_at: datetime | None = None

    @property
    def removed(self) -> bool:
        return self.removed_at is not None

    @property
    def summary(self) -> str:
        """``file minutes.pdf (12 KB): Board minutes`` — how the audit log names it."""
        size = f" ({size_text(self.size)})" if self.size is not None else ""
        text = f"{self.kind} {self.name}{size}"
        return f"{text}: {self.description}" if self.description else text


def size_text(size: int) -> str:
    """``512 bytes``, ``12 KB``, ``3.4 MB``."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _row(e: Evidence) -> EvidenceRow:
    return EvidenceRow(
        e.id,
        e.action_id,
        e.kind,
        e.description,
        e.name,
        e.url,
        e.media_type,
        e.size,
        e.sha256,
        e.added_by,
        e.added_at,
        e.removed_by,
        e.removed_at,
    )


_COLUMNS = (
    Evidence.id, Evidence.action_id, Evidence.kind, Evidence.description, Evidence.name,
    Evidence.url, Evidence.media_type, Evidence.size, Evidence.sha256, Evidence.added_by,
    Evidence.added_at, Evidence.removed_by, Evidence.removed_at,
)  # fmt: skip


def _description(text: str | None, fallback: str) -> str:
    description = " ".join((text or "").split()) or fallback
    if len(description) > MAX_DESCRIPTION_CHARS:
        raise ValidationError(
            f"The description is {len(description)} characters long: keep it to "
            f"{MAX_DESCRIPTION_CHARS} (a short note of what the evidence shows)."
        )
    return description


# Files --------------------------------------------------------------------------------
def read_evidence_file(path: Path) -> bytes:
    """The file's bytes, refused with a clear message when missing, a folder or too big."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ValidationError(f"{path} was not found: check the file's name and folder.") from None
    except OSError as exc:
        raise ValidationError(f"{path} cannot be read ({exc.strerror}).") from None
    if not path.is_file():
        raise ValidationError(f"{path} is a folder, not a file: choose a file to add as evidence.")
    if size > MAX_EVIDENCE_BYTES:
        raise ValidationError(_too_large(path.name, size))
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"{path} cannot be read ({exc.strerror}).") from None
    if len(content) > MAX_EVIDENCE_BYTES:  # it grew while we looked
        raise ValidationError(_too_large(path.name, len(content)))
    return content


def _too_large(name: str, size: int) -> str:
    return (
        f"{name} is too large to store: it is {size:,} bytes and an evidence file can be "
        f"at most {MAX_EVIDENCE_BYTES:,} ({size_text(MAX_EVIDENCE_BYTES)}). Put it on a "
        "shared drive and add a link to it instead."
    )


def add_file(database: Database, action_id: int, path: Path, description: str | None = None) -> int:
    """Store a copy of the file at ``path`` as evidence on the action; returns its id."""
    content = read_evidence_file(path)
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    values = {
        "kind": FILE,
        "description": _description(description, path.name),
        "name": path.name,
        "url": None,
        "media_type": media_type,
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "content": content,
    }
    with database.write() as session:
        return _insert(session, database.actor, action_id, values)


# Links --------------------------------------------------------------------------------
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")

LINK_HELP = (
    "give a web address starting http:// or https://, a mailto: address, or the full "
    r"path of a file on a shared drive (\\server\share\folder\file.pdf, S:\folder\file.pdf "
    "or /mnt/share/file.pdf)"
)


def check_link(target: str) -> str:
    """The link tidied, or a message saying what links the tracker keeps."""
    text = target.strip()
    if not text:
        raise ValidationError(f"The link is empty: {LINK_HELP}.")
    if any(ch in text for ch in "\r\n\t"):
        raise ValidationError(f"The link {text!r} has a line break or tab in it: {LINK_HELP}.")
    if text.startswith(("\\\\", "//")):
        parts = [p for p in re.split(r"[\\/]", text) if p]
        if len(parts) < 2:
            raise ValidationError(
                f"{text} names no shared folder: a shared-drive path starts "
                r"\\server\share, then the folders and the file."
            )
        return text
    if _WINDOWS_DRIVE.match(text) or text.startswith("/"):
        return text
    scheme = urlsplit(text).scheme.casefold()
    if scheme in WEB_SCHEMES:
        if not urlsplit(text).hostname:
            raise ValidationError(f"{text} has no site name after {scheme}://: {LINK_HELP}.")
        return text
    if scheme == "mailto":
        if "@" not in text:
            raise ValidationError(f"{text} has no e-mail address after mailto:: {LINK_HELP}.")
        return text
    if scheme == "file":
        if not urlsplit(text).path:
            raise ValidationError(f"{text} names no file: {LINK_HELP}.")
        return text
    if scheme and len(scheme) > 1:
        raise ValidationError(
            f"{text} is a {scheme}: link, which the tracker does not keep: {LINK_HELP}."
        )
    raise ValidationError(f"{text} is not a link the tracker can keep: {LINK_HELP}.")


def is_link(target: str) -> bool:
    """Whether a command-line argument reads as a link rather than a local file to copy in:
    anything with a scheme (``https:``, ``mailto:``, ``file:``; others are then refused by
    :func:`check_link`) and UNC paths."""
    text = target.strip()
    if text.startswith(("\\\\", "//")):
        return True
    if Path(text).exists():
        return False
    # "S:\\folder\\file.pdf" has a one-letter "scheme": a drive, so a local file.
    return len(urlsplit(text).scheme) > 1


def add_link(
    database: Database, action_id: int, target: str, description: str | None = None
) -> int:
    """Record a link (web address or shared-drive path) as evidence; returns its id."""
    url = check_link(target)
    name = PureWindowsPath(url).name if "\\" in url else url
    values = {
        "kind": LINK,
        "description": _description(description, name or url),
        "name": url,
        "url": url,
        "media_type": None,
        "size": None,
        "sha256": None,
        "content": None,
    }
    with database.write() as session:
        return _insert(session, database.actor, action_id, values)


def _insert(session: Session, actor: str, action_id: int, values: dict[str, object]) -> int:
    existing(session, Action, action_id, "Action")
    now = utc_now()
    evidence_id = session.execute(
        insert(Evidence).returning(Evidence.id),
        [{"action_id": action_id, "added_by": actor, "added_at": now, **values}],
    ).scalar_one()
    row = _load(session, evidence_id)
    record_changes(
        session,
        user=actor,
        cause="evidence",
        changes=[
            Change("evidence", evidence_id, "added", None, row.summary),
            Change("action", action_id, "evidence added", None, f"#{evidence_id} {row.summary}"),
        ],
    )
    return evidence_id


# Reading ------------------------------------------------------------------------------
def _load(session: Session, evidence_id: int) -> EvidenceRow:
    found = session.execute(select(*_COLUMNS).where(Evidence.id == evidence_id)).first()
    if found is None:
        raise TrackerError(f"Evidence {evidence_id} no longer exists.")
    return EvidenceRow(*found)


def get_evidence(database: Database, evidence_id: int) -> EvidenceRow:
    with database.read() as session:
        return _load(session, evidence_id)


def list_evidence(
    database: Database, action_id: int, *, include_removed: bool = False
) -> list[EvidenceRow]:
    """The action's evidence, oldest first; removed evidence only when asked for."""
    query = select(*_COLUMNS).where(Evidence.action_id == action_id).order_by(Evidence.id)
    if not include_removed:
        query = query.where(Evidence.removed_at.is_(None))  # type: ignore[union-attr]
    with database.read() as session:
        return [EvidenceRow(*r) for r in session.execute(query)]


def evidence_by_action(
    session: Session, action_ids: Iterable[int] | None = None
) -> dict[int, list[EvidenceRow]]:
    """Live evidence grouped by action, oldest first, inside the caller's transaction."""
    query = (
        select(*_COLUMNS)
        .where(Evidence.removed_at.is_(None))  # type: ignore[union-attr]
        .order_by(Evidence.action_id, Evidence.id)
    )
    if action_ids is not None:
        query = query.where(Evidence.action_id.in_(list(action_ids)))
    grouped: dict[int, list[EvidenceRow]] = defaultdict(list)
    for found in session.execute(query):
        row = EvidenceRow(*found)
        grouped[row.action_id].append(row)
    return grouped


def count_live_evidence(session: Session, action_id: int) -> int:
    return len(evidence_by_action(session, [action_id]).get(action_id, []))


def read_file_bytes(database: Database, evidence_id: int) -> tuple[str, bytes]:
    """A stored file's original name and bytes, checked against its SHA-256."""
    with database.read() as session:
        found = session.execute(
            select(Evidence.kind, Evidence.name, Evidence.content, Evidence.sha256).where(
                Evidence.id == evidence_id
            )
        ).first()
    if found is None:
        raise TrackerError(f"Evidence {evidence_id} no longer exists.")
    kind, name, content, sha256 = found
    if kind != FILE or content is None:
        raise TrackerError(f"Evidence {evidence_id} is a link, not a stored file.")
    if hashlib.sha256(content).hexdigest() != sha256:
        raise TrackerError(
            f"The stored copy of {name} no longer matches the fingerprint taken when it was "
            "added: it has been altered outside the tracker. Restore it from a backup."
        )
    return name, content


# Removing and restoring ---------------------------------------------------------------
def remove(database: Database, evidence_id: int) -> None:
    """Hide the evidence from the action (kept in the table, audited, restorable)."""
    with database.write() as session:
        row = _load(session, evidence_id)
        if row.removed:
            raise ValidationError(f"That evidence ({row.name}) was already removed.")
        now = utc_now()
        session.execute(
            update(Evidence)
            .where(Evidence.id == evidence_id)
            .values(removed_by=database.actor, removed_at=now)
        )
        record_changes(
            session,
            user=database.actor,
            cause="evidence",
            changes=[
                Change("evidence", evidence_id, "removed", None, now),
                Change(
                    "action",
                    row.action_id,
                    "evidence removed",
                    f"#{evidence_id} {row.summary}",
                    None,
                ),
            ],
        )


def restore(database: Database, evidence_id: int) -> None:
    """Show removed evidence on its action again."""
    with database.write() as session:
        row = _load(session, evidence_id)
        if not row.removed:
            raise ValidationError(f"That evidence ({row.name}) is not removed.")
        session.execute(
            update(Evidence)
            .where(Evidence.id == evidence_id)
            .values(removed_by=None, removed_at=None)
        )
        record_changes(
            session,
            user=database.actor,
            cause="evidence",
            changes=[
                Change("evidence", evidence_id, "removed", row.removed_at, None),
                Change(
                    "action",
                    row.action_id,
                    "evidence restored",
                    None,
                    f"#{evidence_id} {row.summary}",
                ),
            ],
        )


def evidence_counts(database: Database, *, until: datetime | None = None) -> dict[int, int]:
    """How many pieces of evidence each action holds; with ``until``, as the record stood
    then (added by then and not removed by then), for a report as at a past day."""
    query = select(Evidence.action_id, func.count()).group_by(Evidence.action_id)
    if until is None:
        query = query.where(Evidence.removed_at.is_(None))  # type: ignore[union-attr]
    else:
        query = query.where(
            Evidence.added_at <= until,
            or_(Evidence.removed_at.is_(None), Evidence.removed_at > until),  # type: ignore[union-attr,operator]
        )
    with database.read() as session:
        return {action_id: count for action_id, count in session.execute(query)}
