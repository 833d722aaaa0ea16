"""Versions, the change counter and the audit log come from one flush hook."""

import hashlib
import sqlite3
from contextlib import closing
from decimal import Decimal

import pytest
from sqlalchemy import select

from ewarong_desktop.domain.errors import Conflict
from ewarong_desktop.services import beneficiaries, stock
from ewarong_desktop.services.beneficiaries import BeneficiaryInput
from ewarong_desktop.store import tracking
from ewarong_desktop.store.auditentry import unpack_changes
from ewarong_desktop.store.models import AuditEntry, ChangeCounter
from ewarong_desktop.store.peek import STORE_FILE
from ewarong_desktop.store.repositories.integrity import row_history
from ewarong_desktop.store.tracking import digest_rows, table_layout
from tests.conftest import NIK_A, Shop


def counter(shop: Shop) -> int:
    with shop.ctx.reading() as session:
        row = session.get(ChangeCounter, 1)
        assert row is not None
        return row.value


def test_an_edit_bumps_the_version_once_and_takes_the_next_counter_value(shop: Shop) -> None:
    before = counter(shop)
    kpm = beneficiaries.get(shop.ctx, shop.ids["A"])
    assert kpm.version == 1
    edited = beneficiaries.edit(
        shop.ctx, kpm.id, BeneficiaryInput(NIK_A, kpm.kks_number, "Siti Rahayu Ningsih", "Sidodadi")
    )
    assert edited.version == 2
    assert counter(shop) == before + 1


def test_every_change_is_in_the_audit_log_with_who_and_old_and_new_values(shop: Shop) -> None:
    kpm = beneficiaries.get(shop.ctx, shop.ids["A"])
    beneficiaries.edit(
        shop.ctx, kpm.id, BeneficiaryInput(NIK_A, kpm.kks_number, "Siti R.", "Sidodadi")
    )
    with shop.ctx.reading() as session:
        last = row_history(session, "beneficiaries", kpm.id)[-1]
    assert last.actor == "admin" and last.action == "edit_kpm" and last.kind == "update"
    assert last.old == {"name": "Siti Rahayu", "version": 1, "change_seq": last.old["change_seq"],
                        "updated_at": last.old["updated_at"]}  # fmt: skip
    assert beneficiaries.get(shop.ctx, kpm.id).name == "Siti R."


def test_a_refused_change_leaves_no_trace(shop: Shop) -> None:
    before = counter(shop)
    with shop.ctx.reading() as session:
        rows_before = len(session.scalars(select(AuditEntry)).all())
    with pytest.raises(Conflict):
        beneficiaries.register(shop.ctx, BeneficiaryInput(NIK_A, "6013019999999999", "Dup"))
    assert counter(shop) == before
    with shop.ctx.reading() as session:
        assert len(session.scalars(select(AuditEntry)).all()) == rows_before


@pytest.mark.parametrize(
    ("actor", "action"),
    [
        ("siti", "redeem"),
        ('si"ti', "redeem"),
        ("siti\\", "void\n"),
        ("Ñoño é\u2028", "tab\there"),
        ("\x7f", "\x1f"),
    ],
)
def test_an_entry_hash_is_the_same_however_the_head_is_written(actor: str, action: str) -> None:
    """`entry_hash` skips json.dumps for plain text: the chain must not change with it."""
    import hashlib
    import json
    import struct

    from ewarong_desktop.store.auditentry import entry_hash

    at = "2026-01-31T10:00:00.123456"
    head = json.dumps([7, at, 420, actor, action], ensure_ascii=False).encode()
    expected = hashlib.sha256(b"p" * 32)
    expected.update(struct.pack(">I", len(head)) + head)
    expected.update(b"changes")
    assert entry_hash(b"p" * 32, 7, at, 420, actor, action, b"changes") == expected.digest()


def test_numbered_keys_pack_as_runs_and_a_crafted_count_is_refused() -> None:
    import json
    import zlib

    from ewarong_desktop.store.auditentry import CREATE, Change, pack_changes, unpack_changes

    changes = [Change("stock_movements", n, CREATE, bytes([n]) * 16) for n in (9, 5, 6, 7)]
    blob = pack_changes(changes)
    head = json.loads(zlib.decompress(blob).split(b"\n", 1)[0])
    assert head[0][1] == {"runs": [5, 3, 9, 1]}
    assert {(c.row_id, c.digest) for c in unpack_changes(blob)} == {
        (c.row_id, c.digest) for c in changes
    }
    crafted = json.dumps([["stock_movements", {"runs": [1, 10**12]}, "0", {}]]).encode()
    with pytest.raises(ValueError, match="malformed"):
        list(unpack_changes(zlib.compress(crafted + b"\n" + b"x" * 16)))


def _last_entry_digest(shop: Shop, table: str) -> tuple[int, bytes]:
    with shop.ctx.reading() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert entry is not None
        (change,) = [c for c in unpack_changes(entry.changes) if c.table == table]
        return int(change.row_id), change.digest


def _file_digest(shop: Shop, table: str, row_id: int) -> bytes:
    with closing(sqlite3.connect(shop.data_dir / STORE_FILE)) as raw:
        found = dict(digest_rows(raw, table, "WHERE id = ?", (row_id,)))
    return found[row_id]


def test_a_commit_digests_by_the_layout_the_file_has_now_when_another_program_changed_it(
    shop: Shop,
) -> None:
    # The digest plans are kept between commits (PRAGMA table_info cost more than the rows):
    # a column added by another connection (another process, or a newer app's migration)
    # must be digested at the next commit as `check` will digest the rows: a trailing NULL
    # is left out (the plan made before the column existed would spell it).
    stock.adjust_stock(shop.ctx, shop.ids["BRS"], Decimal(-1), "rusak")
    first_id, first_digest = _last_entry_digest(shop, "stock_movements")
    assert first_digest == _file_digest(shop, "stock_movements", first_id)
    with closing(sqlite3.connect(shop.data_dir / STORE_FILE)) as raw:
        raw.execute("ALTER TABLE stock_movements ADD COLUMN extra TEXT")
        raw.commit()
    stock.adjust_stock(shop.ctx, shop.ids["BRS"], Decimal(-1), "rusak")
    row_id, digest = _last_entry_digest(shop, "stock_movements")
    assert digest == _file_digest(shop, "stock_movements", row_id)
    with closing(sqlite3.connect(shop.data_dir / STORE_FILE)) as raw:
        row = raw.execute("SELECT * FROM stock_movements WHERE id = ?", (row_id,)).fetchone()
        assert list(table_layout(raw, "stock_movements"))[-2:] == ["id", "extra"]
    # The plan made before: every column up to `id` (never NULL) spelt, so the NULL too.
    stale = hashlib.blake2b(b"stock_movements\x00" + repr(row).encode(), digest_size=16)
    assert row[-1] is None and stale.digest() != digest


class _Failed(Exception):
    pass


def test_a_transaction_whose_connection_was_lost_ends_with_the_error_that_ended_it(
    shop: Shop,
) -> None:
    # The plain reads and the audit hook share one driver cursor a transaction, closed at
    # its end: a connection invalidated on the way (SQLAlchemy closes it) must not turn
    # the end into "Cannot operate on a closed database".
    with pytest.raises(_Failed), shop.ctx.db.session() as session:
        assert tracking.driver_rows(session, "SELECT 1") == [(1,)]
        session.connection().invalidate()
        raise _Failed
    # ... and the store is written as before.
    before = counter(shop)
    stock.adjust_stock(shop.ctx, shop.ids["BRS"], Decimal(-1), "rusak")
    assert counter(shop) == before + 1
