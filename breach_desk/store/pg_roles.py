"""PostgreSQL: the database itself enforces the three roles (``breach-desk db roles``).

No login role holds INSERT, UPDATE, DELETE or TRUNCATE on any of the register's tables (nor,
therefore, ``SELECT … FOR UPDATE``). Every change goes through the database functions of
``store/pg_workflow.py``, which check the caller's role, service and the workflow, stamp the
database's own time and ``session_user``, and write the audit entry themselves:

- IG officer (``breach_ig_officer``): reads the register; assesses, reassesses and imports
  breaches, moves any recommendation on (but never verifies what they marked done), attaches
  evidence, closes breaches, keeps drafts, records the report to the ICO and the telling of the
  people (``bd_record_notification``).
- Service manager (``breach_service_manager``): sees only the breaches of their services (the
  ``breach_user_services`` table, row-level security) and everything hanging off them; starts,
  marks done (with evidence) and reopens-from-done their services' recommendations, and
  attaches evidence to them. Assessments, facts and decisions are read-only to them.
- Auditor (``breach_auditor``): reads everything, changes nothing.

Everything here is idempotent, and ``Register.open`` runs it again after every upgrade of the
schema of a database that has the roles, since GRANTs cover only the tables and columns that
exist when they run. Policies made here are named ``bd_*``; running again replaces them. Needs a
role that owns the tables (the admin who ran the migrations, or a superuser), and the first time
one that may create roles. Owners and superusers bypass row-level security.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

from breach_desk.domain.register import Role
from breach_desk.domain.workflow import parse_role
from breach_desk.store import pg_oldlog, pg_remind, pg_workflow

GROUP_ROLES = {
    Role.IG_OFFICER: "breach_ig_officer",
    Role.SERVICE_MANAGER: "breach_service_manager",
    Role.AUDITOR: "breach_auditor",
}
"""The PostgreSQL group role behind each Breach Desk role."""
USER_SERVICES_TABLE = "breach_user_services"
"""Which services each service manager looks after: (login, service)."""

IG, SM, AUDITOR = (GROUP_ROLES[r] for r in (Role.IG_OFFICER, Role.SERVICE_MANAGER, Role.AUDITOR))
ALL_GROUPS = f"{IG}, {SM}, {AUDITOR}"

MY_SERVICES = f"(SELECT us.service FROM {USER_SERVICES_TABLE} us WHERE us.login = current_user)"
VISIBLE_BREACHES = "(SELECT b.id FROM breaches b)"
"""Row-level security applies inside policies too: for a service manager this is their breaches."""

VISIBLE_ACTIONS = "(SELECT r.id FROM recommendations r)"
BREACH_TABLES = (
    "assessment_versions",
    "people",
    "recipients",
    "recommendations",
    "notifications",
    "close_approvals",
)
"""Tables whose rows belong to a breach through ``breach_id``."""
ACTION_TABLES = ("recommendation_transitions", "evidence_files")
"""Tables whose rows belong to a recommendation through ``recommendation_id``."""
RLS_TABLES = ("breaches", *BREACH_TABLES, *ACTION_TABLES, "drafts", USER_SERVICES_TABLE)


@dataclass(frozen=True, slots=True)
class Member:
    login: str
    role: str
    services: tuple[str, ...]


def _statements() -> list[str]:
    # Only the roles still missing: refreshing the grants after an upgrade needs to own the
    # tables, not to be allowed to create roles.
    create_groups = " ".join(
        f"IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{g}') THEN BEGIN"
        f" CREATE ROLE {g} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;"
        " END; END IF;"
        for g in GROUP_ROLES.values()
    )
    sql = [
        f"DO $$ BEGIN {create_groups} END $$",
        f"CREATE TABLE IF NOT EXISTS {USER_SERVICES_TABLE} ("
        " login text NOT NULL, service text NOT NULL,"
        f" CONSTRAINT pk_{USER_SERVICES_TABLE} PRIMARY KEY (login, service))",
        # Start from nothing, so that running again after a change of mind leaves no stray grant.
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {{schema}} FROM {ALL_GROUPS}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {{schema}} FROM {ALL_GROUPS}",
        f"GRANT USAGE ON SCHEMA {{schema}} TO {ALL_GROUPS}",
        # An import numbers its breaches from the sequence before handing them over.
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {{schema}} TO {IG}",
        # Reading: IG officers and auditors everything; service managers their services' part.
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {{schema}} TO {IG}, {AUDITOR}",
        "GRANT SELECT ON breaches, assessment_versions, people, recipients, recommendations,"
        f" recommendation_transitions, evidence_files, notifications, close_approvals, drafts,"
        f" {USER_SERVICES_TABLE},"
        f" alembic_version, audit_head TO {SM}",
        # Writing: no table at all. The functions of pg_workflow are the only way in.
    ]
    for table in RLS_TABLES:
        sql.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        sql.append(
            f"DO $$ DECLARE p record; BEGIN FOR p IN SELECT policyname FROM pg_policies"
            f" WHERE schemaname = current_schema() AND tablename = '{table}'"
            " AND left(policyname, 3) = 'bd_' LOOP"
            f" EXECUTE 'DROP POLICY ' || quote_ident(p.policyname) || ' ON {table}';"
            " END LOOP; END $$"
        )
        sql.append(
            f"CREATE POLICY bd_auditor_reads ON {table} FOR SELECT TO {AUDITOR} USING (true)"
        )
    sql += _policies()
    return sql


def _policies() -> list[str]:
    """Who reads which rows. Nobody writes a table (see the grants), so there are no write
    policies: the functions, run as the owner, bypass row-level security and check for
    themselves."""

    def policy(name: str, table: str, rest: str) -> str:
        return f"CREATE POLICY bd_{name} ON {table} {rest}"

    out = [
        policy("ig_reads", "breaches", f"FOR SELECT TO {IG} USING (true)"),
        policy(
            "sm_own_services", "breaches", f"FOR SELECT TO {SM} USING (service IN {MY_SERVICES})"
        ),
    ]
    for table in BREACH_TABLES:
        out.append(policy("ig_reads", table, f"FOR SELECT TO {IG} USING (true)"))
        out.append(
            policy(
                "sm_their_breaches",
                table,
                f"FOR SELECT TO {SM} USING (breach_id IN {VISIBLE_BREACHES})",
            )
        )
    for table in ACTION_TABLES:
        out.append(policy("ig_reads", table, f"FOR SELECT TO {IG} USING (true)"))
        out.append(
            policy(
                "sm_their_actions",
                table,
                f"FOR SELECT TO {SM} USING (recommendation_id IN {VISIBLE_ACTIONS})",
            )
        )
    out += [
        policy("ig_own", "drafts", f"FOR SELECT TO {IG} USING (created_by = current_user)"),
        policy("sm_own", "drafts", f"FOR SELECT TO {SM} USING (created_by = current_user)"),
        policy("ig_reads", USER_SERVICES_TABLE, f"FOR SELECT TO {IG} USING (true)"),
        policy("sm_own", USER_SERVICES_TABLE, f"FOR SELECT TO {SM} USING (login = current_user)"),
    ]
    return out


CAN_DO = {
    Role.IG_OFFICER: "reads the register; assesses, reassesses and imports breaches; moves any "
    "recommendation on but never verifies what they marked done; attaches evidence; closes "
    "breaches, but not one on which they rejected a recommendation unless another IG officer "
    "recorded their approval; approves closing a breach on which someone else rejected a "
    "recommendation; records the report to the ICO and the telling of the people; "
    "acknowledges a break in the audit log",
    Role.SERVICE_MANAGER: "reads their services' breaches; starts, marks done (with evidence) and "
    "reopens their services' recommendations; attaches evidence to them",
    Role.AUDITOR: "reads everything; changes nothing",
}
"""What each role can do, as ``db roles`` prints it."""
NOBODY = (
    "no role writes a table directly: every change goes through the database's own functions, "
    "which check the role and the workflow and write the audit entry with the server's clock"
)


SESSION_LIMITS = {
    "lock_timeout": "15s",
    "statement_timeout": pg_workflow.STATEMENT_LIMIT,
    "idle_in_transaction_session_timeout": pg_workflow.IDLE_LIMIT,
}
"""Set on every login ``db roles`` gives a role: nobody holds the register (the audit head, a
row) for more than a few seconds by leaving a transaction open, nor waits on one for ever. The
database's own functions set the idle limit again for the transaction that holds the register;
a login that sets it aside is ended by the next writer it keeps waiting (``bd_take_head``)."""
HOLDER_ENDED = (
    f"no transaction holds the register for longer than {pg_workflow.HOLD_LIMIT} (hold limit), "
    f"nor sits idle or asleep on it for longer than {pg_workflow.IDLE_LIMIT}: a login that does, "
    "busy or not, even one that set its own limits aside, is ended by the next change that "
    "waits for it, its unfinished changes undone, and the audit log records it; a team import "
    "writes a batch of breaches per transaction, well under the limit"
)

OWNER_SIGNALS = """
DO $$
DECLARE
  o name := (SELECT tableowner FROM pg_tables
              WHERE schemaname = current_schema() AND tablename = 'audit_head');
