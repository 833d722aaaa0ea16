"""Keys as 16 bytes instead of 36 characters of text; indexes that did not earn their pages.

Revision ID: 0009
Revises: 0005

Every record's id and every reference to one was the UUID's text (36 bytes), in its row and
again in each index holding it: most of a store's size. They become the UUID's 16 bytes
(`store.base.Key` turns them back into the same text for the app, so bundles, receipts and
the audit log see exactly what they saw). The columns keep their declared type: its affinity
leaves a blob a blob, and a new store made by the migrations is the same file.

Row digests change with it: the audit log spelled each column's value with SQLite's quote(),
which `check` rebuilt column by column for every row (most of its time); now a row's digest is
BLAKE2b of its values' `repr` (`tracking.digest_rows`), built in C. Every past entry stays in
the chain untouched and verifiable; the first entry after them ("migrate:0009", chained on the
old head) records a baseline: every audited row's key and new digest, as 0007's did.

Indexes: `redemption_lines.product_id` served no query (reports reach lines through their
redemption); `stock_movements (product_id, lot_id)` becomes `(product_id) WHERE lot_id IS
NULL`, the one lookup the counter makes (stock that belongs to no lot).
"""

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0005"
branch_labels = None
depends_on = None

# Every key column as of this revision (a later model change must not change this step).
KEYS = {
    "warong_profile": ("id",),
    "operators": ("id",),
    "beneficiaries": ("id",),
    "products": ("id",),
    "sources": ("id",),
    "purchases": ("id", "source_id"),
    "purchase_lines": ("id", "purchase_id", "product_id"),
    "redemptions": ("id", "beneficiary_id", "basket_id"),
    "redemption_lines": ("id", "redemption_id", "product_id"),
    "stock_movements": ("id", "product_id", "lot_id", "redemption_line_id"),
    "fund_entries": ("id", "purchase_id"),
    "entitlement_rates": ("id",),
    "category_rules": ("id",),
}


def _to_bytes(value: Any) -> Any:
    from ewarong_desktop.store.base import key_bytes

    return key_bytes(value) if isinstance(value, str) else value


def _to_text(value: Any) -> Any:
    from ewarong_desktop.store.base import key_text

    return key_text(value) if isinstance(value, bytes) and len(value) == 16 else value


def _rewrite_keys(convert: Callable[[Any], Any]) -> None:
    bind = op.get_bind()
    raw = bind.connection.driver_connection
    raw.create_function("ewarong_key", 1, convert, deterministic=True)
    # Parents and children change in one transaction: the references are checked at commit.
    bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    existing = set(sa.inspect(bind).get_table_names())
    for table, columns in KEYS.items():
        if table not in existing:
            continue
        assignments = ", ".join(f"{c} = ewarong_key({c})" for c in columns)
        bind.exec_driver_sql(f"UPDATE {table} SET {assignments}")  # noqa: S608


def _baseline(bind: Any) -> None:
    """One entry with the digest of every audited row as it now stands (after the keys)."""
    from ewarong_desktop.store import auditentry, tracking

    raw = bind.connection.driver_connection
    existing = set(sa.inspect(bind).get_table_names())
    changes = [
        auditentry.Change(table, auditentry.key_str(key), auditentry.BASELINE, digest)
        for table in tracking.audited_tables()
        if table in existing
        for key, digest in tracking.digest_rows(raw, table)
    ]
    if changes:
        tracking.write_entry(bind, "system", "migrate:0009", changes)


def upgrade() -> None:
    _rewrite_keys(_to_bytes)
    _baseline(op.get_bind())
    op.drop_index("ix_redemption_lines_product_id", table_name="redemption_lines")
    op.drop_index("ix_stock_movements_product_lot", table_name="stock_movements")
    op.create_index(
        "ix_stock_movements_product_unlotted",
        "stock_movements",
        ["product_id"],
        sqlite_where=sa.text("lot_id IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_stock_movements_product_unlotted", table_name="stock_movements")
    op.create_index(
        "ix_stock_movements_product_lot", "stock_movements", ["product_id", "lot_id"]
    )
    op.create_index("ix_redemption_lines_product_id", "redemption_lines", ["product_id"])
    _rewrite_keys(_to_text)
    # The audit entries written since the upgrade (its baseline first) stay: their digests
    # are of the new spelling. A downgrade is for development, not for shops.
