"""What importing a status return would change, and how that reads as text.

A :class:`ReturnReview` holds the changes, the conflicts (the action changed in the
tracker after the return was sent and the lead's changes differ from it) and the rejected
rows with their reasons; :func:`describe_review` is what ``--dry-run`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tracker.dates import local_time, short_date
from tracker.excel.return_values import State
from tracker.services.action_rows import UpdateInput
from tracker.wording import count_noun

SOURCE_PREFIX = "status return "


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
    # Re-sent: this return was imported before and ``sent`` is what that import applied.
    resent: bool = False
    # The latest update this return recorded on the action when reviewed (apply skips the
    # action if another import of the return has recorded one since).
    applied_update_id: int | None = None


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
    # Who the updates are recorded as by ("" when nobody can be told: it must be chosen),
    # and where that name came from, in words the review shows.
    author: str
    author_source: str = ""
    # Names to offer when choosing the author: the return's leads and its "Returned by".
    author_choices: tuple[str, ...] = ()
    due_back: date | None = None
    contact: str = ""
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

    @property
    def exported_on(self) -> str:
        """The day the return was exported, on this machine's clock (``1 Mar 2019``)."""
        try:
            return short_date(local_time(datetime.fromisoformat(self.exported_at)).date())
        except ValueError:
            return self.exported_at

    def describe(self, *, dry_run: bool = False) -> str:
        return describe_review(self, dry_run=dry_run)


def describe_review(review: ReturnReview, *, dry_run: bool = False) -> str:
    """The review as text: what ``--dry-run`` prints and the CLI shows before applying."""
    lines = [
        f"Status return {review.return_id}: {review.scope_label} (for {review.for_whom}), "
        f"{review.plan_name}, exported {review.exported_on}",
        f"File: {review.path}",
        _author_line(review),
    ]
    if review.due_back or review.contact:
        due = f"due back by {short_date(review.due_back)}" if review.due_back else "due back"
        lines.append(f"Sent out {due}" + (f" to {review.contact}" if review.contact else ""))
    if review.changes:
        lines.append(f"Changes ({count_noun(len(review.changes), 'action')}):")
        for c in review.changes:
            again = " [corrected since this return was last imported]" if c.resent else ""
            lines.append(f"  {c.ref} (row {c.row}): {_short(c.text)}{again}")
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
                before = "imported before" if c.resent else "sent"
                lines.append(
                    f"    {f.label}: {before} {_short(f.sent)} | now {_short(f.now)} | "
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


def _author_line(review: ReturnReview) -> str:
    if review.author:
        return f"Author of the updates: {review.author} ({review.author_source})"
    return (
        f"Author of the updates: not known ({review.author_source}). Name who sent it: "
        "--author NAME on the command line, or choose in the window."
    )


def _short(text: str, limit: int = 90) -> str:
    one_line = " ".join(str(text).split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
