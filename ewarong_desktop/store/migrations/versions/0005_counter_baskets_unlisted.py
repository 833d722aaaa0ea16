"""One basket over several months of aid, and KPMs served here who are not on this shop's list.

Revision ID: 0005
Revises: 0003

`redemptions.basket_id` ties the redemptions one basket was saved as (one per month of aid it
drew on), so the receipt of any part prints the whole basket; NULL for a basket saved before
this revision (one redemption, its own basket). `beneficiaries.listed` is false for a KPM an
admin registered at the counter (sent from a neighbouring village), with the reason given.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("beneficiaries", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("listed", sa.Boolean(), nullable=False, server_default="1")
        )
        batch_op.add_column(sa.Column("unlisted_reason", sa.Text(), nullable=True))
    with op.batch_alter_table("redemptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("basket_id", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_redemptions_basket_id"), ["basket_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("redemptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_redemptions_basket_id"))
        batch_op.drop_column("basket_id")
    with op.batch_alter_table("beneficiaries", schema=None) as batch_op:
        batch_op.drop_column("unlisted_reason")
        batch_op.drop_column("listed")
