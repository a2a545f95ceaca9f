"""Importing a filled-in status return: check it, show what would change, then apply.

:func:`review_return` reads the file (through the safe workbook reader), verifies the
signed metadata and each row's signature, and compares three states per action: what was
*sent*, what is in the database *now*, and what came *back*. Only the fields the lead
changed count. The result is a :class:`ReturnReview`: changes, conflicts (the action
changed in the database after the return was exported and the lead's changes differ from
it), and rejected rows with their reasons. Nothing is written until :func:`apply_return`,
which records the chosen changes as new Update rows (history is never overwritten) in one
transaction. A second import of the same return applies nothing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl.utils.datetime import from_excel
from sqlalchemy import select

from tracker import domain
from tracker.db.database import Database
from tracker.db.models import Update
from tracker.errors import TrackerError
from tracker.excel import return_layout as layout
from tracker.excel.report_data import plan_only
from tracker.excel.return_store import StoredUpdate, store_updates
from tracker.excel.settings_store import return_secret
from tracker.excel.signing import (
    fingerprint,
    normalise_newlines,
    row_signature_ok,
    table_signature_ok,
)
from tracker.excel.status_returns import FIRST_DATE_SERIAL, LAST_DATE_SERIAL, in_scope
from tracker.importing.workbook_file import SheetData, read_workbook
from tracker.services.action_edits import ValidationError
from tracker.services.action_rows import ActionRow, UpdateInput
from tracker.services.action_updates import validate_update
from tracker.services.plan_snapshot import load_snapshot
from tracker.wording import count_noun

SOURCE_PREFIX = "status return "

FIELD_LABELS = {
    "status": layout.STATUS,
    "rag": layout.RAG,
    "percent": layout.PERCENT,
    "revised_due": layout.REVISED_DUE,
    "narrative": layout.NARRATIVE,
}


@dataclass(frozen=True)
class State:
    """The update fields of an action at one moment (sent, now or returned)."""

    status: str
    rag: str | None
    percent: int
    revised_due: date | None
    narrative: str

    def shown(self, name: str) -> str:
        return show_value(getattr(self, name))


def show_value(value: Any) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # spreadsheets hand whole numbers back as floats
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    sent: str
    now: str
    returned: str


@dataclass(frozen=True)
class ActionChange:
    """A returned row that would change its action (a conflict when ``conflict``)."""

    row: int
    action_id: int
    ref: str
    text: str
    sent: State
    now: State
    returned: State
    fields: tuple[FieldChange, ...]
    entry: UpdateInput
    conflict: bool
    # The action's fingerprint when reviewed: apply refuses if it has moved since.
    fingerprint_now: str
    reason: str | None = None


@dataclass(frozen=True)
class Rejection:
    row: int | None
    ref: str
    reason: str

    @property
    def where(self) -> str:
        place = f"row {self.row}" if self.row is not None else "the return"
        return f"{place} ({self.ref})" if self.ref else place


@dataclass
class ReturnReview:
    """Everything an import would do, for the dialog or ``--dry-run`` to show."""

    path: Path
    return_id: str
    scope: str
    scope_label: str
    for_whom: str
    plan_name: str
    exported_at: str
    author: str
    changes: list[ActionChange] = field(default_factory=list)
    conflicts: list[ActionChange] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    unchanged: int = 0
    already_applied: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def source(self) -> str:
        return SOURCE_PREFIX + self.return_id

    @property
    def has_work(self) -> bool:
        return bool(self.changes or self.conflicts)

    @property
    def already_imported(self) -> bool:
        """Nothing new: every row the lead changed is already in the database."""
        return not self.has_work and self.already_applied > 0

    def describe(self, *, dry_run: bool = False) -> str:
        return describe_review(self, dry_run=dry_run)


@dataclass(frozen=True)
class ApplyResult:
    applied: int
    conflicts_applied: int
    conflicts_left: int
    skipped_already: int


# --- reading ---------------------------------------------------------------------------


def review_return(
    database: Database,
    path: Path,
    *,
    author: str | None = None,
    today: date | None = None,
) -> ReturnReview:
    """Read a returned workbook and work out what importing it would change."""
    today = today or date.today()
    sheets = {sheet.name: sheet for sheet in read_workbook(path)}
    meta = _read_meta(database, path, sheets)
    snapshot = load_snapshot(database)
    plan_ids = {w.plan_id for w in snapshot.workstreams}
    if meta.plan_id not in plan_ids:
        raise TrackerError(
            f"{path.name} is a return for the plan {meta.plan_name!r}, which is not in this "
            "database. Nothing was imported."
        )
    actions = {x.id: x for x in plan_only(snapshot, meta.plan_id).actions}
    review = ReturnReview(
        path=path,
        return_id=meta.return_id,
        scope=meta.scope,
        scope_label=meta.scope_label,
        for_whom=meta.for_whom,
        plan_name=meta.plan_name,
        exported_at=meta.exported_at,
        author=(author or "").strip() or meta.for_whom,
    )
    applied_before = _actions_with_source(database, review.source)
    secret = return_secret(database)
    sheet = _return_sheet(path, sheets)
    columns, header_index = _header(path, sheet)
    seen: dict[int, int] = {}
    for index in range(header_index + 1, len(sheet.rows)):
        row_number = index + 1
        values = sheet.rows[index]

        def cell(name: str, values: Sequence[Any] = values) -> Any:
            at = columns.get(name)
            return values[at] if at is not None and at < len(values) else None

        if all(_blank(v) for v in values):
            continue
        ref = _text(cell(layout.REF))
        action_id = _as_id(cell(layout.ACTION_ID))
        fp, signature = _text(cell(layout.FINGERPRINT)), _text(cell(layout.SIGNATURE))
        if action_id is None:
            review.rejections.append(
                Rejection(
                    row_number,
                    ref,
                    "it has no action id in its hidden columns (rows cannot be added to a "
                    "return); the row was ignored",
                )
            )
            continue
        if not row_signature_ok(secret, meta.return_id, meta.scope, action_id, fp, signature):
            review.rejections.append(
                Rejection(
                    row_number,
                    ref,
                    "its hidden action id or fingerprint has been altered, or the row was "
                    "copied in from another return; it does not match this return's signature",
                )
            )
            continue
        if action_id in seen:
            review.rejections.append(
                Rejection(
                    row_number, ref, f"it repeats the action already in row {seen[action_id]}"
                )
            )
            continue
        seen[action_id] = row_number
        sent = meta.sent.get(action_id)
        current = actions.get(action_id)
        if sent is None or sent[1] != fp:
            review.rejections.append(
                Rejection(row_number, ref, "the return's details do not list this row's action")
            )
            continue
        if current is None:
            review.rejections.append(
                Rejection(row_number, ref, f"action {action_id} no longer exists in the tracker")
            )
            continue
        ref = current.ref
        if not in_scope(meta.scope, current):
            review.rejections.append(
                Rejection(
                    row_number,
                    ref,
                    f"action {action_id} is no longer part of {meta.scope_label!r} (it was moved "
                    "or its lead changed since the return was sent)",
                )
            )
            continue
        try:
            returned, reason = _returned_state(cell, sent[0])
        except ValueError as exc:
            review.rejections.append(Rejection(row_number, ref, str(exc)))
            continue
        _review_row(
            review,
            row_number,
            current,
            sent[0],
            returned,
            reason,
            fp,
            _fingerprint_of(current),
            applied_before,
            today,
        )
    review.missing = [
        ref for action_id, (_state, _fp, ref) in meta.sent.items() if action_id not in seen
    ]
    return review


def _fingerprint_of(action: ActionRow) -> str:
    return fingerprint(
        action.status, action.rag, action.percent, action.revised_due, action.updated_at
    )


def _now_state(action: ActionRow) -> State:
    return State(
        action.status,
        action.rag,
        action.percent,
        action.revised_due,
        _tidy(action.latest_narrative),
    )


def _review_row(
    review: ReturnReview,
    row_number: int,
    current: ActionRow,
    sent: State,
    returned: State,
    reason: str | None,
    sent_fp: str,
    now_fp: str,
    applied_before: set[int],
    today: date,
) -> None:
    now = _now_state(current)
    edited = [name for name in FIELD_LABELS if getattr(returned, name) != getattr(sent, name)]
    if not edited:
        review.unchanged += 1
        return
    if current.id in applied_before:
        review.already_applied += 1
        return
    differing = [name for name in edited if getattr(returned, name) != getattr(now, name)]
    if not differing:
        # The database already holds what the lead sent back.
        review.already_applied += 1
        return
    merged = replace(now, **{name: getattr(returned, name) for name in edited})
    entry = UpdateInput(
        date=today,
        author=review.author,
        status=merged.status,
        rag=merged.rag,
        percent=merged.percent,
        narrative=merged.narrative,
        revised_due=merged.revised_due if "revised_due" in edited else None,
        revision_reason=reason,
        source=review.source,
    )
    try:
        entry = validate_update(entry, current.revised_due, current.due)
    except ValidationError as exc:
        review.rejections.append(Rejection(row_number, current.ref, str(exc)))
        return
    conflict = now_fp != sent_fp
    shown = (
        edited
        if not conflict
        else [
            n
            for n in FIELD_LABELS
            if len({getattr(sent, n), getattr(now, n), getattr(returned, n)}) > 1
        ]
    )
    fields = tuple(
        FieldChange(n, FIELD_LABELS[n], sent.shown(n), now.shown(n), returned.shown(n))
        for n in shown
    )
    change = ActionChange(
        row_number,
        current.id,
        current.ref,
        current.text,
        sent,
        now,
        returned,
        fields,
        entry,
        conflict,
        now_fp,
        reason,
    )
    (review.conflicts if conflict else review.changes).append(change)


@dataclass
class _Meta:
    return_id: str
    scope: str
    scope_label: str
    for_whom: str
    plan_id: int
    plan_name: str
    exported_at: str
    # action id -> (state sent, fingerprint sent, ref)
    sent: dict[int, tuple[State, str, str]]


def _not_a_return(path: Path, why: str) -> TrackerError:
    return TrackerError(
        f"{path.name} cannot be imported as a status return: {why}. Nothing was imported; "
        "import the file the tracker exported (Excel or LibreOffice may re-save it)."
    )


def _canonical(row: Sequence[Any]) -> list[str]:
    values = [_text(v, strip=False) for v in row]
    while values and values[-1] == "":
        values.pop()
    return values


def _read_meta(database: Database, path: Path, sheets: dict[str, SheetData]) -> _Meta:
    sheet = sheets.get(layout.META_SHEET)
    if sheet is None:
        raise _not_a_return(
            path,
            "it has no return details sheet (was it exported as a status return by the tracker?)",
        )
    rows = [r for r in (_canonical(row) for row in sheet.rows) if r]
    if not rows or rows[-1][0] != layout.SIGNATURE_KEY or len(rows[-1]) < 2:
        raise _not_a_return(path, "its return details are incomplete")
    body, signature = rows[:-1], rows[-1][1]
    values = {r[0]: (r[1] if len(r) > 1 else "") for r in body if r[0] != layout.SENT}
    if values.get("format") != layout.FORMAT_NAME:
        raise _not_a_return(path, "it is not a status return")
    if values.get("version") != layout.FORMAT_VERSION:
        raise _not_a_return(
            path,
            f"it was written by another version of the tracker (format "
            f"{values.get('version')!r}); export the returns again",
        )
    if not table_signature_ok(return_secret(database), body, signature):
        raise _not_a_return(
            path,
            "its return details do not match their signature: it was altered, or it "
            "was exported from another tracker database",
        )
    sent: dict[int, tuple[State, str, str]] = {}
    header_seen = False
    for r in body:
        if r[0] != layout.SENT:
            continue
        if not header_seen:
            header_seen = True
            continue
        record = dict(
            zip(layout.SENT_FIELDS, [*r[1:], *[""] * len(layout.SENT_FIELDS)], strict=False)
        )
        state = State(
            record["status"],
            record["rag"] or None,
            int(record["percent"] or 0),
            date.fromisoformat(record["revised_due"]) if record["revised_due"] else None,
            _tidy(record["narrative"]),
        )
        action_id = int(record["action_id"])
        sent[action_id] = (state, record["fingerprint"], record["ref"])
    try:
        plan_id = int(values.get("plan_id", ""))
    except ValueError:
        raise _not_a_return(path, "its return details name no plan") from None
    return _Meta(
        values.get("return_id", ""),
        values.get("scope", ""),
        values.get("scope_label", ""),
        values.get("for", ""),
        plan_id,
        values.get("plan_name", ""),
        values.get("exported_at", ""),
        sent,
    )


def _return_sheet(path: Path, sheets: dict[str, SheetData]) -> SheetData:
    if layout.RETURN_SHEET in sheets:
        return sheets[layout.RETURN_SHEET]
    for sheet in sheets.values():
        if any(layout.ACTION_ID in [_text(v) for v in row] for row in sheet.rows[:20]):
            return sheet
    raise _not_a_return(path, f"its {layout.RETURN_SHEET!r} sheet is missing")


def _header(path: Path, sheet: SheetData) -> tuple[dict[str, int], int]:
    for index, row in enumerate(sheet.rows[:20]):
        texts = [_text(v) for v in row]
        if layout.ACTION_ID in texts and layout.STATUS in texts:
            columns = {name: texts.index(name) for name in layout.COLUMNS if name in texts}
            missing = [
                name
                for name in (*layout.UPDATE_COLUMNS, *layout.HIDDEN_COLUMNS)
                if name not in columns
            ]
            if missing:
                raise _not_a_return(path, f"its columns {', '.join(missing)} are missing")
            return columns, index
    raise _not_a_return(path, "its header row (with the hidden Action id column) is missing")


def _actions_with_source(database: Database, source: str) -> set[int]:
    with database.read() as session:
        return set(
            session.execute(select(Update.action_id).where(Update.source == source)).scalars()
        )


# --- values as they come back ------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any, *, strip: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text.strip() if strip else text


def _tidy(text: str) -> str:
    return normalise_newlines(text).strip()


def _as_id(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y")


def parse_returned_date(value: Any) -> date | None:
    """A date as a spreadsheet may hand it back: a date, a serial number or British text."""
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value) and FIRST_DATE_SERIAL <= value <= LAST_DATE_SERIAL:
            return from_excel(value).date()
        raise ValueError(f"{value!r} is not a date")
    text = str(value).strip()
    try:
        return (
            date.fromisoformat(text[:10])
            if re.match(r"\d{4}-\d\d-\d\d", text)
            else (_strptime(text))
        )
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write it like 30/09/2019") from None


def _strptime(text: str) -> date:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_returned_percent(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f"% complete {value!r} is not a whole number from 0 to 100")
    if isinstance(value, int | float):
        number: float = value
    else:
        text = _text(value).removesuffix("%").strip()
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"% complete {text!r} is not a whole number from 0 to 100") from None
    if not math.isfinite(number) or not number.is_integer() or not 0 <= number <= 100:
        raise ValueError(f"% complete {show_value(value)} is not a whole number from 0 to 100")
    return int(number)


def _returned_state(cell: Any, sent: State) -> tuple[State, str | None]:
    """The row's update columns as values, or ``ValueError`` saying which is wrong."""
    raw_status = _text(cell(layout.STATUS))
    if not raw_status:
        raise ValueError("Status is blank; choose one of " + ", ".join(domain.STATUSES))
    status = domain.parse_status(raw_status).value
    raw_rag = _text(cell(layout.RAG))
    rag = domain.parse_rag(raw_rag).value if raw_rag else None
    percent_cell = cell(layout.PERCENT)
    percent = sent.percent if _blank(percent_cell) else parse_returned_percent(percent_cell)
    revised = parse_returned_date(cell(layout.REVISED_DUE))
    narrative = _tidy(_text(cell(layout.NARRATIVE), strip=False))
    reason = _tidy(_text(cell(layout.REASON), strip=False)) or None
    return State(
        status,
        rag,
        percent,
        # A blank revised due date keeps the one sent: an update cannot remove a date.
        revised if revised is not None else sent.revised_due,
        # A blank narrative means "nothing new", not "erase the last one".
        narrative or sent.narrative,
    ), reason


