"""PostgreSQL team mode: every change goes through the database's own functions.

Once ``breach-desk db roles`` has run, the login roles hold no INSERT, UPDATE, DELETE or TRUNCATE
on any of the register's tables (and so cannot lock a row with ``SELECT … FOR UPDATE`` either).
What a role may change, it changes by calling one of the functions below. They run as the owner
of the tables (``SECURITY DEFINER``, ``search_path`` pinned to the register's schema), and each
one checks, itself:

- who is calling (``session_user``, and the Breach Desk group they belong to; a service manager
  only for the services in ``breach_user_services``);
- the workflow of METHOD.md section 5 (from where to where, reasons and evidence, and four eyes:
  whoever marked an action done never verifies it);
- the evidence rules (the database measures the file and computes its SHA-256);

then stamps every time with ``clock_timestamp()`` and every name with ``session_user``, and
writes the audit entry itself (``bd_audit_write``, which no role may call), chained exactly as
``store/audit.py`` chains it, so one ``audit verify`` checks both.

Every change first takes the register's one lock, the audit log's head (``bd_take_head``), then
the rows it changes, and holds them to commit. Nobody holds it for long: a change kept waiting
ends the session of a Breach Desk login whose transaction has held it for longer than
``HOLD_LIMIT``, busy or not, or that sits idle (or asleep) on it past ``IDLE_LIMIT``, whatever
limits that login set for itself, and records so in the log. Breach Desk's own changes stay well
under the limit: a team import writes its breaches a batch per transaction
(``store/importing``).

The application calls these same functions in team mode (``UnitOfWork.team``): there is one way
to change a team register, and the database is its last line. SQLite, a one-person file, keeps
the in-process path.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, text

from breach_desk.domain.enums import Band, Likelihood, Risk
from breach_desk.domain.notification import (
    FUTURE_SKEW,
    MAX_LETTER,
    MAX_NOTE,
    MAX_PEOPLE,
    MAX_REFERENCE,
    IcoOutcome,
    PeopleHow,
)
from breach_desk.domain.workflow import MAX_EVIDENCE_FILE_BYTES, MAX_EVIDENCE_FILES, MAX_TEXT
from breach_desk.store.audit import PendingEntry, dump

CONFLICT_STATE = "BD409"
"""SQLSTATE of a save based on an older version of the breach (someone saved first)."""

FUNCTIONS = {
    "bd_move_action(bigint, text, text, text, text)": "ig, sm",
    "bd_attach_file(bigint, text, bytea)": "ig, sm",
    "bd_close_breach(text, integer, text)": "ig",
    "bd_approve_close(text, text)": "ig",
    "bd_save_breach(jsonb)": "ig",
    "bd_add_breaches(jsonb)": "ig",
    "bd_reserve_references(integer, integer, text[])": "ig",
    "bd_save_draft(bigint, text, text, text)": "ig",
    "bd_discard_draft(bigint)": "ig",
    "bd_record_notification(text, text, jsonb, text)": "ig",
    "bd_audit_hash(bigint)": "ig, sm, auditor",
    "bd_acknowledge_break(text, text)": "ig",
    "bd_history(text)": "ig, sm, auditor",
    "bd_start_import(text, integer, text[])": "ig",
    "bd_import_progress(bigint, integer, integer)": "ig",
    "bd_import_told(bigint, integer, integer)": "ig",
    "bd_finish_import(bigint)": "ig",
    "bd_abandon_import(bigint)": "ig",
}
"""The functions a role may call (``ig``: IG officers, ``sm``: service managers too)."""
INTERNAL = (
    "bd_role()",
    "bd_take_head()",
    "bd_rejecters(bigint)",
    "bd_close_approvers(bigint)",
    "bd_audit_write(text, text, text, text, text)",
    "bd_create_breach(jsonb, text)",
    "bd_check_view(text, text, integer)",
    "bd_blank(text)",
    "bd_text(text)",
    "bd_check_breach(jsonb)",
)
"""Helpers that only the functions above call: nobody is granted them."""

BANDS = ", ".join(f"'{b.value}'" for b in Band)
LIKELIHOODS = ", ".join(f"'{v.value}'" for v in Likelihood)
RISKS = ", ".join(f"'{r.value}'" for r in Risk)
MAX_FACTS_BYTES = 5 * 1024 * 1024
"""The largest facts file Breach Desk reads (``facts_io.MAX_FACTS_BYTES``), per version."""
MAX_INDEX_ROWS = 10_000
"""People and recipients indexed for one breach, at most (each a row of the matching index)."""
MAX_RESERVE = 100_000
"""References one call may reserve (an import's worth); a deferred trigger keeps the counter from
passing the references actually used (migration 0007)."""
MAX_IMPORT_RECORDS = 1_000_000
"""Records one import run may hold (its references are kept with it, migration 0014)."""
MAX_DRAFT_BYTES = 8 * 1024 * 1024
"""The largest draft kept (a wizard's answers with its facts)."""
IDLE_LIMIT = "5s"
"""How long a transaction that holds the register (the audit log's head) may sit idle: the server
ends it after that, and if its login set that limit aside, the next writer it keeps waiting does
(``bd_take_head``)."""
STATEMENT_LIMIT = "120s"
"""How long one statement of a login may run (``db roles`` sets it on every login): long enough
for a large export, which reads and never takes the register."""
HOLD_LIMIT = "10s"
"""How long a transaction may hold the register, busy or idle: the writer it keeps waiting ends
it after that (``bd_take_head``). Counted from the transaction's start
(``pg_stat_activity.xact_start``), or from the moment that writer found it holding if later: a
writer that itself waited for the register is not ended the moment it gets it, and no holder
keeps anyone waiting for longer than the limit. Breach Desk's own changes hold it for well under
a second each (a team import: a batch of a few hundred breaches per transaction); a writer waits
up to its ``lock_timeout`` (15 s), long enough to outlast the limit and end the holder instead
of giving up first."""
FUTURE_MINUTES = int(FUTURE_SKEW.total_seconds() // 60)
OUTCOMES = ", ".join(f"'{o.value}'" for o in IcoOutcome)
PEOPLE_WAYS = ", ".join(f"'{h.value}'" for h in PeopleHow)

_DEFINER = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp"
_INDEXED = f"{_DEFINER} SET enable_seqscan = off"
"""For a function that looks rows up in a table that grows by the thousand while it is called
(the audit log during an import): PL/pgSQL keeps the plan it made when the table was small, and
the server's statistics may lag (autovacuum off, or not yet run), so a sequential scan chosen
then would read the whole table on every call (a 100,000-entry log: 10 ms per audit entry,
growing). With sequential scans set aside, the lookups go through their indexes, whatever the
statistics say."""


def _refuse(words: str) -> str:
    return f"RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = {words}"


ROLE = f"""
CREATE OR REPLACE FUNCTION bd_role() RETURNS text {_DEFINER} STABLE AS $f$
BEGIN
  -- The most a person may do wins, as services/identity.py decides (a superuser acts as IG).
  IF pg_has_role(session_user, 'breach_ig_officer', 'MEMBER') THEN RETURN 'ig_officer'; END IF;
  IF pg_has_role(session_user, 'breach_service_manager', 'MEMBER') THEN
    RETURN 'service_manager';
  END IF;
  IF pg_has_role(session_user, 'breach_auditor', 'MEMBER') THEN RETURN 'auditor'; END IF;
  RETURN '';
END $f$
"""

HEAD = f"""
CREATE OR REPLACE FUNCTION bd_take_head() RETURNS void {_DEFINER} AS $f$
DECLARE
  v_wait text := current_setting('lock_timeout');
  v_deadline timestamptz;
  v_xmax xid;
  v_holder xid;
  v_seen timestamptz;
  h record;
  v_ended text[] := '{{}}';
BEGIN
  -- The audit log's head is the register's one lock: every change takes it first and holds it
  -- until commit. Whoever holds it holds it briefly: the server ends a transaction that sits
  -- idle past {IDLE_LIMIT} (set here, for this transaction), and since anyone may set that limit
  -- aside for themselves, the writer kept waiting ends a session that does, and one whose
  -- transaction has been open for longer than {HOLD_LIMIT}, whatever it is doing.
  PERFORM set_config('idle_in_transaction_session_timeout', '{IDLE_LIMIT}', true);
  PERFORM 1 FROM audit_head WHERE id = 1 FOR UPDATE SKIP LOCKED;
  IF FOUND THEN RETURN; END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_head WHERE id = 1) THEN
    RAISE EXCEPTION 'the audit log''s head record is missing: run breach-desk audit verify';
  END IF;
  IF v_wait NOT IN ('0', '') THEN v_deadline := clock_timestamp() + v_wait::interval; END IF;
  LOOP
    -- Whoever holds the head row locked it with their transaction's id (xmax); the process
    -- holding that id is the holder. Ended only if it is a Breach Desk login (never a superuser
    -- or the owner) that has held it for longer than the hold limit, busy or not, or that has
    -- been idle in its transaction, or asleep, for longer than the idle limit.
    SELECT xmax INTO v_xmax FROM audit_head WHERE id = 1;
    -- How long it has held the register counts from the later of its transaction's start and
    -- the moment this writer found it holding: a writer that waited its own turn here is not
    -- ended the moment it gets the register, and a holder is ended within the limit of anyone
    -- waiting for it.
    IF v_holder IS DISTINCT FROM v_xmax THEN
      v_holder := v_xmax;
      v_seen := clock_timestamp();
    END IF;
    FOR h IN
      SELECT a.pid, a.usename, a.state,
             round(extract(epoch FROM clock_timestamp() - a.state_change)::numeric, 1) AS idle,
             round(extract(epoch FROM clock_timestamp() - a.xact_start)::numeric, 1) AS held,
             clock_timestamp() - greatest(a.xact_start, v_seen) > interval '{HOLD_LIMIT}'
               AS too_long
        FROM pg_locks l
        JOIN pg_stat_activity a ON a.pid = l.pid
        JOIN pg_roles r ON r.oid = a.usesysid
       WHERE l.locktype = 'transactionid' AND l.transactionid = v_xmax AND l.granted
         AND l.pid <> pg_backend_pid() AND NOT r.rolsuper
         AND r.rolname <> (SELECT tableowner FROM pg_tables
                            WHERE schemaname = current_schema() AND tablename = 'audit_head')
         AND (pg_has_role(r.oid, 'breach_ig_officer', 'MEMBER')
              OR pg_has_role(r.oid, 'breach_service_manager', 'MEMBER')
              OR pg_has_role(r.oid, 'breach_auditor', 'MEMBER'))
         AND (clock_timestamp() - greatest(a.xact_start, v_seen) > interval '{HOLD_LIMIT}'
              OR (a.state LIKE 'idle in transaction%'
                  AND clock_timestamp() - a.state_change > interval '{IDLE_LIMIT}')
              OR (a.state = 'active' AND a.wait_event = 'PgSleep'
                  AND clock_timestamp() - a.state_change > interval '{IDLE_LIMIT}'))
    LOOP
      BEGIN
        IF pg_terminate_backend(h.pid, 2000) THEN
          v_ended := v_ended || CASE WHEN h.too_long THEN
            format('%s (process %s, held the register for %s s, longer than the limit of %s)',
                   h.usename, h.pid, h.held, '{HOLD_LIMIT}')
          ELSE
            format('%s (process %s, %s for %s s, longer than the idle limit of %s)',
                   h.usename, h.pid, h.state, h.idle, '{IDLE_LIMIT}')
          END;
          -- The server's log keeps it even if this change is then refused and rolled back.
          RAISE LOG 'Breach Desk: % ended the session of % (process %), % for % s in a '
            'transaction open for % s holding the register', session_user, h.usename, h.pid,
            h.state, h.idle, h.held;
        END IF;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE WARNING 'Breach Desk cannot end the session of % holding the register: grant '
          'pg_signal_backend and pg_read_all_stats to the owner of the register', h.usename;
      END;
    END LOOP;
    PERFORM 1 FROM audit_head WHERE id = 1 FOR UPDATE SKIP LOCKED;
    EXIT WHEN FOUND;
    IF v_deadline IS NOT NULL AND clock_timestamp() >= v_deadline THEN
      RAISE EXCEPTION USING ERRCODE = '55P03',
        MESSAGE = 'the register is busy: another session holds the audit log''s head';
    END IF;
    PERFORM pg_sleep(0.05);
  END LOOP;
  IF cardinality(v_ended) > 0 THEN
    PERFORM bd_audit_write('register.session_ended', NULL, NULL, NULL,
      'a session held the register for too long: ended, and its unfinished changes undone: '
      || array_to_string(v_ended, '; '));
  END IF;
END $f$
"""

AUDIT = f"""
CREATE OR REPLACE FUNCTION bd_audit_write(
  p_action text, p_reference text, p_before text, p_after text, p_reason text
) RETURNS bigint {_INDEXED} AS $f$
DECLARE
  v_at timestamptz;
  v_actor text := session_user;
  v_seq bigint;
  v_prev text;
  v_hash text;
BEGIN
  PERFORM bd_take_head();  -- held already by a function that changed something first
  v_at := clock_timestamp();
  SELECT seq, hash INTO v_seq, v_prev FROM audit_head WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the audit log''s head record is missing: run breach-desk audit verify';
  END IF;
  IF EXISTS (SELECT 1 FROM audit_log WHERE seq > v_seq) THEN
    RAISE EXCEPTION 'the audit log has entries after its head (#%): they were written outside '
      'Breach Desk; run breach-desk audit verify', v_seq;
  END IF;
  v_seq := v_seq + 1;
  -- The same JSON array store/audit.py hashes: [seq, at, actor, action, reference, before,
  -- after, reason, prev_hash], compact, with PostgreSQL's JSON string escaping (= Python's).
  v_hash := encode(sha256(convert_to(
    '[' || v_seq::text
    || ',' || to_json(to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
                      || '+00:00')::text
    || ',' || to_json(v_actor)::text
    || ',' || to_json(p_action)::text
    || ',' || coalesce(to_json(p_reference)::text, 'null')
    || ',' || coalesce(to_json(p_before)::text, 'null')
    || ',' || coalesce(to_json(p_after)::text, 'null')
    || ',' || coalesce(to_json(p_reason)::text, 'null')
    || ',' || to_json(v_prev)::text || ']', 'UTF8')), 'hex');
  INSERT INTO audit_log (seq, at, actor, action, reference, before, after, reason, prev_hash,
                         hash)
  VALUES (v_seq, v_at, v_actor, p_action, p_reference, p_before, p_after, p_reason, v_prev,
          v_hash);
  UPDATE audit_head SET seq = v_seq, hash = v_hash WHERE id = 1;
  RETURN v_seq;
END $f$
"""

BLANK = """
CREATE OR REPLACE FUNCTION bd_blank(p text) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = {schema}, pg_temp AS $f$
  -- Blank-looking text: nothing but white space, no-break and zero-width spaces.
  SELECT p IS NULL OR regexp_replace(p, '[\\s\\u00a0\\u1680\\u180e\\u2000-\\u200f'
    '\\u2028\\u2029\\u202f\\u205f\\u2060\\u3000\\ufeff]', '', 'g') = ''
$f$;
CREATE OR REPLACE FUNCTION bd_text(p text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = {schema}, pg_temp AS $f$
  -- Text as kept: trimmed, or NULL when it only looks like something (see bd_blank).
  SELECT CASE WHEN bd_blank(p) THEN NULL ELSE btrim(p) END
$f$
"""

NAME_FORBIDDEN = (
    "[\\u0001-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]"
)
"""Control and bidirectional-control characters, refused in file names (a PostgreSQL E'' regex)."""


_MINE = "(SELECT us.service FROM breach_user_services us WHERE us.login = session_user)"


def _lock_action(not_yours: str, what: str) -> str:
    """PL/pgSQL shared by every function that changes a recommendation: lock it (into ``r``),
    find its breach (``v_ref``, ``v_closed``), refuse a service manager whose services it is not
    in (``not_yours``, an SQL text expression), and refuse a closed breach."""
    return f"""  PERFORM bd_take_head();  -- the register's lock first, then the rows
  SELECT * INTO r FROM recommendations WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'there is no recommendation %', p_id; END IF;
  SELECT b.reference, b.status = 'closed' INTO v_ref, v_closed FROM breaches b
   WHERE b.id = r.breach_id;
  IF v_role = 'service_manager' AND NOT (
      r.owner_role = 'service' AND r.service IN {_MINE}
      AND (SELECT b.service FROM breaches b WHERE b.id = r.breach_id) IN {_MINE}) THEN
    {_refuse(not_yours)};
  END IF;
  IF v_closed THEN
    RAISE EXCEPTION 'The breach is closed: {what} can no longer change.';
  END IF;"""


_LOCK_TO_MOVE = _lock_action(
    "format('recommendation %s is not one of your services'' to move on', p_id)",
    "its recommendations",
)
_LOCK_TO_ATTACH = _lock_action(
    "'Only its owner or an IG officer can add evidence to it.'", "its evidence"
)


MOVE = f"""
CREATE OR REPLACE FUNCTION bd_move_action(
  p_id bigint, p_action text, p_reason text, p_evidence text, p_expected text
) RETURNS void {_DEFINER} AS $f$
DECLARE
  v_role text := bd_role();
  v_me text := session_user;
  v_now timestamptz := clock_timestamp();
  v_reason text := CASE WHEN bd_blank(p_reason) THEN NULL ELSE btrim(p_reason) END;
  v_evidence text := CASE WHEN bd_blank(p_evidence) THEN NULL ELSE btrim(p_evidence) END;
  r recommendations%ROWTYPE;
  v_ref text;
  v_closed boolean;
  v_from text[];
  v_to text;
  v_before jsonb;
  v_after jsonb;
BEGIN
  IF v_role NOT IN ('ig_officer', 'service_manager') THEN
    {
    _refuse(
        "'your database role is not allowed to change the register: an auditor reads it, "
        "and only IG officers and service managers move recommendations on'"
    )
};
  END IF;
{_LOCK_TO_MOVE}
  CASE p_action
    WHEN 'start' THEN v_from := '{{open}}'; v_to := 'in_progress';
    WHEN 'done' THEN v_from := '{{open,in_progress}}'; v_to := 'done';
    WHEN 'verify' THEN v_from := '{{done}}'; v_to := 'verified';
    WHEN 'reject' THEN v_from := '{{open,in_progress,done}}'; v_to := 'rejected';
    WHEN 'reopen' THEN v_from := '{{done,verified,rejected}}'; v_to := 'open';
    ELSE RAISE EXCEPTION 'unknown action %', p_action;
  END CASE;
  IF p_expected IS NOT NULL AND r.status <> p_expected THEN
    RAISE EXCEPTION 'Someone changed it to % after you looked: look again before you act.',
      r.status;
  END IF;
  IF NOT r.status = ANY(v_from) THEN
    RAISE EXCEPTION 'It is %: you cannot % it.', r.status, p_action;
  END IF;
  IF p_action IN ('verify', 'reject') AND v_role <> 'ig_officer' THEN
    {_refuse("format('only an IG officer can %s a recommendation', p_action)")};
  END IF;
  IF p_action = 'reopen' AND v_role <> 'ig_officer' AND r.status <> 'done' THEN
    {_refuse("format('only an IG officer can reopen a recommendation that is %s', r.status)")};
  END IF;
  IF p_action IN ('reject', 'reopen') AND v_reason IS NULL THEN
    RAISE EXCEPTION 'Give a reason to % it: it is kept with the change.', p_action;
  END IF;
  IF p_action = 'done' AND v_evidence IS NULL THEN
    RAISE EXCEPTION 'Say what was done as evidence: the IG team verifies against it.';
  END IF;
  IF length(v_reason) > {MAX_TEXT} OR length(v_evidence) > {MAX_TEXT} THEN
    RAISE EXCEPTION 'The reason or evidence is too long: keep it under {MAX_TEXT:,} characters.';
  END IF;
  IF p_action = 'verify' AND r.done_by = v_me THEN
    {
    _refuse(
        "'You marked it done, so someone else in the IG team must verify it: the same "
        "person cannot both do and check.'"
    )
};
  END IF;
  UPDATE recommendations SET
    status = v_to,
    evidence = CASE p_action WHEN 'done' THEN v_evidence WHEN 'reopen' THEN NULL
                 ELSE evidence END,
    done_by = CASE p_action WHEN 'done' THEN v_me WHEN 'reopen' THEN NULL ELSE done_by END,
    done_at = CASE p_action WHEN 'done' THEN v_now WHEN 'reopen' THEN NULL ELSE done_at END,
    verified_by = CASE p_action WHEN 'verify' THEN v_me WHEN 'reopen' THEN NULL
                    ELSE verified_by END,
    verified_at = CASE p_action WHEN 'verify' THEN v_now WHEN 'reopen' THEN NULL
                    ELSE verified_at END,
    updated_at = v_now,
    row_version = row_version + 1
  WHERE id = p_id;
  INSERT INTO recommendation_transitions (recommendation_id, at, by, from_status, to_status,
                                          reason, evidence)
  VALUES (p_id, v_now, v_me, r.status, v_to, v_reason,
          CASE WHEN p_action = 'done' THEN v_evidence END);
  v_before := jsonb_build_object('id', r.id, 'code', r.code, 'status', r.status);
  v_after := v_before || jsonb_build_object('status', v_to);
  IF p_action = 'done' THEN v_after := v_after || jsonb_build_object('evidence', v_evidence);
  END IF;
  PERFORM bd_audit_write('recommendation.' || p_action, v_ref, v_before::text, v_after::text,
                         v_reason);
END $f$
"""

ATTACH = f"""
CREATE OR REPLACE FUNCTION bd_attach_file(p_id bigint, p_name text, p_content bytea)
RETURNS bigint {_DEFINER} AS $f$
DECLARE
  v_role text := bd_role();
  v_name text := btrim(p_name);
  v_size bigint := octet_length(p_content);
  v_sha text := encode(sha256(p_content), 'hex');
  r recommendations%ROWTYPE;
  v_ref text;
  v_closed boolean;
  v_id bigint;
BEGIN
  IF v_role NOT IN ('ig_officer', 'service_manager') THEN
    {_refuse("'your database role is not allowed to change the register'")};
  END IF;
{_LOCK_TO_ATTACH}
  IF r.status IN ('verified', 'rejected') THEN
    RAISE EXCEPTION 'It is %: reopen it to add evidence.', r.status;
  END IF;
  IF bd_blank(v_name) OR length(v_name) > 255 THEN
    RAISE EXCEPTION 'The file needs a name of at most 255 characters.';
  END IF;
  IF v_name ~ E'{NAME_FORBIDDEN}' THEN
    RAISE EXCEPTION 'The file''s name holds a control or text-direction character: rename it.';
  END IF;
  IF v_size IS NULL OR v_size = 0 THEN RAISE EXCEPTION '% is empty.', v_name; END IF;
  IF v_size > {MAX_EVIDENCE_FILE_BYTES} THEN
    RAISE EXCEPTION '% is too big: evidence files are kept up to {MAX_EVIDENCE_FILE_BYTES} bytes.',
      v_name;
  END IF;
  IF (SELECT count(*) FROM evidence_files WHERE recommendation_id = p_id)
      >= {MAX_EVIDENCE_FILES} THEN
    RAISE EXCEPTION 'A recommendation keeps at most {MAX_EVIDENCE_FILES} files.';
  END IF;
  INSERT INTO evidence_files (recommendation_id, name, size, sha256, content, added_by, added_at)
  VALUES (p_id, v_name, v_size, v_sha, p_content, session_user, clock_timestamp())
  RETURNING id INTO v_id;
  PERFORM bd_audit_write('recommendation.file_added', v_ref, NULL,
    jsonb_build_object('id', r.id, 'code', r.code, 'file', v_name, 'size', v_size,
                       'sha256', v_sha)::text, NULL);
  RETURN v_id;
END $f$
"""

CLOSE = f"""
CREATE OR REPLACE FUNCTION bd_close_breach(p_reference text, p_expected integer, p_note text)
RETURNS void {_DEFINER} AS $f$
DECLARE
  v_now timestamptz := clock_timestamp();
  b breaches%ROWTYPE;
  v_waiting integer;
BEGIN
  IF bd_role() <> 'ig_officer' THEN
    {_refuse("'only an IG officer can close a breach'")};
  END IF;
  PERFORM bd_take_head();  -- the register's lock first, then the rows (bd_take_head)
  SELECT * INTO b FROM breaches WHERE reference = p_reference FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION '% is not in the register', p_reference; END IF;
  IF p_expected IS NOT NULL AND b.row_version <> p_expected THEN
    RAISE EXCEPTION USING ERRCODE = '{CONFLICT_STATE}',
      MESSAGE = format('%s was changed by %s since you opened it', p_reference, b.updated_by);
  END IF;
  IF b.status = 'closed' THEN RAISE EXCEPTION '% is already closed.', p_reference; END IF;
  SELECT count(*) INTO v_waiting FROM (
    SELECT 1 FROM recommendations WHERE breach_id = b.id
       AND status NOT IN ('verified', 'rejected') FOR UPDATE) w;
  IF v_waiting > 0 THEN
    RAISE EXCEPTION '% cannot be closed: % recommendation(s) not yet verified or rejected.',
      p_reference, v_waiting;
  END IF;
  -- Four eyes (METHOD section 5): whoever rejected a recommendation that stands rejected does
  -- not also close the breach on it, unless another IG officer, who rejected none of them,
  -- recorded an approval that still stands (bd_approve_close).
  IF session_user = ANY(bd_rejecters(b.id)) AND NOT EXISTS (
      SELECT 1 FROM unnest(bd_close_approvers(b.id)) a(who)
       WHERE a.who <> session_user AND NOT a.who = ANY(bd_rejecters(b.id))) THEN
    {
    _refuse(
        "format('%s cannot be closed. You rejected one of its recommendations, so another IG "
        "officer must close it, or record their approval for you to close it (Approve "
        "closing): the same person cannot both set a recommendation aside and close the breach "
        "on it alone.', p_reference)"
    )
};
  END IF;
  PERFORM 1 FROM recommendations WHERE breach_id = b.id FOR UPDATE;
  UPDATE breaches SET status = 'closed', closed_at = v_now, closed_by = session_user,
    updated_at = v_now, updated_by = session_user, row_version = row_version + 1
  WHERE id = b.id;
  PERFORM bd_audit_write('breach.closed', p_reference,
    jsonb_build_object('status', b.status)::text,
    jsonb_build_object('status', 'closed', 'closed_by', session_user)::text,
    bd_text(p_note));
END $f$
"""

APPROVE = f"""
CREATE OR REPLACE FUNCTION bd_rejecters(p_breach bigint) RETURNS text[] {_DEFINER} STABLE AS $f$
BEGIN
  -- Who rejected the breach's recommendations that stand rejected (their last move).
  RETURN ARRAY(
    SELECT DISTINCT x.who FROM (
      SELECT (SELECT t.by FROM recommendation_transitions t
               WHERE t.recommendation_id = r.id ORDER BY t.id DESC LIMIT 1) AS who
        FROM recommendations r WHERE r.breach_id = p_breach AND r.status = 'rejected') x
     WHERE x.who IS NOT NULL);
END $f$;
CREATE OR REPLACE FUNCTION bd_close_approvers(p_breach bigint) RETURNS text[]
{_DEFINER} STABLE AS $f$
DECLARE
  v_last timestamptz := greatest(
    (SELECT max(t.at) FROM recommendation_transitions t
       JOIN recommendations r ON r.id = t.recommendation_id
      WHERE r.breach_id = p_breach AND t.to_status = 'rejected'),
    (SELECT max(r.created_at) FROM recommendations r
      WHERE r.breach_id = p_breach AND r.removed_reason IS NOT NULL));
BEGIN
  -- Who approved closing it since the last time any of its recommendations was rejected: a
  -- later rejection voids an approval.
  RETURN ARRAY(SELECT DISTINCT a.approved_by FROM close_approvals a
                WHERE a.breach_id = p_breach AND (v_last IS NULL OR a.approved_at > v_last));
END $f$;
CREATE OR REPLACE FUNCTION bd_approve_close(p_reference text, p_reason text)
RETURNS bigint {_DEFINER} AS $f$
DECLARE
  v_now timestamptz;
  v_reason text := bd_text(p_reason);
  b breaches%ROWTYPE;
  v_rejecters text[];
  v_id bigint;
BEGIN
  IF bd_role() <> 'ig_officer' THEN
    {_refuse("'only an IG officer approves closing a breach'")};
  END IF;
  IF v_reason IS NULL THEN
    RAISE EXCEPTION 'reason: say why closing is approved; it is kept with the approval.';
  END IF;
  IF length(v_reason) > {MAX_TEXT} THEN
    RAISE EXCEPTION 'reason: keep it under {MAX_TEXT:,} characters.';
  END IF;
  PERFORM bd_take_head();  -- the register's lock first, then the rows (bd_take_head)
  SELECT * INTO b FROM breaches WHERE reference = p_reference FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION '% is not in the register', p_reference; END IF;
  IF b.status = 'closed' THEN RAISE EXCEPTION '% is already closed.', p_reference; END IF;
  PERFORM 1 FROM recommendations WHERE breach_id = b.id FOR UPDATE;
  v_rejecters := bd_rejecters(b.id);
  IF cardinality(v_rejecters) = 0 THEN
    RAISE EXCEPTION 'None of the recommendations of % stands rejected by anyone: any IG officer '
      'may close it, and no approval is needed.', p_reference;
  END IF;
  IF session_user = ANY(v_rejecters) THEN
    {
    _refuse(
        "format('Closing %s cannot be approved. You rejected one of its recommendations: the "
        "approval to close it must come from another IG officer.', p_reference)"
    )
};
  END IF;
  v_now := clock_timestamp();
  INSERT INTO close_approvals (breach_id, approved_by, approved_at, reason)
  VALUES (b.id, session_user, v_now, v_reason) RETURNING id INTO v_id;
  PERFORM bd_audit_write('breach.close_approved', p_reference, NULL,
    jsonb_build_object('approved_by', session_user)::text, v_reason);
  RETURN v_id;
END $f$
"""

_NEW_RECOMMENDATIONS = """
  INSERT INTO recommendations (breach_id, code, text, owner_role, owner, service, due_date,
    status, why, evidence, done_by, done_at, verified_by, verified_at, removed_reason,
    added_in_version, created_at, created_by, updated_at, row_version)
  SELECT {breach}, x.code, x.text, x.owner_role, x.owner, x.service, x.due_date,
    CASE WHEN x.removed_reason IS NULL THEN 'open' ELSE 'rejected' END,
    coalesce(x.why, ''), NULL, NULL, NULL, NULL, NULL, bd_text(x.removed_reason),
    {version}, v_now, v_me, v_now, 1
  FROM jsonb_populate_recordset(NULL::recommendations, coalesce(p_doc->'create', '[]')) x;
  IF EXISTS (SELECT 1 FROM jsonb_populate_recordset(NULL::recommendations,
               coalesce(p_doc->'create', '[]')) x
             WHERE x.removed_reason IS NOT NULL AND bd_blank(x.removed_reason)) THEN
    RAISE EXCEPTION 'removing a recommendation needs a reason';
  END IF;
"""

_INDEX = """
  INSERT INTO people (breach_id, name_folded, email_norm, identifier_norm)
  SELECT {breach}, x.name_folded, x.email_norm, x.identifier_norm
  FROM jsonb_populate_recordset(NULL::people, coalesce(p_doc->'people', '[]')) x;
  INSERT INTO recipients (breach_id, kind, label_folded, email_norm)
  SELECT {breach}, x.kind, x.label_folded, x.email_norm
  FROM jsonb_populate_recordset(NULL::recipients, coalesce(p_doc->'recipients', '[]')) x;
"""

_VERSION = """
  INSERT INTO assessment_versions (breach_id, number, facts, assessment, removed, reason,
    ico_delay_reason, created_at, created_by)
  SELECT {breach}, {version}, x.facts, x.assessment, coalesce(x.removed, '[]'), {reason},
    x.ico_delay_reason, v_now, v_me
  FROM jsonb_populate_record(NULL::assessment_versions, p_doc->'version') x;
"""

CHECK_VIEW = f"""
CREATE OR REPLACE FUNCTION bd_check_view(p_view text, p_facts text, p_version integer)
RETURNS void {_DEFINER} IMMUTABLE AS $f$
DECLARE
  v jsonb;
BEGIN
  -- What the audit entry says was saved is what was saved: the same facts, the same version.
  BEGIN
    v := p_view::jsonb;
  EXCEPTION WHEN others THEN
    RAISE EXCEPTION 'the audit entry of a save must be JSON';
  END;
  IF jsonb_typeof(v) IS DISTINCT FROM 'object' OR v->'facts' IS DISTINCT FROM p_facts::jsonb
     OR (v->>'version')::integer IS DISTINCT FROM p_version THEN
    RAISE EXCEPTION 'the audit entry does not describe the version being saved';
  END IF;
END $f$
"""

CHECK_BREACH = f"""
CREATE OR REPLACE FUNCTION bd_check_breach(p_doc jsonb) RETURNS void {_DEFINER} IMMUTABLE AS $f$
DECLARE
  b jsonb := p_doc->'breach';
  v jsonb := p_doc->'version';
BEGIN
  -- What the application would refuse, refused here too: no value Breach Desk cannot read.
  IF jsonb_typeof(b) IS DISTINCT FROM 'object' OR jsonb_typeof(v) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'a saved breach needs its register line and its version';
  END IF;
  IF b->>'band' IS NULL OR b->>'band' NOT IN ({BANDS}) THEN
    RAISE EXCEPTION 'band: % is not a severity band of the method', b->>'band';
  END IF;
  IF b->>'likelihood' IS NULL OR b->>'likelihood' NOT IN ({LIKELIHOODS}) THEN
    RAISE EXCEPTION 'likelihood: % is not a likelihood of the method', b->>'likelihood';
  END IF;
  IF b->>'risk' IS NULL OR b->>'risk' NOT IN ({RISKS}) THEN
    RAISE EXCEPTION 'risk: % is not a risk of the method', b->>'risk';
  END IF;
  IF bd_blank(b->>'title') OR length(b->>'title') > 200 THEN
    RAISE EXCEPTION 'title: a breach needs a title of at most 200 characters';
  END IF;
  IF length(b->>'service') > 200 THEN
    RAISE EXCEPTION 'service: at most 200 characters';
  END IF;
  IF b->>'aware_at' IS NULL THEN RAISE EXCEPTION 'aware_at: when the breach became known'; END IF;
  IF octet_length(v->>'facts') > {MAX_FACTS_BYTES}
     OR octet_length(v->>'assessment') > {MAX_FACTS_BYTES} THEN
    RAISE EXCEPTION 'facts: a version is kept up to {MAX_FACTS_BYTES} bytes';
  END IF;
  IF jsonb_typeof((v->>'facts')::jsonb) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'facts: the facts of a version are a JSON object';
  END IF;
  IF jsonb_array_length(coalesce(p_doc->'people', '[]')) > {MAX_INDEX_ROWS}
     OR jsonb_array_length(coalesce(p_doc->'recipients', '[]')) > {MAX_INDEX_ROWS} THEN
    RAISE EXCEPTION 'people: a breach is indexed by at most {MAX_INDEX_ROWS} people and recipients';
  END IF;
END $f$
"""

CREATE = f"""
CREATE OR REPLACE FUNCTION bd_create_breach(p_doc jsonb, p_why text) RETURNS bigint
{_DEFINER} AS $f$
DECLARE
  v_now timestamptz := clock_timestamp();
  v_me text := session_user;
  v_ref text := btrim(p_doc->>'reference');
  v_id bigint;
BEGIN
  IF bd_role() <> 'ig_officer' THEN
    {_refuse("'only an IG officer records breaches'")};
  END IF;
  IF v_ref IS NULL OR v_ref = '' THEN RAISE EXCEPTION 'a new breach needs a reference'; END IF;
  IF length(v_ref) > 64 OR v_ref ~ E'{NAME_FORBIDDEN}' THEN
    RAISE EXCEPTION 'reference: at most 64 characters, with no control characters';
  END IF;
  PERFORM bd_take_head();  -- the register's lock first, then the rows (bd_take_head)
  PERFORM bd_check_breach(p_doc);
  INSERT INTO breaches (reference, status, title, service, aware_at, band, likelihood, risk,
    ico_report, ico_deadline, notify_subjects, is_repeat, current_version, search_text,
    created_at, created_by, updated_at, updated_by, row_version)
  SELECT v_ref, 'assessed', x.title, x.service, x.aware_at, x.band, x.likelihood, x.risk,
    coalesce(x.ico_report, false), x.ico_deadline, coalesce(x.notify_subjects, false),
    coalesce(x.is_repeat, false), 1, coalesce(x.search_text, ''), v_now, v_me, v_now, v_me, 1
  FROM jsonb_populate_record(NULL::breaches, p_doc->'breach') x
  RETURNING id INTO v_id;
  {_VERSION.format(breach="v_id", version="1", reason="NULL")}
  {_INDEX.format(breach="v_id")}
  {_NEW_RECOMMENDATIONS.format(breach="v_id", version="1")}
  PERFORM bd_check_view(p_doc->>'audit_after', p_doc->'version'->>'facts', 1);
  PERFORM bd_audit_write('breach.created', v_ref, NULL, p_doc->>'audit_after', p_why);
  RETURN v_id;
END $f$
"""

SAVE = f"""
CREATE OR REPLACE FUNCTION bd_save_breach(p_doc jsonb) RETURNS bigint {_DEFINER} AS $f$
DECLARE
  v_now timestamptz := clock_timestamp();
  v_me text := session_user;
  v_ref text := p_doc->>'reference';
  v_expected integer := (p_doc->>'expected_row_version')::integer;
  v_reason text := bd_text(p_doc->>'reason');
  b breaches%ROWTYPE;
  v_number integer;
  v_status text;
  v_reopened boolean;
  rej record;
  r recommendations%ROWTYPE;
BEGIN
  IF bd_role() <> 'ig_officer' THEN
    {_refuse("'only an IG officer assesses and reassesses breaches'")};
  END IF;
  IF NOT coalesce((p_doc->>'reassess')::boolean, false) THEN
    RETURN bd_create_breach(p_doc, NULL);
  END IF;
  PERFORM bd_take_head();  -- the register's lock first, then the rows (bd_take_head)
  SELECT * INTO b FROM breaches WHERE reference = v_ref FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION '% is not in the register', v_ref; END IF;
  IF v_expected IS NOT NULL AND b.row_version <> v_expected THEN
    RAISE EXCEPTION USING ERRCODE = '{CONFLICT_STATE}',
      MESSAGE = format('%s was changed by %s since you opened it', v_ref, b.updated_by);
  END IF;
  IF v_reason IS NULL THEN RAISE EXCEPTION 'reassessing % needs a reason', v_ref; END IF;
  PERFORM bd_check_breach(p_doc);
  v_number := b.current_version + 1;
  {_VERSION.format(breach="b.id", version="v_number", reason="v_reason")}
  {_NEW_RECOMMENDATIONS.format(breach="b.id", version="v_number")}
  FOR rej IN SELECT (e->>'id')::bigint AS id, bd_text(e->>'reason') AS why
             FROM jsonb_array_elements(coalesce(p_doc->'reject', '[]')) e LOOP
    SELECT * INTO r FROM recommendations WHERE id = rej.id AND breach_id = b.id FOR UPDATE;
    IF NOT FOUND OR r.status NOT IN ('open', 'in_progress') OR rej.why IS NULL THEN
      RAISE EXCEPTION 'recommendation % cannot be removed from % that way', rej.id, v_ref;
    END IF;
    UPDATE recommendations SET status = 'rejected', updated_at = v_now,
      row_version = row_version + 1 WHERE id = r.id;
    INSERT INTO recommendation_transitions (recommendation_id, at, by, from_status, to_status,
                                            reason, evidence)
    VALUES (r.id, v_now, v_me, r.status, 'rejected', rej.why, NULL);
  END LOOP;
  v_reopened := b.status = 'closed' AND EXISTS (
    SELECT 1 FROM recommendations WHERE breach_id = b.id AND added_in_version = v_number
       AND status = 'open');
  v_status := CASE WHEN v_reopened THEN 'assessed' ELSE b.status END;
  UPDATE breaches SET (title, service, aware_at, band, likelihood, risk, ico_report,
      ico_deadline, notify_subjects, is_repeat, search_text) = (
      SELECT x.title, x.service, x.aware_at, x.band, x.likelihood, x.risk,
        coalesce(x.ico_report, false), x.ico_deadline, coalesce(x.notify_subjects, false),
        coalesce(x.is_repeat, false), coalesce(x.search_text, '')
      FROM jsonb_populate_record(NULL::breaches, p_doc->'breach') x),
    current_version = v_number, status = v_status, updated_at = v_now, updated_by = v_me,
    row_version = row_version + 1,
    closed_at = CASE WHEN v_reopened THEN NULL ELSE closed_at END,
    closed_by = CASE WHEN v_reopened THEN NULL ELSE closed_by END
  WHERE id = b.id;
  DELETE FROM people WHERE breach_id = b.id;
  DELETE FROM recipients WHERE breach_id = b.id;
  {_INDEX.format(breach="b.id")}
  PERFORM bd_check_view(p_doc->>'audit_after', p_doc->'version'->>'facts', v_number);
  PERFORM bd_check_view(p_doc->>'audit_before',
    (SELECT v.facts FROM assessment_versions v WHERE v.breach_id = b.id
      AND v.number = b.current_version), b.current_version);
  PERFORM bd_audit_write('breach.reassessed', v_ref, p_doc->>'audit_before',
                         p_doc->>'audit_after', v_reason);
  RETURN b.id;
END $f$
"""

ADD_MANY = f"""
CREATE OR REPLACE FUNCTION bd_add_breaches(p_docs jsonb) RETURNS integer {_DEFINER} AS $f$
DECLARE
  d jsonb;
  n integer := 0;
BEGIN
  IF bd_role() <> 'ig_officer' THEN
    {_refuse("'only an IG officer imports breaches'")};
  END IF;
  FOR d IN SELECT e FROM jsonb_array_elements(p_docs) e LOOP
    PERFORM bd_create_breach(d, 'imported');
    n := n + 1;
  END LOOP;
  RETURN n;
END $f$
"""

RESERVE = f"""
CREATE OR REPLACE FUNCTION bd_reserve_references(p_year integer, p_count integer,
                                                 p_taken text[])
RETURNS text[] {_DEFINER} AS $f$
DECLARE
  v_last integer;
  v_out text[] := '{{}}';
  v_candidate text;
BEGIN
  IF bd_role() <> 'ig_officer' THEN
    {_refuse("'only an IG officer records breaches'")};
  END IF;
  IF p_count IS NULL OR p_count < 0 OR p_count > {MAX_RESERVE} OR p_year IS NULL
     OR p_year < 1 OR p_year > 9999 THEN
    RAISE EXCEPTION 'cannot reserve % references for %', p_count, p_year;
  END IF;
  PERFORM bd_take_head();  -- the register's lock first, then the rows (bd_take_head)
  INSERT INTO reference_counters (year, last) VALUES (p_year, 0) ON CONFLICT (year) DO NOTHING;
  SELECT last INTO v_last FROM reference_counters WHERE year = p_year FOR UPDATE;
  WHILE coalesce(array_length(v_out, 1), 0) < p_count LOOP
    v_last := v_last + 1;
    v_candidate := 'IG-' || p_year || '-'
                   || lpad(v_last::text, greatest(4, length(v_last::text)), '0');
    IF p_taken IS NOT NULL THEN
      CONTINUE WHEN v_candidate = ANY(p_taken);
    ELSE
      CONTINUE WHEN EXISTS (SELECT 1 FROM breaches WHERE reference = v_candidate);
    END IF;
    v_out := v_out || v_candidate;
  END LOOP;
  UPDATE reference_counters SET last = v_last WHERE year = p_year;
  RETURN v_out;
END $f$
"""

_UNFINISHED_RUN = f"""  IF bd_role() <> 'ig_officer' THEN
    {_refuse("'only an IG officer imports breaches'")};
  END IF;
  PERFORM bd_take_head();  -- the register's lock first, then the rows (bd_take_head)
  SELECT * INTO r FROM import_runs WHERE id = p_run FOR UPDATE;
  IF NOT FOUND OR r.finished_at IS NOT NULL THEN
    RAISE EXCEPTION 'there is no unfinished import run %', p_run;
  END IF;"""
"""What each function on an unfinished import run begins with: an IG officer only, the
register's lock, then the run (into ``r``), which must exist and not be finished."""

RUNS = f"""
CREATE OR REPLACE FUNCTION bd_start_import(p_sha text, p_year integer, p_given text[])
RETURNS bigint {_DEFINER} AS $f$
DECLARE
  v_refs text[] := p_given;
  v_fresh text[];
  v_missing integer;
  v_last integer;
  v_top integer;
  v_before bigint;
  v_id bigint;
  j integer := 1;
BEGIN
  -- A team import written batch by batch (store/importing): the run remembers the file, its
  -- records' references (their own, or reserved here) and how far it got, so that importing
  -- the same file again resumes it (migration 0014).
  IF bd_role() <> 'ig_officer' THEN
    {_refuse("'only an IG officer imports breaches'")};
  END IF;
  IF p_sha IS NULL OR p_sha !~ '^[0-9a-f]{{64}}$' THEN
    RAISE EXCEPTION 'sha256: the file''s SHA-256, 64 hexadecimal digits';
  END IF;
  IF p_given IS NULL OR cardinality(p_given) > {MAX_IMPORT_RECORDS}
     OR array_ndims(p_given) > 1 THEN
    RAISE EXCEPTION 'an import run holds up to {MAX_IMPORT_RECORDS} records';
  END IF;
  IF p_year IS NULL OR p_year < 1 OR p_year > 9999 THEN
    RAISE EXCEPTION 'cannot reserve references for %', p_year;
  END IF;
  IF EXISTS (SELECT 1 FROM unnest(p_given) g(r)
              WHERE r IS NOT NULL AND (bd_blank(r) OR length(r) > 64
                                       OR r ~ E'{NAME_FORBIDDEN}')) THEN
    RAISE EXCEPTION 'reference: at most 64 characters, with no control characters';
  END IF;
  PERFORM bd_take_head();  -- the register's lock first, then the rows (bd_take_head)
  IF EXISTS (SELECT 1 FROM import_runs WHERE sha256 = p_sha AND finished_at IS NULL) THEN
    RAISE EXCEPTION 'an import of this file is unfinished: import it again to resume it';
  END IF;
  v_missing := (SELECT count(*) FROM unnest(p_given) g(r) WHERE r IS NULL);
  IF v_missing > 0 THEN
    -- As bd_reserve_references, as sets: the next numbers used by no breach and no record.
    INSERT INTO reference_counters (year, last) VALUES (p_year, 0)
      ON CONFLICT (year) DO NOTHING;
    SELECT last INTO v_last FROM reference_counters WHERE year = p_year FOR UPDATE;
    SELECT array_agg(x.c ORDER BY x.n), max(x.n) INTO v_fresh, v_top FROM (
      SELECT c.n, c.c FROM (
        SELECT n, 'IG-' || p_year || '-' || lpad(n::text, greatest(4, length(n::text)), '0') AS c
          FROM generate_series(v_last + 1, v_last + v_missing + cardinality(p_given)
            + (SELECT count(*)::integer FROM breaches
                WHERE reference LIKE 'IG-' || p_year || '-%')) n) c
       WHERE NOT EXISTS (SELECT 1 FROM breaches b WHERE b.reference = c.c)
         AND NOT EXISTS (SELECT 1 FROM unnest(p_given) g(r) WHERE g.r = c.c)
       ORDER BY c.n LIMIT v_missing) x;
    UPDATE reference_counters SET last = v_top WHERE year = p_year;
    FOR i IN 1 .. cardinality(v_refs) LOOP
      IF v_refs[i] IS NULL THEN v_refs[i] := v_fresh[j]; j := j + 1; END IF;
    END LOOP;
  END IF;
  v_before := (SELECT coalesce(max(id), 0) + 1 FROM breaches);
  INSERT INTO import_runs (sha256, records, refs, year, reserved_last, before_id, stored, told,
                           started_by, started_at)
  VALUES (p_sha, coalesce(cardinality(v_refs), 0), to_jsonb(coalesce(v_refs, '{{}}'))::text,
          CASE WHEN v_missing > 0 THEN p_year END, v_top, v_before, 0, 0, session_user,
          clock_timestamp())
  RETURNING id INTO v_id;
  RETURN v_id;
END $f$;
CREATE OR REPLACE FUNCTION bd_import_progress(p_run bigint, p_from integer, p_count integer)
RETURNS void {_INDEXED} AS $f$
DECLARE
  r import_runs%ROWTYPE;
  v_refs jsonb;
BEGIN
{_UNFINISHED_RUN}
  IF p_from IS DISTINCT FROM r.stored THEN
    RAISE EXCEPTION 'the import of this file went on elsewhere (% of % records stored): '
      'import it again to resume it', r.stored, r.records;
  END IF;
  IF p_count IS NULL OR p_count < 1 OR p_from + p_count > r.records THEN
    RAISE EXCEPTION 'records % to % are not in the run', p_from + 1, p_from + p_count;
  END IF;
  v_refs := r.refs::jsonb;
  IF (SELECT count(*) FROM breaches b
       WHERE b.reference IN (SELECT v_refs->>i
                               FROM generate_series(p_from, p_from + p_count - 1) i))
     <> p_count THEN
    RAISE EXCEPTION 'records % to % of the run are not all in the register', p_from + 1,
      p_from + p_count;
  END IF;
  UPDATE import_runs SET stored = p_from + p_count WHERE id = p_run;
END $f$;
CREATE OR REPLACE FUNCTION bd_import_told(p_run bigint, p_from integer, p_count integer)
RETURNS void {_DEFINER} AS $f$
DECLARE
  r import_runs%ROWTYPE;
BEGIN
  -- The notifications exported beside the file, recorded once every breach is in: how many
  -- breaches' records are done, so that a resumed run records each once.
{_UNFINISHED_RUN}
  IF r.stored <> r.records THEN
    RAISE EXCEPTION 'the import run has stored % of its % records: notifications come after',
      r.stored, r.records;
  END IF;
  IF p_from IS DISTINCT FROM r.told THEN
    RAISE EXCEPTION 'the import of this file went on elsewhere (% breaches'' notifications '
      'recorded): import it again to resume it', r.told;
  END IF;
  IF p_count IS NULL OR p_count < 1 OR p_count > {MAX_IMPORT_RECORDS} THEN
    RAISE EXCEPTION 'cannot count % breaches'' notifications', p_count;
  END IF;
  UPDATE import_runs SET told = p_from + p_count WHERE id = p_run;
END $f$;
CREATE OR REPLACE FUNCTION bd_finish_import(p_run bigint) RETURNS void {_DEFINER} AS $f$
DECLARE
  r import_runs%ROWTYPE;
BEGIN
{_UNFINISHED_RUN}
  IF r.stored <> r.records THEN
    RAISE EXCEPTION 'the import run has stored % of its % records', r.stored, r.records;
  END IF;
  UPDATE import_runs SET finished_at = clock_timestamp() WHERE id = p_run;
END $f$;
CREATE OR REPLACE FUNCTION bd_abandon_import(p_run bigint) RETURNS void {_DEFINER} AS $f$
DECLARE
  r import_runs%ROWTYPE;
  v_keep integer;
BEGIN
  -- A run whose file was refused before anything was stored: forgotten, and the references
  -- reserved for it handed back (the counter goes back to what is used or reserved by others).
  IF bd_role() <> 'ig_officer' THEN
    {_refuse("'only an IG officer imports breaches'")};
  END IF;
  PERFORM bd_take_head();  -- the register's lock first, then the rows (bd_take_head)
  SELECT * INTO r FROM import_runs WHERE id = p_run FOR UPDATE;
  IF NOT FOUND OR r.finished_at IS NOT NULL OR r.stored <> 0
     OR r.started_by <> session_user THEN
    RAISE EXCEPTION 'import run % cannot be abandoned: it is not your unstored run', p_run;
  END IF;
  DELETE FROM import_runs WHERE id = p_run;
  IF r.year IS NOT NULL THEN
    -- Unless someone reserved after it (their numbers are used), the counter goes back to the
    -- highest number up to the run's that a breach or another unfinished run uses.
    v_keep := greatest(
      (SELECT max(x.n) FROM (
         SELECT substring(reference FROM '^IG-[0-9]+-([0-9]{{1,9}})$')::integer AS n
           FROM breaches WHERE reference LIKE 'IG-' || r.year || '-%') x
        WHERE x.n <= r.reserved_last),
      (SELECT max(reserved_last) FROM import_runs
        WHERE finished_at IS NULL AND year = r.year AND reserved_last <= r.reserved_last));
    UPDATE reference_counters SET last = coalesce(v_keep, 0)
     WHERE year = r.year AND last = r.reserved_last;
  END IF;
END $f$
"""

DRAFTS = f"""
CREATE OR REPLACE FUNCTION bd_save_draft(p_id bigint, p_title text, p_payload text,
                                         p_reference text)
RETURNS bigint {_DEFINER} AS $f$
DECLARE
  v_now timestamptz := clock_timestamp();
  v_id bigint;
BEGIN
  IF bd_role() <> 'ig_officer' THEN
    {_refuse("'only an IG officer keeps drafts of assessments'")};
  END IF;
  IF octet_length(p_payload) > {MAX_DRAFT_BYTES} THEN
    RAISE EXCEPTION 'payload: a draft is kept up to {MAX_DRAFT_BYTES} bytes';
  END IF;
  IF length(p_reference) > 64 THEN RAISE EXCEPTION 'reference: at most 64 characters'; END IF;
  PERFORM p_payload::jsonb;  -- a draft is JSON, whatever else it is
  UPDATE drafts SET title = left(p_title, 200), payload = p_payload, updated_at = v_now,
    reference = coalesce(p_reference, reference)
  WHERE id = p_id AND created_by = session_user RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    INSERT INTO drafts (title, payload, reference, created_by, created_at, updated_at)
    VALUES (left(p_title, 200), p_payload, p_reference, session_user, v_now, v_now)
    RETURNING id INTO v_id;
  END IF;
  RETURN v_id;
END $f$;
CREATE OR REPLACE FUNCTION bd_discard_draft(p_id bigint) RETURNS void {_DEFINER} AS $f$
BEGIN
  IF bd_role() <> 'ig_officer' THEN
    {_refuse("'only an IG officer keeps drafts of assessments'")};
  END IF;
  DELETE FROM drafts WHERE id = p_id AND created_by = session_user;
END $f$
"""


NOTIFY = f"""
CREATE OR REPLACE FUNCTION bd_record_notification(
  p_reference text, p_kind text, p_doc jsonb, p_evidence text
) RETURNS bigint {_DEFINER} AS $f$
DECLARE
  v_now timestamptz := clock_timestamp();
  v_today date := (clock_timestamp() AT TIME ZONE 'Europe/London')::date;
  b breaches%ROWTYPE;
  x notifications%ROWTYPE;
  rep notifications%ROWTYPE;
  v_has_report boolean;
  v_id bigint;
  v_rec bigint;
  v_code text;
  v_after jsonb;
BEGIN
  -- Who was told about a breach (issue 11): one record, never changed afterwards.
  IF bd_role() <> 'ig_officer' THEN
    {_refuse("'only an IG officer records the report to the ICO and the telling of the people'")};
  END IF;
  IF p_kind IS NULL OR p_kind NOT IN ('ico_report', 'follow_up', 'ico_response',
                                      'people_told') THEN
    RAISE EXCEPTION 'unknown kind of notification %', p_kind;
  END IF;
  PERFORM bd_take_head();  -- the register's lock first, then the rows (bd_take_head)
  SELECT * INTO b FROM breaches WHERE reference = p_reference FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION '% is not in the register', p_reference; END IF;
  x := jsonb_populate_record(NULL::notifications, p_doc);
  x.reference := bd_text(x.reference);
  x.text := bd_text(x.text);
  x.delay_reason := bd_text(x.delay_reason);
  x.letter_text := nullif(x.letter_text, '');
  IF length(x.reference) > {MAX_REFERENCE} OR length(x.text) > {MAX_NOTE}
     OR length(x.delay_reason) > {MAX_NOTE} OR length(x.letter_text) > {MAX_LETTER} THEN
    RAISE EXCEPTION 'a reference, reason or text of the record is too long';
  END IF;
  IF p_kind <> 'ico_response' THEN
    IF x.at IS NULL THEN RAISE EXCEPTION 'at: when it happened is needed'; END IF;
    IF x.at > v_now + interval '{FUTURE_MINUTES} minutes' THEN
      RAISE EXCEPTION 'at: % is in the future', x.at;
    END IF;
    IF x.at < b.aware_at THEN
      RAISE EXCEPTION 'at: % is before the organisation became aware (%)', x.at, b.aware_at;
    END IF;
  END IF;
  SELECT * INTO rep FROM notifications WHERE breach_id = b.id AND kind = 'ico_report';
  v_has_report := FOUND;
  IF p_kind = 'ico_report' THEN
    IF v_has_report THEN
      RAISE EXCEPTION 'follow_up: the report to the ICO is already recorded: add a follow-up';
    END IF;
    IF x.how IS NULL OR x.how NOT IN ('online', 'phone', 'email') THEN
      RAISE EXCEPTION 'how: % is not a way of reporting to the ICO', x.how;
    END IF;
    IF NOT b.ico_report AND NOT coalesce(x.voluntary, false) THEN
      RAISE EXCEPTION 'voluntary: the breach needs no report to the ICO: record it as voluntary';
    END IF;
    IF b.ico_report AND x.at > b.aware_at + interval '72 hours' AND x.delay_reason IS NULL THEN
      RAISE EXCEPTION 'delay_reason: reported after the 72 hours: give the reasons for the '
        'delay (UK GDPR Art. 33(1))';
    END IF;
    x.voluntary := NOT b.ico_report;
    x.text := NULL;
  ELSIF p_kind IN ('follow_up', 'ico_response') THEN
    IF NOT v_has_report THEN
      RAISE EXCEPTION 'no report to the ICO is recorded yet: record the report first';
    END IF;
    x.delay_reason := NULL;
    x.voluntary := false;
    IF p_kind = 'follow_up' THEN
      IF x.text IS NULL THEN RAISE EXCEPTION 'text: what was added is needed'; END IF;
      IF x.at < rep.at THEN
        RAISE EXCEPTION 'at: % is before the report itself (%)', x.at, rep.at;
      END IF;
      x.how := NULL; x.reference := NULL;
    ELSE
      IF x.on_date IS NULL THEN RAISE EXCEPTION 'at: the date of the response is needed'; END IF;
      IF x.on_date > v_today THEN RAISE EXCEPTION 'at: % is in the future', x.on_date; END IF;
      IF x.on_date < (rep.at AT TIME ZONE 'Europe/London')::date THEN
        RAISE EXCEPTION 'at: % is before the report itself', x.on_date;
      END IF;
      IF x.how IS NULL OR x.how NOT IN ({OUTCOMES}) THEN
        RAISE EXCEPTION 'outcome: % is not a response of the ICO', x.how;
      END IF;
      x.at := NULL;
    END IF;
  ELSE
    IF x.how IS NULL OR x.how NOT IN ({PEOPLE_WAYS}) THEN
      RAISE EXCEPTION 'how: % is not a way of telling people', x.how;
    END IF;
    IF x.people_count IS NOT NULL AND (x.people_count < 1 OR x.people_count > {MAX_PEOPLE}) THEN
      RAISE EXCEPTION 'count: must be from 1 to {MAX_PEOPLE}';
    END IF;
    x.voluntary := false; x.delay_reason := NULL; x.text := NULL; x.reference := NULL;
  END IF;
  IF p_kind <> 'ico_response' THEN x.on_date := NULL; END IF;
  IF p_kind <> 'people_told' THEN x.people_count := NULL; x.letter_text := NULL; END IF;
  INSERT INTO notifications (breach_id, kind, at, on_date, how, reference, text, delay_reason,
    voluntary, people_count, letter_text, recorded_by, recorded_at)
  VALUES (b.id, p_kind, x.at, x.on_date, x.how, x.reference, x.text, x.delay_reason,
    coalesce(x.voluntary, false), x.people_count, x.letter_text, session_user, v_now)
  RETURNING id INTO v_id;
  v_after := jsonb_strip_nulls(jsonb_build_object('kind', p_kind, 'at', x.at,
    'on_date', x.on_date, 'how', x.how, 'reference', x.reference, 'text', x.text,
    'delay_reason', x.delay_reason, 'people_count', x.people_count,
    'letter_text', x.letter_text))
    || CASE WHEN p_kind = 'ico_report' THEN jsonb_build_object('voluntary', x.voluntary)
       ELSE '{{}}'::jsonb END;
  PERFORM bd_audit_write('notification.' || p_kind, p_reference, NULL, v_after::text, NULL);
  v_code := CASE p_kind WHEN 'ico_report' THEN 'NOTIFY_ICO'
                        WHEN 'people_told' THEN 'NOTIFY_SUBJECTS' END;
  IF v_code IS NOT NULL AND b.status <> 'closed' AND bd_text(p_evidence) IS NOT NULL
  THEN
    SELECT id INTO v_rec FROM recommendations
     WHERE breach_id = b.id AND code = v_code AND status IN ('open', 'in_progress');
    IF FOUND THEN PERFORM bd_move_action(v_rec, 'done', NULL, p_evidence, NULL); END IF;
  END IF;
  RETURN v_id;
END $f$
"""


WITNESS = f"""
CREATE OR REPLACE FUNCTION bd_audit_hash(p_seq bigint) RETURNS text {_DEFINER} STABLE AS $f$
BEGIN
  -- Before every write the application checks the log against its witness: anyone who may
  -- write learns an entry's hash, and nothing else of the log.
  RETURN (SELECT hash FROM audit_log WHERE seq = p_seq);
END $f$;
CREATE OR REPLACE FUNCTION bd_acknowledge_break(p_before text, p_reason text)
RETURNS bigint {_DEFINER} AS $f$
DECLARE
  v_reason text := bd_text(p_reason);
BEGIN
  IF bd_role() <> 'ig_officer' THEN
    {_refuse("'only an IG officer acknowledges a break in the audit log'")};
  END IF;
  IF v_reason IS NULL THEN
    RAISE EXCEPTION 'reason: say why the break is acknowledged';
  END IF;
  IF length(v_reason) > {MAX_TEXT} OR length(p_before) > {MAX_TEXT} THEN
    RAISE EXCEPTION 'reason: keep it under {MAX_TEXT:,} characters';
  END IF;
  IF jsonb_typeof(p_before::jsonb) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'what was witnessed must be a JSON object';
  END IF;
  RETURN bd_audit_write('audit.acknowledged', NULL, p_before, NULL, v_reason);
END $f$
"""

HISTORY = f"""
CREATE OR REPLACE FUNCTION bd_history(p_reference text)
RETURNS TABLE (seq bigint, at timestamptz, actor text, action text, reference text, before text,
               after text, reason text, prev_hash text, hash text)
{_DEFINER} STABLE AS $f$
BEGIN
  -- A breach's history, for whoever may read the breach: a service manager, who does not read
  -- the log, gets the entries of their services' breaches and nothing else.
  IF bd_role() = '' THEN
    {_refuse("'you have no Breach Desk role on this register'")};
  END IF;
  IF bd_role() = 'service_manager' AND NOT EXISTS (
      SELECT 1 FROM breaches b WHERE b.reference = p_reference
         AND b.service IN (SELECT us.service FROM breach_user_services us
                            WHERE us.login = session_user)) THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT l.seq::bigint, l.at::timestamptz, l.actor::text, l.action::text,
    l.reference::text, l.before::text, l.after::text, l.reason::text, l.prev_hash::text,
    l.hash::text
  FROM audit_log l WHERE l.reference = p_reference ORDER BY l.seq;
END $f$
"""


def definitions() -> list[str]:
    """The functions, as CREATE OR REPLACE statements with ``{schema}`` to fill in."""
    return [
        ROLE,
        BLANK,
        AUDIT,
        HEAD,
        MOVE,
        ATTACH,
        APPROVE,
        CLOSE,
        CHECK_VIEW,
        CHECK_BREACH,
        CREATE,
        SAVE,
        ADD_MANY,
        RESERVE,
        RUNS,
        DRAFTS,
        NOTIFY,
        WITNESS,
        HISTORY,
    ]


def install(conn: Connection, schema: str, groups: dict[str, str]) -> None:
    """Create or replace the functions in ``schema`` (quoted), owned by the tables' owner;
    EXECUTE for the groups that may call each one, and for nobody else."""
    for statement in definitions():
        # No parameters, but the driver reads % as the start of one.
        conn.exec_driver_sql(statement.replace("{schema}", schema).replace("%", "%%"))
    owner = conn.execute(
        text(
            "SELECT quote_ident(tableowner) FROM pg_tables"
            " WHERE schemaname = current_schema() AND tablename = 'audit_log'"
        )
    ).scalar_one()
    everyone = ", ".join(groups.values())
    for signature in (*INTERNAL, *FUNCTIONS):
        conn.exec_driver_sql(f"ALTER FUNCTION {signature} OWNER TO {owner}")
        conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC, {everyone}")
    for signature, who in FUNCTIONS.items():
        allowed = ", ".join(groups[w.strip()] for w in who.split(","))
        conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {signature} TO {allowed}")


def team_mode(conn: Connection) -> bool:
    """Does this database take changes only through the functions (``db roles`` ran)?"""
    found = conn.execute(
        text(
            "SELECT to_regclass('breach_user_services') IS NOT NULL"
            " AND to_regprocedure('bd_save_breach(jsonb)') IS NOT NULL"
        )
    ).scalar_one()
    return bool(found)


# --- the application's side ------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        raise TypeError("binary values are not sent as JSON")
    return value


def _doc(value: Any) -> str:
    return json.dumps(value, default=_plain, ensure_ascii=False, separators=(",", ":"))


def call(conn: Connection, sql: str, params: dict[str, Any]) -> Any:
    return conn.execute(text(sql), params).scalar()


def save_breach(conn: Connection, doc: dict[str, Any]) -> int:
    found = call(conn, "SELECT bd_save_breach(CAST(:d AS jsonb))", {"d": _doc(doc)})
    return int(found)


def add_breaches(conn: Connection, docs: Sequence[dict[str, Any]]) -> None:
    call(conn, "SELECT bd_add_breaches(CAST(:d AS jsonb))", {"d": _doc(list(docs))})


def rows_of(columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [dict(zip(columns, row, strict=True)) for row in rows]


Table = tuple[Sequence[str], Sequence[tuple[Any, ...]]]
"""Rows of one table as an import prepares them: column names, then value tuples."""


def add_imported(
    conn: Connection,
    entries: Sequence[PendingEntry],
    breaches: Table,
    versions: Table,
    people: Table,
    recipients: Table,
    recs: Table,
) -> None:
    """An import's batch on a team database: one ``bd_add_breaches`` call, which stamps,
    checks and audits each breach as ``bd_save_breach`` does (``entries``: the import's audit
    entries, one per breach, whose content it records)."""
    by_id: dict[Any, dict[str, Any]] = {}
    for row in rows_of(*breaches):
        by_id[row["id"]] = {
            "reference": row["reference"],
            "breach": row,
            "people": [],
            "recipients": [],
            "create": [],
        }
    for row in rows_of(*versions):
        by_id[row["breach_id"]]["version"] = row
    for key, table in (("people", people), ("recipients", recipients), ("create", recs)):
        for row in rows_of(*table):
            by_id[row["breach_id"]][key].append(row)
    after = {e.reference: dump(e.after) for e in entries}
    docs = [doc | {"audit_after": after[doc["reference"]]} for doc in by_id.values()]
    for start in range(0, len(docs), 500):
        add_breaches(conn, docs[start : start + 500])


def start_import(conn: Connection, sha256: str, year: int, given: Sequence[str | None]) -> int:
    """Record a team import run (``bd_start_import``), reserving a reference of ``year`` for
    each record without one. Returns the run's id; its references are in ``import_runs``."""
    found = call(
        conn,
        "SELECT bd_start_import(:sha, :year, CAST(:given AS text[]))",
        {"sha": sha256, "year": year, "given": list(given)},
    )
    return int(found)


def import_progress(conn: Connection, run: int, start: int, count: int) -> None:
    """Records ``start`` to ``start + count`` of the run are stored, in this transaction."""
    call(conn, "SELECT bd_import_progress(:r, :f, :n)", {"r": run, "f": start, "n": count})


def import_told(conn: Connection, run: int, start: int, count: int) -> None:
    """The notifications of entries ``start`` to ``start + count`` are recorded, in this
    transaction."""
    call(conn, "SELECT bd_import_told(:r, :f, :n)", {"r": run, "f": start, "n": count})


def finish_import(conn: Connection, run: int) -> None:
    call(conn, "SELECT bd_finish_import(:r)", {"r": run})


def abandon_import(conn: Connection, run: int) -> None:
    call(conn, "SELECT bd_abandon_import(:r)", {"r": run})
