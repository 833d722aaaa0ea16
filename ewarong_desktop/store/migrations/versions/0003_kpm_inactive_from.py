"""When a KPM stopped receiving aid here, so past months keep counting them as registered.

Revision ID: 0003
Revises: 0002

KPMs deactivated before this revision have no month recorded (NULL): they count as inactive
for every month, as they did before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("beneficiaries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inactive_from", sa.String(length=7), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("beneficiaries", schema=None) as batch_op:
        batch_op.drop_column("inactive_from")