# --- applying ----------------------------------------------------------------------------


def apply_return(
    database: Database,
    review: ReturnReview,
    *,
    apply_conflicts: Collection[int] = (),
    accept_rejections: bool = False,
) -> ApplyResult:
    """Record the review's changes, and the conflicts chosen by action id, in one go.

    With rejected rows nothing is applied unless ``accept_rejections`` (the user confirmed
    applying the rest). If any chosen action changed since the review, nothing is applied.
    """
    if review.rejections and not accept_rejections:
        raise TrackerError(
            f"{count_noun(len(review.rejections), 'row')} of {review.path.name} rejected; "
            "nothing was applied. Confirm to apply the rest, or fix the return and import it again."
        )
    chosen = [*review.changes, *(c for c in review.conflicts if c.action_id in apply_conflicts)]
    stored = store_updates(
        database,
        [StoredUpdate(c.action_id, c.entry, c.fingerprint_now, c.ref) for c in chosen],
        source=review.source,
        cause=review.source,
    )
    conflicts_applied = sum(1 for c in review.conflicts if c.action_id in apply_conflicts)
    return ApplyResult(
        applied=stored.applied,
        conflicts_applied=conflicts_applied,
        conflicts_left=len(review.conflicts) - conflicts_applied,
        skipped_already=stored.skipped,
    )


