"""district: each record version stored once, in its history row

The record tables (beneficiaries, products, purchases, redemptions, fund_entries) kept the
latest version's whole record (`record`, JSON text) beside the same text in its history row
(`record_versions`): every import wrote each record twice. The text now lives only in the
history; a record table's row finds it by (e-warong, table, id, version). A latest version
without its history row (a fund entry imported before d0003 kept it in `other_records`) gets
one here first, so nothing is lost; the downgrade copies the text back.

The history's index leads with the e-warong: record ids are random UUIDs, so an index on
the id alone had each bundle's rows written all over it. An id used in two tables is now
found through each table's primary key (and a new index on `other_records.id`).

Revision ID: d0005
Revises: d0004
"""

import sqlalchemy as sa
from alembic import op

revision = "d0005"
down_revision = "d0004"
branch_labels = None
depends_on = None

TABLES = ("beneficiaries", "products", "purchases", "redemptions", "fund_entries")


def upgrade() -> None:
    op.drop_index("ix_record_versions_record_id", table_name="record_versions")
    op.create_index(
        "ix_record_versions_warong_record", "record_versions", ["warong_code", "record_id"]
    )
    op.create_index("ix_other_records_id", "other_records", ["id"])
    for table in TABLES:
        op.execute(
            "INSERT INTO record_versions (table_name, record_id, warong_code, version, "
            f"bundle_id, record, updated_at) SELECT '{table}', t.id, t.warong_code, "
            f"t.version, t.bundle_id, t.record, t.updated_at FROM {table} t WHERE NOT EXISTS "
            "(SELECT 1 FROM record_versions v WHERE v.warong_code = t.warong_code AND "
            f"v.record_id = t.id AND v.version = t.version AND v.table_name = '{table}')"
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("record")


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("record", sa.Text(), nullable=True))
        op.execute(
            f"UPDATE {table} SET record = (SELECT v.record FROM record_versions v WHERE "
            f"v.warong_code = {table}.warong_code AND v.record_id = {table}.id AND "
            f"v.version = {table}.version AND v.table_name = '{table}' ORDER BY v.id DESC "
            "LIMIT 1)"
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("record", existing_type=sa.Text(), nullable=False)
    op.drop_index("ix_other_records_id", table_name="other_records")
    op.drop_index("ix_record_versions_warong_record", table_name="record_versions")
    op.create_index("ix_record_versions_record_id", "record_versions", ["record_id"])
