"""PostgreSQL team mode for the old breach log: ``bd_import_log``, the one way in.

Once ``db roles`` has run, nobody writes ``log_entries`` (or any table) directly. An IG officer
imports the old log through ``bd_import_log``, which runs as the tables' owner (SECURITY
DEFINER, ``search_path`` pinned), refuses anyone else, stamps the time and the importer with
``clock_timestamp()`` and ``session_user``, stores each line as a closed breach at version 0
(no ICO clock, no recommendation) with its people and recipients for matching, and writes the
audit entry of each line itself (``bd_audit_write``, as ``store/pg_workflow`` does).

``install`` is called by ``store/pg_roles.install`` after the grants: it also lets each role
read the lines of the breaches it may read (row-level security, as for the other tables).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, text

_DEFINER = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp"

FUNCTIONS = {"bd_import_log(jsonb)": "ig"}

IMPORT = f"""
CREATE OR REPLACE FUNCTION bd_import_log(p_docs jsonb) RETURNS integer {_DEFINER} AS $f$
DECLARE
  v_now timestamptz := clock_timestamp();
  v_me text := session_user;
  d jsonb;
  b jsonb;
  v_id bigint;
  v_version integer;
  n integer := 0;
BEGIN
  IF bd_role() <> 'ig_officer' THEN
    RAISE EXCEPTION USING ERRCODE = '42501',
      MESSAGE = 'only an IG officer imports the old breach log';
  END IF;
  PERFORM bd_take_head();  -- the register's lock first, then the rows (store/pg_workflow)
  FOR d IN SELECT e FROM jsonb_array_elements(p_docs) e LOOP
    b := d->'breach';
    IF coalesce(btrim(d->>'reference'), '') = '' OR coalesce(btrim(d->>'row_key'), '') = ''
       OR coalesce(btrim(b->>'title'), '') = '' OR b->>'aware_at' IS NULL THEN
      RAISE EXCEPTION 'a line of the old log needs a reference, a key, a title and a date';
    END IF;
    IF coalesce((d->>'update')::boolean, false) THEN
      SELECT l.breach_id, x.current_version INTO v_id, v_version
        FROM log_entries l JOIN breaches x ON x.id = l.breach_id
        WHERE l.row_key = d->>'row_key' FOR UPDATE OF x;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no line % of the old log to update', d->>'reference';
      END IF;
      UPDATE log_entries SET record = d->'entry'->>'record' WHERE breach_id = v_id;
      IF v_version = 0 THEN
        UPDATE breaches SET title = b->>'title', service = b->>'service',
          aware_at = (b->>'aware_at')::timestamptz, search_text = coalesce(b->>'search_text', ''),
          closed_at = (b->>'closed_at')::timestamptz,
          updated_at = v_now, updated_by = v_me, row_version = row_version + 1
        WHERE id = v_id;
        DELETE FROM people WHERE breach_id = v_id;
        DELETE FROM recipients WHERE breach_id = v_id;
      ELSE
        UPDATE breaches SET updated_at = v_now, updated_by = v_me, row_version = row_version + 1
        WHERE id = v_id;
      END IF;
      PERFORM bd_audit_write('breach.log_entry_updated', d->>'reference', d->>'audit_before',
                             d->>'audit_after', NULL);
      IF v_version <> 0 THEN
        n := n + 1;
        CONTINUE;
      END IF;
    ELSE
      INSERT INTO breaches (reference, status, title, service, aware_at, band, likelihood, risk,
        ico_report, ico_deadline, notify_subjects, is_repeat, current_version, search_text,
        created_at, created_by, updated_at, updated_by, closed_at, closed_by, row_version)
      VALUES (btrim(d->>'reference'), 'closed', b->>'title', b->>'service',
        (b->>'aware_at')::timestamptz, NULL, NULL, NULL, false, NULL, false, false, 0,
        coalesce(b->>'search_text', ''), v_now, v_me, v_now, v_me,
        (b->>'closed_at')::timestamptz, NULL, 1)
      RETURNING id INTO v_id;
      INSERT INTO log_entries (breach_id, row_key, source_file, sheet, row_number, record,
                               imported_by, imported_at)
      VALUES (v_id, d->>'row_key', d->'entry'->>'source_file', d->'entry'->>'sheet',
        (d->'entry'->>'row_number')::integer, d->'entry'->>'record', v_me, v_now);
      PERFORM bd_audit_write('breach.imported_from_log', d->>'reference', NULL,
                             d->>'audit_after', NULL);
    END IF;
    INSERT INTO people (breach_id, name_folded, email_norm, identifier_norm)
    SELECT v_id, x.name_folded, x.email_norm, NULL
    FROM jsonb_populate_recordset(NULL::people, coalesce(d->'people', '[]')) x;
    INSERT INTO recipients (breach_id, kind, label_folded, email_norm)
    SELECT v_id, 'unknown', x.label_folded, x.email_norm
    FROM jsonb_populate_recordset(NULL::recipients, coalesce(d->'recipients', '[]')) x;
    n := n + 1;
  END LOOP;
  RETURN n;
END $f$
"""


def install(conn: Connection, schema: str, groups: dict[str, str]) -> None:
    """Create ``bd_import_log`` owned by the tables' owner, EXECUTE for IG officers only; let
    each group read the old-log lines of the breaches it reads."""
    conn.exec_driver_sql(IMPORT.replace("{schema}", schema).replace("%", "%%"))
    owner = conn.execute(
        text(
            "SELECT quote_ident(tableowner) FROM pg_tables"
            " WHERE schemaname = current_schema() AND tablename = 'audit_log'"
        )
    ).scalar_one()
    everyone = ", ".join(groups.values())
    for signature, who in FUNCTIONS.items():
        conn.exec_driver_sql(f"ALTER FUNCTION {signature} OWNER TO {owner}")
        conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC, {everyone}")
        allowed = ", ".join(groups[w.strip()] for w in who.split(","))
        conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {signature} TO {allowed}")
    conn.exec_driver_sql(f"GRANT SELECT ON log_entries TO {everyone}")
    conn.exec_driver_sql("ALTER TABLE log_entries ENABLE ROW LEVEL SECURITY")
    conn.exec_driver_sql(
        "DO $$ DECLARE p record; BEGIN FOR p IN SELECT policyname FROM pg_policies"
        " WHERE schemaname = current_schema() AND tablename = 'log_entries'"
        " AND left(policyname, 3) = 'bd_' LOOP"
        " EXECUTE 'DROP POLICY ' || quote_ident(p.policyname) || ' ON log_entries';"
        " END LOOP; END $$"
    )
    conn.exec_driver_sql(
        f"CREATE POLICY bd_reads ON log_entries FOR SELECT TO {everyone}"
        " USING (breach_id IN (SELECT b.id FROM breaches b))"
    )


def _doc(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_plain)


def _plain(value: Any) -> Any:
    from datetime import date, datetime

    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot send {type(value).__name__} as JSON")


def import_log(conn: Connection, docs: Sequence[dict[str, Any]]) -> None:
    """Hand the lines to ``bd_import_log``, a few hundred at a time, in the caller's
    transaction (which ``services/oldlog`` keeps to one batch of lines)."""
    for start in range(0, len(docs), 500):
        conn.execute(
            text("SELECT bd_import_log(CAST(:d AS jsonb))"),
            {"d": _doc(list(docs[start : start + 500]))},
        )