# --- describing ----------------------------------------------------------------------------


def describe_review(review: ReturnReview, *, dry_run: bool = False) -> str:
    """The review as text: what ``--dry-run`` prints and the CLI shows before applying."""
    lines = [
        f"Status return {review.return_id}: {review.scope_label} (for {review.for_whom}), "
        f"{review.plan_name}, exported {review.exported_at[:10]}",
        f"File: {review.path}",
        f"Author of the updates: {review.author}",
    ]
    if review.changes:
        lines.append(f"Changes ({count_noun(len(review.changes), 'action')}):")
        for c in review.changes:
            lines.append(f"  {c.ref} (row {c.row}): {_short(c.text)}")
            for f in c.fields:
                lines.append(f"    {f.label}: {_short(f.now)} -> {_short(f.returned)}")
            if c.reason:
                lines.append(f"    Reason for change: {_short(c.reason)}")
    if review.conflicts:
        lines.append(
            f"Conflicts ({count_noun(len(review.conflicts), 'action')} changed in the tracker "
            "after the return was sent; not applied without a choice):"
        )
        for c in review.conflicts:
            lines.append(f"  {c.ref} (row {c.row}): {_short(c.text)}")
            for f in c.fields:
                lines.append(
                    f"    {f.label}: sent {_short(f.sent)} | now {_short(f.now)} | "
                    f"returned {_short(f.returned)}"
                )
    if review.rejections:
        lines.append(f"Rejected rows ({len(review.rejections)}):")
        for r in review.rejections:
            lines.append(f"  {r.where}: {r.reason}")
    if review.missing:
        lines.append(
            f"Not in the returned file ({count_noun(len(review.missing), 'action')} sent): "
            + ", ".join(review.missing)
        )
    summary = f"Unchanged: {count_noun(review.unchanged, 'action')}."
    if review.already_applied:
        summary += f" Already in the tracker: {count_noun(review.already_applied, 'action')}."
    lines.append(summary)
    if review.already_imported:
        lines.append("This return has already been imported: there is nothing to apply.")
    elif not review.has_work:
        lines.append("Nothing to apply.")
    if dry_run:
        lines.append("Dry run: nothing was written.")
    return "\n".join(lines)


def _short(text: str, limit: int = 90) -> str:
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
