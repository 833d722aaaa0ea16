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
It is a full baseline (`auditentry.FULL_BASELINES`): `check` compares the rows with it and
what follows, so the entries before it are hashed but no longer unpacked. Only the first
such entry counts, and a new store gets one (empty) too, so an entry of that name appended
by hand later cannot make the log forget a deleted row. The baseline does not launder
the store: a row the log before it says was edited or deleted behind the app's back keeps
the digest the log recorded (a deleted line or movement its UUID), and a row the log never
recorded stays out of it, so `check` names each as it did before the upgrade.
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


# Per table, rows whose digest the baseline must not take as they stand: old key -> the
# digest the log last recorded (None: a row the log never recorded); and the numbers the
# renumbered tables give each old key (a line's or movement's place in rowid order).
Logged = tuple[dict[str, dict[Any, bytes | None]], dict[str, dict[Any, int]]]
RENUMBERED = ("redemption_lines", "stock_movements")


def _cut16(data: bytes) -> list[bytes]:
    return [data[i : i + 16] for i in range(0, len(data), 16)]


def _as_logged(bind: Any) -> Logged:
    """Before the rebuild, what `check` at 0009 would find: every row whose digest (0009's,
    a lot's remaining quantity in it) differs from the one the log last recorded for its
    key, every key the log recorded that is gone, and every row the log never recorded."""
    import dataclasses

    from ewarong_desktop.store import auditentry, rowdigest, tracking

    raw = bind.connection.driver_connection
    # Per table, the keys and digests of each entry as they lie in it (32 bytes a row): one
    # table's dict at a time below, not every table's at once (millions of rows, five years).
    parts: dict[str, list[tuple[bytes | list[Any], bytes]]] = {}
    for (blob,) in raw.execute("SELECT changes FROM audit_log ORDER BY seq"):
        try:
            sections = auditentry.unpack_raw(blob)
        except ValueError:
            continue  # an altered entry: the chain names it, before and after
        for table, keys, _kinds, digests, _old in sections:
            parts.setdefault(table, []).append((keys, digests))
    existing = set(sa.inspect(bind).get_table_names())
    odd: dict[str, dict[Any, bytes | None]] = {}
    for table in tracking.audited_tables():
        if table not in existing:
            continue
        logged: dict[Any, bytes] = {}
        for keys, digests in parts.pop(table, []):
            listed = _cut16(keys) if isinstance(keys, bytes) else keys
            logged.update(zip(listed, _cut16(digests), strict=False))
        plan = tracking.digest_plan(table, tracking.table_layout(raw, table))
        plan = dataclasses.replace(plan, blank=())  # as 0009 digested: every column
        differs: dict[Any, bytes | None] = {}
        for key, digest in rowdigest.digests(raw, plan):
            if key not in logged:
                differs[key] = None
            elif (was := logged.pop(key)) != digest:
                differs[key] = was
        differs.update(logged)  # recorded, and gone
        del logged
        if differs:
            odd[table] = differs
    numbers = {
        table: {
            key: n
            for key, n in raw.execute(
                f"SELECT id, row_number() OVER (ORDER BY rowid) FROM {table}"  # noqa: S608
            )
            if key in odd[table]
        }
        for table in RENUMBERED
        if table in odd
    }
    return odd, numbers


def _baseline(bind: Any, found: Logged) -> None:
    """One entry with the digest of every audited row as it now stands: a full baseline,
    except the rows `found` (see `_as_logged`), which keep what the log said of them."""
    from ewarong_desktop.store import auditentry, tracking

    odd, numbers = found
    raw = bind.connection.driver_connection
    existing = set(sa.inspect(bind).get_table_names())
    changes = []
    for table in tracking.audited_tables():
        if table not in existing:
            continue
        differs = odd.get(table, {})
        renumbered = numbers.get(table)
        if renumbered is not None:  # the old keys, by the numbers the rows have now
            differs = {renumbered.get(k, k): d for k, d in differs.items()}
        for key, digest in tracking.digest_rows(raw, table):
            if key in differs:
                kept = differs.pop(key)
                if kept is None:
                    continue  # never recorded: `check` says so, as before
                digest = kept
            name = key if isinstance(key, int) else auditentry.key_str(key)
            changes.append(auditentry.Change(table, name, auditentry.BASELINE, digest))
        for key, kept in differs.items():  # recorded, and gone
            if kept is not None:
                changes.append(
                    auditentry.Change(table, auditentry.key_str(key), auditentry.BASELINE, kept)
                )
    # Written in a new, empty store too: `check` takes only the first entry of this action
    # as a full baseline, so every store must have it from the start.
    tracking.write_entry(bind, "system", "migrate:0010", changes)


def upgrade() -> None:
    bind = op.get_bind()
    # Parents and children change in one transaction: the references are checked at commit.
    bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    found = _as_logged(bind)
    _rebuild(sa.Integer, "n")
    _baseline(bind, found)


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
