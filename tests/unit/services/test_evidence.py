"""Evidence on an action: files stored with their hash and size, links validated, removal
soft and audited."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from tracker.db import Database
from tracker.db.models import Evidence
from tracker.services import evidence
from tracker.services.action_edits import ValidationError
from tracker.services.audit import list_audit, verify_chain


def test_a_file_is_stored_with_its_hash_size_name_and_type(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    content = b"%PDF-1.4 minutes of the board\n" * 100
    path = tmp_path / "Board minutes.pdf"
    path.write_bytes(content)
    database.actor = "Pip Mayo"
    evidence_id = evidence.add_file(database, small_plan["Agree the vision"], path, "Minutes")

    (row,) = evidence.list_evidence(database, small_plan["Agree the vision"])
    assert row.id == evidence_id
    assert row.kind == "file"
    assert row.name == "Board minutes.pdf"
    assert row.description == "Minutes"
    assert row.media_type == "application/pdf"
    assert row.size == len(content)
    assert row.sha256 == hashlib.sha256(content).hexdigest()
    assert row.added_by == "Pip Mayo"
    assert evidence.read_file_bytes(database, evidence_id) == ("Board minutes.pdf", content)


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_written(
    database: Database, small_plan: dict[str, int], tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(evidence, "MAX_EVIDENCE_BYTES", 1024)
    path = tmp_path / "scan.tif"
    path.write_bytes(b"x" * 1025)
    with pytest.raises(
        ValidationError,
        match=r"scan\.tif is too large to store: it is 1,025 bytes and an evidence file can be "
        r"at most 1,024 \(1 KB\)\. Put it on a shared drive and add a link to it instead\.",
    ):
        evidence.add_file(database, small_plan["Agree the vision"], path)
    with database.read() as session:
        assert session.execute(select(Evidence)).first() is None


def test_the_size_limit_is_25_megabytes() -> None:
    assert evidence.MAX_EVIDENCE_BYTES == 25 * 1024 * 1024


def test_a_missing_file_is_refused_clearly(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="was not found"):
        evidence.add_file(database, small_plan["Agree the vision"], tmp_path / "gone.pdf")


def test_a_file_altered_in_the_database_is_refused_on_reading(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"original")
    evidence_id = evidence.add_file(database, small_plan["Agree the vision"], path)
    with database.write() as session:
        session.get(Evidence, evidence_id).content = b"forged"  # type: ignore[union-attr]
    with pytest.raises(Exception, match="no longer matches the fingerprint"):
        evidence.read_file_bytes(database, evidence_id)


@pytest.mark.parametrize(
    "link",
    [
        "https://www.cqc.org.uk/report.pdf",
        "http://intranet/minutes",
        "mailto:pmo@example.org",
        r"\\fileserver\programme\evidence\minutes.docx",
        r"S:\Programme\minutes.docx",
        "/mnt/share/minutes.docx",
        "file:///mnt/share/minutes.docx",
    ],
)
def test_links_the_tracker_keeps(database: Database, small_plan: dict[str, int], link: str) -> None:
    evidence.add_link(database, small_plan["Agree the vision"], f"  {link} ", "Where it is")
    (row,) = evidence.list_evidence(database, small_plan["Agree the vision"])
    assert (row.kind, row.url, row.name, row.description) == ("link", link, link, "Where it is")
    assert row.sha256 is None


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("", "The link is empty"),
        ("ftp://files.example.org/x", "is a ftp: link, which the tracker does not keep"),
        ("https://", "has no site name"),
        ("mailto:nobody", "has no e-mail address"),
        ("minutes.docx", "is not a link the tracker can keep"),
        (r"\\server", "names no shared folder"),
    ],
)
def test_links_refused_with_a_clear_message(
    database: Database, small_plan: dict[str, int], link: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        evidence.add_link(database, small_plan["Agree the vision"], link)
    assert evidence.list_evidence(database, small_plan["Agree the vision"]) == []


def test_removing_evidence_hides_it_keeps_it_audits_it_and_it_can_be_restored(
    database: Database, small_plan: dict[str, int]
) -> None:
    action_id = small_plan["Agree the vision"]
    evidence_id = evidence.add_link(database, action_id, "https://example.org/a", "Report")
    database.actor = "Sam Lee"
    evidence.remove(database, evidence_id)

    assert evidence.list_evidence(database, action_id) == []
    (kept,) = evidence.list_evidence(database, action_id, include_removed=True)
    assert kept.removed and kept.removed_by == "Sam Lee"
    fields = [(r.user, r.field, r.old_value, r.new_value) for r in list_audit(
        database, record_type="action", record_id=action_id
    )]  # fmt: skip
    summary = f"#{evidence_id} link https://example.org/a: Report"
    assert ("Sam Lee", "evidence removed", summary, None) in fields

    evidence.restore(database, evidence_id)
    (back,) = evidence.list_evidence(database, action_id)
    assert back.id == evidence_id and not back.removed
    fields = [(r.field, r.new_value) for r in list_audit(
        database, record_type="action", record_id=action_id
    )]  # fmt: skip
    assert fields[-1] == ("evidence restored", summary)
    assert verify_chain(database).ok


def test_removing_twice_is_refused(database: Database, small_plan: dict[str, int]) -> None:
    evidence_id = evidence.add_link(database, small_plan["Agree the vision"], "https://e.org/a")
    evidence.remove(database, evidence_id)
    with pytest.raises(ValidationError, match="already removed"):
        evidence.remove(database, evidence_id)


def test_a_command_line_target_reads_as_a_link_or_a_file(tmp_path: Path) -> None:
    local = tmp_path / "odd:name.txt"
    local.write_text("x")
    assert evidence.is_link("https://example.org")
    assert evidence.is_link(r"\\server\share\x.pdf")
    assert evidence.is_link("ftp://example.org")  # then refused by check_link
    assert not evidence.is_link(str(local))
    assert not evidence.is_link(r"S:\folder\x.pdf")


@pytest.mark.sqlite_only
def test_a_backup_carries_the_evidence_file_and_removed_evidence_too(
    database: Database, small_plan: dict[str, int], tmp_path: Path
) -> None:
    from tracker.db import open_database
    from tracker.db.backup import backup_database

    path = tmp_path / "signed.pdf"
    path.write_bytes(b"signed off")
    action_id = small_plan["Agree the vision"]
    kept = evidence.add_file(database, action_id, path)
    gone = evidence.add_link(database, action_id, "https://example.org/old")
    evidence.remove(database, gone)
    copy = open_database(backup_database(database.path, "test"))
    try:
        assert evidence.read_file_bytes(copy, kept) == ("signed.pdf", b"signed off")
        rows = evidence.list_evidence(copy, action_id, include_removed=True)
        assert [(r.id, r.removed) for r in rows] == [(kept, False), (gone, True)]
    finally:
        copy.close()
