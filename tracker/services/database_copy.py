"""Copying a whole database into an empty one (a file to a team server and back), checked
on arrival before it is kept.

Everything is copied as it is, ids included: every plan, person, update, the audit log
and the settings. Then, still inside the target's one transaction, the copy is checked:
the rows of every table counted, every action's updates compared field by field with the
source's, and the audit chain verified. Any difference rolls the whole copy back, so the
target is left empty, as it was.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, SQLModel

from tracker.db.database import Database
from tracker.db.models import Update
from tracker.errors import TrackerError
from tracker.services.audit import check_chain, verify_chain
from tracker.services.row_copy import count_rows, move_id_sequences, read_rows, write_rows
from tracker.wording import count_noun


class CopyCheckError(TrackerError):
    """The copy did not arrive as it left; nothing was kept."""


@dataclass(frozen=True)
class CopyReport:
    counts: dict[str, int]
    audit_records: int

    def describe(self) -> str:
        shown = ", ".join(
            count_noun(self.counts.get(name, 0), noun)
            for name, noun in (("plan", "plan"), ("action", "action"), ("update", "update"))
        )
        return (
            f"Copied {shown} and {count_noun(self.audit_records, 'audit record')}; "
            f"checked on arrival: every table's rows counted, every action's updates "
            "compared and the audit chain verified."
        )


def copy_database(
    source: Database, target: Database, *, source_name: str, target_name: str
) -> CopyReport:
    """Copy everything in ``source`` into ``target``, which must be empty; all or nothing."""
    chain = verify_chain(source)
    if not chain.ok:
        raise TrackerError(
            f"{source_name} cannot be copied as it is: {chain.message} Nothing was copied."
        )
    tables = SQLModel.metadata.sorted_tables
    with target.read() as session:
        held = {t.name: n for t in tables if (n := count_rows(session, t))}
    if held:
        listing = ", ".join(f"{name} {n}" for name, n in sorted(held.items()))
        raise TrackerError(
            f"{target_name} is not empty (rows: {listing}). A copy goes only into an empty "
            "database, so that nothing there is mixed with it or lost. Nothing was copied."
        )
    with source.read() as src, target.write() as dst:
        counts = {t.name: write_rows(dst, t, read_rows(src, t)) for t in tables}
        move_id_sequences(dst, tables)
        _check_arrival(src, dst, target_name)
    return CopyReport(counts, counts.get("audit_log", 0))


def _check_arrival(src: Session, dst: Session, target_name: str) -> None:
    """Raise (rolling the copy back) unless the target holds exactly what the source does."""
    problems = []
    for table in SQLModel.metadata.sorted_tables:
        want, got = count_rows(src, table), count_rows(dst, table)
        if want != got:
            problems.append(f"{table.name}: {got} rows arrived of {want}")
    want_updates, got_updates = _updates_by_action(src), _updates_by_action(dst)
    differ = sorted(
        a for a in set(want_updates) | set(got_updates) if want_updates.get(a) != got_updates.get(a)
    )
    if differ:
        shown = ", ".join(str(a) for a in differ[:10])
        problems.append(f"the updates of {count_noun(len(differ), 'action')} differ ({shown})")
    chain = check_chain(dst)
    if not chain.ok:
        problems.append(chain.message)
    if problems:
        raise CopyCheckError(
            f"The copy in {target_name} did not match the original: {'; '.join(problems)}. "
            "It was not kept: the target is empty again. Check the connection and the "
            "server's disk, and run the copy again."
        )


def _updates_by_action(session: Session) -> dict[int, list[tuple[Any, ...]]]:
    columns = [c for c in Update.__table__.columns if c.name != "id"]
    found: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in session.execute(select(*columns).order_by(Update.action_id, Update.id)):
        found[row.action_id].append(tuple(row))
    return dict(found)
