"""Reading a "Who is leading?" cell: people and their roles, bodies, per-action leads.

Lead cells mix bodies ("Ageing Well Prevention Workstream"), people with roles
("Graeme Betts - SRO", "Andrew McKirgan (SRO)", "Operational Leads: A/ B"), people given
per action by marker ("ii. Pip Mayo"), and affiliations ("- Public Health"). The rules
here tell these apart with small word lists rather than guessing from position alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.parsing.markers import map_labels, read_label_prefix

SRO = "SRO"
OPERATIONAL_LEAD = "Operational lead"
CLINICAL_LEAD = "Clinical lead"
CO_CHAIR = "Co-chair"
LEAD = "Lead"

# Whole-segment role phrases, lower-case, as written before or after a name.
ROLES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"sro|senior responsible (?:officer|owner)"), SRO),
    (re.compile(r"operational leads?"), OPERATIONAL_LEAD),
    (re.compile(r"clinical leads?"), CLINICAL_LEAD),
    (re.compile(r"co-? ?chairs?|joint chairs?"), CO_CHAIR),
    (re.compile(r"leads?|lead officers?|chairs?|leading"), LEAD),
]

# A segment containing one of these words names a body, not a person.
GROUP_WORDS = frozenset({
    "board", "group", "groups", "workstream", "workstreams", "work-stream", "partnership",
    "team", "teams", "committee", "stp", "ccg", "icb", "ics", "council", "programme", "program",
    "portfolio", "forum", "network", "trust", "nhs", "directorate", "department", "panel",
    "alliance", "hub", "unit", "authority"
})  # fmt: skip

# Words that never appear in a person's name here: bodies, job titles and the health and
# care vocabulary that would otherwise pass for a capitalised two-word name
# ("Public Health", "Live Healthy", "Ageing Well").
NOT_NAME_WORDS = GROUP_WORDS | frozenset({
    "the", "of", "for", "and", "to", "in", "with", "director", "assistant", "executive",
    "chief", "manager", "officer", "head", "lead", "leads", "chair", "chairs", "co-chair",
    "co-chairs", "strategic", "interim", "deputy", "corporate", "senior", "commissioning",
    "commissioner", "finance", "people", "public", "health", "care", "social", "adult",
    "adults", "services", "service", "ageing", "well", "older", "live", "healthy", "happy",
    "prevention", "intervention", "early", "support", "personalised", "ongoing", "locality",
    "comms", "communications", "engagement", "digital", "workforce", "strategy", "roadmap",
    "local", "action", "system", "sro", "operational", "clinical"
})  # fmt: skip
HONORIFICS = frozenset({
    "dame", "sir", "dr", "prof", "professor", "cllr", "councillor", "mr", "mrs", "ms", "miss",
    "lord", "lady"
})  # fmt: skip
PARTICLES = frozenset({
    "de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "bin", "al"
})  # fmt: skip

_DASH = re.compile(
    r"\s*[\u2013\u2014]\s*|\s+-\s+"
)  # a spaced hyphen separates; "Smith-Jones" stays
_NAME_SEP = re.compile(r"\s*(?:/|,|;|&|\band\b)\s*")
_PAREN = re.compile(r"\(([^()]*)\)")
_FOR = re.compile(r"^(?P<who>.+?)\s+for\s+\S.*$")  # "Rachel O'Connor for STP"
_NAME_TOKEN = re.compile(r"[A-Z][A-Za-z'\-]*\.?")


@dataclass(frozen=True)
class PersonRole:
    """A person named as leading an area, with their role."""

    name: str
    role: str


@dataclass(frozen=True)
class LeadAssignment:
    """Who leads an area: people, bodies, and (when the cell says so) each action's leads."""

    area_leads: list[PersonRole]
    groups: list[str]
    per_action: list[list[str]] | None


