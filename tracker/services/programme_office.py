"""Who may verify completion: the programme office, a list of names kept in the database's
settings (so every copy of the tracker on the file agrees), each change audited.

Names are compared as people are everywhere in the tracker: case and spacing aside.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlmodel import Session

from tracker.db.database import Database
from tracker.errors import TrackerError
from tracker.services.audit import Change, record_changes
from tracker.services.database_settings import get_setting, put_setting
from tracker.services.people import person_key

PROGRAMME_OFFICE_KEY = "programme_office"


def stored_programme_office(session: Session) -> list[str]:
    text = get_setting(session, PROGRAMME_OFFICE_KEY)
    return [str(name) for name in json.loads(text)] if text else []


def programme_office(database: Database) -> list[str]:
    """The names of the programme office, in the order they were added."""
    with database.read() as session:
        return stored_programme_office(session)


def in_programme_office(names: Sequence[str], user: str) -> bool:
    key = person_key(user)
    return bool(key) and any(person_key(name) == key for name in names)


def is_programme_office(database: Database, user: str) -> bool:
    return in_programme_office(programme_office(database), user)


def _tidy(names: Sequence[str]) -> list[str]:
    tidy: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if name and not in_programme_office(tidy, name):
            tidy.append(name)
    return tidy


def set_programme_office(database: Database, names: Sequence[str]) -> list[str]:
    """Replace the list (from Preferences); returns it as kept."""
    with database.write() as session:
        return _save(session, database.actor, stored_programme_office(session), _tidy(names))


def add_to_programme_office(database: Database, name: str) -> list[str]:
    tidy = " ".join(name.split())
    if not tidy:
        raise TrackerError("Give the name of the person to add to the programme office.")
    with database.write() as session:
        before = stored_programme_office(session)
        listed = [n for n in before if person_key(n) == person_key(tidy)]
        if listed:
            raise TrackerError(f"{listed[0]} is already in the programme office.")
        return _save(session, database.actor, before, [*before, tidy])


def remove_from_programme_office(database: Database, name: str) -> list[str]:
    key = person_key(name)
    with database.write() as session:
        before = stored_programme_office(session)
        after = [n for n in before if person_key(n) != key]
        if len(after) == len(before):
            listed = ", ".join(before) or "no one yet"
            raise TrackerError(
                f"{' '.join(name.split())} is not in the programme office (it lists {listed})."
            )
        return _save(session, database.actor, before, after)


def _save(session: Session, actor: str, before: list[str], after: list[str]) -> list[str]:
    if after != before:
        put_setting(session, PROGRAMME_OFFICE_KEY, json.dumps(after, ensure_ascii=False))
        record_changes(
            session,
            user=actor,
            cause="edit",
            changes=[Change("setting", 0, "programme office", before or None, after or None)],
        )
    return after
