"""A revised plan: refresh a plan already tracked from a newer version of its workbook.

:func:`compare_revision` matches the workbook's actions to the plan's (by area reference
and action label, then by the likeness of their text for actions without a label, or
renumbered ones in the same area) and lists what would change; nothing is written.
:func:`apply_revision` then writes exactly that list in one transaction, after a backup:
changed text, dates and leads updated; new areas and actions added; actions the
revision dropped ARCHIVED (kept with every update, hidden from the tabs and reports),
never deleted. Progress already recorded (status, RAG, % complete, revised dates,
updates) is the tracker's own and is never touched. Every change is audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlmodel import Session

from tracker.db.backup import backup_before_change
from tracker.db.database import Database
from tracker.db.models import (
    Action,
    ActionLead,
    Area,
    AreaLead,
    AuditLog,
    Person,
    Plan,
    Update,
    Workstream,
    utc_now,
)
from tracker.errors import TrackerError
from tracker.importing.plan_draft import ActionDraft, AreaDraft, PlanDraft, WorkstreamDraft
from tracker.services.action_edits import existing
from tracker.services.audit import Change, as_text, record_changes
from tracker.services.people import ensure_people, person_key
from tracker.wording import count_noun

CAUSE = "revised plan"
# How alike two action texts must be (0 to 1) to count as the same action reworded.
SIMILAR_TEXT = 0.6
# The action fields a revised workbook can change, as the audit log names them.
FIELD_LABELS = {
    "label": "number",
    "text": "text",
    "deadline_text": "deadline as written",
    "start_date": "start date",
    "due_date": "due date",
    "lead_text": "lead as written",
    "leads": "leads",
}


@dataclass(frozen=True)
class FieldChange:
    field: str  # a key of FIELD_LABELS
    old: Any
    new: Any

    def describe(self) -> str:
        return f"{FIELD_LABELS[self.field]}: {_shown(self.old)} → {_shown(self.new)}"


@dataclass(frozen=True)
class ChangedAction:
    action_id: int
    ref: str
    changes: tuple[FieldChange, ...]
    draft: ActionDraft
    revived: bool = False  # archived before, in the revised plan again


@dataclass(frozen=True)
class AddedAction:
    ref: str
    draft: ActionDraft
    area_id: int | None  # an area the plan has, or None for one of ``added_areas``
    area_ref: str


@dataclass(frozen=True)
class AddedArea:
    draft: AreaDraft
    workstream_id: int | None  # a workstream the plan has, or None: a new one
    workstream: WorkstreamDraft


@dataclass(frozen=True)
class RemovedAction:
    action_id: int
    ref: str
    text: str
    updates: int  # kept with the archived action


@dataclass
class PlanRevision:
    """What refreshing a plan from a revised workbook would change; nothing written yet."""

    plan_id: int
    plan_name: str
    draft: PlanDraft
    changed: list[ChangedAction] = field(default_factory=list)
    added_areas: list[AddedArea] = field(default_factory=list)
    added: list[AddedAction] = field(default_factory=list)
    removed: list[RemovedAction] = field(default_factory=list)
    unchanged: int = 0
    # The audit log's last record when compared: anything written since means the
    # comparison is out of date and nothing is applied.
    audit_mark: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.changed or self.added or self.added_areas or self.removed)

    def summary(self) -> str:
        return (
            f"{count_noun(len(self.changed), 'action')} changed, "
            f"{count_noun(len(self.added), 'action')} added"
            + (f" (in {count_noun(len(self.added_areas), 'new area')})" if self.added_areas else "")
            + f", {count_noun(len(self.removed), 'action')} to archive, "
            f"{self.unchanged} unchanged"
        )


@dataclass(frozen=True)
class RevisionResult:
    changed: int
    added: int
    added_areas: int
    archived: int
    backup: str | None  # the backup file's name, when anything was written


def _shown(value: Any) -> str:
    text = as_text(value)
    if text is None or text == "":
        return "(none)"
    return f'"{text}"' if isinstance(value, str) else text


def _key(text: str) -> str:
    """A reference or label as compared: "ii)", "ii." and "(II)" are one label, "1.1 "
    and "1.1." one reference; the dots inside ("1.1" against "11") still count."""
    return " ".join(text.split()).strip("().:- ").casefold()


def _likeness(a: str, b: str) -> float:
    return SequenceMatcher(
        None, " ".join(a.split()).casefold(), " ".join(b.split()).casefold()
    ).ratio()


@dataclass
class _Existing:
    id: int
    area_id: int
    area_ref: str
    label: str
    text: str
    deadline_text: str
    lead_text: str
    start: date | None
    due: date | None
    archived: bool
    leads: list[str]

    @property
    def ref(self) -> str:
        return f"{self.area_ref} {self.label}".strip()


def resolve_plan(database: Database, wanted: str | int | None) -> tuple[int, str]:
    """The plan named or numbered ``wanted``, or the only live plan when it is None."""
    with database.read() as session:
        plans = session.execute(select(Plan.id, Plan.name, Plan.archived).order_by(Plan.id)).all()
    if not plans:
        raise TrackerError(
            "The database holds no plan yet: import one with `tracker import-plan FILE`."
        )
    listing = "; ".join(f"{pid}: {name}" for pid, name, _a in plans)
    if wanted is None or str(wanted).strip() == "":
        live = [(pid, name) for pid, name, archived in plans if not archived]
        if len(live) == 1:
            return live[0]
        raise TrackerError(f"Say which plan, by number or name ({listing}).")
    text = str(wanted).strip()
    if text.isdigit():
        for pid, name, _archived in plans:
            if pid == int(text):
                return pid, name
    named = [(pid, name) for pid, name, _a in plans if name.casefold() == text.casefold()]
    if len(named) == 1:
        return named[0]
    if named:
        raise TrackerError(
            f"{len(named)} plans are called {text!r}; name one by number ({listing})."
        )
    raise TrackerError(f"No plan is called or numbered {text!r}; the plans are: {listing}.")


def compare_revision(database: Database, plan_id: int, draft: PlanDraft) -> PlanRevision:
    """What refreshing the plan from ``draft`` would change. Writes nothing."""
    with database.read() as session:
        plan = existing(session, Plan, plan_id, "Plan")
        revision = PlanRevision(plan_id, plan.name, draft)
        revision.audit_mark = session.execute(select(func.max(AuditLog.id))).scalar() or 0
        workstreams = (
            session.execute(
                select(Workstream)
                .where(Workstream.plan_id == plan_id)
                .order_by(Workstream.position)
            )
            .scalars()
            .all()
        )
        areas = (
            session.execute(
                select(Area)
                .where(Area.workstream_id.in_([w.id for w in workstreams]))
                .order_by(Area.position)
            )
            .scalars()
            .all()
        )
        actions = _existing_actions(session, {a.id: a.ref for a in areas})
        update_counts = dict(
            session.execute(
                select(Update.action_id, func.count(Update.id))
                .where(Update.action_id.in_([x.id for x in actions]))
                .group_by(Update.action_id)
            ).all()
        )
    areas_by_key = {_key(a.ref): a for a in areas if a.ref.strip()}
    by_area: dict[int, list[_Existing]] = {}
    for x in actions:
        by_area.setdefault(x.area_id, []).append(x)
    matched: set[int] = set()
    for ws_draft in draft.workstreams:
        for area_draft in ws_draft.areas:
            area = areas_by_key.get(_key(area_draft.ref)) if area_draft.ref.strip() else None
            if area is None:
                area = next(
                    (a for a in areas if a.title.strip() and a.title == area_draft.title), None
                )
            if area is None:
                revision.added_areas.append(
                    AddedArea(area_draft, _workstream_for(workstreams, ws_draft), ws_draft)
                )
                for action in area_draft.actions:
                    revision.added.append(
                        AddedAction(
                            _ref(area_draft.ref, action.label), action, None, area_draft.ref
                        )
                    )
                continue
            pairs = _match(
                area_draft.actions, [x for x in by_area.get(area.id, []) if x.id not in matched]
            )
            for action in area_draft.actions:
                old = pairs.get(id(action))
                if old is None:
                    revision.added.append(
                        AddedAction(_ref(area.ref, action.label), action, area.id, area.ref)
                    )
                    continue
                matched.add(old.id)
                changes = _differences(old, action)
                if changes or old.archived:
                    revision.changed.append(
                        ChangedAction(old.id, old.ref, tuple(changes), action, revived=old.archived)
                    )
                else:
                    revision.unchanged += 1
    for x in actions:
        if x.id not in matched and not x.archived:
            revision.removed.append(RemovedAction(x.id, x.ref, x.text, update_counts.get(x.id, 0)))
    return revision


def _ref(area_ref: str, label: str) -> str:
    return f"{area_ref} {label}".strip()


def _workstream_for(workstreams: Sequence[Workstream], wanted: WorkstreamDraft) -> int | None:
    """The plan's workstream a new area belongs in: same title, else same tab."""
    for attribute, value in (("title", wanted.title), ("tab", wanted.tab)):
        for ws in workstreams:
            if getattr(ws, attribute).casefold() == value.casefold():
                return ws.id
    return None


