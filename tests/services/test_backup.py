"""Backups and restores: whole copies of a live store, rotation, refusals, the bundle chain."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import time
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from ewarong_desktop.cli import main as cli_main
from ewarong_desktop.domain.errors import Conflict, InvalidInput, PermissionDenied, StoreProblem
from ewarong_desktop.services import backup as backups
from ewarong_desktop.services import backup_files as bf
from ewarong_desktop.services import recovery, sync_export
from ewarong_desktop.services.context import CLI_ACTOR, Actor, ServiceContext
from ewarong_desktop.services.integrity import check_store
from ewarong_desktop.services.redemption import void_redemption
from ewarong_desktop.store.base import key_bytes
from ewarong_desktop.store.database import STORE_FILE, StoreDamaged
from ewarong_desktop.store.models import Redemption
from ewarong_desktop.sync import keys
from ewarong_desktop.sync.reader import EnrolledKey, open_envelope, read_data, verify_manifest
from ewarong_desktop.sync.sequence import ChainState, Decision, advance, decide
from tests.templates import demo_3x1, demo_12x2

TODAY = datetime(2024, 5, 20, 10, 0)
OPERATOR = Actor("siti", "operator")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    demo_12x2(data_dir)
    return data_dir


@pytest.fixture
def data_dir(template, tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(template, target)
    return target


@pytest.fixture
def ctx(data_dir):
    context = ServiceContext.open(data_dir, CLI_ACTOR)
    yield context
    context.close()


def completed_ids(ctx: ServiceContext) -> list[str]:
    with ctx.reading() as session:
        return list(
            session.scalars(
                select(Redemption.id)
                .where(Redemption.status == "completed")
                .order_by(Redemption.id)
            )
        )


def status_of(data_dir: Path, redemption_id: str) -> str:
    with closing(sqlite3.connect(data_dir / STORE_FILE)) as conn:
        row = conn.execute(
            "SELECT status FROM redemptions WHERE id = ?", (key_bytes(redemption_id),)
        )
        return str(row.fetchone()[0])


def as_store(backup_file: Path, where: Path, code: str | None = None) -> Path:
    where.mkdir()
    bf.unpack(backup_file, where / STORE_FILE, code)
    return where


def plain_copy(backup_file: Path, target: Path) -> Path:
    """The store a compressed backup holds, as a plain SQLite file at `target`."""
    bf.unpack(backup_file, target, None)
    return target


def test_backup_of_a_live_store_holds_what_is_only_in_the_wal(ctx, data_dir, tmp_path):
    rid = completed_ids(ctx)[0]
    void_redemption(ctx, rid, "Salah input", "REV1")
    wal = data_dir / (STORE_FILE + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the void is not in the main file yet
    result = backups.backup(ctx, now=TODAY)
    assert result.path.parent == data_dir / "backups"
    assert result.path.name == "ewarong-LTM-SKP-01-b000001-20240520-100000.backup.zst"
    assert not list(result.path.parent.glob(".*"))  # no temporary file left behind
    copy = as_store(result.path, tmp_path / "copy")
    assert not (copy / (STORE_FILE + "-wal")).exists()
    with closing(sqlite3.connect(copy / STORE_FILE)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert check_store(copy).ok
    assert status_of(copy, rid) == "voided"


def test_backups_and_their_folder_are_private(ctx, data_dir):
    result = backups.backup(ctx)
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(result.path.parent.stat().st_mode) == 0o700


def test_a_copy_goes_to_the_usb_stick_too_encrypted(ctx, data_dir, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    result = backups.backup(ctx, usb)
    assert result.copy == usb / (result.path.name + ".enc")
    sealed = result.copy.read_bytes()
    assert sealed.startswith(bf.ENCRYPTED_MAGIC)
    # Nothing of the store readable on the stick: no NIK, no name, no SQLite page.
    plain = (as_store(result.path, tmp_path / "plain") / STORE_FILE).read_bytes()
    with closing(sqlite3.connect(tmp_path / "plain" / STORE_FILE)) as conn:
        nik, name = conn.execute("SELECT nik, name FROM beneficiaries LIMIT 1").fetchone()
    assert nik.encode() in plain and nik.encode() not in sealed and name.encode() not in sealed
    # The code opens it, written however the operator types it.
    code = recovery.code_for_backup(data_dir)
    typed = code.lower().replace("-", " ")
    opened = as_store(result.copy, tmp_path / "opened", typed)
    assert (opened / STORE_FILE).read_bytes() == plain
    with pytest.raises(InvalidInput):
        backups.backup(ctx, tmp_path / "not-plugged-in")


def test_a_copy_inside_the_data_folder_is_not_encrypted(ctx, data_dir):
    extra = data_dir / "extra"
    extra.mkdir()
    result = backups.backup(ctx, extra)
    assert result.copy == extra / result.path.name
    assert result.copy.read_bytes() == result.path.read_bytes()


def test_a_backup_is_a_fraction_of_the_store(ctx, data_dir):
    result = backups.backup(ctx)
    assert result.bytes < 0.4 * (data_dir / STORE_FILE).stat().st_size


def test_an_encrypted_backup_restores_only_with_its_code(ctx, data_dir, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    rid = completed_ids(ctx)[0]
    sealed = backups.backup(ctx, usb).copy
    assert sealed is not None
    code = recovery.code_for_backup(data_dir)
    void_redemption(ctx, rid, "Salah input", "REV1")
    ctx.close()
    before = (data_dir / STORE_FILE).read_bytes()
    other = bf.new_recovery_code()
    for given, refusal in ((None, bf.RecoveryCodeNeeded), (other, bf.RecoveryCodeWrong),
                           ("not a code", bf.RecoveryCodeWrong)):  # fmt: skip
        with pytest.raises(refusal):
            backups.restore(data_dir, sealed, actor=CLI_ACTOR, recovery_code=given)
        assert (data_dir / STORE_FILE).read_bytes() == before
    assert not (data_dir / "replaced").exists()
    backups.restore(data_dir, sealed, actor=CLI_ACTOR, recovery_code=code)
    assert status_of(data_dir, rid) == "completed"
    assert check_store(data_dir).ok


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="cut-short"),
        pytest.param(lambda raw: raw + raw[-100:], id="appended"),
        pytest.param(lambda raw: raw[:200] + bytes([raw[200] ^ 1]) + raw[201:], id="bit-flipped"),
    ],
)
def test_a_tampered_encrypted_backup_is_refused(ctx, data_dir, tmp_path, spoil):
    usb = tmp_path / "usb"
    usb.mkdir()
    sealed = backups.backup(ctx, usb).copy
    assert sealed is not None
    code = recovery.code_for_backup(data_dir)
    ctx.close()
    bad = tmp_path / "bad.enc"
    bad.write_bytes(spoil(sealed.read_bytes()))
    before = (data_dir / STORE_FILE).read_bytes()
    with pytest.raises(InvalidInput):
        backups.restore(data_dir, bad, actor=CLI_ACTOR, recovery_code=code)
    assert (data_dir / STORE_FILE).read_bytes() == before


def test_a_compressed_bomb_is_refused_before_it_fills_the_disk(
    ctx, data_dir, tmp_path, monkeypatch
):
    import zstandard

    ctx.close()
    bomb = tmp_path / "bomb.sqlite.zst"
    bomb.write_bytes(zstandard.ZstdCompressor().compress(bf.SQLITE_MAGIC + bytes(50_000_000)))
    monkeypatch.setattr(bf, "MIN_LIMIT", 1_000_000)
    with pytest.raises(InvalidInput) as info:
        backups.restore(data_dir, bomb, actor=CLI_ACTOR)
    assert "far too large" in info.value.message("en")
    assert not list(data_dir.glob(".restore-*"))


def test_rotation_keeps_the_last_five_days_one_per_month_for_three_months_and_one_per_year(
    ctx, data_dir
):
    stamps = [datetime(2023, 12, 28, 8)]
    stamps += [datetime(2024, month, day, 8) for month in range(1, 8) for day in (1, 10, 20, 28)]
    for moment in stamps:
        backups.backup(ctx, now=moment)
    kept = backups.list_backups(data_dir / "backups")
    # 2023's last; the last of May, June and July (the newest three months); the five newest
    # days (each has one backup here, the newest two among them).
    assert [b.number for b in kept] == [1, 21, *range(25, 30)]


def used_on(days: list[date]) -> list[tuple[str, str]]:
    """Rotation as the days go by: a backup at each day's first start and one at closing,
    the kept ones left after each; returns them as (day, first|closing), oldest first."""
    on_disk: list[backups.BackupFile] = []
    number = 0
    for day in days:
        for _moment in ("first", "closing"):
            number += 1
            on_disk.append(backups.BackupFile(Path(str(number)), number, f"{day:%Y%m%d}"))
            keep = backups.kept(on_disk)
            on_disk = [b for b in on_disk if b.path in keep]
            assert len(on_disk) <= 13  # never more, however long the shop runs
    return [(b.day, "first" if b.number % 2 else "closing") for b in on_disk]


def every_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_after_one_day_both_backups_are_kept():
    assert used_on([date(2026, 1, 5)]) == [("20260105", "first"), ("20260105", "closing")]


def test_after_ten_days_the_last_five_days_and_today_before_work():
    kept = used_on(every_day(date(2026, 1, 1), date(2026, 1, 10)))
    closings = [f"202601{d:02d}" for d in range(6, 10)]
    assert kept == [*((d, "closing") for d in closings), ("20260110", "first"),
                    ("20260110", "closing")]  # fmt: skip


def test_after_five_years_twelve_files_from_the_last_week_back_to_the_first_year():
    kept = used_on(every_day(date(2026, 1, 1), date(2030, 12, 31)))
    assert kept == [
        *((f"{year}1231", "closing") for year in range(2026, 2030)),  # each year's last
        ("20301031", "closing"), ("20301130", "closing"),  # the two months before this one
        *((f"203012{d:02d}", "closing") for d in range(27, 31)),  # the working week
        ("20301231", "first"), ("20301231", "closing"),  # today, before work and at closing
    ]  # fmt: skip


def test_after_a_holiday_the_days_before_it_are_still_kept():
    days = [*every_day(date(2026, 3, 2), date(2026, 3, 6)), date(2026, 3, 23)]
    assert [d for d, _ in used_on(days)] == [
        "20260303", "20260304", "20260305", "20260306", "20260323", "20260323"
    ]  # fmt: skip


def test_a_clock_set_back_to_2019_never_rotates_the_newest_away(ctx, data_dir):
    for day in range(1, 13):
        backups.backup(ctx, now=datetime(2024, 5, day, 8))
    for _ in range(3):
        backups.backup(ctx, now=datetime(2019, 1, 1, 8))
    numbers = [b.number for b in backups.list_backups(data_dir / "backups")]
    # The newest two whatever their date, then May's last four days (2019's is the fifth).
    assert numbers == [9, 10, 11, 12, 14, 15]


def test_disk_full_during_backup_leaves_nothing_half_written(ctx, data_dir, monkeypatch):
    first = backups.backup(ctx)

    def full(source):  # SQLite out of room for the copy (memory, or its temporary files)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups.logical, "copy_of", full)
    with pytest.raises(StoreProblem) as info:
        backups.backup(ctx)
    assert "disk is full" in info.value.message("en")
    assert "disk penuh" in info.value.message("id")
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == [first.path.name]


def test_usb_full_or_read_only_says_so_and_leaves_no_file(ctx, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()

    def stick_full(src, dst, code):
        dst.write(src.read(4096))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups.bf, "encrypt", stick_full)
    with pytest.raises(StoreProblem) as info:
        backups.backup(ctx, usb)
    assert "kept on the laptop" in info.value.message("en")
    assert "disk is full" in info.value.message("en")
    assert list(usb.iterdir()) == []
    assert len(backups.list_backups(ctx.data_dir / "backups")) == 1

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(backups.tempfile, "mkstemp", read_only)
    with pytest.raises(StoreProblem) as info:
        backups.backup(ctx, usb)
    assert "read-only" in info.value.message("en")


def test_restore_rolls_the_store_back_and_keeps_the_current_one_aside(ctx, data_dir):
    kdir = data_dir / "keys"
    key_before = (kdir / keys.KEY_FILE).read_bytes()
    rid = completed_ids(ctx)[0]
    saved = backups.backup(ctx).path
    void_redemption(ctx, rid, "Salah input", "REV1")
    state_before = (kdir / keys.STATE_FILE).read_bytes()
    result = backups.restore(ctx, saved)
    assert status_of(data_dir, rid) == "completed"
    assert result.replaced is not None and status_of(result.replaced, rid) == "voided"
    assert stat.S_IMODE((result.replaced / STORE_FILE).stat().st_mode) == 0o600
    assert check_store(data_dir).ok
    assert (kdir / keys.KEY_FILE).read_bytes() == key_before
    assert (kdir / keys.STATE_FILE).read_bytes() == state_before
    assert not list(data_dir.glob(".restore-*"))


def test_an_operator_may_back_up_but_not_restore(ctx, data_dir):
    as_operator = ctx.as_actor(OPERATOR)
    saved = backups.backup(as_operator).path
    before = (data_dir / STORE_FILE).read_bytes()
    with pytest.raises(PermissionDenied):
        backups.restore(as_operator, saved)
    with pytest.raises(PermissionDenied):
        backups.restore(data_dir, saved, actor=OPERATOR)
    assert (data_dir / STORE_FILE).read_bytes() == before


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda raw: b"not a database at all", id="not-sqlite"),
        pytest.param(lambda raw: raw[: len(raw) // 3], id="truncated"),
        pytest.param(lambda raw: raw[:4096] + b"\xff" * 4096 + raw[8192:], id="page-smashed"),
    ],
)
def test_a_damaged_file_is_refused_and_nothing_changes(ctx, data_dir, tmp_path, spoil):
    saved = plain_copy(backups.backup(ctx).path, tmp_path / "saved.sqlite")
    ctx.close()
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(spoil(saved.read_bytes()))
    before = (data_dir / STORE_FILE).read_bytes()
    with pytest.raises(InvalidInput):
        backups.restore(data_dir, bad, actor=CLI_ACTOR)
    assert (data_dir / STORE_FILE).read_bytes() == before
    assert not (data_dir / "replaced").exists()


def test_a_backup_edited_outside_the_app_is_refused(ctx, data_dir, tmp_path):
    saved = backups.backup(ctx).path
    ctx.close()
    edited = plain_copy(saved, tmp_path / "edited.sqlite")
    with closing(sqlite3.connect(edited)) as conn, conn:
        conn.execute("UPDATE redemptions SET total_rupiah = total_rupiah + 1000")
    with pytest.raises(InvalidInput) as info:
        backups.restore(data_dir, edited, actor=CLI_ACTOR)
    assert "check failed" in info.value.message("en")


def test_another_warongs_backup_is_refused(ctx, data_dir, tmp_path):
    saved = backups.backup(ctx).path
    other = tmp_path / "other"
    demo_3x1(other)
    with closing(sqlite3.connect(other / STORE_FILE)) as conn, conn:
        conn.execute("UPDATE warong_profile SET code = 'LTM-XYZ-02'")
    with pytest.raises(InvalidInput) as info:
        backups.restore(other, saved, actor=CLI_ACTOR)
    assert "LTM-SKP-01" in info.value.message("en")


def test_a_damaged_store_can_be_replaced_and_is_kept_byte_for_byte(ctx, data_dir):
    saved = backups.backup(ctx).path
    ctx.close()
    store = data_dir / STORE_FILE
    raw = bytearray(store.read_bytes())
    raw[100:8192] = b"\x00" * (8192 - 100)
    store.write_bytes(bytes(raw))
    result = backups.restore(data_dir, saved, actor=CLI_ACTOR)
    assert result.replaced is not None
    assert (result.replaced / STORE_FILE).read_bytes() == bytes(raw)
    assert check_store(data_dir).ok


class Ring:
    """The district's view of this laptop's key."""

    def __init__(self, data_dir: Path) -> None:
        public = keys.load_signing_key(data_dir / "keys").public_key()
        self.key = EnrolledKey("LTM-SKP-01", 1, keys.key_id(public), keys.public_key_bytes(public))

    def current(self, code):
        return self.key if code == self.key.code else None

    def replaced_epoch(self, code, kid):
        return None


def test_restore_never_rolls_the_bundle_sequence_back(data_dir, tmp_path):
    """Backup after seq 1, seq 2 sent, restore: seq 3 is full, chained to seq 2, accepted."""
    usb = tmp_path / "usb"
    usb.mkdir()
    ring = Ring(data_dir)
    district = ChainState(epoch=1)

    def send(ctx: ServiceContext) -> tuple[sync_export.ExportResult, Decision]:
        nonlocal district
        result = sync_export.export_bundle(ctx, usb)
        envelope = open_envelope(result.path)
        manifest = read_data(envelope, verify_manifest(envelope, ring)).manifest
        decision = decide(district, manifest, result.manifest_sha256)
        district = advance(district, manifest, result.manifest_sha256, decision)
        return result, decision

    ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    first, _ = send(ctx)
    saved = backups.backup(ctx).path  # the store knows seq 1 was its last bundle
    void_redemption(ctx, completed_ids(ctx)[0], "Salah input", "REV1")
    second, _ = send(ctx)
    assert second.kind == "incremental"
    backups.restore(ctx, saved)
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    try:
        third, decision = send(ctx)
        void_redemption(ctx, completed_ids(ctx)[0], "Salah input", "REV2")
        fourth, _ = send(ctx)
    finally:
        ctx.close()
    assert (third.seq, third.kind, third.reason_full) == (3, "full", "restored")
    assert decision is Decision.IMPORT
    state = keys.load_state(data_dir / "keys")
    assert (state.last_seq, state.last_manifest_sha256) == (4, fourth.manifest_sha256)
    assert (fourth.seq, fourth.kind) == (4, "incremental")
    envelope = open_envelope(third.path)
    manifest = verify_manifest(envelope, ring)
    assert manifest.prev_manifest_sha256 == second.manifest_sha256
    assert first.seq == 1


def test_restoring_a_backup_taken_right_after_an_export_still_sends_full(data_dir, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    first = sync_export.export_bundle(ctx, usb)
    saved = backups.backup(ctx).path
    backups.restore(ctx, saved)
    ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    try:
        second = sync_export.export_bundle(ctx, usb)
    finally:
        ctx.close()
    assert (second.seq, second.kind, second.reason_full) == (2, "full", "restored")
    assert open_envelope(second.path) and first.seq == 1


def test_cli_backup_list_and_restore(data_dir, tmp_path, capsys, monkeypatch):
    from ewarong_desktop.services.operators import add_operator

    admin_ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    add_operator(admin_ctx, "teknisi", "admin", "246810")
    admin_ctx.close()
    monkeypatch.setenv("EWARONG_OPERATOR", "teknisi")
    monkeypatch.setenv("EWARONG_PIN", "246810")
    usb = tmp_path / "usb"
    usb.mkdir()
    base = ["--data-dir", str(data_dir), "--lang", "en"]
    assert cli_main([*base, "backup", "--to", str(usb)]) == 0
    saved = next((data_dir / "backups").iterdir())
    sealed = usb / (saved.name + ".enc")
    assert sealed.exists()
    assert cli_main([*base, "restore", str(sealed)]) == 1
    assert "recovery code" in capsys.readouterr().err
    code = recovery.code_for_backup(data_dir)
    os.environ["EWARONG_RECOVERY_CODE"] = "2222-2222-2222-2222-2222"
    try:
        assert cli_main([*base, "restore", str(sealed)]) == 1
        assert "does not open" in capsys.readouterr().err
        assert cli_main([*base, "restore", str(sealed), "--recovery-code", code]) == 0
        assert "kept in" in capsys.readouterr().out
        os.environ["EWARONG_RECOVERY_CODE"] = code
        assert cli_main([*base, "restore", str(sealed)]) == 0
    finally:
        del os.environ["EWARONG_RECOVERY_CODE"]
    assert cli_main([*base, "backups"]) == 0
    assert saved.name in capsys.readouterr().out
    assert cli_main([*base, "restore", str(saved)]) == 0
    assert "kept in" in capsys.readouterr().out
    assert cli_main([*base, "restore", str(tmp_path / "nothing.sqlite")]) == 1
    assert "cannot be restored" in capsys.readouterr().err


@pytest.mark.parametrize("when", ["staging", "setting-aside"])
def test_a_full_disk_during_restore_leaves_the_current_store_in_place(ctx, data_dir, when):
    saved = backups.backup(ctx).path
    ctx.close()
    before = (data_dir / STORE_FILE).read_bytes()

    def full(src, dst, *args, **kwargs):
        Path(dst).write_bytes(b"SQLite format 3\x00")  # what a disk filling up leaves
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.MonkeyPatch.context() as patch:
        if when == "staging":  # unpacking the backup into the work folder
            patch.setattr(backups.bf, "unpack", full)
        else:  # copying the current store aside
            patch.setattr(backups.shutil, "copyfile", full)
        with pytest.raises(StoreProblem) as info:
            backups.restore(data_dir, saved, actor=CLI_ACTOR)
    assert "disk is full" in info.value.message("en")
    assert (data_dir / STORE_FILE).read_bytes() == before
    assert not list(data_dir.glob(".restore-*"))
    assert not list(data_dir.glob("replaced/*/*"))
    assert check_store(data_dir).ok


def test_a_damaged_store_is_never_backed_up_over_good_backups(ctx, data_dir):
    good = backups.backup(ctx).path
    ctx.close()
    store = data_dir / STORE_FILE
    raw = bytearray(store.read_bytes())
    raw[4096:12288] = b"\xa5" * 8192
    store.write_bytes(bytes(raw))
    for _ in range(backups.KEEP_RECENT + 2):
        with pytest.raises(StoreDamaged):
            backups.backup(data_dir)
    assert [b.path for b in backups.list_backups(data_dir / "backups")] == [good]
    assert not list((data_dir / "backups").glob(".*"))


def test_a_store_open_in_another_window_is_not_swapped(ctx, data_dir):
    saved = backups.backup(ctx).path
    other_window = ServiceContext.open(data_dir, CLI_ACTOR)
    completed_ids(other_window)  # the window has read from the store: it holds it open
    try:
        with pytest.raises(Conflict) as info:
            backups.restore(ctx, saved)
        assert "another window" in info.value.message("en")
    finally:
        other_window.close()
    assert backups.restore(data_dir, saved, actor=CLI_ACTOR).replaced is not None


def test_leftovers_of_killed_backups_and_restores_are_swept_once_old(ctx, data_dir):
    stale_part = data_dir / "backups" / ".backup-killed.part"
    young_part = data_dir / "backups" / ".backup-running.part"
    stale_dir = data_dir / ".restore-killed"
    for path in (stale_part, young_part):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"SQLite format 3\x00half")
    stale_dir.mkdir()
    (stale_dir / STORE_FILE).write_bytes(b"half")
    two_hours_ago = time.time() - 7200
    for path in (stale_part, stale_dir):
        os.utime(path, (two_hours_ago, two_hours_ago))
    saved = backups.backup(ctx).path
    assert not stale_part.exists() and young_part.exists()
    assert [b.path for b in backups.list_backups(data_dir / "backups")] == [saved]
    backups.restore(ctx, saved)
    assert not stale_dir.exists()


def test_a_damaged_store_is_not_replaced_by_another_warongs_backup(ctx, data_dir, tmp_path):
    backups.backup(ctx)  # this folder's backups say whose it is
    ctx.close()
    other = tmp_path / "other"
    demo_3x1(other)
    with closing(sqlite3.connect(other / STORE_FILE)) as conn, conn:
        conn.execute("UPDATE warong_profile SET code = 'LTM-XYZ-02'")
    foreign = backups.backup(other).path
    (data_dir / STORE_FILE).write_bytes(b"garbage")
    with pytest.raises(InvalidInput) as info:
        backups.restore(data_dir, foreign, actor=CLI_ACTOR)
    assert "belongs to e-warong LTM-XYZ-02, not LTM-SKP-01" in info.value.message("en")
    assert (data_dir / STORE_FILE).read_bytes() == b"garbage"


def test_disk_full_while_compressing_leaves_nothing_half_written(ctx, data_dir, monkeypatch):
    first = backups.backup(ctx)

    def full(copy, target):
        target.write(b"\x28\xb5\x2f\xfd partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups.bf, "write_store", full)
    with pytest.raises(StoreProblem) as info:
        backups.backup(ctx)
    assert "disk is full" in info.value.message("en")
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == [first.path.name]


# --- the backup's format: rows now, pages and plain files from earlier versions ------------


def table_rows(path: Path, *tables: str) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as conn:
        return {t: conn.execute(f"SELECT _rowid_, * FROM {t} ORDER BY _rowid_").fetchall()
                for t in tables}  # fmt: skip


STORED = ("redemptions", "redemption_lines", "stock_movements", "audit_log", "beneficiaries")


def schema_of(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()


def test_a_backup_holds_pages_without_indexes_and_restores_the_same_store_that_then_works(
    ctx, data_dir, tmp_path
):
    import zstandard

    from ewarong_desktop.store import logical

    saved = backups.backup(ctx).path
    with open(saved, "rb") as raw:
        head = zstandard.ZstdDecompressor().stream_reader(raw).read(len(logical.PAGES_MAGIC))
    assert head == logical.PAGES_MAGIC
    # The indexes are not in the file: SQLite rebuilt them, every one as the store had it.
    back = plain_copy(saved, tmp_path / "back.sqlite")
    assert schema_of(back) == schema_of(data_dir / STORE_FILE)
    assert any(row[0] == "index" and row[3] for row in schema_of(back))
    with closing(sqlite3.connect(back)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    rid = completed_ids(ctx)[0]
    before = table_rows(data_dir / STORE_FILE, *STORED)
    void_redemption(ctx, rid, "Salah input", "REV1")
    backups.restore(ctx, saved)
    assert table_rows(data_dir / STORE_FILE, *STORED) == before
    assert check_store(data_dir).ok
    again = ServiceContext.open(data_dir, CLI_ACTOR)  # and the app works on it
    try:
        void_redemption(again, rid, "Salah input", "REV2")
    finally:
        again.close()
    assert status_of(data_dir, rid) == "voided"
    assert check_store(data_dir).ok


def lean_stream(head: dict[str, object], image: bytes) -> bytes:
    """A crafted backup of the lean pages' form: its head, then `image`, through zstd."""
    import json

    import zstandard

    from ewarong_desktop.store import logical

    text = json.dumps(head).encode()
    raw = logical.PAGES_MAGIC + len(text).to_bytes(4, "little") + text + image
    return zstandard.ZstdCompressor(level=1, write_checksum=True).compress(raw)


