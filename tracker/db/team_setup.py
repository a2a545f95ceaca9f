"""Setting up a team database on PostgreSQL: the schema, two group roles, and row-level
security that lets the database itself decide who may change what.

- ``tracker_office``, the programme office: reads and changes the whole plan.
- ``tracker_lead``, workstream leads: read the whole plan, but change only the actions,
  areas, leads and updates of the workstreams ``workstream_member`` gives their own login
  role (``tracker team-grant ROLE --workstream NAME``). The policies compare with
  ``current_user``, so a lead's raw SQL is held to the same rules as the app.

An out-of-scope change fails with SQLSTATE 42501 ("new row violates row-level security
policy"): the policies accept every row for ``USING`` and check the row as written in
``WITH CHECK``, so a refused change is an error, never a silent "0 rows updated". The
table owner (whoever ran ``team-init``) is not subject to the policies, as PostgreSQL
intends: keep that login for administration.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

OFFICE_ROLE = "tracker_office"
LEAD_ROLE = "tracker_lead"

TABLES = (
    "plan", "workstream", "area", "action", "area_lead", "action_lead", "person",
    '"update"', "app_setting", "audit_log", "workstream_member", "evidence", "update_key",
    "reporting_period", "period_position", "period_key_messages", "return_sent",
    "plan_rag_rule", "finding", "area_finding", "action_quality_statement",
    "quality_statement_score",
)  # fmt: skip

_FUNCTIONS = (
    f"""
    CREATE OR REPLACE FUNCTION tracker_may_edit_workstream(ws integer) RETURNS boolean
    LANGUAGE sql STABLE AS $$
        SELECT pg_has_role(current_user, '{OFFICE_ROLE}', 'MEMBER')
            OR EXISTS (SELECT 1 FROM workstream_member m
                       WHERE m.workstream_id = ws AND m.db_role = current_user)
    $$""",
    """
    CREATE OR REPLACE FUNCTION tracker_may_edit_area(area_id integer) RETURNS boolean
    LANGUAGE sql STABLE AS $$
        SELECT tracker_may_edit_workstream((SELECT workstream_id FROM area WHERE id = area_id))
    $$""",
    """
    CREATE OR REPLACE FUNCTION tracker_may_edit_action(action_id integer) RETURNS boolean
    LANGUAGE sql STABLE AS $$
        SELECT tracker_may_edit_area((SELECT area_id FROM action WHERE id = action_id))
    $$""",
)

# (table, command, check): what a lead may do beyond reading, and on which rows.
_LEAD_POLICIES = (
    ("workstream", "UPDATE", "tracker_may_edit_workstream(id)"),
    ("area", "UPDATE", "tracker_may_edit_workstream(workstream_id)"),
    ("action", "UPDATE", "tracker_may_edit_area(area_id)"),
    ('"update"', "INSERT", "tracker_may_edit_action(action_id)"),
    ('"update"', "DELETE", "tracker_may_edit_action(action_id)"),  # undo withdraws one
    ("action_lead", "INSERT", "tracker_may_edit_action(action_id)"),
    ("action_lead", "DELETE", "tracker_may_edit_action(action_id)"),
    ("area_lead", "INSERT", "tracker_may_edit_area(area_id)"),
    ("area_lead", "DELETE", "tracker_may_edit_area(area_id)"),
    ("person", "INSERT", "true"),
    ("audit_log", "INSERT", "true"),
    # A lead adds evidence to their own actions (removing it marks it, an UPDATE) and
    # proposes their completion (columns of action, above).
    ("evidence", "INSERT", "tracker_may_edit_action(action_id)"),
    ("evidence", "UPDATE", "tracker_may_edit_action(action_id)"),
    # A working copy's sync keys the updates it sends, so a re-run adds none twice.
    (
        "update_key",
        "INSERT",
        'tracker_may_edit_action((SELECT action_id FROM "update" u WHERE u.id = update_id))',
    ),
)


def _statements() -> list[str]:
    statements = [*_FUNCTIONS, "GRANT USAGE ON SCHEMA public TO tracker_office, tracker_lead"]
    statements += [
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO tracker_office, tracker_lead",
        "GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tracker_office",
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tracker_office, tracker_lead",
    ]
    for table in TABLES:
        name = table.strip('"')
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS {name}_read ON {table}",
            f"CREATE POLICY {name}_read ON {table} FOR SELECT "
            f"TO {OFFICE_ROLE}, {LEAD_ROLE} USING (true)",
            f"DROP POLICY IF EXISTS {name}_office ON {table}",
            f"CREATE POLICY {name}_office ON {table} FOR ALL TO {OFFICE_ROLE} "
            "USING (true) WITH CHECK (true)",
        ]
    for table, command, check in _LEAD_POLICIES:
        name = f"{table.strip(chr(34))}_lead_{command.lower()}"
        clause = f"USING ({check})" if command == "DELETE" else f"WITH CHECK ({check})"
        using = " USING (true)" if command == "UPDATE" else ""
        statements += [
            f"GRANT {command} ON {table} TO {LEAD_ROLE}",
            f"DROP POLICY IF EXISTS {name} ON {table}",
            f"CREATE POLICY {name} ON {table} FOR {command} TO {LEAD_ROLE}{using} {clause}",
        ]
    return statements


def create_roles_and_policies(connection: Connection) -> list[str]:
    """Create the two group roles (if missing), the grants and the policies; returns the
    roles created. Safe to run again (after an upgrade adds a table, say)."""
    created = []
    for role in (OFFICE_ROLE, LEAD_ROLE):
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
        ).scalar()
        if not exists:
            connection.execute(text(f"CREATE ROLE {role} NOLOGIN"))
            created.append(role)
    for statement in _statements():
        connection.execute(text(statement))
    return created


def role_exists(connection: Connection, role: str) -> bool:
    return bool(
        connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
        ).scalar()
    )


def grant_group(connection: Connection, login_role: str, group: str) -> None:
    """Make ``login_role`` a member of ``group`` (quoted: a role name is an identifier)."""
    quoted = connection.dialect.identifier_preparer.quote_identifier(login_role)
    connection.execute(text(f"GRANT {group} TO {quoted}"))


def scope_everything(connection: Connection) -> bool:
    """True when the current login may change the whole plan: a server without the
    tracker's roles, a superuser, the tables' owner, or a member of the office."""
    return bool(
        connection.execute(
            text(
                f"""
                SELECT CASE
                    WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{OFFICE_ROLE}')
                        THEN true
                    WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN true
                    WHEN (SELECT tableowner FROM pg_tables
                          WHERE tablename = 'action' AND schemaname = current_schema())
                          = current_user THEN true
                    ELSE pg_has_role(current_user, '{OFFICE_ROLE}', 'MEMBER')
                END
                """
            )
        ).scalar()
    )
