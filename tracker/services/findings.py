"""A plan's findings (the review's areas for improvement and key findings) and the areas
that answer them: listing, adding, importing a list, linking, and the default mapping
shipped for the bundled 2018 plan.

Every change is one transaction with its audit record; an import is all or nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib.resources import files

from sqlalchemy import func, insert, select
from sqlmodel import Session

from tracker.db.database import Database
from tracker.db.models import Area, AreaFinding, Finding, Workstream
from tracker.errors import TrackerError
from tracker.services.audit import Change, record_changes

AREA_FOR_IMPROVEMENT = "area for improvement"
KEY_FINDING = "key finding"
KINDS: tuple[str, ...] = (AREA_FOR_IMPROVEMENT, KEY_FINDING)
BUNDLED_FINDINGS = "findings-cqc-lsr-birmingham-2018.json"


@dataclass(frozen=True)
class FindingRow:
    id: int
    plan_id: int
    ref: str
    kind: str
    text: str
    source: str
    position: int
    area_refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class FindingInput:
    ref: str
    text: str
    kind: str = AREA_FOR_IMPROVEMENT
    source: str = ""


def parse_kind(text: str) -> str:
    """A kind as people write it ("AFI", "area for improvement", "key finding")."""
    key = " ".join(text.split()).casefold()
    if key in ("", "afi", "area for improvement", "areas for improvement"):
        return AREA_FOR_IMPROVEMENT
    if key in ("key finding", "key findings", "kf", "finding"):
        return KEY_FINDING
    raise ValueError(
        f"{text!r} is not a kind of finding; use 'area for improvement' or 'key finding'"
    )


def list_findings(database: Database, plan_id: int) -> list[FindingRow]:
    """The plan's findings in their order, each with the refs of the areas answering it."""
    with database.read() as session:
        return _findings(session, plan_id)


def _findings(session: Session, plan_id: int) -> list[FindingRow]:
    links: dict[int, list[str]] = {}
    for finding_id, area_ref in session.execute(
        select(AreaFinding.finding_id, Area.ref)
        .join(Area, Area.id == AreaFinding.area_id)
        .join(Finding, Finding.id == AreaFinding.finding_id)
        .where(Finding.plan_id == plan_id)
        .order_by(Area.position, Area.id)
    ):
        links.setdefault(finding_id, []).append(area_ref)
    rows = session.execute(
        select(Finding).where(Finding.plan_id == plan_id).order_by(Finding.position, Finding.id)
    ).scalars()
    return [
        FindingRow(
            f.id, f.plan_id, f.ref, f.kind, f.text, f.source, f.position, tuple(links.get(f.id, ()))
        )
        for f in rows
    ]


def area_findings(database: Database, plan_id: int) -> dict[int, tuple[str, ...]]:
    """For each area of the plan that answers findings, their refs."""
    with database.read() as session:
        found: dict[int, list[str]] = {}
        for area_id, ref in session.execute(
            select(AreaFinding.area_id, Finding.ref)
            .join(Finding, Finding.id == AreaFinding.finding_id)
            .where(Finding.plan_id == plan_id)
            .order_by(Finding.position, Finding.id)
        ):
            found.setdefault(area_id, []).append(ref)
        return {k: tuple(v) for k, v in found.items()}


def add_findings(database: Database, plan_id: int, entries: list[FindingInput]) -> int:
    """Add findings to a plan, all or nothing; returns how many were added."""
    entries = _checked(entries)
    with database.write() as session:
        return add_findings_in(session, plan_id, entries, actor=database.actor, cause="edit")


def add_findings_in(
    session: Session, plan_id: int, entries: list[FindingInput], *, actor: str, cause: str
) -> int:
    taken = set(session.execute(select(Finding.ref).where(Finding.plan_id == plan_id)).scalars())
    clashes = [e.ref for e in entries if e.ref in taken]
    if clashes:
        raise TrackerError(
            f"The plan already has findings {', '.join(clashes)}: give new references. "
            "Nothing was changed."
        )
    position = session.execute(
        select(func.coalesce(func.max(Finding.position), 0)).where(Finding.plan_id == plan_id)
    ).scalar_one()
    changes = []
    for offset, entry in enumerate(entries, start=1):
        finding_id = session.execute(
            insert(Finding).returning(Finding.id),
            [
                {
                    "plan_id": plan_id,
                    "ref": entry.ref,
                    "kind": entry.kind,
                    "text": entry.text,
                    "source": entry.source,
                    "position": position + offset,
                }
            ],
        ).scalar_one()
        changes.append(Change("finding", finding_id, "added", None, f"{entry.ref}: {entry.text}"))
    record_changes(session, user=actor, cause=cause, changes=changes)
    return len(entries)


