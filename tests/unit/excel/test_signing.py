"""Fingerprints change with the state; signatures catch edited ids and moved rows."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tracker.excel.signing import (
    fingerprint,
    row_signature_ok,
    sign_row,
    sign_table,
    table_signature_ok,
)

SECRET = b"k" * 32
WHEN = datetime(2019, 3, 1, 12, 0, tzinfo=UTC)


def test_fingerprint_changes_with_each_part_of_the_state() -> None:
    base = fingerprint("In progress", "A", 50, date(2019, 6, 30), WHEN)
    assert base == fingerprint("In progress", "A", 50, date(2019, 6, 30), WHEN)
    others = [
        fingerprint("Complete", "A", 50, date(2019, 6, 30), WHEN),
        fingerprint("In progress", "R", 50, date(2019, 6, 30), WHEN),
        fingerprint("In progress", "A", 60, date(2019, 6, 30), WHEN),
        fingerprint("In progress", "A", 50, None, WHEN),
        fingerprint("In progress", "A", 50, date(2019, 6, 30), None),
    ]
    assert base not in others


def test_row_signature_binds_return_scope_action_and_fingerprint() -> None:
    signature = sign_row(SECRET, "r1", "workstream:1", 7, "fp")
    assert row_signature_ok(SECRET, "r1", "workstream:1", 7, "fp", signature)
    assert not row_signature_ok(SECRET, "r1", "workstream:1", 8, "fp", signature)
    assert not row_signature_ok(SECRET, "r1", "workstream:2", 7, "fp", signature)
    assert not row_signature_ok(SECRET, "r2", "workstream:1", 7, "fp", signature)
    assert not row_signature_ok(SECRET, "r1", "workstream:1", 7, "fq", signature)
    assert not row_signature_ok(b"x" * 32, "r1", "workstream:1", 7, "fp", signature)


def test_table_signature_ignores_only_newline_style() -> None:
    rows = [["format", "x"], ["sent", "1", "line one\r\nline two"]]
    signature = sign_table(SECRET, rows)
    assert table_signature_ok(
        SECRET, [["format", "x"], ["sent", "1", "line one\nline two"]], signature
    )
    assert not table_signature_ok(SECRET, [["format", "y"], rows[1]], signature)
    assert not table_signature_ok(SECRET, [["format", "x"]], signature)