@pytest.mark.parametrize(
    "head",
    [
        pytest.param({"indexes": ["DROP TABLE redemptions"]}, id="not-create"),
        pytest.param(
            {"indexes": ["CREATE TRIGGER t AFTER INSERT ON redemptions BEGIN SELECT 1; END"]},
            id="trigger",
        ),
        pytest.param(
            {"indexes": ["CREATE INDEX i ON redemptions (id); DROP TABLE x"]}, id="two-statements"
        ),
        pytest.param({"indexes": ["CREATE INDEX i ON nowhere (id)"]}, id="no-such-table"),
        pytest.param(
            {"indexes": ["CREATE UNIQUE INDEX u ON redemption_lines (product_id)"]},
            id="unique-over-duplicates",
        ),
        pytest.param({"indexes": ["CREATE INDEX aux.i ON redemptions (id)"]}, id="other-db"),
        pytest.param({"indexes": "CREATE INDEX i ON redemptions (id)"}, id="not-a-list"),
        pytest.param({"indexes": [], "attach": "x"}, id="other-keys"),
        pytest.param({"indexes": ["CREATE INDEX i ON redemptions (id)"] * 1001}, id="too-many"),
    ],
)
def test_a_crafted_index_list_in_a_backup_is_refused_and_the_store_kept(
    ctx, data_dir, tmp_path, head
):
    with closing(sqlite3.connect(data_dir / STORE_FILE)) as src:
        image = src.serialize()
    bad = tmp_path / "ewarong-LTM-SKP-01-b000009-20240519-100000.backup.zst"
    bad.write_bytes(lean_stream(head, image))
    before = table_rows(data_dir / STORE_FILE, *STORED)
    with pytest.raises(InvalidInput) as info:
        backups.restore(ctx, bad)
    assert "cannot be restored: the file is damaged" in info.value.message("en")
    assert table_rows(data_dir / STORE_FILE, *STORED) == before


