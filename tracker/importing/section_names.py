"""A plan's sections as workstreams: the tab each one gets and its own title.

Every section of a plan (a banner row, a sheet, a value of a Workstream or Theme column,
a lettered recommendation, a top-level task) becomes a workstream of its own. Its tab is
its title, shortened when long; a few well-known section titles of CQC plans get the
familiar short tab names people use for them ("Ongoing Personalised Support" is
Personalisation, the three "Enablers" sections share the Enablers tab). The vocabulary
only renames: a title it does not know is still a section, never "Unassigned".
"""

from __future__ import annotations

import re

UNASSIGNED = "Unassigned"  # the tab for rows genuinely outside any section
NO_SECTION = "Actions"  # the tab of a plan with no sections at all on a plainly named sheet

# Whole titles (after any number and an "Enablers –" prefix) and the tab they go on.
_FAMILIAR: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), tab)
    for pattern, tab in (
        (r"governance( (and|&) leadership)?|leadership (and|&) governance", "Governance"),
        (r"prevention", "Prevention"),
        (r"early intervention", "Early Intervention"),
        (r"(ongoing )?personali[sz]ed support|personali[sz]ation", "Personalisation"),
        (r"locality working|localities|locality", "Locality working"),
        (
            r"enablers?|communications?( (and|&) engagement)?|engagement|workforce"
            r"|digital|it( (and|&) digital)?",
            "Enablers",
        ),
    )
)
_SECTION_NUMBER = re.compile(r"^\s*\d+(\s*[a-z]\))?[.)]?\s+", re.IGNORECASE)
_ENABLER_TITLE = re.compile(r"^enablers?\s*[–—:-]\s*", re.IGNORECASE)
_GENERIC_SHEET = re.compile(
    r"^(sheet|tabelle|feuil|hoja|foglio|blad|arkusz|planilha)\s*\d*$", re.IGNORECASE
)
TAB_LENGTH = 32


def section_title(text: str) -> str:
    """A banner's text without its section number ("1. Governance" -> "Governance")."""
    return _SECTION_NUMBER.sub("", " ".join(str(text).split())).strip()


def familiar_section(text: str) -> tuple[str, str] | None:
    """The familiar tab and title of a well-known section title, or None."""
    title = section_title(text)
    bare = _ENABLER_TITLE.sub("", title) if _ENABLER_TITLE.match(title) else title
    for pattern, tab in _FAMILIAR:
        if pattern.fullmatch(bare.strip(" .:")):
            return tab, (bare or title) if tab == "Enablers" else title
    return None


def short_tab(title: str) -> str:
    """A tab name for a title: the title itself, cut at a word when it is long."""
    flat = " ".join(title.split())
    if len(flat) <= TAB_LENGTH:
        return flat
    cut = flat[: TAB_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + "…"


def section_for(text: str) -> tuple[str, str]:
    """The tab and title of any section: the familiar name, else its own."""
    familiar = familiar_section(text)
    if familiar is not None:
        return familiar
    title = section_title(text) or " ".join(str(text).split())
    return short_tab(title), title


def is_generic_sheet_name(name: str) -> bool:
    """Sheet1, Tabelle1, Feuil1: names a program gave, which say nothing of the plan."""
    return bool(_GENERIC_SHEET.fullmatch(name.strip()))