BEGIN
  -- The functions run as the owner: ending a session that holds the register needs the right
  -- to signal it and to see what it is doing. A superuser has both already.
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = o) THEN RETURN; END IF;
  IF pg_has_role(o, 'pg_signal_backend', 'MEMBER')
     AND pg_has_role(o, 'pg_read_all_stats', 'MEMBER') THEN RETURN; END IF;
  BEGIN
    EXECUTE format('GRANT pg_signal_backend, pg_read_all_stats TO %I', o);
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'ask a superuser to GRANT pg_signal_backend, pg_read_all_stats TO %: without '
      'them a login holding the register is not ended, only waited for', o;
  END;
END $$
"""
"""Give the register's owner what ``bd_take_head`` needs, where whoever runs ``db roles`` may."""


def limits_text() -> str:
    return (
        "every login: "
        + ", ".join(f"{k} {v}" for k, v in SESSION_LIMITS.items())
        + f"; hold limit {pg_workflow.HOLD_LIMIT} per transaction holding the register"
    )


def describe() -> list[str]:
    """``db roles``: one line per role saying what it can do, and the rule for everyone."""
    lines = [f"{GROUP_ROLES[role]} ({Role.LABELS[role]}): {CAN_DO[role]}" for role in Role.ALL]
    return [*lines, NOBODY, limits_text(), HOLDER_ENDED]


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def install(conn: Connection) -> None:
    """Create or refresh the group roles, grants and policies in the connection's schema."""
    schema = _quote(conn, str(conn.execute(text("SELECT current_schema()")).scalar_one()))
    for statement in _statements():
        conn.exec_driver_sql(statement.replace("{schema}", schema))
    pg_workflow.install(conn, schema, {"ig": IG, "sm": SM, "auditor": AUDITOR})
    conn.exec_driver_sql(OWNER_SIGNALS.replace("%", "%%"))  # no parameters
    pg_oldlog.install(conn, schema, {"ig": IG, "sm": SM, "auditor": AUDITOR})
    pg_remind.install(conn, schema, {"ig": IG, "sm": SM})


