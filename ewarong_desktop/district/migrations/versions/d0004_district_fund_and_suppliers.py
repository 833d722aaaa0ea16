"""district KUBE fund, supplier tax numbers, own-source target

The fund ledger gets its own table (`fund_entries`), purchases their supplier's tax number
(`source_tax_id`), and the office's own-source target a table of its own. A district that
imported bundles carrying them before this revision kept them as received (`other_records`,
and each purchase's `record` JSON): they are moved into the new columns here, so nothing an
e-warong already sent is lost.

Revision ID: d0004
Revises: d0003
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "d0004"
down_revision = "d0003"
branch_labels = None
depends_on = None

RECORD_COLUMNS = ("id", "warong_code", "version", "content_sha256", "updated_at", "bundle_id",
                  "record")  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "fund_entries",
        sa.Column("date", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=True),
        sa.Column("amount_rupiah", sa.BigInteger(), nullable=False),
        sa.Column("purpose", sa.String(length=30), nullable=True),
        sa.Column("purchase_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("warong_code", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_entries")),
    )
    with op.batch_alter_table("fund_entries", schema=None) as batch_op:
        batch_op.create_index("ix_fund_entries_warong", ["warong_code", "date"], unique=False)
    op.create_table(
        "own_share_targets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.String(length=7), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_own_share_targets")),
        sa.UniqueConstraint("valid_from", name=op.f("uq_own_share_targets_valid_from")),
    )
    with op.batch_alter_table("purchases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_tax_id", sa.Text(), nullable=True))
    _backfill()


def _backfill() -> None:
    from ewarong_desktop.district.records import fund_columns

    conn = op.get_bind()
    other = sa.table("other_records", sa.column("table_name"), *map(sa.column, RECORD_COLUMNS))
    kept = conn.execute(
        sa.select(*[other.c[c] for c in RECORD_COLUMNS]).where(
            other.c.table_name == "fund_entries"
        )
    ).all()
    if kept:
        fund = sa.table("fund_entries", *map(sa.column, RECORD_COLUMNS),
                        *map(sa.column, ("date", "kind", "stage", "amount_rupiah", "purpose",
                                         "purchase_id", "status")))  # fmt: skip
        rows = []
        for row in kept:
            values = dict(zip(RECORD_COLUMNS, row, strict=True))
            values.update(fund_columns(json.loads(values["record"])))
            rows.append(values)
        conn.execute(fund.insert(), rows)
        conn.execute(other.delete().where(other.c.table_name == "fund_entries"))
    purchases = sa.table("purchases", sa.column("id"), sa.column("record"),
                         sa.column("source_tax_id"))  # fmt: skip
    carrying = conn.execute(
        sa.select(purchases.c.id, purchases.c.record).where(
            purchases.c.record.like('%"source_tax_id":"%')
        )
    ).all()
    updates = [
        {"b_id": pid, "b_tax": json.loads(record).get("source_tax_id")}
        for pid, record in carrying
    ]
    if updates:
        conn.execute(
            purchases.update()
            .where(purchases.c.id == sa.bindparam("b_id"))
            .values(source_tax_id=sa.bindparam("b_tax")),
            updates,
        )


def downgrade() -> None:
    with op.batch_alter_table("purchases", schema=None) as batch_op:
        batch_op.drop_column("source_tax_id")
    op.drop_table("own_share_targets")
    with op.batch_alter_table("fund_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_fund_entries_warong")
    op.drop_table("fund_entries")
