"""Facts kept in the database file: the returns' signing secret and the last report."""

from __future__ import annotations

from datetime import UTC, datetime

from tracker.db import Database
from tracker.services.database_settings import (
    last_report_exported_at,
    record_report_exported,
    return_secret,
)


def test_the_signing_secret_is_made_once_and_kept(database: Database) -> None:
    secret = return_secret(database)
    assert len(secret) == 32
    assert return_secret(database) == secret


def test_the_last_report_time_is_kept_to_the_microsecond(database: Database) -> None:
    assert last_report_exported_at(database) is None
    at = datetime(2019, 3, 5, 9, 30, 15, 123456, tzinfo=UTC)
    record_report_exported(database, at)
    record_report_exported(database, at.replace(day=6))
    assert last_report_exported_at(database) == at.replace(day=6)
