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


def test_signatures_are_those_of_returns_already_sent() -> None:
    # Computed by the first release: a return sent before a change must still verify.
    assert fingerprint("In progress", "A", 50, date(2019, 6, 30), WHEN) == (
        "2503ad105154c35ed9f89437"
    )
    assert fingerprint("Not started", None, 0, None, None) == "291e5e94519111ec3ce501a5"
    assert sign_row(SECRET, "a1b2c3d4e5f6", "lead:pip mayo", 7, "fp") == (
        "ad7a57a2048abcdc6a1e24355d7abcdc9951c18be986f221f79ddd99b51813ad"
    )
    rows = [
        ["format", "x"],
        ["sent", "1", "line one\r\nline two\rthree\n", "", "café"],
        [],
        ["rows", 3],
    ]
    assert sign_table(SECRET, rows) == (
        "b27bc8d5053306ebc798b9f8fd3dc52b53b20138e0284b222b43d9bb5054c88c"
    )
    assert sign_table(SECRET, [["x", None, date(2019, 1, 2), WHEN, 5]]) == (
        "dee913420bc3e2cd3251fdd300dbc2957ca6752bbab81a96bc7aa240743e58cc"
    )


def test_an_edited_signature_with_any_characters_just_fails() -> None:
    fp = fingerprint("In progress", "A", 50, None, WHEN)
    for signature in ("¡", "é" * 64, "\ud800", ""):
        assert not row_signature_ok(SECRET, "r1", "workstream:1", 7, fp, signature)
        assert not table_signature_ok(SECRET, [["format", "x"]], signature)
