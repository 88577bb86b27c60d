"""PostgreSQL team mode: the functions that write the directory, reminders and complaints.

Like ``store/pg_workflow``, each runs as the tables' owner (``SECURITY DEFINER``, search path
pinned), checks that the caller is an IG officer, stamps ``clock_timestamp()`` and
``session_user``, and writes its audit entry through ``bd_audit_write``. Nobody writes the
tables themselves. Service managers read the complaints of their own services' breaches (row
level security), as they read the breaches.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from breach_desk.domain.remind import COMPLAINT_WAYS, MAX_COMPLAINT_TEXT

FUNCTIONS = (
    "bd_set_person(text, text, text)",
    "bd_set_escalation(text, text)",
    "bd_reserve_reminder(jsonb)",
    "bd_reminder_sent(text)",
    "bd_release_reminder(text)",
    "bd_record_complaint(text, jsonb)",
    "bd_update_complaint(bigint, jsonb)",
)
"""All for IG officers only."""

_DEFINER = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp"
_ONLY_IG = (
    "IF bd_role() <> 'ig_officer' THEN RAISE EXCEPTION USING ERRCODE = '42501', "
    "MESSAGE = 'only an IG officer {what}'; END IF;"
)
WAYS = ", ".join(f"'{w}'" for w in COMPLAINT_WAYS)


def _ig(what: str) -> str:
    return _ONLY_IG.replace("{what}", what)


SET_PERSON = f"""
CREATE OR REPLACE FUNCTION bd_set_person(p_login text, p_name text, p_email text)
RETURNS void {_DEFINER} AS $f$
DECLARE
  v_before jsonb;
  v_after jsonb;
BEGIN
  {_ig("keeps the directory of people")}
  IF nullif(btrim(p_login), '') IS NULL THEN RAISE EXCEPTION 'name: a login is needed'; END IF;
  IF p_email IS NULL OR p_email !~ '^[^@[:space:]]+@[^@[:space:]]+$' OR length(p_email) > 320
  THEN
    RAISE EXCEPTION 'email: % is not an email address', p_email;
  END IF;
  SELECT jsonb_build_object('login', login, 'display_name', display_name, 'email', email)
    INTO v_before FROM directory WHERE login = p_login FOR UPDATE;
  INSERT INTO directory (login, display_name, email, role, services, updated_at, updated_by)
  VALUES (p_login, nullif(btrim(p_name), ''), p_email, NULL, '[]', clock_timestamp(),
          session_user)
  ON CONFLICT (login) DO UPDATE SET
    display_name = coalesce(nullif(btrim(p_name), ''), directory.display_name),
    email = p_email, updated_at = clock_timestamp(), updated_by = session_user;
  SELECT jsonb_build_object('login', login, 'display_name', display_name, 'email', email)
    INTO v_after FROM directory WHERE login = p_login;
  PERFORM bd_audit_write('directory.set', NULL, v_before::text, v_after::text, NULL);
END $f$
"""

SET_ESCALATION = f"""
CREATE OR REPLACE FUNCTION bd_set_escalation(p_service text, p_login text)
RETURNS void {_DEFINER} AS $f$
DECLARE
  v_before text;
BEGIN
  {_ig("chooses who is copied when actions are long overdue")}
  SELECT login INTO v_before FROM escalation_contacts WHERE service = p_service FOR UPDATE;
  IF p_login IS NULL THEN
    DELETE FROM escalation_contacts WHERE service = p_service;
  ELSE
    INSERT INTO escalation_contacts (service, login) VALUES (p_service, p_login)
    ON CONFLICT (service) DO UPDATE SET login = p_login;
  END IF;
  PERFORM bd_audit_write('directory.escalation', NULL,
    CASE WHEN v_before IS NULL THEN NULL
         ELSE jsonb_build_object('service', p_service, 'login', v_before)::text END,
    CASE WHEN p_login IS NULL THEN NULL
         ELSE jsonb_build_object('service', p_service, 'login', p_login)::text END, NULL);
END $f$
"""

RESERVE = f"""
CREATE OR REPLACE FUNCTION bd_reserve_reminder(p_doc jsonb) RETURNS void {_DEFINER} AS $f$
DECLARE
  v_id text := p_doc->>'message_id';
  v_login text := p_doc->>'login';
  i jsonb;
BEGIN
  {_ig("sends reminders")}
  INSERT INTO reminder_messages (message_id, login, recipients, content, state, reserved_at)
  VALUES (v_id, v_login, (p_doc->'recipients')::text, p_doc->>'content', 'reserved',
          clock_timestamp());
  FOR i IN SELECT * FROM jsonb_array_elements(p_doc->'items') LOOP
    INSERT INTO reminders (login, item, threshold, day, message_id)
    VALUES (v_login, i->>0, i->>1, (p_doc->>'day')::date, v_id);
  END LOOP;
END $f$
"""

SENT = f"""
CREATE OR REPLACE FUNCTION bd_reminder_sent(p_id text) RETURNS void {_DEFINER} AS $f$
DECLARE
  m reminder_messages%ROWTYPE;
BEGIN
  {_ig("sends reminders")}
  SELECT * INTO m FROM reminder_messages WHERE message_id = p_id FOR UPDATE;
  IF NOT FOUND OR m.state = 'sent' THEN RETURN; END IF;
  UPDATE reminder_messages SET state = 'sent', sent_at = clock_timestamp()
   WHERE message_id = p_id;
  PERFORM bd_audit_write('reminder.sent', NULL, NULL, jsonb_build_object(
    'message_id', p_id, 'to', m.login, 'recipients', m.recipients::jsonb,
    'items', (SELECT coalesce(jsonb_agg(item || ' ' || threshold ORDER BY id), '[]'::jsonb)
                FROM reminders WHERE message_id = p_id))::text, NULL);
