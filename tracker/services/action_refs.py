"""Finding an action by its reference as the report shows it: the area's reference and
the action's number, ``2.1 ii`` (or ``2.1 ii.``, ``2.1 II``): what the command line's
verbs take as REF.

A reference is read as people write it: case, spacing and a trailing full stop or
bracket on each part do not matter. An unknown or ambiguous reference is refused with the
references that do exist, or the plans it matches in.
"""

from __future__ import annotations

from sqlalchemy import select

from tracker.db.database import Database
from tracker.db.models import Action, Area, Plan, Workstream
from tracker.errors import TrackerError


def ref_key(text: str) -> str:
    """``"2.1  ii."`` and ``"2.1 II"`` read alike: ``"2.1 ii"``."""
    return " ".join(part.rstrip(".)").casefold() for part in text.split())


def plan_id_for(database: Database, wanted: str | int | None) -> int | None:
    """The plan ``--plan ID|NAME`` names (None when not given)."""
    if wanted is None or str(wanted).strip() == "":
        return None
    text = str(wanted).strip()
    with database.read() as session:
        plans = dict(session.execute(select(Plan.id, Plan.name).order_by(Plan.id)).all())
    if text.isdigit() and int(text) in plans:
        return int(text)
    matches = [pid for pid, name in plans.items() if name.casefold() == text.casefold()]
    if len(matches) == 1:
        return matches[0]
    listing = "; ".join(f"{pid}: {name}" for pid, name in plans.items()) or "none yet"
    if matches:
        raise TrackerError(
            f"{len(matches)} plans are called {text!r}; choose one by number with --plan ID "
            f"({listing})."
        )
    raise TrackerError(f"No plan is called or numbered {text!r}; the plans are: {listing}.")


def find_action(database: Database, ref: str, plan_id: int | None = None) -> int:
    """The id of the action ``ref`` names, in the plan ``plan_id`` (else in any live plan)."""
    wanted = ref_key(ref)
    if not wanted:
        raise TrackerError(
            "Give the action's reference as the report shows it, for example 2.1 ii."
        )
    query = (
        select(Action.id, Area.ref, Action.label, Plan.id, Plan.name)
        .join(Area, Area.id == Action.area_id)
        .join(Workstream, Workstream.id == Area.workstream_id)
        .join(Plan, Plan.id == Workstream.plan_id)
        .order_by(Plan.id, Workstream.position, Area.position, Action.position)
    )
    if plan_id is not None:
        query = query.where(Plan.id == plan_id)
    else:
        query = query.where(Plan.archived.is_(False))  # type: ignore[attr-defined]
    with database.read() as session:
        rows = session.execute(query).all()
    matches = [r for r in rows if ref_key(f"{r[1]} {r[2]}") == wanted]
    where = "in that plan" if plan_id is not None else "in the live plans"
    if not matches:
        area = wanted.split(" ", 1)[0]
        in_area = [f"{r[1]} {r[2]}".strip() for r in rows if ref_key(r[1]) == area]
        hint = (
            f"area {area} has {', '.join(in_area)}"
            if in_area
            else "give the area's reference and the action's number, for example 2.1 ii"
        )
        raise TrackerError(f"No action {ref.strip()!r} {where}: {hint}.")
    if len(matches) > 1:
        plans = {r[3]: r[4] for r in matches}
        if len(plans) > 1:
            listing = "; ".join(f"{pid}: {name}" for pid, name in plans.items())
            raise TrackerError(
                f"Action {ref.strip()!r} is in {len(plans)} plans; choose one with "
                f"--plan ID ({listing})."
            )
        raise TrackerError(
            f"The plan has {len(matches)} actions numbered {ref.strip()!r}: renumber one "
            "in the window so each reference names one action."
        )
    return int(matches[0][0])
