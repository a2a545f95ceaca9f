"""The board report's assurance sheets: "RAG check" (each action's declared and calculated
RAG side by side, where they differ and why, with the plan's rule and the workstreams'
roll-ups) and "Coverage" (each finding and quality statement with the actions that answer
it; findings and statements with no action are highlighted).

The lines are gathered and worked out before the workbook is written
(:mod:`tracker.services.assurance_report`); this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker import domain
from tracker.dates import long_date
from tracker.excel import styles
from tracker.excel.safe_cells import CellMaker
from tracker.excel.sheet_setup import (
    FittedRows,
    print_ready,
    set_widths,
    sheet_name,
    widths_for_words,
)
from tracker.excel.streaming import RowSheet, StreamingWorkbook
from tracker.excel.styles import StyleBook
from tracker.wording import count_noun

RAG_CHECK_SHEET = "RAG check"
COVERAGE_SHEET = "Coverage"
HEADER_ROW = 3
FIRST_DATA_ROW = HEADER_ROW + 1

RAG_CHECK_HEADERS = (
    "Workstream",
    "Ref",
    "Action",
    "Declared RAG",
    "Calc RAG",
    "Differs",
    "Why calculated so (the rule that fired)",
    "Reason given for the declared RAG",
)
RAG_CHECK_WIDTHS = (16, 9, 42, 9, 9, 9, 36, 30)

# "RAG" is the actions' declared RAG for now: BRAG (and evidence counts) take its place in
# tracker.services.coverage.action_rating and here.
COVERAGE_HEADERS = (
    "Kind",
    "Ref",
    "Finding or quality statement",
    "Indicative score",
    "Action",
    "What the action does",
    "BRAG",
    "Calc RAG",
    "Evidence",
)
COVERAGE_WIDTHS = (14, 9, 42, 9, 9, 38, 6, 9, 9)
NO_ACTION = "No action answers it"
UNCOVERED_FILL = "FDE2E1"
# Answered by actions, none of which holds evidence yet: claimed, not yet shown.
NO_EVIDENCE_FILL = "FFF2CC"


@dataclass(frozen=True)
class RagCheckLine:
    workstream: str
    ref: str
    text: str
    declared: str | None
    calculated: str | None
    why: str  # the reason the calculated RAG is what it is
    declared_reason: str  # the latest reason given for a greener declared RAG

    @property
    def differs(self) -> bool:
        return bool(self.declared and self.calculated and self.declared != self.calculated)


@dataclass(frozen=True)
class RollUpLine:
    workstream: str
    declared: str | None
    calculated: str | None


@dataclass(frozen=True)
class CoverageLine:
    kind: str  # "Finding" or "Quality statement"
    ref: str
    text: str
    score: int | None
    action_ref: str  # "" when no action answers it
    action_text: str
    rating: str | None  # the action's BRAG
    calculated: str | None
    evidence: int = 0  # pieces of evidence the action holds
    # The finding or statement is answered, but none of its actions holds evidence.
    without_evidence: bool = False

    @property
    def uncovered(self) -> bool:
        return not self.action_ref


@dataclass(frozen=True)
class AssuranceData:
    rule_text: str  # the plan's calculated-RAG rule in words
    rag_lines: Sequence[RagCheckLine]
    roll_ups: Sequence[RollUpLine]
    roll_up_label: str  # "worst of its actions" or "majority of its actions"
    coverage: Sequence[CoverageLine]


def rule_notes(data: AssuranceData) -> list[str]:
    """The rule, for the Summary sheet's notes: a line a sentence or two, so the notes
    do not widen the printed page."""
    sentences = [s.strip() for s in data.rule_text.split(". ") if s.strip()]
    lines = [f"Calculated RAG (sheet '{RAG_CHECK_SHEET}'): {sentences[0]}"] if sentences else []
    lines.extend(sentences[1:])
    return [line if line.endswith(".") else line + "." for line in lines]


def write_assurance_sheets(
    workbook: StreamingWorkbook,
    book: StyleBook,
    used_names: set[str],
    plan_name: str,
    as_at: date,
    data: AssuranceData,
) -> None:
    _rag_check_sheet(workbook, book, used_names, plan_name, as_at, data)
    _coverage_sheet(workbook, book, used_names, plan_name, as_at, data)


def _sheet(
    workbook: StreamingWorkbook,
    book: StyleBook,
    used_names: set[str],
    plan_name: str,
    as_at: date,
    title: str,
    widths: Sequence[float],
    headers: Sequence[str],
    texts: list[Sequence[str | None]],
) -> tuple[RowSheet, CellMaker, list[float]]:
    sheet = workbook.add_sheet(sheet_name(title, used_names))
    fitted = widths_for_words(widths, [headers, *texts])
    set_widths(sheet, fitted)
    sheet.set_height(HEADER_ROW, 30)
    sheet.worksheet.freeze_panes(FIRST_DATA_ROW - 1, 0)
    print_ready(
        sheet,
        footer_left=f"As at {long_date(as_at)}",
        header_centre=plan_name,
        title_rows=(1, HEADER_ROW),
    )
    return sheet, CellMaker(sheet, book), fitted


def _titles(
    sheet: RowSheet, cells: CellMaker, title: str, subtitle: str, headers: Sequence[str]
) -> None:
    sheet.append([cells.text(title, styles.TITLE)])
    sheet.append([cells.text(subtitle, styles.SUBTITLE)])
    sheet.append([cells.text(h, styles.HEADER) for h in headers])


def _rag_check_sheet(
    workbook: StreamingWorkbook,
    book: StyleBook,
    used_names: set[str],
    plan_name: str,
    as_at: date,
    data: AssuranceData,
) -> None:
    lines = data.rag_lines
    texts: list[Sequence[str | None]] = [(x.workstream, x.ref) for x in lines]
    texts.append(
        ("Workstream", None, f"Roll-up: the {data.roll_up_label}", "Declared", "Calculated")
    )
    texts.extend((r.workstream, None, "Workstream roll-up") for r in data.roll_ups)
    sheet, cells, widths = _sheet(
        workbook,
        book,
        used_names,
        plan_name,
        as_at,
        RAG_CHECK_SHEET,
        RAG_CHECK_WIDTHS,
        RAG_CHECK_HEADERS,
        texts,
    )
    differ = sum(1 for x in lines if x.differs)
    _titles(
        sheet,
        cells,
        f"Declared and calculated RAG as at {long_date(as_at)}",
        f"{count_noun(differ, 'action')} of {len(lines):,} rated differently; the rule and "
        "the workstreams' roll-ups are below the table.",
        RAG_CHECK_HEADERS,
    )
    rags = {r: styles.rag_look(r) for r in (*domain.RAGS, None)}
    wrap, body = styles.WRAP, styles.BODY
    flagged = styles.OVERDUE_DATE.but(number_format="General", horizontal="center")
    rows = FittedRows(sheet, widths, FIRST_DATA_ROW)
    for x in lines:
        rows.append(
            [
                cells.text(x.workstream, wrap),
                cells.text(x.ref, body),
                cells.text(x.text, wrap),
                cells.text(x.declared, rags.get(x.declared, styles.CENTRE)),
                cells.text(x.calculated, rags.get(x.calculated, styles.CENTRE)),
                cells.text("Differs" if x.differs else "", flagged if x.differs else body),
                cells.text(x.why, wrap),
                cells.text(x.declared_reason, wrap),
            ]
        )
    last_row = max(rows.last_row, HEADER_ROW)
    sheet.worksheet.autofilter(HEADER_ROW - 1, 0, last_row - 1, len(RAG_CHECK_HEADERS) - 1)
    rows.append([])
    banner = styles.BANNER
    rows.append(
        [
            cells.text("Workstream", banner),
            cells.blank(banner),
            cells.text(f"Roll-up: the {data.roll_up_label}", banner),
            cells.text("Declared", banner),
            cells.text("Calculated", banner),
        ]
    )
    for line in data.roll_ups:
        rows.append(
            [
                cells.text(line.workstream, wrap),
                cells.blank(body),
                cells.text("Workstream roll-up", body),
                cells.text(line.declared, rags.get(line.declared, styles.CENTRE)),
                cells.text(line.calculated, rags.get(line.calculated, styles.CENTRE)),
            ]
        )
    rows.append([])
    for note in rule_notes(data):
        sheet.append([cells.text(note, styles.SUBTITLE)])


def _coverage_sheet(
    workbook: StreamingWorkbook,
    book: StyleBook,
    used_names: set[str],
    plan_name: str,
    as_at: date,
    data: AssuranceData,
) -> None:
    lines = data.coverage
    texts: list[Sequence[str | None]] = [(x.kind, x.ref, None, None, x.action_ref) for x in lines]
    sheet, cells, widths = _sheet(
        workbook,
        book,
        used_names,
        plan_name,
        as_at,
        COVERAGE_SHEET,
        COVERAGE_WIDTHS,
        COVERAGE_HEADERS,
        texts,
    )
    findings = {x.ref for x in lines if x.kind == "Finding"}
    open_findings = {x.ref for x in lines if x.kind == "Finding" and x.uncovered}
    statements = {x.ref for x in lines if x.kind != "Finding"}
    open_statements = {x.ref for x in lines if x.kind != "Finding" and x.uncovered}
    unevidenced = {(x.kind, x.ref) for x in lines if x.without_evidence}
    _titles(
        sheet,
        cells,
        f"Coverage as at {long_date(as_at)}: findings and quality statements",
        f"{count_noun(len(findings), 'finding')}, {len(open_findings):,} with no action; "
        f"{count_noun(len(statements), 'quality statement')}, {len(open_statements):,} with "
        f"no action; {len(unevidenced):,} answered with no evidence yet. Rows shaded red have "
        "no action answering them; yellow, actions but no evidence.",
        COVERAGE_HEADERS,
    )
    rags = {r: styles.rag_look(r) for r in (*domain.RAGS, domain.BLUE, None)}
    wrap, body, number = styles.WRAP, styles.BODY, styles.NUMBER
    alert = {look: look.but(fill=UNCOVERED_FILL) for look in (wrap, body, number)}
    unproven = {look: look.but(fill=NO_EVIDENCE_FILL) for look in (wrap, body, number)}
    rows = FittedRows(sheet, widths, FIRST_DATA_ROW)
    previous = None
    for x in lines:
        shade = alert if x.uncovered else unproven if x.without_evidence else None
        w, b, n = (shade[wrap], shade[body], shade[number]) if shade else (wrap, body, number)
        # A finding's text once, on its first action's row: the rows stay short to print.
        first = (x.kind, x.ref) != previous
        previous = (x.kind, x.ref)
        rows.append(
            [
                cells.text(x.kind, w),
                cells.text(x.ref, b),
                cells.text(x.text if first else "", w),
                cells.number(x.score, n) if x.score else cells.text("", b),
                cells.text(x.action_ref, b),
                cells.text(x.action_text or (NO_ACTION if x.uncovered else ""), w),
                cells.text(x.rating, rags.get(x.rating, b)),
                cells.text(x.calculated, rags.get(x.calculated, b)),
                cells.number(x.evidence, n) if not x.uncovered else cells.text("", b),
            ]
        )
    last_row = max(rows.last_row, HEADER_ROW)
    sheet.worksheet.autofilter(HEADER_ROW - 1, 0, last_row - 1, len(COVERAGE_HEADERS) - 1)
