"""Facts about the database file kept in ``app_setting``: the returns' signing secret and
when the last board report was exported.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from tracker.db.database import Database
from tracker.db.models import AppSetting

RETURN_SECRET_KEY = "return_secret"
LAST_REPORT_KEY = "last_report_exported_at"


def get_setting(session: Session, key: str) -> str | None:
    return session.execute(select(AppSetting.value).where(AppSetting.key == key)).scalar()


def put_setting(session: Session, key: str, value: str) -> None:
    on_server = session.get_bind().dialect.name == "postgresql"
    insert = postgresql_insert if on_server else sqlite_insert
    statement = insert(AppSetting).values(key=key, value=value)
    session.execute(statement.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def return_secret(database: Database) -> bytes:
    """This database's secret for signing status returns: 32 random bytes, made once."""
    with database.read() as session:
        stored = get_setting(session, RETURN_SECRET_KEY)
    if stored is None:
        with database.write() as session:
            stored = get_setting(session, RETURN_SECRET_KEY)
            if stored is None:
                stored = secrets.token_hex(32)
                put_setting(session, RETURN_SECRET_KEY, stored)
    return bytes.fromhex(stored)


def last_report_exported_at(database: Database) -> datetime | None:
    with database.read() as session:
        stored = get_setting(session, LAST_REPORT_KEY)
    return datetime.fromisoformat(stored) if stored else None


def record_report_exported(database: Database, at: datetime) -> None:
    with database.write() as session:
        put_setting(session, LAST_REPORT_KEY, at.isoformat(timespec="microseconds"))