def _existing_actions(session: Session, area_refs: dict[int, str]) -> list[_Existing]:
    rows = (
        session.execute(
            select(Action)
            .where(Action.area_id.in_(list(area_refs)))
            .order_by(Action.area_id, Action.position)
        )
        .scalars()
        .all()
    )
    leads: dict[int, list[str]] = {}
    for action_id, name in session.execute(
        select(ActionLead.action_id, Person.name)
        .join(Person, Person.id == ActionLead.person_id)
        .where(ActionLead.action_id.in_([x.id for x in rows]))
        .order_by(ActionLead.action_id, ActionLead.position)
    ):
        leads.setdefault(action_id, []).append(name)
    return [
        _Existing(x.id, x.area_id, area_refs[x.area_id], x.label, x.text, x.deadline_text,
                  x.lead_text, x.start_date, x.due_date, bool(x.archived), leads.get(x.id, []))
        for x in rows
    ]  # fmt: skip


def _match(drafts: Sequence[ActionDraft], olds: Sequence[_Existing]) -> dict[int, _Existing]:
    """Draft actions (by ``id()``) paired with the area's actions: first by label, then
    the rest by the likeness of their text, the most alike pairs first."""
    pairs: dict[int, _Existing] = {}
    free = list(olds)
    by_label: dict[str, _Existing] = {}
    for old in free:
        if old.label.strip():
            by_label.setdefault(_key(old.label), old)
    for draft in drafts:
        old = by_label.get(_key(draft.label)) if draft.label.strip() else None
        if old is not None and old in free:
            pairs[id(draft)] = old
            free.remove(old)
    rest = [d for d in drafts if id(d) not in pairs]
    scored = sorted(
        ((_likeness(d.text, o.text), i, j) for i, d in enumerate(rest) for j, o in enumerate(free)),
        reverse=True,
    )
    used_drafts: set[int] = set()
    used_olds: set[int] = set()
    for score, i, j in scored:
        if score < SIMILAR_TEXT:
            break
        if i in used_drafts or j in used_olds:
            continue
        used_drafts.add(i)
        used_olds.add(j)
        pairs[id(rest[i])] = free[j]
    return pairs


