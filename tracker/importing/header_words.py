"""The header wordings that name each field of a plan's table.

People head their columns in many ways ("Task", "Task name", "Actions required";
"Owner", "Assigned to", "Resp"; "Due", "Dead line", "Finish"; "S.No", "WBS"). A header is
compared after folding case, punctuation and spacing, so "  Due  Date " and "due-date"
both read as "due date". The user's --map (or the import dialog's mapping) names any
column whose wording is not here.
"""

from __future__ import annotations

import re

FIELD_WORDINGS: dict[str, tuple[str, ...]] = {
    "ref": (
        "ref", "reference", "ref no", "ref number", "no", "number", "item", "item no", "id",
        "#", "s no", "sno", "sl no", "sr no", "serial no", "serial number", "wbs",
        "wbs code", "wbs no", "outline number", "task id", "task no", "action no",
        "action ref", "action number", "code", "unique id", "issue key", "ref no s",
        "action id",
    ),
    "area": (
        "cqc area for improvement", "area for improvement", "areas for improvement",
        "recommendation", "recommendations", "finding", "findings", "issue", "area",
        "improvement area", "key line of enquiry", "objective", "objectives",
        "quality statement", "quality statements", "summary task", "parent task",
        "milestone", "deliverable", "goal", "outcome", "aim", "area of concern",
        "improvement", "key issue", "what we found", "standard",
    ),
    "changed": (
        "what has changed since january", "what has changed", "progress to date",
        "progress so far", "what has changed so far",
    ),
    "plans": ("what plans are in place", "plans in place", "current plans", "existing plans"),
    "action": (
        "what action now needs to be taken", "action", "actions", "activity", "activities",
        "action required", "actions required", "what will we do", "action to be taken",
        "actions to be taken", "proposed action", "proposed actions", "task", "tasks",
        "task name", "task description", "task details", "description",
        "action description", "activity description", "plan description", "name of task",
        "planned action", "planned actions", "key actions", "key action", "step",
        "steps", "name", "summary", "task title", "action s", "action plan",
        "work package", "what needs to be done", "activity name",
    ),
    "lead": (
        "who is leading", "lead", "leads", "lead officer", "lead officers", "owner",
        "owners", "responsible", "responsible officer", "responsible person", "who",
        "accountable", "accountable officer", "task owner", "action owner", "assigned to",
        "assignee", "response person", "responsible persons", "resp", "resource names",
        "resource name", "resources", "lead person", "lead name", "lead agency",
        "who is responsible", "person responsible", "responsibility", "led by", "by whom",
        "owner s", "lead s", "assigned", "person", "responsible lead", "action owner s",
        "responsible officer s", "lead organisation", "lead responsible",
    ),
    "deadline": (
        "deadline", "deadlines", "dead line", "completion date", "due date", "target date",
        "by when", "timescale", "timescales", "end date", "due", "completion",
        "target completion date", "finish", "finish date", "end", "plan date",
        "planned date", "planned end", "planned finish", "planned end date",
        "planned completion", "due by", "date due", "delivery date", "when",
        "timeline", "timeframe", "end date", "finish date", "due on", "target end date",
        "expected completion date", "forecast completion date", "date to be completed",
        "date to be completed by", "target date for completion", "complete by",
        "completed by", "revised deadline", "revised due date", "date",
    ),
    "start": ("start date", "start", "start by", "planned start", "begin", "begin date"),
    "workstream": (
        "workstream", "work stream", "workstreams", "section", "theme", "key question",
        "domain", "category", "priority area", "programme", "project", "phase", "stream",
        "section column", "group", "key theme", "cqc theme",
    ),
    "status": (
        "status", "task status", "action status", "current status", "progress status",
        "state", "status update",
    ),
    "rag": ("rag", "rag status", "rag rating", "r a g", "rag rating current", "rating"),
    "percent": (
        "% complete", "percent complete", "percentage complete", "% completed", "% done",
        "complete %", "completion %", "progress %", "% progress", "percent",
    ),
    "comments": (
        "comments", "comment", "remarks", "remark", "progress", "latest update", "update",
        "updates", "notes", "note", "progress update", "progress notes", "latest position",
        "current position", "commentary", "progress comments", "latest progress",
        "progress made",
    ),
    "outline": ("outline level", "level", "outline", "indent level", "hierarchy level"),
}  # fmt: skip

