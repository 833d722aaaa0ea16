"""The KUBE fund ledger, the supplier's tax number on sources and purchases, the own-source
target the district set.

Revision ID: 0006
Revises: 0003

Purchases made before this revision have no supplier number (NULL), as the contract allows.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fund_entries",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=True),
        sa.Column("amount_rupiah", sa.BigInteger(), nullable=False),
        sa.Column("purpose", sa.String(length=30), nullable=True),
        sa.Column("purchase_id", sa.String(length=36), nullable=True),
        sa.Column("reference", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=80), nullable=True),
        sa.Column("operator_name", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["purchase_id"],
            ["purchases.id"],
            name=op.f("fk_fund_entries_purchase_id_purchases"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_entries")),
    )
    with op.batch_alter_table("fund_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fund_entries_change_seq"), ["change_seq"])
        batch_op.create_index(batch_op.f("ix_fund_entries_date"), ["date"])
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tax_id", sa.String(length=20), nullable=True))
    with op.batch_alter_table("purchases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_tax_id", sa.String(length=20), nullable=True))
    with op.batch_alter_table("warong_profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("own_share_target", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("own_share_target_from", sa.String(length=7), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("warong_profile", schema=None) as batch_op:
        batch_op.drop_column("own_share_target_from")
        batch_op.drop_column("own_share_target")
    with op.batch_alter_table("purchases", schema=None) as batch_op:
        batch_op.drop_column("source_tax_id")
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("tax_id")
    with op.batch_alter_table("fund_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fund_entries_date"))
        batch_op.drop_index(batch_op.f("ix_fund_entries_change_seq"))
    op.drop_table("fund_entries")
