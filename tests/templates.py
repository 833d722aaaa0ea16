"""Stores the tests start from: each built once per test run by the real services and copied
into every test that asks for it, so that each test owns real files it may change without
paying for migrations, seeding and audit again (a third of a second for a bare shop, seconds
for a demo). Tests of setup, migration or the first run call the services themselves.

Under pytest-xdist the workers share one folder of the run (`use_folder`): the first worker
to need a store builds it while the others wait for it, so each is built once per run."""

from __future__ import annotations

import atexit
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar, cast

T = TypeVar("T")
_FOLDER: list[Path] = []
_MADE: dict[str, object] = {}
WAIT_S = 900  # for another worker's build: a one-year demo takes minutes on a loaded machine


def use_folder(folder: Path) -> None:
    """Where this run keeps its stores (the session's shared temporary folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    _FOLDER[:] = [folder]


def _folder() -> Path:
    if not _FOLDER:  # outside a pytest session: a folder of this process's own
        folder = Path(tempfile.mkdtemp(prefix="ewarong-templates-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _FOLDER.append(folder)
    return _FOLDER[0]


def copy_of_template(name: str, build: Callable[[Path], T], data_dir: Path) -> T:
    """Copy the store `build(folder)` makes (once per run) into `data_dir`; return what that
    build returned (ids and the like, the same for every copy). `build` must leave nothing
    open on the store (the last connection closed folds SQLite's WAL into the file)."""
    folder = _folder() / name
    if name not in _MADE:
        _MADE[name] = _built(folder, build)
    shutil.copytree(folder / "data", data_dir, dirs_exist_ok=True)
    return cast(T, _MADE[name])


def _built(folder: Path, build: Callable[[Path], object]) -> object:
    """Build under a lock (a directory: made atomically on every system), or wait for the
    worker that holds it to finish. A build that fails leaves no store: the next one tries."""
    done = folder / "made.pickle"
    lock = folder.with_name(folder.name + ".lock")
    deadline = time.monotonic() + WAIT_S
    while not done.exists():
        try:
            lock.mkdir()
        except FileExistsError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{folder.name}: another worker held {lock} too long") from None
            time.sleep(0.05)
            continue
        try:
            if not done.exists():
                shutil.rmtree(folder, ignore_errors=True)
                made = build(folder / "data")
                partial = folder / "made.pickle.partial"
                partial.write_bytes(pickle.dumps(made))
                os.replace(partial, done)
        finally:
            lock.rmdir()
    return pickle.loads(done.read_bytes())


def _demo(name: str, data_dir: Path, **options: object) -> None:
    """A copy of `build_demo(**options)`'s store, built once per run for every module that
    asks for the same one."""
    from ewarong_desktop.services.demo import build_demo

    def build(path: Path) -> None:
        build_demo(path, **options)  # type: ignore[arg-type]

    copy_of_template(name, build, data_dir)


def demo_6x1(data_dir: Path) -> None:
    """6 KPM over the month to 20 May 2024 (the services' audit and roles tests)."""
    _demo("demo-6x1", data_dir, kpm=6, months=1, today=datetime(2024, 5, 20, 10))


def demo_12x2(data_dir: Path) -> None:
    """12 KPM over the two months to 20 May 2024 (backups and bundles)."""
    _demo("demo-12x2", data_dir, kpm=12, months=2, today=datetime(2024, 5, 20, 10))


def demo_3x1(data_dir: Path) -> None:
    """3 KPM over the month to 20 May 2024 (another e-warong's store beside one of those)."""
    _demo("demo-3x1", data_dir, kpm=3, months=1, today=datetime(2024, 5, 20, 10))