def set_member(conn: Connection, login: str, role: str, services: Iterable[str] = ()) -> Member:
    """Give ``login`` one Breach Desk role (creating the login if it does not exist yet).

    A new login has no password: set one with ALTER ROLE, or rely on the server's own
    authentication (pg_hba.conf).
    """
    role, cleaned = parse_role(role, services)
    if not login.strip():
        raise ValueError("a login is needed")
    user = _quote(conn, login)
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login}).first()
    if not exists:
        conn.exec_driver_sql(f"CREATE ROLE {user} LOGIN")
    for group in GROUP_ROLES.values():
        conn.exec_driver_sql(f"REVOKE {group} FROM {user}")
    conn.exec_driver_sql(f"GRANT {GROUP_ROLES[role]} TO {user}")
    for name, value in SESSION_LIMITS.items():
        conn.exec_driver_sql(f"ALTER ROLE {user} SET {name} = '{value}'")
    _set_services(conn, login, cleaned)
    return Member(login, role, cleaned)


def remove_member(conn: Connection, login: str) -> None:
    """Take every Breach Desk role from ``login`` (the login itself stays)."""
    user = _quote(conn, login)
    for group in GROUP_ROLES.values():
        conn.exec_driver_sql(f"REVOKE {group} FROM {user}")
    _set_services(conn, login, ())


def _set_services(conn: Connection, login: str, services: Sequence[str]) -> None:
    conn.execute(text(f"DELETE FROM {USER_SERVICES_TABLE} WHERE login = :l"), {"l": login})
    if services:
        conn.execute(
            text(f"INSERT INTO {USER_SERVICES_TABLE} (login, service) VALUES (:l, :s)"),
            [{"l": login, "s": s} for s in services],
        )


def members(conn: Connection) -> list[Member]:
    """Everyone who holds a Breach Desk role, with their services."""
    services: dict[str, list[str]] = {}
    for login, service in conn.execute(
        text(f"SELECT login, service FROM {USER_SERVICES_TABLE} ORDER BY login, service")
    ):
        services.setdefault(str(login), []).append(str(service))
    rows = conn.execute(
        text(
            "SELECT m.rolname, g.rolname FROM pg_auth_members am"
            " JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member"
            " WHERE g.rolname = ANY(:groups) ORDER BY m.rolname"
        ),
        {"groups": list(GROUP_ROLES.values())},
    )
    by_group = {group: role for role, group in GROUP_ROLES.items()}
    return [
        Member(str(login), by_group[str(group)], tuple(services.get(str(login), ())))
        for login, group in rows
    ]