def test_a_lean_backup_whose_image_is_no_store_is_refused(ctx, data_dir, tmp_path):
    bad = tmp_path / "ewarong-LTM-SKP-01-b000009-20240519-100000.backup.zst"
    bad.write_bytes(lean_stream({"indexes": []}, b"not SQLite at all, only words" * 100))
    with pytest.raises(InvalidInput) as info:
        backups.restore(ctx, bad)
    assert "cannot be restored: the file is damaged" in info.value.message("en")


def older_backup(data_dir: Path, kind: str, target: Path) -> Path:
    """A backup as the versions before this one made it: the store's rows (`.backup.zst`),
    before that its pages through zstd (`.sqlite.zst`), before that the plain file
    (`.sqlite`)."""
    import zstandard

    from ewarong_desktop.store import logical

    if kind == "rows":
        with logical.copy_of(data_dir / STORE_FILE) as copy, open(target, "wb") as out:
            assert bf.write_rows(copy, out) == "rows"
        return target

    staged = target.with_suffix(".tmp")
    with (
        closing(sqlite3.connect(data_dir / STORE_FILE)) as src,
        closing(sqlite3.connect(staged)) as copy,
    ):
        src.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")
    if kind == "plain":
        return staged.rename(target)
    with open(staged, "rb") as src_file, open(target, "wb") as out:
        zstandard.ZstdCompressor(level=1, write_checksum=True).copy_stream(src_file, out)
    return target


