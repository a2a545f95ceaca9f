"""Sheet names and row heights."""

from __future__ import annotations

from tracker.excel.sheet_setup import lines_needed, sheet_name, wrapped_height


def test_sheet_names_are_valid_and_unique() -> None:
    used: set[str] = set()
    assert sheet_name("Enablers – IT/Digital [draft]?", used) == "Enablers – IT-Digital -draft--"
    long = "Ongoing Personalised Support and more words beyond the limit"
    first = sheet_name(long, used)
    second = sheet_name(long, used)
    assert len(first) <= 31 and len(second) <= 31
    assert first != second and second.endswith("(2)")
    assert sheet_name("summary", {"summary"}) == "summary (2)"


def test_row_heights_grow_with_wrapped_text() -> None:
    assert lines_needed("", 10) == 1
    assert lines_needed("x" * 25, 10) == 3
    assert lines_needed("a\nb\nc", 50) == 3
    assert wrapped_height([("short", 20)]) is None
    assert wrapped_height([("x" * 100, 20)]) > 60
