"""The human-readable summary of an import: what the CLI prints and the GUI previews."""

from __future__ import annotations

from tracker.importing.plan_draft import PlanDraft
from tracker.wording import count_noun, count_text


def format_import_summary(draft: PlanDraft, *, dry_run: bool) -> str:
    verb = "Would import" if dry_run else "Imported"
    flagged = draft.flagged()
    lines = [
        f'{verb} "{draft.name}" from {draft.source_file}',
        f"  {count_noun(len(draft.workstreams), 'workstream')}, "
        f"{count_noun(len(draft.areas), 'area')}, {count_noun(len(draft.actions), 'action')}, "
        f"{count_text(len(flagged))} flagged for review",
    ]
    for ws in draft.workstreams:
        title = ws.title if ws.title == ws.tab else f"{ws.tab}: {ws.title}"
        refs = ", ".join(a.ref or "(no ref)" for a in ws.areas)
        count = sum(len(a.actions) for a in ws.areas)
        lines.append(f"  {title}: areas {refs}; {count_noun(count, 'action')}")
    if flagged:
        lines.append("Flagged for review:")
        for area, action in flagged:
            text = action.deadline_text or "(no deadline text)"
            lines.append(f'  {area.ref} {action.label}: "{text}": {action.review_reason}')
    if dry_run:
        lines.append("Dry run: nothing was written.")
    return "\n".join(lines)