FIELDS = tuple(FIELD_WORDINGS)
FIELD_LABELS = {
    "ref": "Ref",
    "area": "Area for improvement",
    "changed": "What has changed",
    "plans": "Plans in place",
    "action": "Action",
    "lead": "Lead",
    "deadline": "Deadline",
    "start": "Start date",
    "workstream": "Workstream",
    "status": "Status",
    "rag": "RAG",
    "percent": "% complete",
    "comments": "Comments / latest update",
    "outline": "Outline level",
}

# Action wordings that also head lookup lists and code catalogues ("Code, Description"):
# a table read through one of these must show rows with a date or an owner to count.
WEAK_ACTION_WORDINGS = frozenset({"description", "step", "steps", "name", "summary"})


def normalise_header(text: object) -> str:
    """A header as compared: lower case, punctuation and runs of spaces folded to one."""
    if text is None:
        return ""
    return " ".join(re.sub(r"[^\w#%]+|_", " ", str(text).casefold()).split())


def _spaced_percent(text: str) -> str:
    # "%complete" and "complete%" read as "% complete" and "complete %".
    return " ".join(re.sub(r"%", " % ", text).split())


WORDING_TO_FIELD = {
    _spaced_percent(normalise_header(w)): name
    for name, wordings in FIELD_WORDINGS.items()
    for w in wordings
}
WEAK_WORDINGS = frozenset(_spaced_percent(normalise_header(w)) for w in WEAK_ACTION_WORDINGS)

# No header wording is longer than this; longer cells are data, not worth normalising.
LONGEST_HEADER = max(len(w) for w in WORDING_TO_FIELD) + 10


def header_key(text: object) -> str:
    """The form a header cell is looked up by."""
    return _spaced_percent(normalise_header(text))


def field_for_header(text: object) -> str | None:
    """The field a header cell names, or None."""
    return WORDING_TO_FIELD.get(header_key(text))


# Words that name a field inside a longer header ("Target date for completion", "Lead
# officer / team", "Latest progress update (Jan)"), tried in order when no wording fits.
_FIELD_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("percent", frozenset({"%", "percent", "percentage"})),
    ("rag", frozenset({"rag"})),
    ("status", frozenset({"status"})),
    ("start", frozenset({"start", "begin", "commence", "commencement"})),
    ("deadline", frozenset({"due", "deadline", "deadlines", "target", "completion", "finish",
                            "end", "timescale", "timescales", "timeframe", "when"})),
    ("lead", frozenset({"owner", "owners", "lead", "leads", "responsible", "responsibility",
                        "assigned", "assignee", "accountable", "officer", "resp", "who"})),
    ("comments", frozenset({"comment", "comments", "update", "updates", "notes", "note",
                            "remarks", "progress", "commentary", "narrative"})),
    ("action", frozenset({"action", "actions", "task", "tasks", "activity", "activities"})),
    ("workstream", frozenset({"workstream", "theme", "section"})),
    ("area", frozenset({"recommendation", "recommendations", "finding", "findings",
                        "objective", "objectives"})),
)  # fmt: skip
_MOST_WORDS = 7


def field_for_header_words(text: object) -> str | None:
    """The field a longer header names by one of its words, or None; for the first
    header of a sheet only, where a data row cannot be mistaken for it."""
    exact = field_for_header(text)
    if exact is not None:
        return exact
    words = header_key(text).split()
    if not words or len(words) > _MOST_WORDS:
        return None
    present = set(words)
    for name, keys in _FIELD_WORDS:
        if present & keys:
            return name
    return None
