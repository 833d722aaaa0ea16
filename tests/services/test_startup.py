"""Start-up: a damaged or vanished store is reported, never replaced by an empty one."""

from __future__ import annotations

import errno
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ewarong_desktop.domain.errors import StoreProblem
from ewarong_desktop.services import backup as backups
from ewarong_desktop.services import startup
from ewarong_desktop.services.demo import DEMO_PROFILE
from ewarong_desktop.services.setup import initialise
from ewarong_desktop.store.database import STORE_FILE, NoStore, StoreDamaged


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("store") / "data"
    initialise(data_dir, DEMO_PROFILE, admin_pin="123456")
    return data_dir


@pytest.fixture
def data_dir(template, tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(template, target)
    return target


def test_a_good_store_opens_with_one_backup_a_day(data_dir):
    first = startup.open_for_gui(data_dir)
    first.db.close()
    assert first.backup is not None and first.backup_problem is None and first.clock.ok
    again = startup.open_for_gui(data_dir)
    again.db.close()
    assert again.backup is None  # today's backup is there already
    assert len(backups.list_backups(data_dir / "backups")) == 1
    assert stat.S_IMODE((data_dir / STORE_FILE).stat().st_mode) == 0o600


def smash(path: Path, start: int, end: int, byte: bytes = b"\xa5") -> bytes:
    raw = bytearray(path.read_bytes())
    raw[start:end] = byte * (end - start)
    path.write_bytes(bytes(raw))
    return bytes(raw)


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda p: smash(p, 4096, 12288), id="pages-overwritten"),
        pytest.param(lambda p: smash(p, 0, 100, b"\x00"), id="header-zeroed"),
        pytest.param(lambda p: (p.write_bytes(b"hello"), p.read_bytes())[1], id="not-a-db"),
    ],
)
def test_a_damaged_store_says_restore_and_is_left_as_it_is(data_dir, spoil):
    store = data_dir / STORE_FILE
    damaged = spoil(store)
    with pytest.raises(StoreDamaged) as info:
        startup.open_for_gui(data_dir)
    assert "restore" in info.value.message("en") and "pulihkan" in info.value.message("id")
    assert store.read_bytes() == damaged  # kept for support, never recreated empty
    assert not (data_dir / "backups").exists()  # a damaged store is not backed up


def test_later_starts_the_same_day_still_catch_a_wrecked_header(data_dir):
    startup.open_for_gui(data_dir).db.close()  # the day's first start: full check, backup
    store = data_dir / STORE_FILE
    smash(store, 0, 100, b"\x00")
    with pytest.raises(StoreDamaged):
        startup.open_for_gui(data_dir)


def test_every_page_is_checked_before_the_day_s_backup(data_dir, monkeypatch):
    checks = []
    real = startup.quick_check
    monkeypatch.setattr(
        startup, "quick_check", lambda d, deep=True: checks.append(deep) or real(d, deep=deep)
    )
    startup.open_for_gui(data_dir).db.close()
    startup.open_for_gui(data_dir).db.close()
    assert checks == [False, True, False]  # deep only on the day's first start


def test_a_vanished_store_is_not_mistaken_for_a_first_run(data_dir):
    (data_dir / STORE_FILE).unlink()
    with pytest.raises(startup.StoreLost) as info:
        startup.open_for_gui(data_dir)
    assert isinstance(info.value, StoreDamaged)
    assert "Do not run the first-time setup" in info.value.message("en")
    assert not (data_dir / STORE_FILE).exists()


def test_an_empty_folder_is_a_first_run(tmp_path):
    with pytest.raises(NoStore):
        startup.open_for_gui(tmp_path / "new")


def test_a_full_disk_at_start_still_opens_and_says_so(data_dir, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups.tempfile, "mkstemp", full)
    opened = startup.open_for_gui(data_dir)
    opened.db.close()
    assert opened.backup is None
    assert isinstance(opened.backup_problem, StoreProblem)
    assert "disk penuh" in opened.backup_problem.message("id")


def test_a_wrong_clock_is_reported_at_start(data_dir):
    opened = startup.open_for_gui(data_dir, now=datetime(2019, 1, 3, 8, tzinfo=UTC))
    opened.db.close()
    assert not opened.clock.ok and "2019" in opened.clock.message("en")


def test_setup_makes_the_store_and_key_private(template):
    assert stat.S_IMODE((template / STORE_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE(template.stat().st_mode) == 0o700
    assert stat.S_IMODE((template / "keys").stat().st_mode) == 0o700
    assert stat.S_IMODE((template / "keys" / "signing-key.pem").stat().st_mode) == 0o600


def test_closing_the_window_backs_up_the_days_work(data_dir):
    opened = startup.open_for_gui(data_dir)
    made, problem = startup.close_for_gui(opened.db)
    assert problem is None and made is not None
    assert len(backups.list_backups(data_dir / "backups")) == 2  # opening and closing


def test_start_up_makes_a_folder_copied_back_private_again(data_dir):
    key = data_dir / "keys" / "signing-key.pem"
    for path, mode in ((data_dir / STORE_FILE, 0o644), (key, 0o644), (key.parent, 0o755)):
        path.chmod(mode)
    opened = startup.open_for_gui(data_dir)
    opened.db.close()
    assert stat.S_IMODE((data_dir / STORE_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(opened.backup.path.stat().st_mode) == 0o600
