"""The floors the benchmark measures the app against, in the same run on the same files.

A floor is the least work any implementation must do for a figure, done with the
fastest tools at hand: it turns machine speed into a ratio that means the same on any
machine.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import python_calamine
import xlsxwriter

from tracker.db.database import apply_pragmas


def read_floor(path: Path) -> float:
    """python-calamine visiting every cell of every sheet."""
    started = time.perf_counter()
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    cells = 0
    for name in workbook.sheet_names:
        for row in workbook.get_sheet_by_name(name).iter_rows():
            for _value in row:
                cells += 1
    assert cells > 0
    return time.perf_counter() - started


def table_rows(db_path: Path) -> dict[str, tuple[str, list[tuple]]]:
    """Every user table's CREATE statement and rows, read before the timed insert."""
    with sqlite3.connect(db_path) as conn:
        tables = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
        ).fetchall()
        return {
            name: (sql, conn.execute(f'SELECT * FROM "{name}"').fetchall()) for name, sql in tables
        }


def insert_floor(rows: dict[str, tuple[str, list[tuple]]], target: Path) -> float:
    """Raw ``executemany`` of the same rows and text, one transaction, the app's PRAGMAs."""
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        apply_pragmas(conn)
        for sql, _ in rows.values():
            conn.execute(sql)
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for name, (_, values) in rows.items():
            if values:
                marks = ",".join("?" * len(values[0]))
                conn.executemany(f'INSERT INTO "{name}" VALUES ({marks})', values)
        conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()


def workbook_cells(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet's cell values, to be written again by the write floor."""
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    return {
        name: [list(row) for row in workbook.get_sheet_by_name(name).iter_rows()]
        for name in workbook.sheet_names
    }


def write_floor(cells: dict[str, list[list[object]]], target: Path) -> float:
    """xlsxwriter in constant_memory mode writing the same cells and nothing else."""
    started = time.perf_counter()
    workbook = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    for name, rows in cells.items():
        sheet = workbook.add_worksheet(name[:31])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                sheet.write(r, c, value)
    workbook.close()
    return time.perf_counter() - started
