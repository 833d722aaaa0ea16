"""Initial schema: profile, operators, KPM, products, sources, purchases, redemptions,
the stock ledger, rates, category rules and the audit log.

Revision ID: 0001
Revises: 
Create Date: 2026-11-29 04:51:11.046570
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('utc_offset_min', sa.Integer(), nullable=False),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('old_values', sa.Text(), nullable=True),
    sa.Column('new_values', sa.Text(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_entity_id'), ['entity_id'], unique=False)

    op.create_table('beneficiaries',
    sa.Column('nik', sa.String(length=16), nullable=False),
    sa.Column('kks_number', sa.String(length=19), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('desa', sa.String(length=120), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('eligible_from', sa.String(length=7), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_beneficiaries')),
    sa.UniqueConstraint('nik', name=op.f('uq_beneficiaries_nik'))
    )
    with op.batch_alter_table('beneficiaries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_beneficiaries_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_beneficiaries_kks_number'), ['kks_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_beneficiaries_name'), ['name'], unique=False)

    op.create_table('category_rules',
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('valid_from', sa.String(length=7), nullable=False),
    sa.Column('valid_until', sa.String(length=7), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_category_rules'))
    )
    with op.batch_alter_table('category_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_category_rules_change_seq'), ['change_seq'], unique=False)

    op.create_table('change_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_counter'))
    )
    # The logical clock starts at 0; every write transaction takes the next value.
    op.execute("INSERT INTO change_counter (id, value) VALUES (1, 0)")
    op.create_table('entitlement_rates',
    sa.Column('amount_rupiah', sa.BigInteger(), nullable=False),
    sa.Column('valid_from', sa.String(length=7), nullable=False),
    sa.Column('valid_until', sa.String(length=7), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entitlement_rates'))
    )
    with op.batch_alter_table('entitlement_rates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entitlement_rates_change_seq'), ['change_seq'], unique=False)

    op.create_table('operators',
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('pin_hash', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operators')),
    sa.UniqueConstraint('name', name=op.f('uq_operators_name'))
    )
    with op.batch_alter_table('operators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_operators_change_seq'), ['change_seq'], unique=False)

    op.create_table('products',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('price_rupiah', sa.BigInteger(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_products')),
    sa.UniqueConstraint('code', name=op.f('uq_products_code')),
    sa.UniqueConstraint('name', name=op.f('uq_products_name'))
    )
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_products_change_seq'), ['change_seq'], unique=False)

    op.create_table('sources',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('kind', 'name', name=op.f('uq_sources_kind'))
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sources_change_seq'), ['change_seq'], unique=False)

    op.create_table('store_meta',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_store_meta'))
    )
    op.create_table('warong_profile',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('desa', sa.String(length=120), nullable=False),
    sa.Column('kecamatan', sa.String(length=120), nullable=False),
    sa.Column('kabupaten', sa.String(length=120), nullable=False),
    sa.Column('area_code', sa.String(length=13), nullable=True),
    sa.Column('working_month', sa.String(length=7), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warong_profile')),
    sa.UniqueConstraint('code', name=op.f('uq_warong_profile_code'))
    )
    with op.batch_alter_table('warong_profile', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_warong_profile_change_seq'), ['change_seq'], unique=False)

    op.create_table('purchases',
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('source_id', sa.String(length=36), nullable=False),
    sa.Column('is_own', sa.Boolean(), nullable=False),
    sa.Column('total_rupiah', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('voided_by', sa.String(length=80), nullable=True),
    sa.Column('operator_name', sa.String(length=80), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('utc_offset_min', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_purchases_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchases'))
    )
    with op.batch_alter_table('purchases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchases_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchases_date'), ['date'], unique=False)

    op.create_table('redemptions',
    sa.Column('beneficiary_id', sa.String(length=36), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('total_rupiah', sa.BigInteger(), nullable=False),
    sa.Column('edc_reference', sa.String(length=60), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.Column('void_edc_reference', sa.String(length=60), nullable=True),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('voided_by', sa.String(length=80), nullable=True),
    sa.Column('operator_name', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('utc_offset_min', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['beneficiary_id'], ['beneficiaries.id'], name=op.f('fk_redemptions_beneficiary_id_beneficiaries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_redemptions'))
    )
    with op.batch_alter_table('redemptions', schema=None) as batch_op:
        batch_op.create_index('ix_redemptions_beneficiary_period', ['beneficiary_id', 'period'], unique=False)
        batch_op.create_index(batch_op.f('ix_redemptions_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_redemptions_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_redemptions_period'), ['period'], unique=False)

    op.create_table('purchase_lines',
    sa.Column('purchase_id', sa.String(length=36), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('quantity_milli', sa.BigInteger(), nullable=False),
    sa.Column('unit_price_rupiah', sa.BigInteger(), nullable=False),
    sa.Column('total_rupiah', sa.BigInteger(), nullable=False),
    sa.Column('remaining_milli', sa.BigInteger(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_purchase_lines_product_id_products')),
    sa.ForeignKeyConstraint(['purchase_id'], ['purchases.id'], name=op.f('fk_purchase_lines_purchase_id_purchases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_lines'))
    )
    with op.batch_alter_table('purchase_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_lines_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_lines_purchase_id'), ['purchase_id'], unique=False)

    op.create_table('redemption_lines',
    sa.Column('redemption_id', sa.String(length=36), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('quantity_milli', sa.BigInteger(), nullable=False),
    sa.Column('unit_price_rupiah', sa.BigInteger(), nullable=False),
    sa.Column('total_rupiah', sa.BigInteger(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_redemption_lines_product_id_products')),
    sa.ForeignKeyConstraint(['redemption_id'], ['redemptions.id'], name=op.f('fk_redemption_lines_redemption_id_redemptions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_redemption_lines'))
    )
    with op.batch_alter_table('redemption_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_redemption_lines_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_redemption_lines_redemption_id'), ['redemption_id'], unique=False)

    op.create_table('stock_movements',
    sa.Column('product_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('quantity_milli', sa.BigInteger(), nullable=False),
    sa.Column('lot_id', sa.String(length=36), nullable=True),
    sa.Column('redemption_line_id', sa.String(length=36), nullable=True),
    sa.Column('reason', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('movement_date', sa.Date(), nullable=False),
    sa.Column('operator_name', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['lot_id'], ['purchase_lines.id'], name=op.f('fk_stock_movements_lot_id_purchase_lines')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_stock_movements_product_id_products')),
    sa.ForeignKeyConstraint(['redemption_line_id'], ['redemption_lines.id'], name=op.f('fk_stock_movements_redemption_line_id_redemption_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_movements'))
    )
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_movements_movement_date'), ['movement_date'], unique=False)
        batch_op.create_index('ix_stock_movements_product_lot', ['product_id', 'lot_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movements_redemption_line_id'), ['redemption_line_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_movements_redemption_line_id'))
        batch_op.drop_index('ix_stock_movements_product_lot')
        batch_op.drop_index(batch_op.f('ix_stock_movements_movement_date'))

    op.drop_table('stock_movements')
    with op.batch_alter_table('redemption_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_redemption_lines_redemption_id'))
        batch_op.drop_index(batch_op.f('ix_redemption_lines_product_id'))

    op.drop_table('redemption_lines')
    with op.batch_alter_table('purchase_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_lines_purchase_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_lines_product_id'))

    op.drop_table('purchase_lines')
    with op.batch_alter_table('redemptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_redemptions_period'))
        batch_op.drop_index(batch_op.f('ix_redemptions_created_at'))
        batch_op.drop_index(batch_op.f('ix_redemptions_change_seq'))
        batch_op.drop_index('ix_redemptions_beneficiary_period')

    op.drop_table('redemptions')
    with op.batch_alter_table('purchases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchases_date'))
        batch_op.drop_index(batch_op.f('ix_purchases_change_seq'))

    op.drop_table('purchases')
    with op.batch_alter_table('warong_profile', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_warong_profile_change_seq'))

    op.drop_table('warong_profile')
    op.drop_table('store_meta')
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sources_change_seq'))

    op.drop_table('sources')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_products_change_seq'))

    op.drop_table('products')
    with op.batch_alter_table('operators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_operators_change_seq'))

    op.drop_table('operators')
    with op.batch_alter_table('entitlement_rates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entitlement_rates_change_seq'))

    op.drop_table('entitlement_rates')
    op.drop_table('change_counter')
    with op.batch_alter_table('category_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_category_rules_change_seq'))

    op.drop_table('category_rules')
    with op.batch_alter_table('beneficiaries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_beneficiaries_name'))
        batch_op.drop_index(batch_op.f('ix_beneficiaries_kks_number'))
        batch_op.drop_index(batch_op.f('ix_beneficiaries_change_seq'))

    op.drop_table('beneficiaries')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_entity_id'))

    op.drop_table('audit_log')
