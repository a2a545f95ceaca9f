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
    for where in draft.rows_used:
        lines.append(f"  Read from {where}")
    others = [t for t in draft.tables if t.sheet not in draft.sheets_used]
    if others:
        shown = ", ".join(f"'{t.sheet}' ({count_noun(t.rows, 'row')})" for t in others)
        lines.append(f"  Other tables in the workbook, not used: {shown}")
    if draft.unused_columns:
        shown = ", ".join(f'"{header}"' for header in draft.unused_columns)
        lines.append(f"  Columns not read: {shown} (name one with --map FIELD=HEADER)")
    if draft.progress_count and draft.position_date is not None:
        lines.append(
            f"  {count_noun(draft.progress_count, 'action')} with a current position "
            f"(status, RAG, % complete or comments): recorded as first updates dated "
            f"{draft.position_date:%d %b %Y} ({draft.position_date_source})"
        )
    for ws in draft.workstreams:
        title = ws.title if ws.title == ws.tab else f"{ws.tab}: {ws.title}"
        count = sum(len(a.actions) for a in ws.areas)
        if any(a.ref for a in ws.areas):
            refs = ", ".join(a.ref or "(no ref)" for a in ws.areas)
            lines.append(f"  {title}: areas {refs}; {count_noun(count, 'action')}")
        else:  # a task list: no areas of its own
            lines.append(f"  {title}: {count_noun(count, 'action')}")
    if flagged:
        lines.append("Flagged for review:")
        for area, action in flagged:
            text = action.deadline_text or "(no deadline text)"
            lines.append(f'  {area.ref} {action.label}: "{text}": {action.review_reason}')
    if dry_run:
        lines.append("Dry run: nothing was written.")
    return "\n".join(lines)
