"""Redemption lines and stock movements keyed by SQLite's rowid; a lot's remaining quantity
out of the audit digest; one baseline entry that supersedes the log before it.

Revision ID: 0010
Revises: 0009

No bundle, receipt or other store names a redemption line or a stock movement (bundles list
a redemption's lines without ids; movements are not exported), yet each carried a 16-byte
UUID in its row, in an index of its own (the primary key's) and again in every movement's
reference to its line: about 700 bytes of every redemption. Their ids become plain integers,
the table's rowid (`base.Numbered`), given in the order the rows were written; the UUIDs of
redemptions, purchases, lots, KPMs and products stay exactly as they are.

A lot's `remaining_milli` is derived state, which `check`'s ledger pass proves equal to its
movements: it is out of the row digest (digested as NULL), so a redemption's audit entry no
longer lists every lot it drew on.

Both change row digests, so the audit log takes a new baseline: every past entry stays in
the chain untouched and verifiable (`check` still hashes each one), and the first entry after
them ("migrate:0010", chained on the old head) records every audited row's key and digest.
It is a full baseline (`tracking.FULL_BASELINES`): `check` compares the rows with it and
what follows, so the entries before it are hashed but no longer unpacked. Only the first
such entry counts, and a new store gets one (empty) too, so an entry of that name appended
by hand later cannot make the log forget a deleted row. As with 0009's
baseline, an edit made behind the app's back before this upgrade is taken in as it stands.
"""

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# The two tables as of this revision, in their column order (a later model change must not
# change this step). `id` is last, as in every audited table.
LINE_COLUMNS = (
    "redemption_id",
    "line_no",
    "product_id",
    "quantity_milli",
    "unit_price_rupiah",
    "total_rupiah",
)
MOVEMENT_COLUMNS = (
    "product_id",
    "kind",
    "quantity_milli",
    "lot_id",
    "redemption_line_id",
    "reason",
    "note",
    "movement_date",
    "operator_name",
    "created_at",
)


def _create_tables(key: Callable[[], Any]) -> None:
    op.create_table(
        "redemption_lines",
        sa.Column("redemption_id", sa.String(length=36), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.String(length=36), nullable=False),
        sa.Column("quantity_milli", sa.BigInteger(), nullable=False),
        sa.Column("unit_price_rupiah", sa.BigInteger(), nullable=False),
        sa.Column("total_rupiah", sa.BigInteger(), nullable=False),
        sa.Column("id", key(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name="fk_redemption_lines_product_id_products"
        ),
        sa.ForeignKeyConstraint(
            ["redemption_id"],
            ["redemptions.id"],
            name="fk_redemption_lines_redemption_id_redemptions",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_redemption_lines"),
    )
    op.create_table(
        "stock_movements",
        sa.Column("product_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("quantity_milli", sa.BigInteger(), nullable=False),
        sa.Column("lot_id", sa.String(length=36), nullable=True),
        sa.Column("redemption_line_id", key(), nullable=True),
        sa.Column("reason", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("movement_date", sa.Date(), nullable=False),
        sa.Column("operator_name", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("id", key(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lot_id"], ["purchase_lines.id"], name="fk_stock_movements_lot_id_purchase_lines"
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name="fk_stock_movements_product_id_products"
        ),
        sa.ForeignKeyConstraint(
            ["redemption_line_id"],
            ["redemption_lines.id"],
            name="fk_stock_movements_redemption_line_id_redemption_lines",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_stock_movements"),
    )


def _create_indexes() -> None:
    op.create_index(
        "ix_redemption_lines_redemption_id", "redemption_lines", ["redemption_id"]
    )
    op.create_index("ix_stock_movements_movement_date", "stock_movements", ["movement_date"])
    op.create_index(
        "ix_stock_movements_redemption_line_id", "stock_movements", ["redemption_line_id"]
    )
    op.create_index(
        "ix_stock_movements_product_unlotted",
        "stock_movements",
        ["product_id"],
        sqlite_where=sa.text("lot_id IS NULL"),
    )


def _rebuild(key: Callable[[], Any], new_line_id: str) -> None:
    """Rebuild both tables with `key` ids: lines get `new_line_id` (SQL over the old row,
    `n` its place in rowid order), movements take their line's new id and a rowid in order.

    The old tables are renamed away first (SQLite re-points the movements' reference to the
    renamed lines), so the new ones are made and filled with every reference already good.
    """
    bind = op.get_bind()
    run = bind.exec_driver_sql
    run("ALTER TABLE redemption_lines RENAME TO _lines_0009")
    run("ALTER TABLE stock_movements RENAME TO _movements_0009")
    run(
        "CREATE TEMP TABLE _line_ids (old PRIMARY KEY, new NOT NULL) WITHOUT ROWID"
    )
    run(
        "INSERT INTO _line_ids SELECT id, " + new_line_id + " FROM ("
        "SELECT id, row_number() OVER (ORDER BY rowid) AS n FROM _lines_0009)"
    )
    _create_tables(key)
    lines = ", ".join(LINE_COLUMNS)
    run(
        f"INSERT INTO redemption_lines ({lines}, id) "  # noqa: S608
        f"SELECT {', '.join('l.' + c for c in LINE_COLUMNS)}, m.new "
        "FROM _lines_0009 AS l JOIN _line_ids AS m ON m.old = l.id ORDER BY l.rowid"
    )
    moved = ", ".join(MOVEMENT_COLUMNS)
    taken = ", ".join("m.new" if c == "redemption_line_id" else "s." + c for c in MOVEMENT_COLUMNS)
    numbered = isinstance(key(), sa.Integer)
    id_value = "" if numbered else ", ewarong_new_key()"
    run(
        f"INSERT INTO stock_movements ({moved}{'' if numbered else ', id'}) "  # noqa: S608
        f"SELECT {taken}{id_value} FROM _movements_0009 AS s "
        "LEFT JOIN _line_ids AS m ON m.old = s.redemption_line_id ORDER BY s.rowid"
    )
    run("DROP TABLE _movements_0009")
    run("DROP TABLE _lines_0009")
    run("DROP TABLE _line_ids")
    _create_indexes()  # the old tables' indexes, of the same names, went with them


def _baseline(bind: Any) -> None:
    """One entry with the digest of every audited row as it now stands: a full baseline."""
    from ewarong_desktop.store import tracking

    raw = bind.connection.driver_connection
    existing = set(sa.inspect(bind).get_table_names())
    changes = [
        tracking.Change(
            table,
            key if isinstance(key, int) else tracking.key_str(key),
            tracking.BASELINE,
            digest,
        )
        for table in tracking.audited_tables()
        if table in existing
        for key, digest in tracking.digest_rows(raw, table)
    ]
    # Written in a new, empty store too: `check` takes only the first entry of this action
    # as a full baseline, so every store must have it from the start.
    tracking.write_entry(bind, "system", "migrate:0010", changes)


def upgrade() -> None:
    bind = op.get_bind()
    # Parents and children change in one transaction: the references are checked at commit.
    bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    _rebuild(sa.Integer, "n")
    _baseline(bind)


def downgrade() -> None:
    import uuid

    bind = op.get_bind()
    raw = bind.connection.driver_connection
    raw.create_function("ewarong_new_key", 0, lambda: uuid.uuid4().bytes)
    raw.create_function("ewarong_new_key", 1, lambda _n: uuid.uuid4().bytes)
    bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    _rebuild(lambda: sa.String(length=36), "ewarong_new_key(n)")
    # New UUIDs: the entries written since the upgrade (its baseline first) name the old
    # integers. A downgrade is for development, not for shops.