@pytest.mark.parametrize("kind", ["rows", "pages", "plain"])
def test_backups_in_the_older_formats_still_restore(ctx, data_dir, tmp_path, kind):
    name = (
        "ewarong-LTM-SKP-01-b000001-20240519-100000"
        + {"rows": ".backup.zst", "pages": ".sqlite.zst", "plain": ".sqlite"}[kind]
    )
    saved = older_backup(data_dir, kind, tmp_path / name)
    rid = completed_ids(ctx)[0]
    void_redemption(ctx, rid, "Salah input", "REV1")
    backups.restore(ctx, saved)
    assert status_of(data_dir, rid) == "completed"
    assert check_store(data_dir).ok
    assert backups.list_backups(tmp_path)[0].path == saved  # still listed by its old name


def test_a_backup_holding_a_planted_trigger_is_never_restored(ctx, data_dir, tmp_path):
    """A crafted backup (here the plain file an older version made) with a trigger the app
    never makes: restore refuses it and the store in use stays as it was."""
    planted = "CREATE TRIGGER quietly AFTER INSERT ON redemptions BEGIN SELECT 1; END"
    with closing(sqlite3.connect(data_dir / STORE_FILE)) as conn:
        conn.execute(planted)
    name = "ewarong-LTM-SKP-01-b000001-20240519-100000.sqlite"
    saved = older_backup(data_dir, "plain", tmp_path / name)
    with closing(sqlite3.connect(data_dir / STORE_FILE)) as conn:
        conn.execute("DROP TRIGGER quietly")
    before = table_rows(data_dir / STORE_FILE, *STORED)
    with pytest.raises(InvalidInput) as refused:
        backups.restore(ctx, saved)
    assert "trigger quietly" in refused.value.message("en")
    assert table_rows(data_dir / STORE_FILE, *STORED) == before
    assert check_store(data_dir).ok