def _differences(old: _Existing, new: ActionDraft) -> list[FieldChange]:
    pairs = [
        ("label", old.label, new.label),
        ("text", old.text, new.text),
        ("deadline_text", old.deadline_text, new.deadline_text),
        ("start_date", old.start, new.start),
        ("due_date", old.due, new.due),
        ("lead_text", old.lead_text, new.lead_text),
    ]
    changes = [FieldChange(name, a, b) for name, a, b in pairs if a != b]
    if [person_key(n) for n in old.leads] != [person_key(n) for n in new.leads]:
        changes.append(FieldChange("leads", list(old.leads), list(new.leads)))
    return changes


def format_revision(revision: PlanRevision, *, applied: bool = False) -> str:
    """The revision as lines for the command line (and the window's review)."""
    head = "Applied" if applied else "Would change"
    lines = [
        f"{head} the plan '{revision.plan_name}' from {revision.draft.source_file}: "
        f"{revision.summary()}."
    ]
    if revision.is_empty:
        lines.append("The workbook holds nothing new: the plan is up to date.")
    for changed in revision.changed:
        lines.append(f"  changed  {changed.ref}")
        if changed.revived:
            lines.append("           back in the plan (was archived)")
        lines.extend(f"           {c.describe()}" for c in changed.changes)
    for area in revision.added_areas:
        where = (
            "" if area.workstream_id is not None else f" (new workstream {area.workstream.title})"
        )
        lines.append(
            f"  new area {area.draft.ref or '(no ref)'} {area.draft.title}{where}".rstrip()
        )
    for added in revision.added:
        lines.append(f"  added    {added.ref}: {_one_line(added.draft.text)}")
    for removed in revision.removed:
        kept = f"; its {count_noun(removed.updates, 'update')} kept" if removed.updates else ""
        lines.append(f"  archived {removed.ref}: {_one_line(removed.text)}{kept}")
    return "\n".join(lines)


