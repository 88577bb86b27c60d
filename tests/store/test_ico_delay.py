"""Past the 72 hours the officer gives the reasons for reporting to the ICO late (Art. 33(1)):
they are kept with the assessment version, in the audit log, in ``show --json`` and the export,
and the ICO report draft and the assessment report print them. An older register gains the
column when it is upgraded, and keeps its breaches."""

from __future__ import annotations

import csv
import io

from builders import facts, facts_dict
from reports.pdf_reading import body_text, flat

from breach_desk import reports
from breach_desk.domain.clock import now
from breach_desk.facts_io import facts_from_dict
from breach_desk.services.register import Register
from breach_desk.store import exporting
from breach_desk.store.migrate import HEAD, downgrade

LATE = {"data.categories": ["contact_details", "mental_health"], "title": "Health notes emailed"}
"""Reportable, and the register's clock (2 March 2026) is long past its 72 hours."""
WHY = "The service told the IG team three weeks later."


def test_the_reasons_stay_with_their_version(register: Register) -> None:
    first = register.finalise(facts(**LATE), ico_delay_reason=f"  {WHY}\n")
    assert first.latest is not None
    assert first.latest.assessment.ico.report
    assert first.latest.ico_delay_reason == WHY
    ref = first.reference
    register.reassess(ref, facts(**LATE), "The count was wrong", ico_delay_reason="Legal advice")
    register.reassess(ref, facts(**LATE), "Another look", ico_delay_reason="   ")
    versions = register.get(ref).versions
    assert [v.ico_delay_reason for v in versions] == [WHY, "Legal advice", None]
    created, second, third = (e.after for e in register.history(ref))
    assert created["ico_delay_reason"] == WHY  # type: ignore[index]
    assert second["ico_delay_reason"] == "Legal advice"  # type: ignore[index]
    assert "ico_delay_reason" not in third  # type: ignore[operator]
    shown = exporting.breach_to_dict(register.get(ref))
    assert [v["ico_delay_reason"] for v in shown["versions"]] == [WHY, "Legal advice", None]
    out = io.StringIO()
    exporting.write_csv(register.export_records(), out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["Reasons the ICO report is late"] == ""  # the latest version gave none


def test_the_reports_print_the_stored_reasons(register: Register) -> None:
    breach = register.finalise(facts(**LATE), ico_delay_reason=WHY)
    settings = reports.ReportSettings(organisation="Anytown Council", generated_at=now())
    draft = flat(body_text(reports.render_ico_report(breach, settings)))
    assert f"Reasons for the delay (Art. 33(1)) {WHY}" in draft
    given = reports.render_ico_report(breach, settings, delay_reason="Said otherwise")
    assert "Said otherwise" in flat(body_text(given))
    record = flat(body_text(reports.render_assessment(breach, settings)))
    assert f"Reasons for the delay (Art. 33(1)): {WHY}" in record
    # A later version that gave none still prints why the report was late.
    again = register.reassess(breach.reference, facts(**LATE), "Recount")
    assert WHY in flat(body_text(reports.render_ico_report(again, settings)))
    yesterday = facts_from_dict(facts_dict(**LATE, aware_at="2026-03-01T09:00:00"), at=now())
    on_time = register.finalise(yesterday)
    printed = flat(body_text(reports.render_assessment(on_time, settings)))
    assert "Reasons for the delay" not in printed


def test_an_older_register_gains_the_column_and_keeps_its_breaches(
    register: Register, db_url: str
) -> None:
    kept = register.finalise(facts(**LATE), ico_delay_reason=WHY)
    downgrade(register.store, "0001")
    register.close()
    with Register.open(db_url) as reg:
        assert reg.upgrade is not None
        assert (reg.upgrade.before, reg.upgrade.after) == ("0001", HEAD)
        old = reg.get(kept.reference)
        assert old.latest is not None
        assert old.latest.ico_delay_reason is None  # not kept before the upgrade
        assert old.facts == kept.facts
        again = reg.reassess(kept.reference, facts(**LATE), "Recount", ico_delay_reason=WHY)
        assert again.latest is not None
        assert again.latest.ico_delay_reason == WHY
