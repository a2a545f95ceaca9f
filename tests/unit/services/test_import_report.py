"""The import's summary, as the CLI prints it and the window previews it."""

from __future__ import annotations

from pathlib import Path

from tests.plan_factory import write_plan
from tracker.services.import_report import format_import_summary
from tracker.services.plan_import import read_plan


def test_counts_carry_thousands_separators_and_agree_with_their_nouns(tmp_path: Path) -> None:
    draft = read_plan(write_plan(tmp_path / "big.xlsx", 1200))
    summary = format_import_summary(draft, dry_run=True).splitlines()
    assert summary[1].startswith(f"  {len(draft.workstreams)} workstreams, ")
    assert "areas, 1,200 actions, " in summary[1]
    assert summary[-1] == "Dry run: nothing was written."


def test_one_of_a_kind_reads_in_the_singular(tmp_path: Path) -> None:
    draft = read_plan(write_plan(tmp_path / "small.xlsx", 1))  # one area of ten actions
    line = format_import_summary(draft, dry_run=False).splitlines()[1]
    assert line.startswith("  1 workstream, 1 area, 10 actions, ")
