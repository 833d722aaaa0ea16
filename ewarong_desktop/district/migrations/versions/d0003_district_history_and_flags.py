"""district record history and flags an officer works through

Every imported version of every record is kept (`record_versions`, filled here with the
version each record holds today); flags get a dedup key, the record they are about, the
words of what was found, and a review (status, officer, time, note); redemptions and
purchases the app could never have made are marked `unmatched` and left out of the figures.

Revision ID: d0003
Revises: d0002
Create Date: 2026-11-30 07:45:00
"""

from alembic import op
import sqlalchemy as sa


revision = 'd0003'
down_revision = 'd0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('record_versions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('table_name', sa.Text(), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('warong_code', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('bundle_id', sa.Integer(), nullable=False),
    sa.Column('record', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record_versions'))
    )
    op.create_index('ix_record_versions_record_id', 'record_versions', ['record_id'], unique=False)
    op.create_table('stale_flag_months',
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.PrimaryKeyConstraint('month', name=op.f('pk_stale_flag_months'))
    )
    # The history so far: the one version the district kept of each record; every month's
    # derived flags are computed afresh (and stored) the next time flags are looked at.
    for table in ('beneficiaries', 'products', 'purchases', 'redemptions'):
        op.execute(
            "INSERT INTO record_versions (table_name, record_id, warong_code, version, "
            f"bundle_id, record, updated_at) SELECT '{table}', id, warong_code, version, "
            f"bundle_id, record, updated_at FROM {table}"
        )
    op.execute(
        "INSERT INTO stale_flag_months (month) SELECT DISTINCT period FROM redemptions"
    )
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dedup_key', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('record_table', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('record_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('month', sa.String(length=7), nullable=True))
        batch_op.add_column(sa.Column('found_id', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('found_en', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('reviewed_by', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('reviewed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('review_note', sa.Text(), nullable=True))
    # Flags raised before this revision: open, each its own, the detail as what was found.
    op.execute(
        "UPDATE flags SET dedup_key = 'legacy|' || CAST(id AS VARCHAR(20)), status = 'open', "
        "found_id = detail, found_en = detail"
    )
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.alter_column('dedup_key', existing_type=sa.Text(), nullable=False)
        batch_op.alter_column('found_id', existing_type=sa.Text(), nullable=False)
        batch_op.alter_column('found_en', existing_type=sa.Text(), nullable=False)
        batch_op.alter_column('status', existing_type=sa.String(length=10), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_flags_dedup_key'), ['dedup_key'])
        batch_op.create_index(batch_op.f('ix_flags_record_id'), ['record_id'], unique=False)
    for table in ('purchases', 'redemptions'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('unmatched', sa.Boolean(), server_default=sa.false(), nullable=False)
            )


def downgrade() -> None:
    for table in ('redemptions', 'purchases'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('unmatched')
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flags_record_id'))
        batch_op.drop_constraint(batch_op.f('uq_flags_dedup_key'), type_='unique')
        for column in ('review_note', 'reviewed_at', 'reviewed_by', 'status', 'found_en',
                       'found_id', 'month', 'record_id', 'record_table', 'dedup_key'):
            batch_op.drop_column(column)
    op.drop_table('stale_flag_months')
    op.drop_index('ix_record_versions_record_id', table_name='record_versions')
    op.drop_table('record_versions')
