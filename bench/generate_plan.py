"""Generate a large action plan in the original spreadsheet's layout, for benchmarks.

Six sections with banner rows, the header repeated at each section, ten actions to an
area (roman-numbered, with a lead-in sentence), lead cells naming an SRO and operational
leads, and deadline cells mixing the phrases found in the real plan. Text lengths follow
the 2018 plan's. Deterministic for a given size.
"""

from __future__ import annotations

import random
from pathlib import Path

import xlsxwriter

SECTIONS = (
    "1. Governance and Leadership",
    "2. Prevention",
    "3. Early Intervention",
    "4. Ongoing Personalised Support",
    "5. Locality working",
    "6 a) Enablers – Communications and Engagement",
)
HEADER = (
    "Ref",
    "CQC Area for Improvement",
    "What has changed since January?",
    "What plans are in place?",
    "What action now needs to be taken?",
    "Who is leading?",
    "Deadline",
)
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
PEOPLE = (
    "Graeme Betts",
    "Pip Mayo",
    "June Marshall",
    "Richard Kirby",
    "Wayne Harrison",
    "Fiona Alexander",
    "Louise Collett",
    "Alison Malik",
    "Carmel O'Brien",
    "Mark Lobban",
    "Judith Davis",
    "Andrew McKirgan",
    "Paul Jennings",
    "Ciaron Hoye",
    "John Short",
)
MONTHS = ("June", "July", "August", "Sept", "October", "Dec", "March", "April")
WORDS = [
    "system",
    "leaders",
    "develop",
    "shared",
    "strategic",
    "vision",
    "integrated",
    "pathway",
    "locality",
    "partners",
    "health",
    "social",
    "care",
    "commissioning",
    "providers",
    "citizens",
    "engagement",
    "workforce",
    "strategy",
    "assurance",
    "quality",
    "capacity",
    "market",
    "prevention",
    "enablement",
    "review",
    "governance",
    "board",
]
ACTIONS_PER_AREA = 10


def _sentence(rng: random.Random, length: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def _deadline(rng: random.Random, index: int) -> str:
    choice = rng.random()
    year = rng.choice((2018, 2019))
    if choice < 0.55:
        return f"{rng.choice(MONTHS)} {year}"
    if choice < 0.7:
        return f"End {rng.choice(MONTHS)} {year}"
    if choice < 0.8:
        return f"{rng.choice(MONTHS)} {str(year)[2:]}"
    if choice < 0.88:
        return "Sept 2018 – March 2019"
    if choice < 0.93:
        return "2019/20"
    if choice < 0.97:
        return "From Nov 18"
    return "TBC"


def area_rows(area_number: int, section: int, rng: random.Random) -> list[str]:
    actions = "\n".join(
        f"{ROMAN[i]}. {_sentence(rng, rng.randint(40, 140))}" for i in range(ACTIONS_PER_AREA)
    )
    sro, lead_a, lead_b = rng.sample(PEOPLE, 3)
    return [
        f"{section + 1}.{area_number}",
        _sentence(rng, rng.randint(120, 280)),
        "• " + _sentence(rng, 120) + "\n• " + _sentence(rng, 80),
        "• " + _sentence(rng, 150) + "\n• " + _sentence(rng, 60),
        _sentence(rng, 70).rstrip(".") + ":\n" + actions,
        f"Ageing Well Workstream\n{sro} – SRO\nOperational Leads: {lead_a}/ {lead_b}",
        "\n".join(f"{ROMAN[i]}. {_deadline(rng, i)}" for i in range(ACTIONS_PER_AREA)),
    ]


def generate_plan(path: Path, actions: int, *, seed: int = 2018) -> Path:
    """Write a plan of ``actions`` actions (rounded up to whole areas) to ``path``."""
    rng = random.Random(seed)
    areas = max(1, -(-actions // ACTIONS_PER_AREA))
    per_section = -(-areas // len(SECTIONS))
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Action Plan")
    row = 0
    sheet.write_string(row, 0, "Care Quality Commission - Local System Review")
    row += 1
    sheet.write_string(row, 0, "Action Plan")
    row += 2
    made = 0
    for section, banner in enumerate(SECTIONS):
        if made >= areas:
            break
        sheet.write_string(row, 0, banner)
        row += 1
        for column, text in enumerate(HEADER):
            sheet.write_string(row, column, text)
        row += 1
        for number in range(1, per_section + 1):
            if made >= areas:
                break
            for column, text in enumerate(area_rows(number, section, rng)):
                sheet.write_string(row, column, text)
            row += 1
            made += 1
        row += 1
    workbook.close()
    return path