@pytest.mark.parametrize(
    ("spoil", "id_words", "en_words"),
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], "terpotong", "cut short", id="cut-short"),
        pytest.param(lambda raw: raw[:-20], "terpotong", "cut short", id="end-missing"),
        pytest.param(
            lambda raw: raw[:300] + bytes([raw[300] ^ 0x10]) + raw[301:], "rusak", "damaged",
            id="one-bit-changed",
        ),
    ],
)  # fmt: skip
def test_a_cut_or_altered_backup_is_refused_and_the_store_kept(
    ctx, data_dir, tmp_path, spoil, id_words, en_words
):
    saved = backups.backup(ctx).path
    ctx.close()
    bad = tmp_path / saved.name
    bad.write_bytes(spoil(saved.read_bytes()))
    before = (data_dir / STORE_FILE).read_bytes()
    with pytest.raises(InvalidInput) as info:
        backups.restore(data_dir, bad, actor=CLI_ACTOR)
    assert f"tidak bisa dipulihkan: berkas {id_words}" in info.value.message("id")
    assert "Data sekarang tidak diubah" in info.value.message("id")
    assert f"cannot be restored: the file is {en_words}" in info.value.message("en")
    assert (data_dir / STORE_FILE).read_bytes() == before
    assert not (data_dir / "replaced").exists()
    assert not list(data_dir.glob(".restore-*"))