def _tidy(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip(" \t.,;:-\u2013\u2014")


# Headings such as "Operational Leads:" open a line in many cells of a plan.
@lru_cache(maxsize=16384)
def role_of(text: str) -> str | None:
    """The role a segment states ("co-chairs" -> "Co-chair"), or None."""
    phrase = _tidy(text).lower()
    for pattern, role in ROLES:
        if pattern.fullmatch(phrase):
            return role
    return None


@lru_cache(maxsize=16384)
def is_group(text: str) -> bool:
    """Does this segment name a body rather than a person?"""
    words = [word.strip("'.,()") for word in _tidy(text).split()]
    if any(word.lower() in GROUP_WORDS for word in words):
        return True
    # A segment of nothing but acronyms ("HWB", "BCC") is an organisation.
    return bool(words) and all(len(word) > 1 and word.isupper() for word in words)


def is_person(text: str) -> bool:
    """Does this look like a person's name: two to five capitalised words, no title words?"""
    words = _tidy(text).split()
    if not 2 <= len(words) <= 5:
        return False
    for word in words:
        bare = word.strip(".").lower()
        if bare in HONORIFICS or bare in PARTICLES:
            continue
        if bare in NOT_NAME_WORDS or not _NAME_TOKEN.fullmatch(word):
            return False
        if len(word.strip(".")) > 1 and word.isupper():
            return False  # an acronym ("STP"), not a name
    return any(word.strip(".").lower() not in HONORIFICS for word in words)


@dataclass
class _LineRead:
    people: list[tuple[str, str | None]]  # (name, role stated on the line, if any)
    groups: list[str]
    role: str | None


def _people_in(segment: str) -> list[str]:
    """Names in a segment listing people ("Wayne Harrison/ Dennis Wilkes")."""
    return [_tidy(part) for part in _NAME_SEP.split(segment) if is_person(part)]


def _read_segments(text: str) -> _LineRead:
    """People, bodies and role in dash-separated text without brackets."""
    read = _LineRead([], [], None)
    for raw in _DASH.split(text):
        segment = _tidy(raw)
        if not segment:
            continue
        role = role_of(segment)
        if role is not None:
            read.role = read.role or role
            continue
        names: list[str] = []
        who = _FOR.match(segment)
        if who and _people_in(who["who"]) and not is_group(who["who"]):
            names = _people_in(who["who"])
        elif is_group(segment):
            # After a name a body is an affiliation ("Wayne Harrison - Public Health"),
            # before it the body leads ("... Workstream - June Marshall").
            if not read.people:
                read.groups.append(segment)
            continue
        else:
            names = _people_in(segment)
        read.people += [(name, None) for name in names]
    return read


# Lead lines repeat across a plan ("Graeme Betts – SRO"); the result is only read, never
# changed, so each distinct line is parsed once.
@lru_cache(maxsize=16384)
def _read_line(text: str) -> _LineRead:
    """People, bodies and role on one line, including bracketed parts."""
    outside = _read_segments(_PAREN.sub(" ", text))
    people = [(name, outside.role) for name, _ in outside.people]
    for inner in _PAREN.findall(text):
        read = _read_segments(inner)
        if read.people:
            # "(Graeme Betts and Karen Helliwell - co-chairs)": the role is the bracket's.
            people += [(name, read.role or outside.role) for name, _ in read.people]
        elif read.role and outside.role is None:
            # "Andrew McKirgan (SRO)": the bracket gives the role of the names outside.
            outside.role = read.role
            people = [(name, read.role) for name, _ in outside.people]
    return _LineRead(people, outside.groups, outside.role)


# Words that say nobody is named yet: not a lead, and worth a look.
_NOBODY = frozenset({"tbc", "tba", "tbd", "n a", "na", "none", "unknown", "to be confirmed",
                     "to be agreed", "to be decided", "all", "various", "?"})  # fmt: skip
_PIECE_SEP = re.compile(r"\s*(?:\n|,|;|/|&|\+|\band\b)\s*")
_MAX_PIECE = 80
_INLINE_MARKER = re.compile(r"\s+(?=(?:ii|iii|iv|v|vi|vii|viii|ix|x)[.)]\s)")


def named_leads(text: str) -> list[str]:
    """Everyone a cell names when it names no "First Last" person: roles ("Director of
    Public Health"), teams ("Programme Office"), initials ("DS"), first names and lists of
    them ("Peta, Gilly, Alex, Seydou"). Words that name nobody ("TBC") are left out."""
    found: list[str] = []
    for raw in _PIECE_SEP.split(_PAREN.sub(" ", text or "")):
        piece = _tidy(raw)
        prefix = read_label_prefix(piece)
        if prefix is not None and prefix[1].strip():
            piece = _tidy(prefix[1])
        key = " ".join(re.sub(r"[^\w?]+", " ", piece.casefold()).split())
        if not piece or len(piece) > _MAX_PIECE or key in _NOBODY or role_of(piece):
            continue
        if not any(ch.isalpha() for ch in piece):
            continue
        if piece.lower() not in (f.lower() for f in found):
            found.append(piece)
    return found


def names_nobody(text: str) -> bool:
    """A lead cell that says no one is named yet ("TBC", "To be confirmed")."""
    key = " ".join(re.sub(r"[^\w?]+", " ", (text or "").casefold()).split())
    return key in _NOBODY


def parse_leads(cell: str, labels: list[str]) -> LeadAssignment:
    """Who leads the area and, where the cell says so by markers, each action.

    People are found by their names; a cell (or a marked line) that names nobody that way
    still has leads: its roles, teams, initials and first names, as written."""
    if cell and "\n" not in cell.strip() and read_label_prefix(cell.strip()) is not None:
        cell = _INLINE_MARKER.sub("\n", cell.strip())  # "i. A ii. B" on one line
    read = _parse_people(cell, labels)
    if read.area_leads or not (cell or "").strip():
        if read.per_action is not None:
            _fill_per_action_from_text(cell, labels, read.per_action)
        return read
    per_action = read.per_action
    if per_action is not None:
        _fill_per_action_from_text(cell, labels, per_action)
        if any(per_action):
            return read
    groups = [g for g in read.groups if not names_nobody(g)]
    names = groups or named_leads(cell)
    return LeadAssignment(
        area_leads=[PersonRole(name, LEAD) for name in names],
        groups=read.groups,
        per_action=per_action,
    )


def _fill_per_action_from_text(cell: str, labels: list[str], per_action: list[list[str]]) -> None:
    """A marked line whose text names no person ("i. Programme Leads") leads by its text."""
    lines = [line.strip() for line in (cell or "").splitlines() if line.strip()]
    prefixes = [read_label_prefix(line) for line in lines]
    marked = [p for p in prefixes if p is not None]
    if not marked:
        return
    for (_labels, rest), targets in zip(
        marked, map_labels([p[0] for p in marked], labels), strict=True
    ):
        names = named_leads(rest)
        for index in targets:
            if not per_action[index]:
                per_action[index] += names


def _parse_people(cell: str, labels: list[str]) -> LeadAssignment:
    lines = [line.strip() for line in (cell or "").splitlines() if line.strip()]
    prefixes = [read_label_prefix(line) for line in lines]
    marked = [p[0] for p in prefixes if p is not None]
    mapped = iter(map_labels(marked, labels) if marked else ())

    area: dict[str, PersonRole] = {}
    groups: list[str] = []
    per_action: list[list[str]] = [[] for _ in labels] if marked else []
    any_per_action = False
    heading_role: str | None = None  # "Operational leads:" on its own governs the lines below

    for line, prefix in zip(lines, prefixes, strict=True):
        targets = next(mapped) if prefix is not None else []
        if prefix is not None and targets:
            names = [name for name, _ in _read_line(prefix[1]).people]
            for index in targets:
                per_action[index] += [n for n in names if n not in per_action[index]]
            any_per_action = True
            continue

        head, colon, tail = line.partition(":")
        line_role: str | None = None
        if colon and (stated_role := role_of(head)):
            line_role = stated_role
            heading_role = line_role if not tail.strip() else None
            line = tail
        elif colon and is_group(head):
            # "BSoI Ageing Well Portfolio Board:" then its people on the next line.
            groups.append(_tidy(head))
            heading_role = None
            line = tail

        read = _read_line(line)
        groups += [group for group in read.groups if group not in groups]
        for name, stated in read.people:
            role = stated or line_role or heading_role or LEAD
            area.setdefault(name.lower(), PersonRole(name, role))

    return LeadAssignment(
        area_leads=list(area.values()),
        groups=list(dict.fromkeys(groups)),
        per_action=per_action if any_per_action else None,
    )
