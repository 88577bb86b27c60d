"""A team database (PostgreSQL after ``db roles``): an IG officer imports the old log through
the database's own function; a service manager cannot, by Breach Desk or by the server; each
reads only the history of the breaches their role lets them read."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tracking"))

from logs import northshire_xlsx
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from tracking_people import PG_URL, PgPeople

from breach_desk.domain.errors import NotAllowed, StoreError
from breach_desk.domain.register import Role
from breach_desk.services.oldlog import OldLog

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_people(monkeypatch: pytest.MonkeyPatch) -> Iterator[PgPeople]:
    if not PG_URL:
        pytest.skip("BREACH_DESK_TEST_PG is not set")
    monkeypatch.setenv("BREACH_DESK_NOW", "2026-03-02T10:00:00+00:00")
    monkeypatch.delenv("BREACH_DESK_DB", raising=False)
    found = PgPeople()
    try:
        yield found
    finally:
        found.close()


def test_an_ig_officer_imports_and_a_service_manager_cannot(
    pg_people: PgPeople, tmp_path: Path
) -> None:
    ig = pg_people("ig_olive", Role.IG_OFFICER)
    sm = pg_people("sm_housing", Role.SERVICE_MANAGER, "Housing")
    assert ig.register.store.team
    path = northshire_xlsx(tmp_path)

    # A service manager is told in words, and the server refuses them all the same.
    with pytest.raises(NotAllowed, match="only an IG officer imports the old breach log"):
        OldLog(sm.register).import_log(OldLog(sm.register).read(path))
    sm.register._identity = replace(sm.user, role=Role.IG_OFFICER)  # as if it said so
    with pytest.raises(StoreError, match="not allowed to change the register"):
        OldLog(sm.register).import_log(OldLog(sm.register).read(path))
    engine = pg_people.connect_as("sm_housing")
    with engine.connect() as conn:
        with pytest.raises(DBAPIError, match="permission denied"):
            conn.execute(
                text(
                    "INSERT INTO log_entries (breach_id, row_key, source_file,"
                    " row_number, record, imported_by, imported_at)"
                    " VALUES (1, 'x', 'x', 1, '{}', 'x', now())"
                )
            )
        conn.rollback()
    engine.dispose()

    outcome = OldLog(ig.register).import_log(OldLog(ig.register).read(path))
    assert len(outcome.added) == 4
    breach = ig.register.get("NS-2021-004")
    assert breach.old_log is not None
    assert breach.old_log.imported_by == pg_people.login("ig_olive")  # the server's word
    assert [e.action for e in ig.register.history("NS-2021-004")] == ["breach.imported_from_log"]
    assert ig.register.verify_audit().ok
    # The service manager reads the history of their own service only.
    seen = [s.reference for s in sm.register.list_breaches()]
    assert seen == ["NS-2021-019"]
    housing = sm.register.get("NS-2021-019")
    assert housing.old_log is not None
    # Re-importing through the function adds nothing; update goes through it too.
    again = OldLog(ig.register)
    assert again.import_log(again.read(path), "skip").added == []
    update = tmp_path / "update.csv"
    update.write_text(
        "Incident No.,Date reported,Summary of incident,ICO reference\n"
        "NS-2021-004,15/03/2021,Child protection minutes emailed to the father's new partner,"
        "ICO/0042\n",
        encoding="utf-8",
    )
    changed = again.import_log(again.read(update), "update")
    assert changed.updated == ["NS-2021-004"]
    record = ig.register.get("NS-2021-004").old_log.record  # type: ignore[union-attr]
    assert record["log.ico_reference"] == "ICO/0042"
    assert record["log.risk"] == "Red"
    assert [s.reference for s in ig.register.list_breaches(search="hollis")] == ["NS-2021-004"]
    assert ig.register.verify_audit().ok
    # Reassessing a line of the log goes through the database's save function: version 1.
    from builders import facts_dict

    from breach_desk.facts_io import facts_from_dict

    facts = facts_from_dict(facts_dict(service="Housing", title="Tenancy file left on a bus"))
    breach = ig.register.reassess("NS-2021-019", facts, "Assessed in full from the old log")
    assert [v.number for v in breach.versions] == [1]
    assert breach.old_log is not None
    assert ig.register.verify_audit().ok


def test_a_team_import_of_the_old_log_is_written_in_batches_and_resumed(
    pg_people: PgPeople, tmp_path: Path
) -> None:
    """Nobody may hold a team register for more than seconds: the old log is checked first,
    then written a batch per transaction. An import cut short (here its connection ended by
    the server) is resumed by importing the same file again: every row once, said so."""
    import threading
    import time

    from logs import westborough_csv, westborough_row

    from breach_desk.services.register import Register, resumed_sentence
    from breach_desk.store import pg_workflow

    ig = pg_people("ig_olive", Role.IG_OFFICER)
    rows = [
        westborough_row(
            {
                "Ref": f"WB/30/{n:03d}",
                "Date breach reported": "02/02/2022",
                "Department": "Housing",
                "Description": f"Letter {n} sent to the wrong tenant",
                "Data subject email": f"tenant{n}@example.org",
            }
        )
        for n in range(1, 201)
    ]
    path = westborough_csv(tmp_path, rows, name="big-log.csv")
    login = pg_people.login("ig_olive")

    def stored() -> int:
        with pg_people.admin.connect() as conn:
            conn.execute(text(f"SET search_path = {pg_people.schema}"))
            return int(
                conn.execute(text("SELECT coalesce(max(stored), 0) FROM import_runs")).scalar()
            )

    def cut_short() -> None:
        """Once the import has stored a batch: hold the register as an administrator (never
        ended), so that its next batch waits, then end the import's session while it waits."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and stored() < 5:
            time.sleep(0.01)
        with pg_people.admin.connect() as holder, pg_people.admin.connect() as conn:
            holder.execute(text(f"SET search_path = {pg_people.schema}"))
            holder.execute(text("BEGIN"))
            holder.execute(text("SELECT 1 FROM audit_head FOR UPDATE"))
            while time.monotonic() < deadline:
                ended = conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE usename = :u AND state = 'active'"
                    ),
                    {"u": login},
                ).all()
                if ended:
                    break
                time.sleep(0.01)
            holder.execute(text("ROLLBACK"))

    cutter = threading.Thread(target=cut_short)
    cutter.start()
    log = OldLog(ig.register)
    with pytest.raises(StoreError):
        log.import_log(log.read(path), batch=5)
    cutter.join(60)
    already = stored()
    assert 5 <= already < 200, already
    # The same file again, on a fresh connection: the check counts what the run stored as its
    # own, and the import stores the rest.
    with Register.open(ig.register.url) as again:
        log = OldLog(again)
        preview = log.read(path)
        checked = log.check(preview)
        assert not preview.problems, [str(p) for p in preview.problems]
        assert len(checked.added) == 200 - already
        outcome = log.import_log(preview, batch=5)
        assert outcome.resumed is not None
        assert (outcome.resumed.already, outcome.resumed.records) == (already, 200)
        said = resumed_sentence(path.name, outcome.resumed)
        assert said.startswith("Resumed the import of big-log.csv started on ")
        assert f"by {login}: {already} of 200 breaches were already stored; " in said
        assert said.endswith(f"stored the other {200 - already}.")
        assert len(outcome.added) == 200
        assert again.verify_audit().ok
    with pg_people.admin.connect() as conn:
        conn.execute(text(f"SET search_path = {pg_people.schema}"))
        counts = conn.execute(
            text(
                "SELECT count(*), count(DISTINCT reference),"
                " (SELECT count(*) FROM log_entries),"
                " (SELECT count(*) FROM import_runs WHERE finished_at IS NULL)"
                " FROM breaches"
            )
        ).one()
    assert tuple(counts) == (200, 200, 200, 0)
    assert pg_workflow.HOLD_LIMIT == "10s"
