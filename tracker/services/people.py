"""People as records: one row per person, found by a forgiving key."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import insert, select
from sqlmodel import Session

from tracker.db.models import Person


@lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """'Pip  Mayo' and 'pip mayo' are the same person."""
    return " ".join(name.split()).casefold()


def ensure_people(session: Session, names: Iterable[str]) -> dict[str, int]:
    """Ids for these names (by their key), creating the people that are new."""
    wanted: dict[str, str] = {}
    # An import names the same few people thousands of times: tidy each name once.
    for name in dict.fromkeys(names):
        tidy = " ".join(name.split())
        if tidy:
            wanted.setdefault(person_key(tidy), tidy)
    if not wanted:
        return {}
    ids: dict[str, int] = {}
    keys = list(wanted)
    # SQLite limits bound parameters per statement; look keys up in chunks.
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for key, person_id in session.execute(
            select(Person.name_key, Person.id).where(Person.name_key.in_(chunk))
        ):
            ids[key] = person_id
    missing = [{"name": wanted[k], "name_key": k} for k in keys if k not in ids]
    if missing:
        rows = session.execute(
            insert(Person).returning(Person.name_key, Person.id, sort_by_parameter_order=True),
            missing,
        )
        ids.update({key: person_id for key, person_id in rows})
    return ids
