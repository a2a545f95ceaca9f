"""Copying table rows between two databases as they are, ids included.

Rows are read and written through the tables' own column types, so a timestamp or a
date arrives as the same value whichever database engine is on either side. Used by
``checkout`` (part of a plan) and ``copy`` (everything).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

BATCH = 1000


def read_rows(
    session: Session, table: Table, where: ColumnElement[bool] | None = None
) -> Iterator[dict[str, Any]]:
    """The table's rows (those matching ``where``) as dicts, in primary-key order."""
    query = select(table).order_by(*table.primary_key.columns)
    if where is not None:
        query = query.where(where)
    for row in session.execute(query):
        yield dict(row._mapping)


def write_rows(session: Session, table: Table, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert the rows as they are (ids included), in batches; returns how many."""
    count = 0
    batch: list[Mapping[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            session.execute(insert(table), batch)
            count += len(batch)
            batch = []
    if batch:
        session.execute(insert(table), batch)
        count += len(batch)
    return count


def count_rows(session: Session, table: Table) -> int:
    return session.execute(select(func.count()).select_from(table)).scalar_one()


def move_id_sequences(session: Session, tables: Iterable[Table]) -> None:
    """After inserting explicit ids on PostgreSQL, start each id sequence above them
    (SQLite needs nothing: a new row takes the largest id plus one)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        columns = list(table.primary_key.columns)
        if len(columns) != 1 or columns[0].name != "id" or not columns[0].autoincrement:
            continue
        session.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
            ),
            {"table": f'"{table.name}"'},
        )