END $f$
"""

RELEASE = f"""
CREATE OR REPLACE FUNCTION bd_release_reminder(p_id text) RETURNS void {_DEFINER} AS $f$
BEGIN
  {_ig("sends reminders")}
  IF EXISTS (SELECT 1 FROM reminder_messages WHERE message_id = p_id AND state = 'reserved')
  THEN
    DELETE FROM reminders WHERE message_id = p_id;
    DELETE FROM reminder_messages WHERE message_id = p_id;
  END IF;
END $f$
"""

COMPLAINT = f"""
CREATE OR REPLACE FUNCTION bd_record_complaint(p_reference text, p_doc jsonb)
RETURNS bigint {_DEFINER} AS $f$
DECLARE
  v_breach bigint;
  v_id bigint;
  v_received date := (p_doc->>'received_on')::date;
  v_today date := (clock_timestamp() AT TIME ZONE 'Europe/London')::date;
BEGIN
  {_ig("records complaints")}
  PERFORM bd_take_head();  -- the register's lock first, then the breach (store/pg_workflow)
  SELECT id INTO v_breach FROM breaches WHERE reference = p_reference FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION '% is not in the register', p_reference; END IF;
  IF v_received IS NULL OR v_received > v_today THEN
    RAISE EXCEPTION 'received: % is not a date that has come', v_received;
  END IF;
  IF nullif(btrim(p_doc->>'from_whom'), '') IS NULL
     OR nullif(btrim(p_doc->>'summary'), '') IS NULL THEN
    RAISE EXCEPTION 'from, summary: who complained and what about are needed';
  END IF;
  IF length(p_doc->>'from_whom') > {MAX_COMPLAINT_TEXT}
     OR length(p_doc->>'summary') > {MAX_COMPLAINT_TEXT} THEN
    RAISE EXCEPTION 'summary: keep it under {MAX_COMPLAINT_TEXT} characters';
  END IF;
  IF (p_doc->>'how') NOT IN ({WAYS}) THEN
    RAISE EXCEPTION 'how: % is not a way a complaint arrives', p_doc->>'how';
  END IF;
  INSERT INTO complaints (breach_id, received_on, from_whom, how, summary, recorded_by,
                          recorded_at)
  VALUES (v_breach, v_received, btrim(p_doc->>'from_whom'), p_doc->>'how',
          btrim(p_doc->>'summary'), session_user, clock_timestamp())
  RETURNING id INTO v_id;
  PERFORM bd_audit_write('complaint.received', p_reference, NULL,
    (jsonb_build_object('id', v_id) || p_doc)::text, NULL);
  RETURN v_id;
END $f$
"""

UPDATE_COMPLAINT = f"""
CREATE OR REPLACE FUNCTION bd_update_complaint(p_id bigint, p_doc jsonb)
RETURNS void {_DEFINER} AS $f$
DECLARE
  c complaints%ROWTYPE;
  v_ref text;
  v_ack date := (p_doc->>'acknowledged_on')::date;
BEGIN
  {_ig("records complaints")}
  SELECT * INTO c FROM complaints WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'there is no complaint %', p_id; END IF;
  IF v_ack IS NOT NULL THEN
    IF c.acknowledged_on IS NOT NULL THEN
      RAISE EXCEPTION 'acknowledged: the acknowledgement is already recorded';
    END IF;
    IF v_ack < c.received_on THEN
      RAISE EXCEPTION 'acknowledged: it is before the complaint was received';
    END IF;
    UPDATE complaints SET acknowledged_on = v_ack WHERE id = p_id;
  END IF;
  IF p_doc ? 'outcome' THEN
    UPDATE complaints SET outcome = btrim(p_doc->>'outcome'),
      outcome_on = (p_doc->>'outcome_on')::date WHERE id = p_id;
  END IF;
  SELECT reference INTO v_ref FROM breaches WHERE id = c.breach_id;
  PERFORM bd_audit_write('complaint.updated', v_ref, NULL,
    (jsonb_build_object('id', p_id) || p_doc)::text, NULL);
END $f$
"""


def install(conn: Connection, schema: str, groups: dict[str, str]) -> None:
    """Create or replace the functions (EXECUTE for IG officers only), and let service managers
    read the complaints of their own breaches."""
    for statement in (
        SET_PERSON,
        SET_ESCALATION,
        RESERVE,
        SENT,
        RELEASE,
        COMPLAINT,
        UPDATE_COMPLAINT,
    ):
        conn.exec_driver_sql(statement.replace("{schema}", schema).replace("%", "%%"))
    owner = conn.execute(
        text(
            "SELECT quote_ident(tableowner) FROM pg_tables"
            " WHERE schemaname = current_schema() AND tablename = 'audit_log'"
        )
    ).scalar_one()
    everyone = ", ".join(groups.values())
    for signature in FUNCTIONS:
        conn.exec_driver_sql(f"ALTER FUNCTION {signature} OWNER TO {owner}")
        conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC, {everyone}")
        conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {signature} TO {groups['ig']}")
    sm = groups["sm"]
    conn.exec_driver_sql(f"GRANT SELECT ON complaints TO {sm}")
    conn.exec_driver_sql("ALTER TABLE complaints ENABLE ROW LEVEL SECURITY")
    for name, rest in (
        ("bd_ig_reads", f"FOR SELECT TO {groups['ig']} USING (true)"),
        (
            "bd_sm_their_breaches",
            f"FOR SELECT TO {sm} USING (breach_id IN (SELECT b.id FROM breaches b))",
        ),
        ("bd_auditor_reads", "FOR SELECT TO breach_auditor USING (true)"),
    ):
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON complaints")
        conn.exec_driver_sql(f"CREATE POLICY {name} ON complaints {rest}")
