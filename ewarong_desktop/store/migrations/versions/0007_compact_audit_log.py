"""A compact audit log: one entry per transaction with row digests; the old log archived.

Revision ID: 0007
Revises: 0003

The per-row log (the whole row as JSON and two hex hashes per changed row, most of a store's
size) is moved into `audit_archive` as compressed chunks of its rows (a JSON array each), exactly as they were
hashed, so `check` still replays the old chain entry by entry. The new log starts from the old
chain's head: its first entry ("migrate:0007") records a digest of every audited row as it
stands, and each later entry chains on from there.

Downgrading puts the archived rows back and drops the new log (changes recorded after the
upgrade lose their audit trail: a downgrade is for development, not for shops).
"""

import json
import zlib
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CHUNK = 2000
OLD_COLUMNS = (
    "seq, at, utc_offset_min, actor, action, entity, entity_id, old_values, new_values, "
    "prev_hash, hash"
)


def _iso(raw: object) -> str:
    """The `at` text as the old chain hashed it (`datetime.isoformat()`)."""
    return datetime.fromisoformat(str(raw)).isoformat()


def upgrade() -> None:
    from ewarong_desktop.store import auditentry, tracking

    bind = op.get_bind()
    op.create_table(
        "audit_archive",
        sa.Column("chunk", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("first_seq", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("entries", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("chunk", name=op.f("pk_audit_archive")),
    )
    archive = sa.table(
        "audit_archive",
        sa.column("chunk"),
        sa.column("first_seq"),
        sa.column("last_seq"),
        sa.column("last_hash"),
        sa.column("entries"),
    )
    result = bind.execute(sa.text(f"SELECT {OLD_COLUMNS} FROM audit_log ORDER BY seq"))  # noqa: S608
    chunk = 0
    while rows := result.fetchmany(CHUNK):
        entries = [[r[0], _iso(r[1]), *r[2:]] for r in rows]
        chunk += 1
        bind.execute(
            archive.insert(),
            [
                {
                    "chunk": chunk,
                    "first_seq": rows[0][0],
                    "last_seq": rows[-1][0],
                    "last_hash": rows[-1][10],
                    "entries": zlib.compress(
                        json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode(), 9
                    ),
                }
            ],
        )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_entity_id"))
    op.drop_table("audit_log")
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("changes", sa.LargeBinary(), nullable=False),
        sa.Column("hash", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    # The baseline: every audited row as it stands, so the new chain covers what the old
    # one did. Tables come from the models, so one another migration added is covered too.
    existing = set(sa.inspect(bind).get_table_names())
    changes = []
    for table, defaults in tracking.audited_tables().items():
        if table not in existing:
            continue
        for row_id, spelled in bind.exec_driver_sql(tracking.digest_query(bind, table, defaults)):
            digest = tracking.digest_of(table, spelled)
            changes.append(auditentry.Change(table, str(row_id), auditentry.BASELINE, digest))
    if changes or chunk:
        tracking.write_entry(bind, "system", "migrate:0007", changes)


def downgrade() -> None:
    bind = op.get_bind()
    chunks = bind.execute(sa.text("SELECT entries FROM audit_archive ORDER BY chunk")).all()
    op.drop_table("audit_log")
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("old_values", sa.Text(), nullable=True),
        sa.Column("new_values", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_entity_id"), ["entity_id"], unique=False)
    names = OLD_COLUMNS.split(", ")
    old = sa.table("audit_log", *(sa.column(n) for n in names))
    for (entries,) in chunks:
        rows = json.loads(zlib.decompress(entries))
        for row in rows:
            row[1] = str(datetime.fromisoformat(row[1]))
        bind.execute(old.insert(), [dict(zip(names, row, strict=True)) for row in rows])
    op.drop_table("audit_archive")
