"""The committee report counts the old log's lines where their recorded values allow and says
how many of the period's breaches they are (both engines)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from logs import northshire_xlsx
from store.conftest import db_url, engine_name, fixed_now, pg_schema, register  # noqa: F401

from breach_desk.domain.committee import Period
from breach_desk.services.committee import CommitteeRequest, committee_figures
from breach_desk.services.oldlog import OldLog
from breach_desk.services.register import Register


def test_lines_of_the_old_log_are_counted_and_marked(
    register: Register,  # noqa: F811
    tmp_path: Path,
) -> None:
    log = OldLog(register)
    added = log.import_log(log.read(northshire_xlsx(tmp_path)), "stop").added
    aware = {s.reference: s.aware_at for s in register.list_breaches()}
    assert set(aware) == set(added)
    first = min(a.date() for a in aware.values())
    last = max(a.date() for a in aware.values())
    period = Period(date(first.year, 1, 1), date(last.year, 12, 31))
    got = committee_figures(
        register, CommitteeRequest(period, None), datetime.fromisoformat("2026-03-02T10:00+00:00")
    ).current
    assert got.breaches == len(added)
    assert got.historic == len(added)
    # every line has a service in the log, and is counted under it, not lost
    assert sum(got.services.values()) == len(added)
