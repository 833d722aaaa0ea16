"""Exporting bundles from a demo store: chain, kinds, restores, lost sticks, new keys."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from ewarong_desktop.domain.errors import InvalidInput, NotFound, StoreProblem
from ewarong_desktop.services import sync_export
from ewarong_desktop.services.context import CLI_ACTOR, ServiceContext
from ewarong_desktop.services.redemption import void_redemption
from ewarong_desktop.services.sync_source import bundle_snapshot
from ewarong_desktop.store.database import STORE_FILE
from ewarong_desktop.store.models import Redemption
from ewarong_desktop.sync import keys
from ewarong_desktop.sync.enrolment import read_enrolment
from ewarong_desktop.sync.reader import EnrolledKey, open_envelope, read_data, verify_manifest
from tests.templates import demo_12x2

TODAY = datetime(2024, 5, 20, 10, 0)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    demo_12x2(data_dir)
    return data_dir


@pytest.fixture
def ctx(template, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(template, data_dir)
    context = ServiceContext.open(data_dir, CLI_ACTOR)
    yield context
    context.close()


@pytest.fixture
def usb(tmp_path) -> Path:
    path = tmp_path / "usb"
    path.mkdir()
    return path


class Ring:
    """The district's view of this laptop's key, for reading its bundles back."""

    def __init__(self, ctx: ServiceContext) -> None:
        kdir = sync_export.key_dir(ctx)
        public = keys.load_signing_key(kdir).public_key()
        self.key = EnrolledKey(
            "LTM-SKP-01",
            keys.load_state(kdir).epoch,
            keys.key_id(public),
            keys.public_key_bytes(public),
        )

    def current(self, code):
        return self.key if code == self.key.code else None

    def replaced_epoch(self, code, kid):
        return None


def read_back(ctx, path):
    envelope = open_envelope(path)
    return read_data(envelope, verify_manifest(envelope, Ring(ctx)))


def any_redemption_id(ctx) -> str:
    from sqlalchemy import select

    with ctx.reading() as session:
        return session.scalars(
            select(Redemption.id).where(Redemption.status == "completed").limit(1)
        ).one()


def test_first_export_is_full_and_readable(ctx, usb):
    result = sync_export.export_bundle(ctx, usb)
    assert (result.seq, result.epoch, result.kind, result.reason_full) == (
        1,
        1,
        "full",
        "first_of_epoch",
    )
    assert result.path.read_bytes() == result.kept.read_bytes()
    bundle = read_back(ctx, result.path)
    m = bundle.manifest
    assert m.prev_manifest_sha256 is None and m.changes_from == 0
    snapshot = bundle_snapshot(ctx.db, 0)
    assert m.changes_to == snapshot.change_to
    assert {t: len(r) for t, r in bundle.tables.items()} == {
        t: len(r) for t, r in snapshot.tables.items()
    }
    assert not list(usb.glob(".*"))  # no temporary file left on the stick


def test_nothing_changed_writes_nothing_and_uses_no_seq_but_full_always_writes(ctx, usb):
    first = sync_export.export_bundle(ctx, usb)
    assert isinstance(first, sync_export.ExportResult)
    written = sorted(usb.iterdir())
    kept = sorted(sync_export.bundles_dir(ctx).iterdir())
    second = sync_export.export_bundle(ctx, usb)
    assert second == sync_export.NothingToExport(epoch=1, last_seq=1)
    assert (
        sorted(usb.iterdir()) == written and sorted(sync_export.bundles_dir(ctx).iterdir()) == kept
    )
    full = sync_export.export_bundle(ctx, usb, full=True)
    assert isinstance(full, sync_export.ExportResult) and full.seq == 2  # seq 2: none was used
    assert read_back(ctx, full.path).manifest.prev_manifest_sha256 == first.manifest_sha256
    void_redemption(ctx, any_redemption_id(ctx), "Salah input", "REV123")
    third = sync_export.export_bundle(ctx, usb)
    assert isinstance(third, sync_export.ExportResult) and (third.seq, third.records) == (3, 1)


def test_incremental_carries_exactly_what_changed(ctx, usb):
    sync_export.export_bundle(ctx, usb)
    rid = any_redemption_id(ctx)
    void_redemption(ctx, rid, "Salah input", "REV123")
    bundle = read_back(ctx, sync_export.export_bundle(ctx, usb).path)
    changed = bundle.tables["redemptions"]
    assert [(r["id"], r["version"], r["status"]) for r in changed] == [(rid, 2, "voided")]
    assert bundle.manifest.summary["redemptions"]["count"] == 0


def test_full_on_request_continues_the_chain(ctx, usb):
    first = sync_export.export_bundle(ctx, usb)
    again = sync_export.export_bundle(ctx, usb, full=True)
    m = read_back(ctx, again.path).manifest
    assert (m.seq, m.kind, m.prev_manifest_sha256) == (2, "full", first.manifest_sha256)
    assert again.reason_full == "asked"


def test_after_restoring_an_older_backup_the_next_bundle_is_full(ctx, usb, tmp_path):
    sync_export.export_bundle(ctx, usb)
    data_dir = ctx.data_dir
    ctx.close()
    backup = tmp_path / "backup.sqlite"
    shutil.copyfile(data_dir / STORE_FILE, backup)
    ctx2 = ServiceContext.open(data_dir, CLI_ACTOR)
    void_redemption(ctx2, any_redemption_id(ctx2), "Salah", "REV9")
    second = sync_export.export_bundle(ctx2, usb)
    ctx2.close()
    shutil.copyfile(backup, data_dir / STORE_FILE)  # the operator restores last week's backup
    for suffix in ("-wal", "-shm"):
        (data_dir / (STORE_FILE + suffix)).unlink(missing_ok=True)
    ctx3 = ServiceContext.open(data_dir, CLI_ACTOR)
    try:
        third = sync_export.export_bundle(ctx3, usb)
        m = read_back(ctx3, third.path).manifest
    finally:
        ctx3.close()
    assert (m.seq, m.kind, third.reason_full) == (3, "full", "restored")
    assert m.prev_manifest_sha256 == second.manifest_sha256


def test_export_again_is_byte_for_byte_and_uses_no_seq(ctx, usb, tmp_path):
    first = sync_export.export_bundle(ctx, usb)
    lost = tmp_path / "new-stick"
    lost.mkdir()
    copy = sync_export.export_again(ctx, 1, lost)
    assert (
        hashlib.sha256(copy.read_bytes()).digest()
        == hashlib.sha256(first.path.read_bytes()).digest()
    )
    assert keys.load_state(sync_export.key_dir(ctx)).last_seq == 1
    with pytest.raises(NotFound):
        sync_export.export_again(ctx, 7, lost)


def test_missing_stick_uses_no_seq(ctx, tmp_path):
    with pytest.raises(InvalidInput):
        sync_export.export_bundle(ctx, tmp_path / "not-plugged-in")
    assert keys.load_state(sync_export.key_dir(ctx)).last_seq == 0


def test_stick_pulled_mid_write_keeps_the_seq_and_says_export_again(ctx, usb, monkeypatch):
    real = sync_export.atomic_write_bytes

    def flaky(path, data, mode=None):
        if path.parent == usb:
            raise OSError(5, "Input/output error")
        real(path, data, mode)

    monkeypatch.setattr(sync_export, "atomic_write_bytes", flaky)
    with pytest.raises(StoreProblem) as info:
        sync_export.export_bundle(ctx, usb)
    assert "export --again 1" in info.value.message("en")
    assert list(usb.iterdir()) == []
    monkeypatch.setattr(sync_export, "atomic_write_bytes", real)
    assert sync_export.export_again(ctx, 1, usb).exists()
    void_redemption(ctx, any_redemption_id(ctx), "Salah input", "REV123")
    assert sync_export.export_bundle(ctx, usb).seq == 2


def test_a_kept_copy_newer_than_the_state_still_counts(ctx, usb):
    kdir = sync_export.key_dir(ctx)
    before = (kdir / keys.STATE_FILE).read_bytes()
    first = sync_export.export_bundle(ctx, usb)
    (kdir / keys.STATE_FILE).write_bytes(before)  # a crash right after the kept copy
    second = sync_export.export_bundle(ctx, usb)
    assert second.seq == 2
    assert read_back(ctx, second.path).manifest.prev_manifest_sha256 == first.manifest_sha256


def test_rekey_starts_a_new_epoch_with_a_full_bundle(ctx, usb):
    old = sync_export.key_info(ctx)
    sync_export.export_bundle(ctx, usb)
    with pytest.raises(InvalidInput):
        sync_export.rekey(ctx, "  ")
    result = sync_export.rekey(ctx, "laptop diinstal ulang", usb)
    assert result.epoch == 2 and result.key_id != old.key_id
    enrolment = read_enrolment(result.enrolment)
    assert (enrolment.epoch, enrolment.key_id) == (2, result.key_id)
    log = (sync_export.key_dir(ctx) / sync_export.REKEY_LOG).read_text().splitlines()
    assert json.loads(log[-1])["reason"] == "laptop diinstal ulang"
    bundle = sync_export.export_bundle(ctx, usb)
    assert (bundle.epoch, bundle.seq, bundle.kind) == (2, 1, "full")
    assert read_back(ctx, bundle.path).manifest.prev_manifest_sha256 is None


def test_list_bundles_and_enrolment(ctx, usb):
    sync_export.export_bundle(ctx, usb)
    void_redemption(ctx, any_redemption_id(ctx), "Salah input", "REV123")
    sync_export.export_bundle(ctx, usb)
    kept = sync_export.list_bundles(ctx)
    assert [(b.epoch, b.seq, b.kind) for b in kept] == [(1, 1, "full"), (1, 2, "incremental")]
    assert kept[0].redemptions > 0 and kept[1].records == 1
    path = sync_export.write_enrolment(ctx, usb)
    assert path.name == "ewarong-LTM-SKP-01.enrol.json"
    assert read_enrolment(path).fingerprint == sync_export.key_info(ctx).fingerprint


def test_rekey_after_the_key_folder_was_lost_needs_the_epoch(ctx, usb):
    shutil.rmtree(sync_export.key_dir(ctx))
    with pytest.raises(StoreProblem):
        sync_export.export_bundle(ctx, usb)
    with pytest.raises(InvalidInput) as info:
        sync_export.rekey(ctx, "instal ulang, folder kunci hilang")
    assert "--epoch" in info.value.message("en")
    result = sync_export.rekey(ctx, "instal ulang, folder kunci hilang", usb, epoch=3)
    assert read_enrolment(result.enrolment).epoch == 3
    bundle = sync_export.export_bundle(ctx, usb)
    assert (bundle.epoch, bundle.seq, bundle.kind) == (3, 1, "full")


def test_two_exports_never_run_at_once(ctx, usb, monkeypatch):
    from ewarong_desktop.fsio import exclusive_lock

    monkeypatch.setattr(sync_export, "LOCK_TIMEOUT", 0.2)
    with exclusive_lock(ctx.data_dir / sync_export.LOCK_FILE):
        with pytest.raises(StoreProblem) as info:
            sync_export.export_bundle(ctx, usb)
        assert "Another export" in info.value.message("en")
    assert keys.load_state(sync_export.key_dir(ctx)).last_seq == 0
    assert sync_export.export_bundle(ctx, usb).seq == 1
