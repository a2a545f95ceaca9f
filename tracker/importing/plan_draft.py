"""What an import found, before anything is written: plain data the CLI prints,
the GUI previews and the plan store saves in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class PersonRoleDraft:
    name: str
    role: str


@dataclass(slots=True)
class ActionDraft:
    label: str
    text: str
    deadline_text: str = ""
    lead_text: str = ""
    start: date | None = None
    due: date | None = None
    leads: list[str] = field(default_factory=list)
    # True when the sheet named nobody for this action and it took the area's leads.
    leads_inherited: bool = False
    review_reasons: list[str] = field(default_factory=list)
    # The action's current position as a hand-kept copy records it (Status, RAG, %
    # complete, Comments): saved as its first update. None where the sheet says nothing.
    status: str | None = None
    rag: str | None = None
    percent: int | None = None
    progress_note: str = ""

    @property
    def has_progress(self) -> bool:
        return self.status is not None

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)

    @property
    def review_reason(self) -> str | None:
        return "; ".join(self.review_reasons) or None


@dataclass(slots=True)
class AreaDraft:
    ref: str
    title: str = ""
    what_has_changed: str = ""
    plans_in_place: str = ""
    lead_in: str = ""
    lead_text: str = ""
    deadline_text: str = ""
    leads: list[PersonRoleDraft] = field(default_factory=list)
    actions: list[ActionDraft] = field(default_factory=list)
    source: str = ""  # "Sheet 'Action Plan', rows 8-10": where to look in the workbook


@dataclass(slots=True)
class WorkstreamDraft:
    tab: str
    title: str
    areas: list[AreaDraft] = field(default_factory=list)


@dataclass(frozen=True)
class TableChoice:
    """A table found in the workbook: the import dialog offers each as a choice."""

    sheet: str
    header_row: int
    rows: int  # rows holding an action
    score: float


@dataclass
class PlanDraft:
    name: str
    source_file: str
    source_sha256: str
    workstreams: list[WorkstreamDraft] = field(default_factory=list)
    # Where the plan was found: "sheet 'Tasks', header in row 3, rows 4-40" per sheet.
    sheets_used: list[str] = field(default_factory=list)
    rows_used: list[str] = field(default_factory=list)
    # Headers of the table's columns the import read nothing from.
    unused_columns: list[str] = field(default_factory=list)
    # Every table found, best first; the first is the one used unless one was chosen.
    tables: list[TableChoice] = field(default_factory=list)
    # The date the first updates (a hand-kept copy's current position) are recorded on,
    # and where it came from ("the workbook's saved date", "given at import", "today").
    position_date: date | None = None
    position_date_source: str = ""

    @property
    def progress_count(self) -> int:
        return sum(1 for x in self.actions if x.has_progress)

    @property
    def areas(self) -> list[AreaDraft]:
        return [area for ws in self.workstreams for area in ws.areas]

    @property
    def actions(self) -> list[ActionDraft]:
        return [action for area in self.areas for action in area.actions]

    def flagged(self) -> list[tuple[AreaDraft, ActionDraft]]:
        return [(a, x) for a in self.areas for x in a.actions if x.needs_review]
