"""The receipt paper the shop's printer takes (58 mm, 80 mm or A5), kept with the profile.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("warong_profile", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("receipt_width", sa.String(length=4), nullable=False, server_default="80")
        )


def downgrade() -> None:
    with op.batch_alter_table("warong_profile", schema=None) as batch_op:
        batch_op.drop_column("receipt_width")
