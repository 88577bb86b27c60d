"""PostgreSQL compresses the register's long texts with LZ4 (migration 0013): a large import
spent most of the server's time compressing every assessment with pglz. Older values read as
they always did."""

from __future__ import annotations

import pytest
from builders import facts
from sqlalchemy import text

from breach_desk.services.register import Register
from breach_desk.store.migrate import downgrade, ensure_schema

pytestmark = pytest.mark.postgres

ASSESSMENT = (
    "SELECT pg_column_compression(assessment) FROM assessment_versions v "
    "JOIN breaches b ON b.id = v.breach_id WHERE b.reference = :ref"
)


def _lz4_offered(reg: Register) -> bool:
    with reg.store.engine.connect() as conn:
        return bool(
            conn.execute(
                text(
                    "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
                    "WHERE name = 'default_toast_compression'"
                )
            ).scalar()
        )


def _method(reg: Register, ref: str) -> str | None:
    with reg.store.engine.connect() as conn:
        found = conn.execute(text(ASSESSMENT), {"ref": ref}).scalar_one()
    return None if found is None else str(found)


@pytest.mark.parametrize("engine_name", ["postgresql"], indirect=True)
def test_assessments_saved_before_and_after_the_upgrade_read_back_whole(db_url: str) -> None:
    with Register.open(db_url) as reg:
        if not _lz4_offered(reg):
            pytest.skip("this PostgreSQL server was built without LZ4")
        downgrade(reg.store, "0012")  # the server's default (pglz), as before the upgrade
        before = reg.finalise(facts(title="Saved before the upgrade"))
    with Register.open(db_url) as reg:
        ensure_schema(reg.store)
        after = reg.finalise(facts(title="Saved after the upgrade"))
        assert _method(reg, before.reference) == "pglz"
        assert _method(reg, after.reference) == "lz4"
        # Both read back whole: facts, assessment and its decision note.
        for breach, title in ((before, "Saved before"), (after, "Saved after")):
            [version] = reg.get(breach.reference).versions
            assert version.facts.title == f"{title} the upgrade"
            assert (version.assessment.note or "").startswith(f"Decision note: {breach.reference}")
        downgrade(reg.store, "0012")
        again = reg.finalise(facts(title="Saved after going back"))
        assert _method(reg, again.reference) == "pglz"
        assert reg.get(after.reference).title == "Saved after the upgrade"
