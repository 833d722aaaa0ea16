"""Versions, the change counter and the audit log come from one flush hook."""

import pytest
from sqlalchemy import select

from ewarong_desktop.domain.errors import Conflict
from ewarong_desktop.services import beneficiaries
from ewarong_desktop.services.beneficiaries import BeneficiaryInput
from ewarong_desktop.store.models import AuditEntry, ChangeCounter
from ewarong_desktop.store.repositories.integrity import row_history
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

    from ewarong_desktop.store.tracking import entry_hash

    at = "2026-01-31T10:00:00.123456"
    head = json.dumps([7, at, 420, actor, action], ensure_ascii=False).encode()
    expected = hashlib.sha256(b"p" * 32)
    expected.update(struct.pack(">I", len(head)) + head)
    expected.update(b"changes")
    assert entry_hash(b"p" * 32, 7, at, 420, actor, action, b"changes") == expected.digest()


def test_numbered_keys_pack_as_runs_and_a_crafted_count_is_refused() -> None:
    import json
    import zlib

    from ewarong_desktop.store.tracking import CREATE, Change, pack_changes, unpack_changes

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
