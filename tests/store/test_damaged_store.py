"""A store is never silently replaced: emptied, a damaged page, a folder that cannot be written."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from ewarong_desktop.cli import main
from ewarong_desktop.services import backup as backups
from ewarong_desktop.store.database import STORE_FILE, StoreDamaged
from tests.cli.conftest import act_as
from tests.conftest import Shop, make_shop

ADMIN_PIN = "123456"  # make_shop's admin


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    shop: Shop = make_shop(tmp_path / "data")
    shop.ctx.close()  # the last connection folds the WAL into the file
    act_as(monkeypatch, "admin", ADMIN_PIN)
    yield shop.data_dir


def cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), "--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def damage_a_page(data_dir: Path, table: str = "beneficiaries") -> None:
    """Scribble over the root page of `table`, as a failing disk sector would."""
    path = data_dir / STORE_FILE
    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
        page = root.fetchone()[0]
    with open(path, "r+b") as f:
        f.seek((page - 1) * page_size)
        f.write(bytes([0xA5]) * page_size)


# Commands a script might run next; each must refuse, none may build or export anything.
NEXT_COMMANDS = [
    ["kpm", "list"],
    ["stock"],
    ["month", "2020-05"],
    ["redeem", "--kks", "6013010012345678", "--item", "Beras:1"],
    ["kpm", "add", "--nik", "1807124407900004", "--kks", "601301009", "--name", "Ani"],
]


def test_an_emptied_store_is_refused_by_every_command_and_never_rebuilt(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = backups.backup(store).path
    (store / STORE_FILE).write_bytes(b"")
    for args in [*NEXT_COMMANDS, ["export", "--out", str(tmp_path)]]:
        code, _, err = cli(capsys, store, *args)
        assert code == 1, args
        assert "damaged" in err and "restore" in err and err.count("\n") == 1, (args, err)
        assert (store / STORE_FILE).stat().st_size == 0, f"{args} built a schema into it"
    code, out, _ = cli(capsys, store, "check")
    assert code == 1 and "damaged" in out and "empty file" in out
    with pytest.raises(StoreDamaged):
        backups.backup(store, keep_recent=1)
    assert [b.path for b in backups.list_backups(backups.backups_dir(store))] == [good]
    assert not list(tmp_path.glob("*.ewsync*")), "no bundle from a damaged store"


def test_a_damaged_page_is_reported_by_check_and_refused_by_every_command(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage_a_page(store)
    code, out, err = cli(capsys, store, "check")
    assert code == 1, "check reports the damage, it does not crash (exit 70)"
    assert "PROBLEM:" in out and "restore" in err and "Traceback" not in out + err
    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    for args in [*NEXT_COMMANDS, ["export", "--out", str(out_dir)]]:
        code, _, err = cli(capsys, store, *args)
        assert code == 1 and "damaged" in err and err.count("\n") == 1, (args, err)
    assert list(out_dir.iterdir()) == []


def test_a_backup_of_a_damaged_store_never_rotates_a_good_one_away(store: Path) -> None:
    kept = [backups.backup(store, keep_recent=2).path for _ in range(2)]
    damage_a_page(store, "products")
    with pytest.raises(StoreDamaged):
        backups.backup(store, keep_recent=2)
    assert [b.path for b in backups.list_backups(backups.backups_dir(store))] == kept


def _as_nobody() -> None:  # pragma: no cover - runs in the child
    os.setgid(65534)
    os.setuid(65534)


def test_a_read_only_data_folder_reads_but_refuses_writes_as_cannot_write(store: Path) -> None:
    """Read-only means "cannot write the folder", never "damaged", and reading still works."""
    root = Path(tempfile.mkdtemp(prefix="ewarong-ro-"))
    try:
        data = root / "data"
        shutil.copytree(store, data, ignore=shutil.ignore_patterns("backups", "keys"))
        shutil.copytree(store / "keys", data / "keys")
        for path in (data, *data.rglob("*")):
            path.chmod(0o555 if path.is_dir() else 0o444)
        root.chmod(0o755)
        # Root writes anywhere: the check runs as an unprivileged user, as a shop's would.
        become = _as_nobody if os.geteuid() == 0 else None
        env = {**os.environ, "EWARONG_OPERATOR": "admin", "EWARONG_PIN": ADMIN_PIN}
        env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
        env["HOME"] = str(root)

        command = [sys.executable, "-m", "ewarong_desktop", "--data-dir", str(data)]

        def run(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [*command, "--lang", "en", *args],
                capture_output=True,
                text=True,
                env=env,
                preexec_fn=become,
                cwd=root,
                timeout=120,
            )

        listed = run("kpm", "list")
        assert listed.returncode == 0, listed.stderr
        assert "Siti Rahayu" in listed.stdout
        checked = run("check")
        assert checked.returncode == 0 and "The store is whole." in checked.stdout
        for args in (
            ["kpm", "add", "--nik", "1807124407900004", "--kks", "601301009", "--name", "Ani"],
            ["redeem", "--kks", "6013010012345678", "--item", "Beras:1"],
        ):
            refused = run(*args)
            assert refused.returncode == 1, (args, refused.stdout, refused.stderr)
            assert "cannot be written" in refused.stderr and "damaged" not in refused.stderr
    finally:
        for path in (root, *root.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(root)