def _checked(entries: list[FindingInput]) -> list[FindingInput]:
    problems = []
    seen: set[str] = set()
    tidy = []
    for number, entry in enumerate(entries, start=1):
        ref = " ".join(entry.ref.split())
        text = " ".join(entry.text.split())
        if not ref:
            problems.append(f"finding {number} has no reference")
        elif ref in seen:
            problems.append(f"the reference {ref} is given twice")
        if not text:
            problems.append(f"finding {ref or number} has no text")
        seen.add(ref)
        tidy.append(FindingInput(ref, text, entry.kind, entry.source.strip()))
    if not entries:
        problems.append("there are no findings to add")
    if problems:
        raise TrackerError("; ".join(problems).capitalize() + ". Nothing was changed.")
    return tidy


def link_area(database: Database, plan_id: int, area_ref: str, finding_ref: str) -> None:
    """Record that the plan's area ``area_ref`` answers the finding ``finding_ref``."""
    with database.write() as session:
        area_id = _area_id(session, plan_id, area_ref)
        finding_id = _finding_id(session, plan_id, finding_ref)
        if session.get(AreaFinding, (area_id, finding_id)) is not None:
            return
        session.execute(insert(AreaFinding), [{"area_id": area_id, "finding_id": finding_id}])
        record_changes(
            session,
            user=database.actor,
            cause="edit",
            changes=[Change("area", area_id, "finding linked", None, finding_ref)],
        )


def _area_id(session: Session, plan_id: int, ref: str) -> int:
    ids = list(
        session.execute(
            select(Area.id)
            .join(Workstream, Workstream.id == Area.workstream_id)
            .where(Workstream.plan_id == plan_id, Area.ref == ref.strip())
        ).scalars()
    )
    if len(ids) != 1:
        what = "no area" if not ids else f"{len(ids)} areas"
        raise TrackerError(f"The plan has {what} with the reference {ref!r}. Nothing was changed.")
    return ids[0]


def _finding_id(session: Session, plan_id: int, ref: str) -> int:
    finding_id = session.execute(
        select(Finding.id).where(Finding.plan_id == plan_id, Finding.ref == ref.strip())
    ).scalar_one_or_none()
    if finding_id is None:
        raise TrackerError(
            f"The plan has no finding {ref!r}: see `tracker findings list`. Nothing was changed."
        )
    return finding_id


# The bundled plan's default mapping --------------------------------------------------
def bundled_findings() -> dict:
    """The review's areas for improvement shipped with the app, and the mapping from the
    bundled 2018 plan's areas to them."""
    text = files("tracker.resources").joinpath(BUNDLED_FINDINGS).read_text(encoding="utf-8")
    return json.loads(text)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.casefold()))


def is_bundled_plan(areas: dict[str, str], mapping: list[dict], findings: dict[str, str]) -> bool:
    """Does a plan (its areas' refs and titles) look like the bundled 2018 plan? Every
    mapped area must be there, its title sharing most words with the finding it answers:
    the same plan in any file format, not another plan that happens to number 1.1, 1.2…"""
    for link in mapping:
        title = areas.get(link["area"])
        if title is None:
            return False
        own, theirs = _words(title), _words(findings[link["finding"]])
        if not own or len(own & theirs) < 0.6 * len(own):
            return False
    return True


def apply_bundled_mapping_in(session: Session, plan_id: int) -> str:
    """Inside an import's transaction: when the plan is the bundled 2018 plan, add the
    review's areas for improvement and link its 17 areas to them.

    Returns a note for the import's one audit record ("" when the plan is another one).
    """
    data = bundled_findings()
    findings = {f["ref"]: f["text"] for f in data["findings"]}
    areas = {
        ref: (area_id, title)
        for area_id, ref, title in session.execute(
            select(Area.id, Area.ref, Area.title)
            .join(Workstream, Workstream.id == Area.workstream_id)
            .where(Workstream.plan_id == plan_id)
        )
    }
    mapping = data["bundled_plan_areas"]
    titles = {ref: title for ref, (_id, title) in areas.items()}
    if not is_bundled_plan(titles, mapping, findings):
        return ""
    ids = {}
    for position, f in enumerate(data["findings"], start=1):
        ids[f["ref"]] = session.execute(
            insert(Finding).returning(Finding.id),
            [
                {
                    "plan_id": plan_id,
                    "ref": f["ref"],
                    "kind": f.get("kind", AREA_FOR_IMPROVEMENT),
                    "text": f["text"],
                    "source": data["source"],
                    "position": position,
                }
            ],
        ).scalar_one()
    session.execute(
        insert(AreaFinding),
        [{"area_id": areas[m["area"]][0], "finding_id": ids[m["finding"]]} for m in mapping],
    )
    return (
        f"; {len(mapping)} areas linked to the {len(ids)} areas for improvement of the "
        f"{data['source']}"
    )
