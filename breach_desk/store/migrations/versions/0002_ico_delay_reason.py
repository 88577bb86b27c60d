"""The reasons for a late report to the ICO, kept with the assessment version.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Past the 72 hours, a report to the ICO must give the reasons for the delay (UK GDPR Art. 33(1)).
The wizard asks for them; each finalised version now keeps them, for the ICO report draft and
the assessment report to print.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessment_versions") as batch:
        batch.add_column(sa.Column("ico_delay_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessment_versions") as batch:
        batch.drop_column("ico_delay_reason")