def _one_line(text: str, width: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


# Applying -------------------------------------------------------------------------------
def apply_revision(database: Database, revision: PlanRevision) -> RevisionResult:
    """Write the revision in one transaction, after a backup; nothing if anything was
    written to the database since it was compared."""
    if revision.is_empty:
        return RevisionResult(0, 0, 0, 0, None)
    backup = backup_before_change(database, f"before revised plan {revision.draft.source_file}")
    with database.write() as session:
        mark = session.execute(select(func.max(AuditLog.id))).scalar() or 0
        if mark != revision.audit_mark:
            raise TrackerError(
                f"The plan '{revision.plan_name}' changed after the revised workbook was "
                "compared with it; nothing was applied. Compare it again and review the changes."
            )
        writer = _RevisionWriter(session, revision)
        writer.write()
        record_changes(session, user=database.actor, cause=CAUSE, changes=writer.audit)
    return RevisionResult(
        len(revision.changed), len(revision.added), len(revision.added_areas),
        len(revision.removed), backup.name,
    )  # fmt: skip


class _RevisionWriter:
    def __init__(self, session: Session, revision: PlanRevision) -> None:
        self.session = session
        self.revision = revision
        self.now = utc_now()
        self.audit: list[Change] = []
        draft = revision.draft
        self.people = ensure_people(
            session,
            [n for c in revision.changed for n in c.draft.leads]
            + [n for a in revision.added for n in a.draft.leads]
            + [p.name for a in revision.added_areas for p in a.draft.leads],
        )
        self.plan_id = revision.plan_id
        self.draft = draft

    def write(self) -> None:
        for changed in self.revision.changed:
            self._change(changed)
        area_ids = self._add_areas()
        for added in self.revision.added:
            area_id = added.area_id if added.area_id is not None else area_ids[id(added.draft)]
            self._add_action(area_id, added)
        for removed in self.revision.removed:
            self.session.execute(
                update(Action)
                .where(Action.id == removed.action_id)
                .values(archived=True, updated_at=self.now)
            )
            self.audit.append(Change("action", removed.action_id, "archived", False, True))
        plan = existing(self.session, Plan, self.plan_id, "Plan")
        self.audit.append(
            Change(
                "plan", self.plan_id, "revised from", plan.source_file,
                f"{self.draft.source_file} (sha256 {self.draft.source_sha256}): "
                f"{self.revision.summary()}",
            )
        )  # fmt: skip
        self.session.execute(
            update(Plan)
            .where(Plan.id == self.plan_id)
            .values(source_file=self.draft.source_file, source_sha256=self.draft.source_sha256)
        )

    def _change(self, changed: ChangedAction) -> None:
        columns = {c.field: c.new for c in changed.changes if c.field != "leads"}
        draft = changed.draft
        if {"deadline_text", "lead_text", "start_date", "due_date"} & set(columns):
            # What was understood of the new wording decides whether it needs a look.
            columns["needs_review"] = draft.needs_review
            columns["review_reason"] = draft.review_reason
        if changed.revived:
            columns["archived"] = False
            self.audit.append(Change("action", changed.action_id, "archived", True, False))
        columns["updated_at"] = self.now
        self.session.execute(update(Action).where(Action.id == changed.action_id).values(columns))
        for c in changed.changes:
            self.audit.append(Change("action", changed.action_id, c.field, c.old, c.new))
            if c.field == "leads":
                self._set_leads(changed.action_id, c.new, inherited=draft.leads_inherited)

    def _set_leads(self, action_id: int, names: Sequence[str], *, inherited: bool) -> None:
        from sqlalchemy import delete

        self.session.execute(delete(ActionLead).where(ActionLead.action_id == action_id))
        rows, seen = [], set()
        for position, name in enumerate(names):
            person_id = self.people.get(person_key(name))
            if person_id is not None and person_id not in seen:
                seen.add(person_id)
                rows.append({"action_id": action_id, "person_id": person_id, "position": position,
                             "inherited": inherited})  # fmt: skip
        if rows:
            self.session.execute(insert(ActionLead), rows)

    def _next_position(self, column: Any, where: Any) -> int:
        last = self.session.execute(select(func.max(column)).where(where)).scalar()
        return 0 if last is None else last + 1

    def _add_areas(self) -> dict[int, int]:
        """The new areas (and any new workstream they need); area id by draft action."""
        new_workstreams: dict[tuple[str, str], int] = {}
        by_action: dict[int, int] = {}
        for added in self.revision.added_areas:
            ws_id = added.workstream_id
            if ws_id is None:
                key = (added.workstream.tab, added.workstream.title)
                ws_id = new_workstreams.get(key)
                if ws_id is None:
                    position = self._next_position(
                        Workstream.position, Workstream.plan_id == self.plan_id
                    )
                    ws_id = self.session.execute(
                        insert(Workstream).returning(Workstream.id),
                        {
                            "plan_id": self.plan_id,
                            "tab": key[0],
                            "title": key[1],
                            "position": position,
                        },
                    ).scalar_one()
                    new_workstreams[key] = ws_id
                    self.audit.append(Change("workstream", ws_id, "added", None, key[1]))
            area = added.draft
            area_id = self.session.execute(
                insert(Area).returning(Area.id),
                {
                    "workstream_id": ws_id, "ref": area.ref, "title": area.title,
                    "what_has_changed": area.what_has_changed,
                    "plans_in_place": area.plans_in_place,
                    "lead_in": area.lead_in, "lead_text": area.lead_text,
                    "deadline_text": area.deadline_text,
                    "position": self._next_position(Area.position, Area.workstream_id == ws_id),
                },
            ).scalar_one()  # fmt: skip
            leads = [
                {"area_id": area_id, "person_id": self.people[person_key(p.name)], "role": p.role,
                 "position": n}
                for n, p in enumerate(area.leads) if person_key(p.name) in self.people
            ]  # fmt: skip
            if leads:
                self.session.execute(insert(AreaLead).prefix_with("OR IGNORE"), leads)
            self.audit.append(
                Change("area", area_id, "added", None, f"{area.ref} {area.title}".strip())
            )
            for action in area.actions:
                by_action[id(action)] = area_id
        return by_action

    def _add_action(self, area_id: int, added: AddedAction) -> None:
        x = added.draft
        action_id = self.session.execute(
            insert(Action).returning(Action.id),
            {
                "area_id": area_id, "label": x.label, "text": x.text,
                "deadline_text": x.deadline_text, "lead_text": x.lead_text,
                "start_date": x.start, "due_date": x.due, "needs_review": x.needs_review,
                "review_reason": x.review_reason, "updated_at": self.now,
                "position": self._next_position(Action.position, Action.area_id == area_id),
            },
        ).scalar_one()  # fmt: skip
        self._set_leads(action_id, x.leads, inherited=x.leads_inherited)
        self.audit.append(Change("action", action_id, "added", None, f"{added.ref}: {x.text}"))
