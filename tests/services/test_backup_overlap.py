"""The backup's parts overlap (rows laid out, zstd on a second thread, the page check on a
third): a fault in any of them still leaves no new file and every older backup in place."""

from __future__ import annotations

import errno
import io
import shutil
import threading
from datetime import datetime
from pathlib import Path

import pytest

from ewarong_desktop.domain.errors import StoreProblem
from ewarong_desktop.services import backup as backups
from ewarong_desktop.services import backup_files as bf
from ewarong_desktop.store import logical
from ewarong_desktop.store.database import STORE_FILE, StoreDamaged
from tests.templates import demo_12x2

TODAY = datetime(2024, 5, 20, 10, 0)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    demo_12x2(data_dir)
    return data_dir


@pytest.fixture
def data_dir(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(template, target)
    return target


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_pages_found_damaged_while_the_rows_were_written_leave_no_backup(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = backups.backup(data_dir)

    def damaged(self: logical.Copy) -> None:
        self._checked = ["*** in database main ***", "Page 7: btreeInitPage() returns error"]

    monkeypatch.setattr(logical.Copy, "_check", damaged)
    with pytest.raises(StoreDamaged):
        backups.backup(data_dir)
    assert files_in(data_dir / "backups") == [first.path.name]  # nothing new, nothing rotated


class FillsUp(io.BytesIO):
    """A disk that fills up after `room` bytes."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room

    def write(self, data: object) -> int:
        if self.tell() + len(data) > self.room:  # type: ignore[arg-type]
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)  # type: ignore[arg-type]


def test_a_disk_filling_up_under_the_compressing_thread_stops_the_backup(
    data_dir: Path,
) -> None:
    before = threading.active_count()
    raised: list[BaseException] = []

    def back_up() -> None:
        with logical.copy_of(data_dir / STORE_FILE) as copy:
            try:
                bf.write_store(copy, FillsUp(4096))  # type: ignore[arg-type]
            except OSError as exc:
                raised.append(exc)

    worker = threading.Thread(target=back_up, daemon=True)
    worker.start()
    worker.join(60)  # the disk filling up at the last flush once left it waiting for ever
    assert not worker.is_alive()
    assert [getattr(e, "errno", None) for e in raised] == [errno.ENOSPC]
    assert threading.active_count() == before  # the compressing and checking threads ended


def test_the_service_says_the_disk_is_full_and_keeps_the_older_backups(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = backups.backup(data_dir)
    write_pieces = bf._write_pieces

    def small_disk(pieces, target):  # type: ignore[no-untyped-def]
        target.write(b"\x28\xb5\x2f\xfd")
        return write_pieces(pieces, FillsUp(1024))

    monkeypatch.setattr(bf, "_write_pieces", small_disk)
    with pytest.raises(StoreProblem) as info:
        backups.backup(data_dir)
    assert "disk is full" in info.value.message("en")
    assert files_in(data_dir / "backups") == [first.path.name]