def test_the_cli_says_a_cut_backup_is_cut_in_either_language(
    data_dir, tmp_path, capsys, monkeypatch
):
    from ewarong_desktop.services.operators import add_operator

    admin_ctx = ServiceContext.open(data_dir, CLI_ACTOR)
    add_operator(admin_ctx, "teknisi", "admin", "246810")
    admin_ctx.close()
    saved = backups.backup(data_dir).path
    cut = tmp_path / saved.name
    cut.write_bytes(saved.read_bytes()[:-50])
    monkeypatch.setenv("EWARONG_OPERATOR", "teknisi")
    monkeypatch.setenv("EWARONG_PIN", "246810")
    assert cli_main(["--data-dir", str(data_dir), "restore", str(cut)]) == 1
    said_id = capsys.readouterr().err
    assert cli_main(["--data-dir", str(data_dir), "--lang", "en", "restore", str(cut)]) == 1
    said_en = capsys.readouterr().err
    assert "berkas terpotong" in said_id and "Data sekarang tidak diubah" in said_id
    assert "the file is cut short" in said_en and "was not changed" in said_en
    assert "Traceback" not in said_id + said_en


@pytest.mark.parametrize("writer", ["lean", "rows"])
def test_a_store_the_rows_cannot_carry_comes_back_as_it_was(tmp_path, writer):
    from ewarong_desktop.store import logical

    odd = tmp_path / "odd.sqlite"
    with closing(sqlite3.connect(odd)) as conn, conn:
        conn.execute("CREATE TABLE notes (v TEXT)")
        conn.execute("CREATE INDEX notes_v ON notes (v)")
        conn.execute("INSERT INTO notes VALUES ('baik'), (CAST(x'ff00fe' AS TEXT))")
    with logical.copy_of(odd) as copy, open(tmp_path / "odd.backup.zst", "wb") as out:
        if writer == "lean":
            bf.write_store(copy, out)
        else:  # the previous version fell back to the whole pages
            assert bf.write_rows(copy, out) == "pages"
    back = plain_copy(tmp_path / "odd.backup.zst", tmp_path / "back.sqlite")
    with closing(sqlite3.connect(back)) as conn:
        conn.text_factory = bytes
        assert conn.execute("SELECT v FROM notes").fetchall() == [(b"baik",), (b"\xff\x00\xfe",)]
        assert conn.execute("PRAGMA integrity_check").fetchall() == [(b"ok",)]
    assert schema_of(back) == schema_of(odd)
