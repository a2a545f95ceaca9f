"""The verbs of findings, quality statements and the calculated RAG: ``findings``,
``link-finding``, ``quality-statements`` and ``rag-rule`` (a plan's findings, the CQC
quality statements its actions serve, and the thresholds of its calculated RAG)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli.common import Verb, argument, open_for_command
from tracker.db import Database
from tracker.errors import TrackerError

PLAN = argument("--plan", metavar="ID|NAME", help="the plan (when there are several)")


def _plan_id(database: Database, wanted: str | None) -> int:
    from tracker.services.export_data import choose_plan
    from tracker.services.plan_snapshot import load_snapshot

    return choose_plan(load_snapshot(database), wanted).id


def _wrap(text: str, indent: str = "    ", width: int = 96) -> str:
    import textwrap

    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)


# findings ---------------------------------------------------------------------------------
def cmd_findings(args: argparse.Namespace) -> int:
    from tracker.services import findings
    from tracker.services.finding_lists import read_finding_list

    what, rest = args.what, args.rest
    expected = {"list": 0, "import": 1, "add": 2}[what]
    if len(rest) != expected:
        usage = {
            "list": "findings list",
            "import": "findings import FILE",
            "add": "findings add REF TEXT",
        }
        raise TrackerError(f"Use `tracker {usage[what]}`.")
    entries = []
    if what == "import":
        entries = read_finding_list(Path(rest[0]), source=args.source or "")
    elif what == "add":
        entries = [
            findings.FindingInput(
                rest[0], rest[1], findings.parse_kind(args.kind), args.source or ""
            )
        ]
    database = open_for_command(args)
    try:
        plan_id = _plan_id(database, args.plan)
        if entries:
            added = findings.add_findings(database, plan_id, entries)
            print(f"{added} finding{'s' if added != 1 else ''} added.")
            return 0
        rows = findings.list_findings(database, plan_id)
    finally:
        database.close()
    if not rows:
        print("The plan has no findings yet: `tracker findings import FILE` or `findings add`.")
    for row in rows:
        areas = ", ".join(row.area_refs) or "no area answers it"
        print(f"{row.ref} ({row.kind}; areas: {areas})")
        print(_wrap(row.text))
    return 0


def cmd_link_finding(args: argparse.Namespace) -> int:
    from tracker.services.findings import link_area

    database = open_for_command(args)
    try:
        link_area(database, _plan_id(database, args.plan), args.area, args.finding)
    finally:
        database.close()
    print(f"Area {args.area} answers finding {args.finding}.")
    return 0


# quality statements -----------------------------------------------------------------------
def cmd_quality_statements(args: argparse.Namespace) -> int:
    from tracker.services import quality_statements as qs

    what, rest = args.what, args.rest
    if what == "list" and rest:
        raise TrackerError("Use `tracker quality-statements list`.")
    if what == "score" and (len(rest) != 2 or not rest[1].strip().isdigit()):
        raise TrackerError("Use `tracker quality-statements score REF N` with N from 1 to 4.")
    if what == "link" and len(rest) < 2:
        raise TrackerError('Use `tracker quality-statements link "ACTION REF" QS_REF`.')
    database = open_for_command(args)
    try:
        plan_id = _plan_id(database, args.plan)
        if what == "score":
            item = qs.statement(rest[0])
            qs.set_score(database, plan_id, item.ref, int(rest[1]))
            print(
                f"{item.ref} {item.title}: indicative score {rest[1]} ({qs.SCORES[int(rest[1])]})."
            )
            return 0
        if what == "link":
            from tracker.services.action_refs import find_action

            item = qs.statement(rest[-1])
            action_ref = " ".join(rest[:-1])
            action_id = find_action(database, action_ref, plan_id)
            changed = qs.link_action(database, action_id, item.ref, linked=not args.remove)
            verb = "no longer serves" if args.remove else "serves"
            note = "" if changed else " (already so; nothing changed)"
            print(f"Action {action_ref} {verb} {item.ref} {item.title}{note}.")
            return 0
        held = qs.scores(database, plan_id)
        linked = qs.action_statements(database, plan_id)
    finally:
        database.close()
    counts: dict[str, int] = {}
    for refs in linked.values():
        for ref in refs:
            counts[ref] = counts.get(ref, 0) + 1
    framework = theme = ""
    for item in qs.reference_statements():
        if item.framework != framework:
            framework = item.framework
            print(f"{framework.capitalize()} quality statements")
        if item.theme != theme:
            theme = item.theme
            print(f"  {theme}")
        score = f", indicative score {held[item.ref]}" if item.ref in held else ""
        actions = counts.get(item.ref, 0)
        print(
            f"    {item.ref:7} {item.title} ({actions} action{'s' if actions != 1 else ''}{score})"
        )
    return 0


# rag rule ---------------------------------------------------------------------------------
_RULE_OPTIONS = {
    "red_days_late": "--red-days-late",
    "red_points_behind": "--red-points-behind",
    "amber_points_behind": "--amber-points-behind",
    "amber_due_within_days": "--amber-due-within",
    "amber_percent_below": "--amber-percent-below",
}


def cmd_rag_rule(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from tracker.services.rag_rules import plan_rule, set_plan_rule

    changes = {
        name: getattr(args, name) for name in _RULE_OPTIONS if getattr(args, name) is not None
    }
    if args.roll_up:
        changes["roll_up"] = args.roll_up
    database = open_for_command(args)
    try:
        plan_id = _plan_id(database, args.plan)
        rule = plan_rule(database, plan_id)
        if changes:
            rule = replace(rule, **changes)
            set_plan_rule(database, plan_id, rule)
    finally:
        database.close()
    print(_wrap(rule.describe(), indent=""))
    return 0


VERBS = (
    Verb(
        "findings",
        "list a plan's findings, import a list of them (text, CSV or a workbook) or add one",
        cmd_findings,
        (
            argument("what", nargs="?", default="list", choices=("list", "import", "add")),
            argument("rest", nargs="*", metavar="FILE | REF TEXT"),
            argument(
                "--kind",
                default="area for improvement",
                help="'area for improvement' (the default) or 'key finding'",
            ),
            argument("--source", help="where the findings come from (the review)"),
            PLAN,
        ),
    ),
    Verb(
        "link-finding",
        "record that an area of the plan answers a finding",
        cmd_link_finding,
        (argument("area", metavar="AREA_REF"), argument("finding", metavar="FINDING_REF"), PLAN),
    ),
    Verb(
        "quality-statements",
        "list the CQC quality statements, hold a statement's indicative score, or link an "
        "action to a statement",
        cmd_quality_statements,
        (
            argument("what", nargs="?", default="list", choices=("list", "score", "link")),
            argument("rest", nargs="*", metavar="REF N | ACTION_REF QS_REF"),
            argument("--remove", action="store_true", help="with link: remove the link"),
            PLAN,
        ),
    ),
    Verb(
        "rag-rule",
        "show the plan's calculated-RAG rule, or change its thresholds or roll-up",
        cmd_rag_rule,
        (
            *(
                argument(flag, dest=name, type=int, metavar="N")
                for name, flag in _RULE_OPTIONS.items()
            ),
            argument(
                "--roll-up",
                choices=("worst", "majority"),
                help="a workstream's RAG: the worst of its actions' or the majority",
            ),
            PLAN,
        ),
    ),
)
